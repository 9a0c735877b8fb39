"""Alembic migrations of the store, applied by `open_store` (shipped as package data)."""
