"""Pages for people (the verify page now; the office and participant pages come next)."""
