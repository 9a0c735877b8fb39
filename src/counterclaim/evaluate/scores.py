"""Claim-level and event-level figures: precision, recall, F1, attribute and tally accuracy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from counterclaim.evaluate.gold import EVENT_COUNT_COLUMNS, EventRow
from counterclaim.evaluate.matching import ATTRIBUTES, DocumentResult


def ratio(part: int, whole: int) -> float:
    """part / whole, 0.0 when whole is 0."""
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class ClaimEvaluation:
    """The outcome of one gold file: one result per document, and the time extraction took."""

    source: str
    documents: tuple[DocumentResult, ...]
    seconds: float = 0.0

    @property
    def true_positives(self) -> int:
        """Gold claims matched by a prediction."""
        return sum(len(d.matched) for d in self.documents)

    @property
    def false_positives(self) -> int:
        """Predictions that match no gold claim."""
        return sum(len(d.spurious) for d in self.documents)

    @property
    def false_negatives(self) -> int:
        """Gold claims no prediction matched."""
        return sum(len(d.missed) for d in self.documents)

    @property
    def precision(self) -> float:
        """Share of predictions that match a gold claim."""
        return ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        """Share of gold claims matched."""
        return ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def attribute_counts(self) -> dict[str, tuple[int, int]]:
        """For each attribute: (right, checked) among matched claims where gold sets it."""
        counts = {}
        for name in ATTRIBUTES:
            checked = [m.checks[name] for d in self.documents for m in d.matched
                       if m.checks[name] is not None]
            counts[name] = (sum(1 for ok in checked if ok), len(checked))
        return counts

    @property
    def fully_correct(self) -> int:
        """Matched claims whose claimant, said_on and location are all right."""
        return sum(1 for d in self.documents for m in d.matched if m.fully_correct)

    @property
    def gold_claims(self) -> int:
        """Claims in the gold file."""
        return sum(len(d.document.claims) for d in self.documents)


@dataclass(frozen=True)
class EventMismatch:
    """A coded count the tally got wrong."""

    doc: str
    column: str
    gold: int
    got: int
    text: str
    source_dataset: str | None


@dataclass(frozen=True)
class EventEvaluation:
    """Exact-match accuracy of per-document tallies against coded counts."""

    source: str
    rows: int
    correct: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    mismatches: tuple[EventMismatch, ...] = ()
    seconds: float = 0.0
    tallies: dict[str, dict[str, int]] = field(default_factory=dict)  # doc -> the tally scored

    def accuracy(self, column: str, group: str = "all") -> float:
        """Exact-match share for a column, overall ("all") or for one source_dataset."""
        right, scored = self.correct.get(group, {}).get(column, (0, 0))
        return ratio(right, scored)


OVERALL = "all"


def score_tallies(source: str, events: Sequence[EventRow],
                  tallies: dict[str, dict[str, int]], seconds: float = 0.0) -> EventEvaluation:
    """Compare tallies ({doc: {column: count}}) with the coded counts; blank cells are skipped.

    A document without a tally, or a count the tally leaves out, reads as 0: the coders'
    "none reported".
    """
    correct: dict[str, dict[str, list[int]]] = {}
    mismatches = []
    for event in events:
        tally = tallies.get(event.doc, {})
        groups = [OVERALL] + ([event.source_dataset] if event.source_dataset else [])
        for column in EVENT_COUNT_COLUMNS:
            gold = event.counts.get(column)
            if gold is None:
                continue
            got = tally.get(column) or 0
            for group in groups:
                pair = correct.setdefault(group, {}).setdefault(column, [0, 0])
                pair[0] += got == gold
                pair[1] += 1
            if got != gold:
                mismatches.append(EventMismatch(event.doc, column, gold, got, event.text,
                                                event.source_dataset))
    frozen = {g: {c: (pair[0], pair[1]) for c, pair in cols.items()} for g, cols in correct.items()}
    return EventEvaluation(source, len(events), frozen, tuple(mismatches), seconds, dict(tallies))
