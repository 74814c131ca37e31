"""What docservice tells people by e-mail: the texts (``texts``: plain-text templates in the
translators' catalogue, each in the reader's language) and when it tells them (``notices``:
a document that failed or was rejected, reminders of what is missing or due, the office's
daily digest). The sending is ``background.mail``'s."""
