"""Editors' decisions on flags, kept in a local SQLite file (``store``)."""
