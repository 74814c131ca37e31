"""Storage: the embedded SQLite database (or PostgreSQL when a URL is given), with migrations."""
