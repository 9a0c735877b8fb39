"""Extraction: Document -> Claims (the claim grammar over a spaCy pipeline)."""

from counterclaim.extraction.pipeline import extract_claims, extract_with_tally

__all__ = ["extract_claims", "extract_with_tally"]
