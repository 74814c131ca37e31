"""The mobility dossier: the checklist of documents, their checks, the reconciliation of their
dates and the final grant. ``checklist``, ``reconcile`` and ``final`` are pure; ``store`` keeps
dossiers in the database and ``view`` turns one into the answer of interface §5."""
