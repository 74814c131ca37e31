"""Projects: the office's grant agreements with the National Agency (interface §7, domain §8),
their budget ledgers, and the Beneficiary Module's import and error files.

``model`` validates a project, ``store`` keeps it, ``ledger`` adds up its mobilities' grants and
payments, ``bm`` writes the Beneficiary Module's mobility import file and checks its rules
first, ``feedback`` reads the Module's error log back onto the dossiers, ``report`` makes the
yearly report."""
