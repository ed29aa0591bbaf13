"""The message catalogs, one per language: ``<lang>.po`` (edited) and ``<lang>.mo`` (compiled, read at run time)."""
