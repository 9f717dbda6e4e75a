"""Whole-database backups (`quire export-all` / `quire import-all`): every table as JSON lines."""
