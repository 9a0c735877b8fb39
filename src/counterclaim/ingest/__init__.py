"""Ingest: turn files, pages, feeds and corpora into `Document`s."""

from counterclaim.ingest.files import DEFAULT_MAX_BYTES, read_documents

__all__ = ["DEFAULT_MAX_BYTES", "read_documents"]
