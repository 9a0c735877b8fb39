"""Match predicted claims to gold claims, one to one, and check their attributes.

A predicted claim *matches* a gold claim when all of these hold:

| test       | rule |
| ---------- | ---- |
| category   | the same (`killed_or_wounded` in a gold file already reads as `casualties`) |
| low        | `quantity.low` equal |
| high       | `quantity.high` equal, where the gold sets one |
| evidence   | the two spans overlap (a gold claim without evidence overlaps everything) |

Each gold claim takes at most one prediction and each prediction serves at most one gold
claim. Gold claims are served in file order, each taking the first free prediction that
matches; only when none is free is an earlier assignment moved (an augmenting path), so the
number of matches is the largest possible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from counterclaim.evaluate.gold import CATEGORY_ALIASES, GoldClaim, GoldDocument
from counterclaim.models import Claim

ATTRIBUTES = ("claimant", "said_on", "location", "qualifier")
# Attributes that make a matched claim "fully correct"; the qualifier is reported apart.
FULLY_CORRECT_ATTRIBUTES = ("claimant", "said_on", "location")

# Words that say nothing about *which* body or place is meant: articles and prepositions,
# reporting verbs, titles, and the annotators' placeholders. Words under three letters are
# ignored as well.
NAME_STOP_WORDS = frozenset("""
    the of a an and for to in on by its his her de la
    said says mr ms official officials journalist unattributed
""".split())
MIN_NAME_WORD = 3
# A gold name of up to three content words needs one of them in the prediction; a name of
# four or more needs two, so one shared country word does not make two long names agree.
LONG_NAME_WORDS = 4


@dataclass(frozen=True)
class MatchedClaim:
    """A gold claim, the prediction that matched it, and which attributes are right."""

    gold: GoldClaim
    predicted: Claim
    checks: dict[str, bool | None]  # attribute -> right, wrong, or None when gold sets none

    @property
    def fully_correct(self) -> bool:
        """Claimant, said_on and location all right where the gold sets them."""
        return all(self.checks[name] is not False for name in FULLY_CORRECT_ATTRIBUTES)


@dataclass(frozen=True)
class DocumentResult:
    """The outcome for one gold document."""

    document: GoldDocument
    predicted: tuple[Claim, ...]
    matched: tuple[MatchedClaim, ...]
    missed: tuple[GoldClaim, ...]
    spurious: tuple[Claim, ...]


def normalise_category(category: str) -> str:
    """The category under its current name."""
    return CATEGORY_ALIASES.get(category, category)


def spans_overlap(gold: GoldClaim, predicted: Claim) -> bool:
    """True when the evidence spans share a character, or the gold gives no span."""
    if gold.evidence_start is None or gold.evidence_end is None:
        return True
    return (gold.evidence_start < predicted.evidence.end
            and predicted.evidence.start < gold.evidence_end)


def claim_matches(gold: GoldClaim, predicted: Claim) -> bool:
    """True when a prediction states the gold claim: category, figure and place in the text."""
    return (normalise_category(predicted.category) == gold.category
            and predicted.quantity.low == gold.low
            and (gold.high is None or predicted.quantity.high == gold.high)
            and spans_overlap(gold, predicted))


def name_words(name: str) -> set[str]:
    """The content words of a name, lower-cased."""
    return {word for word in re.findall(r"[a-z0-9]+", name.lower())
            if len(word) >= MIN_NAME_WORD and word not in NAME_STOP_WORDS}


def names_agree(gold_name: str, *candidates: str | None) -> bool:
    """True when a predicted name or mention refers to the gold name (see LONG_NAME_WORDS)."""
    written = " ".join(c for c in candidates if c).lower()
    if not written:
        return False
    if gold_name.lower() in written:
        return True
    wanted = name_words(gold_name)
    needed = 2 if len(wanted) >= LONG_NAME_WORDS else 1
    return bool(wanted) and len(wanted & name_words(written)) >= needed


def check_claimant(gold: GoldClaim, predicted: Claim) -> bool:
    """Gold null needs a null (or nameless) claimant; otherwise the names must agree."""
    claimant = predicted.claimant
    if gold.claimant is None:
        return claimant is None or not claimant.name
    return claimant is not None and names_agree(gold.claimant, claimant.name, claimant.mention)


def check_said_on(gold: GoldClaim, predicted: Claim) -> bool | None:
    """The same ISO date, where the gold gives one."""
    if gold.said_on is None:
        return None
    return predicted.said_on is not None and predicted.said_on.isoformat() == gold.said_on


def check_location(gold: GoldClaim, predicted: Claim) -> bool | None:
    """The gold place named by the predicted place (name, mention or region), where gold gives one."""
    if gold.location is None:
        return None
    place = predicted.location
    return place is not None and names_agree(gold.location, place.name, place.mention,
                                             place.admin1)


def check_qualifier(gold: GoldClaim, predicted: Claim) -> bool | None:
    """The same qualifier, where the gold gives one."""
    if gold.qualifier is None:
        return None
    return predicted.quantity.qualifier == gold.qualifier


def check_attributes(gold: GoldClaim, predicted: Claim) -> dict[str, bool | None]:
    """Right (True), wrong (False) or not annotated (None), for each attribute."""
    return {"claimant": check_claimant(gold, predicted),
            "said_on": check_said_on(gold, predicted),
            "location": check_location(gold, predicted),
            "qualifier": check_qualifier(gold, predicted)}


def match_one_to_one(gold: Sequence[GoldClaim], predicted: Sequence[Claim]) -> dict[int, int]:
    """The largest one-to-one matching, as {gold index: prediction index}."""
    candidates = [[j for j, claim in enumerate(predicted) if claim_matches(g, claim)]
                  for g in gold]
    owner: dict[int, int] = {}  # prediction index -> gold index

    def reassign(gold_index: int, visited: set[int]) -> bool:
        for j in candidates[gold_index]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or reassign(owner[j], visited):
                owner[j] = gold_index
                return True
        return False

    for gold_index, options in enumerate(candidates):
        free = next((j for j in options if j not in owner), None)
        if free is not None:
            owner[free] = gold_index
        else:
            reassign(gold_index, set())
    return {g: j for j, g in owner.items()}


def evaluate_document(document: GoldDocument, predicted: Sequence[Claim]) -> DocumentResult:
    """Match one document's predictions to its gold claims."""
    pairs = match_one_to_one(document.claims, predicted)
    matched = tuple(MatchedClaim(g, predicted[pairs[i]], check_attributes(g, predicted[pairs[i]]))
                    for i, g in enumerate(document.claims) if i in pairs)
    used = set(pairs.values())
    return DocumentResult(
        document=document, predicted=tuple(predicted), matched=matched,
        missed=tuple(g for i, g in enumerate(document.claims) if i not in pairs),
        spurious=tuple(c for j, c in enumerate(predicted) if j not in used),
    )
