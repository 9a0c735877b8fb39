"""Run the extractor over a gold file and evaluate what it finds."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from counterclaim.evaluate.gold import EventRow, GoldDocument, load_events, load_gold
from counterclaim.evaluate.matching import evaluate_document
from counterclaim.evaluate.scores import ClaimEvaluation, EventEvaluation, score_tallies
from counterclaim.models import Claim, Document

ExtractClaims = Callable[[Document], list[Claim]]
ExtractWithTally = Callable[[Document], tuple[list[Claim], dict[str, int]]]


def gold_document(document: GoldDocument) -> Document:
    """The Document the extractor reads for a gold document (id, text and date only)."""
    return Document(id=document.id, text=document.text, published=document.published)


def event_document(event: EventRow) -> Document:
    """The Document the extractor reads for a coded event."""
    return Document(id=event.doc, text=event.text, published=event.published)


def _default_extract() -> ExtractClaims:
    # looked up at call time so a test can replace counterclaim.extract_document
    import counterclaim

    return counterclaim.extract_document


def _default_tally() -> ExtractWithTally:
    import counterclaim

    return counterclaim.extract_document_with_tally


def evaluate_claims(source: str, documents: list[GoldDocument],
                    extract: ExtractClaims | None = None) -> ClaimEvaluation:
    """Extract claims from every gold document and match them to the gold claims."""
    extract = extract or _default_extract()
    started = time.perf_counter()
    results = tuple(evaluate_document(d, extract(gold_document(d))) for d in documents)
    return ClaimEvaluation(source, results, time.perf_counter() - started)


def evaluate_gold_file(path: str | Path, extract: ExtractClaims | None = None) -> ClaimEvaluation:
    """Load a gold JSONL file, run extraction over it and evaluate the claims."""
    return evaluate_claims(str(path), load_gold(path), extract)


def evaluate_events(source: str, events: list[EventRow],
                    extract_with_tally: ExtractWithTally | None = None) -> EventEvaluation:
    """Tally every coded event and compare with the coded killed / wounded counts."""
    extract_with_tally = extract_with_tally or _default_tally()
    started = time.perf_counter()
    tallies = {e.doc: extract_with_tally(event_document(e))[1] for e in events}
    return score_tallies(source, events, tallies, time.perf_counter() - started)


def evaluate_events_file(path: str | Path,
                         extract_with_tally: ExtractWithTally | None = None) -> EventEvaluation:
    """Load an events CSV, tally each row and evaluate the tallies."""
    return evaluate_events(str(path), load_events(path), extract_with_tally)
