"""A document's text cut into pieces, each with the claims whose evidence covers it.

Templates print each piece escaped, inside a <mark> when claims cover it: the text itself is
never markup. Spans may overlap (two claims read from one sentence); a piece then lists both.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Where one claim's evidence lies in the text (end exclusive)."""

    start: int
    end: int
    claim_id: str


@dataclass(frozen=True)
class Piece:
    """A run of text and the claims whose evidence covers all of it (none: plain text)."""

    text: str
    claims: tuple[str, ...]
    start: int


def cut_text(text: str, spans: Iterable[Span]) -> list[Piece]:
    """The text as pieces at every span boundary; spans are clipped to the text."""
    clipped = [Span(max(0, s.start), min(len(text), s.end), s.claim_id) for s in spans]
    clipped = [s for s in clipped if s.start < s.end]
    bounds = sorted({0, len(text), *(s.start for s in clipped), *(s.end for s in clipped)})
    pieces = []
    for start, end in pairwise(bounds):
        covering = tuple(dict.fromkeys(s.claim_id for s in clipped if s.start <= start and end <= s.end))
        pieces.append(Piece(text[start:end], covering, start))
    return pieces
