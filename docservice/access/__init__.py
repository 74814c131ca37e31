"""Who may do what: API tokens and the principal of a request (``auth``), the office's users of
the web pages (``users``), and the log of who did what (``audit``)."""
