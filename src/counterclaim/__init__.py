"""counterclaim: source-attributed casualty and force claims from war and disaster reporting.

    >>> import counterclaim
    >>> claims = counterclaim.extract("Officials said at least 12 soldiers were killed.")
"""

from __future__ import annotations

from datetime import date

from counterclaim.errors import CounterclaimError, ExtractionError, InputError, StorageError
from counterclaim.models import Actor, Claim, Document, Evidence, Place, Quantity

__version__ = "0.1.0"
# Moves whenever the claim record or what the extractor reads changes; stored with each claim.
EXTRACTOR_VERSION = "0.1.0"

__all__ = [
    "Actor", "Claim", "CounterclaimError", "Document", "EXTRACTOR_VERSION", "Evidence",
    "ExtractionError", "InputError", "Place", "Quantity", "StorageError", "__version__",
    "extract", "extract_document", "tally",
]


def extract(text: str, published: date | str | None = None,
            doc_id: str | None = None) -> list[Claim]:
    """Every source-attributed quantitative claim in a text."""
    from counterclaim.extract import extract_claims
    from counterclaim.ingest.files import parse_iso_date

    if isinstance(published, str):
        published = parse_iso_date(published)
    return extract_claims(Document(id=doc_id or "<text>", text=text, published=published))


def extract_document(document: Document) -> list[Claim]:
    """Every source-attributed quantitative claim in a Document."""
    from counterclaim.extract import extract_claims

    return extract_claims(document)


def tally(claims: list[Claim]) -> dict[str, int]:
    """The killed / wounded / captured / missing figures a coder would enter for the event."""
    from counterclaim.extract.tally import tally_claims

    return tally_claims(claims)
