"""Pure checking library: a document and a mobility in, a report out.

Nothing here imports Flask or reads configuration; the service calls in, never the reverse.
"""
