"""Selection: a call's applications ranked by an institution's rule set into main and reserve
lists (interface §6, domain §7), and the steps that follow the ranking.

``rules`` reads rule sets (data files naming their source), ``applications`` reads the office's
sheet, ``scoring`` and ``ranking`` make the lists, ``steps`` applies the acceptance-letter
deadline and withdrawals. They are pure: the calls, their history and their audit live in
``docservice.selection.calls``.
"""
