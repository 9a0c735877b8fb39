"""Extract: Document -> Claims (the claim grammar over a spaCy pipeline)."""

from counterclaim.extraction.pipeline import extract_claims

__all__ = ["extract_claims"]
