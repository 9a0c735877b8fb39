"""counterclaim: source-attributed casualty and force claims from war and disaster reporting.

    >>> import counterclaim
    >>> claims = counterclaim.extract("Officials said at least 12 soldiers were killed.")
"""

from __future__ import annotations

from datetime import date

from counterclaim.errors import CounterclaimError, ExtractionError, InputError, StorageError
from counterclaim.models import Actor, Claim, Document, Evidence, Place, Quantity

__version__ = "0.3.1"
# Moves whenever the claim record or what the extractor reads changes; stored with each claim.
EXTRACTOR_VERSION = "0.3.1"

__all__ = [
    "Actor", "Claim", "CounterclaimError", "Document", "EXTRACTOR_VERSION", "Evidence",
    "ExtractionError", "InputError", "Place", "Quantity", "StorageError", "__version__",
    "extract", "extract_document", "extract_document_with_tally", "tally",
]


def extract(text: str, published: date | str | None = None,
            doc_id: str | None = None) -> list[Claim]:
    """Every source-attributed quantitative claim in a text."""
    from counterclaim.extraction import extract_claims
    from counterclaim.ingest.files import parse_iso_date

    if isinstance(published, str):
        published = parse_iso_date(published)
    return extract_claims(Document(id=doc_id or "<text>", text=text, published=published))


def extract_document(document: Document) -> list[Claim]:
    """Every source-attributed quantitative claim in a Document."""
    from counterclaim.extraction import extract_claims

    return extract_claims(document)


def tally(text: str, published: date | str | None = None) -> dict[str, int]:
    """The killed / wounded / captured / missing figures a coder would enter for the event."""
    from counterclaim.extraction import extract_with_tally
    from counterclaim.ingest.files import parse_iso_date

    if isinstance(published, str):
        published = parse_iso_date(published)
    return extract_with_tally(Document(id="<text>", text=text, published=published))[1]


def extract_document_with_tally(document: Document) -> tuple[list[Claim], dict[str, int]]:
    """The claims of a Document and its event tally."""
    from counterclaim.extraction import extract_with_tally

    return extract_with_tally(document)
