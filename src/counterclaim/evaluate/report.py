"""Say what an evaluation found: summaries, error listings, failure classes, docs/accuracy.md.

Failure classes come from simple rules, tried in the order of the tables below; the first
rule that holds names the class. Each class's example is a sentence this module writes from
the facts of one case (ids, categories, figures, dates), never text quoted from a passage:
gold passages are other people's words and stay out of the project's pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from counterclaim.evaluate.gold import GoldClaim
from counterclaim.evaluate.matching import (ATTRIBUTES, DocumentResult, MatchedClaim,
                                            claim_matches, normalise_category, spans_overlap)
from counterclaim.evaluate.scores import OVERALL, ClaimEvaluation, EventEvaluation, EventMismatch
from counterclaim.models import Claim

TEXT_PREVIEW = 80


@dataclass(frozen=True)
class Failure:
    """One failure, its class and a description in the project's own words."""

    kind: str
    description: str


@dataclass(frozen=True)
class FailureClass:
    """A failure class: its name, the rule that assigns it, and its failures."""

    name: str
    rule: str
    failures: tuple[Failure, ...]


def figure(low: float | None, high: float | None) -> str:
    """A figure as written in listings: 12, or 200-999 for a range."""
    def number(value: float | None) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return number(low) + (f"-{number(high)}" if high is not None else "")


def gold_figure(gold: GoldClaim) -> str:
    """The gold claim as "category figure"."""
    return f"{gold.category} {figure(gold.low, gold.high)}"


def claim_figure(claim: Claim) -> str:
    """A predicted claim as "category figure"."""
    return f"{normalise_category(claim.category)} {figure(claim.quantity.low, claim.quantity.high)}"


# --- misses -----------------------------------------------------------------------------

MissRule = Callable[[GoldClaim, DocumentResult], Claim | None]


def _taken_by_other_gold(gold: GoldClaim, result: DocumentResult) -> Claim | None:
    used = {id(m.predicted) for m in result.matched}
    return next((c for c in result.predicted if id(c) in used and claim_matches(gold, c)), None)


def _same_figure_other_category(gold: GoldClaim, result: DocumentResult) -> Claim | None:
    return next((c for c in result.predicted if c.quantity.low == gold.low
                 and normalise_category(c.category) != gold.category
                 and spans_overlap(gold, c)), None)


def _same_place_other_figure(gold: GoldClaim, result: DocumentResult) -> Claim | None:
    return next((c for c in result.predicted if normalise_category(c.category) == gold.category
                 and spans_overlap(gold, c)), None)


def _same_figure_elsewhere(gold: GoldClaim, result: DocumentResult) -> Claim | None:
    return next((c for c in result.predicted if normalise_category(c.category) == gold.category
                 and c.quantity.low == gold.low), None)


# (class, rule in words, test returning the prediction that shows it, description template)
MISS_RULES: tuple[tuple[str, str, MissRule, str], ...] = (
    ("miss: figure taken by another gold claim",
     "a prediction matches it but already serves another gold claim with the same figure",
     _taken_by_other_gold,
     "{label}: gold {gold}; the only prediction stating it was matched to another gold claim"),
    ("miss: wrong category",
     "a prediction has the same figure at the same place in the text, under another category",
     _same_figure_other_category,
     "{label}: gold {gold}; the extractor read the same figure there as {predicted}"),
    ("miss: figure read differently",
     "a prediction of the same category overlaps the evidence with another figure or range",
     _same_place_other_figure,
     "{label}: gold {gold} ({qualifier}); the extractor read {predicted} ({got_qualifier})"),
    ("miss: evidence elsewhere",
     "a prediction has the same category and figure, but its evidence does not overlap",
     _same_figure_elsewhere,
     "{label}: gold {gold}; the extractor gave {predicted} from another part of the text"),
)
# tried after MISS_RULES: no prediction illustrates these, so they only test the gold claim
MISS_PLAIN_RULES: tuple[tuple[str, str, Callable[[GoldClaim, DocumentResult], bool], str], ...] = (
    ("miss: nothing read from the passage",
     "the extractor gave no claim at all for the document",
     lambda gold, result: not result.predicted,
     "{label}: gold {gold} ({qualifier}); the extractor gave no claim for {doc}"),
    ("miss: range or vague amount not found",
     "the gold is a range or a vague amount (an upper bound is set) and no rule above holds",
     lambda gold, result: gold.high is not None,
     "{label}: gold {gold} ({qualifier}); no prediction reads this range"),
)
# when no rule above holds
MISS_FALLBACK = ("miss: figure not found",
                 "none of the above: no prediction has the figure at the place of the evidence",
                 "{label}: gold {gold} ({qualifier}); no prediction reads this figure")


def classify_miss(gold: GoldClaim, result: DocumentResult) -> tuple[str, str]:
    """The class of a missed gold claim and a description of the case."""
    facts = {"label": gold.label, "gold": gold_figure(gold), "qualifier": gold.qualifier or "-",
             "doc": gold.doc}
    for name, _rule, test, template in MISS_RULES:
        shown = test(gold, result)
        if shown is not None:
            return name, template.format(**facts, predicted=claim_figure(shown),
                                         got_qualifier=shown.quantity.qualifier)
    for name, _rule, plain_test, template in MISS_PLAIN_RULES:
        if plain_test(gold, result):
            return name, template.format(**facts)
    name, _rule, template = MISS_FALLBACK
    return name, template.format(**facts)


# --- spurious claims ----------------------------------------------------------------------

SpuriousRule = Callable[[Claim, DocumentResult], bool]


def _overlaps_missed(claim: Claim, result: DocumentResult) -> bool:
    return any(spans_overlap(g, claim) for g in result.missed if g.evidence_start is not None)


def _repeats_matched(claim: Claim, result: DocumentResult) -> bool:
    return any(normalise_category(m.predicted.category) == normalise_category(claim.category)
               and m.predicted.quantity.low == claim.quantity.low for m in result.matched)


def _inside_matched(claim: Claim, result: DocumentResult) -> bool:
    return any(spans_overlap(m.gold, claim) for m in result.matched
               if m.gold.evidence_start is not None)


def _passage_without_claims(claim: Claim, result: DocumentResult) -> bool:
    return not result.document.claims


SPURIOUS_RULES: tuple[tuple[str, str, SpuriousRule, str], ...] = (
    ("spurious: counterpart of a missed claim",
     "it overlaps the evidence of a gold claim that went unmatched (see the misses)",
     _overlaps_missed,
     "{doc}: predicted {predicted} where a gold claim went unmatched"),
    ("spurious: repeated figure",
     "a matched prediction of the document has the same category and figure",
     _repeats_matched,
     "{doc}: predicted {predicted} a second time"),
    ("spurious: extra figure inside a gold claim",
     "it overlaps the evidence of a matched gold claim, with another category or figure",
     _inside_matched,
     "{doc}: predicted {predicted} inside the evidence of a claim already matched"),
    ("spurious: figure in a passage without claims",
     "the gold document holds no claim at all (its numbers are not claims)",
     _passage_without_claims,
     "{doc}: predicted {predicted} in a passage annotated as holding no claim"),
    ("spurious: number is not a claim",
     "none of the above: the annotators did not count this number as a claim",
     lambda claim, result: True,
     "{doc}: predicted {predicted} ({qualifier}) where the gold has no claim"),
)


def classify_spurious(claim: Claim, result: DocumentResult) -> tuple[str, str]:
    """The class of a spurious prediction and a description of the case."""
    for name, _rule, test, template in SPURIOUS_RULES:
        if test(claim, result):
            return name, template.format(doc=result.document.id, predicted=claim_figure(claim),
                                         qualifier=claim.quantity.qualifier)
    raise AssertionError("the last spurious rule always holds")


# --- wrong attributes ---------------------------------------------------------------------

def _claimant_error(match: MatchedClaim) -> tuple[str, str]:
    got = match.predicted.claimant
    where = f"{match.gold.label}: gold {gold_figure(match.gold)}"
    if match.gold.claimant is None:
        return ("claimant given where the text speaks in its own voice",
                f"{where}; the gold has no claimant, the extractor named one of kind "
                f"{(got.kind if got else None) or '-'}")
    if got is None:
        return ("claimant missing",
                f"{where}; the gold names a claimant of kind {match.gold.claimant_kind or '-'}, "
                "the extractor none")
    return ("claimant wrong",
            f"{where}; gold claimant of kind {match.gold.claimant_kind or '-'}, predicted one "
            f"of kind {got.kind or '-'} whose name shares too few words with it")


def _said_on_error(match: MatchedClaim) -> tuple[str, str]:
    got = match.predicted.said_on
    where = f"{match.gold.label}: gold {gold_figure(match.gold)}, said on {match.gold.said_on}"
    if got is None:
        return "said_on missing", f"{where}; the extractor gave no date"
    return "said_on wrong", f"{where}; the extractor gave {got.isoformat()}"


def _location_error(match: MatchedClaim) -> tuple[str, str]:
    got = match.predicted.location
    where = f"{match.gold.label}: gold {gold_figure(match.gold)}, at {match.gold.location}"
    if got is None:
        return "location missing", f"{where}; the extractor gave no place"
    return "location wrong", f"{where}; the extractor placed it at {got.name}"


def _qualifier_error(match: MatchedClaim) -> tuple[str, str]:
    return ("qualifier wrong",
            f"{match.gold.label}: gold {gold_figure(match.gold)} read as {match.gold.qualifier}; "
            f"the extractor read it as {match.predicted.quantity.qualifier}")


ATTRIBUTE_ERRORS: dict[str, Callable[[MatchedClaim], tuple[str, str]]] = {
    "claimant": _claimant_error, "said_on": _said_on_error,
    "location": _location_error, "qualifier": _qualifier_error,
}
ATTRIBUTE_RULES = {
    "claimant given where the text speaks in its own voice":
        "the gold claimant is null (the document's own voice), the prediction names one",
    "claimant missing": "the gold names a claimant, the prediction has none",
    "claimant wrong": "both name a claimant, but the names share too few content words",
    "said_on missing": "the gold gives a date, the prediction none",
    "said_on wrong": "both give a date, and they differ",
    "location missing": "the gold gives a place, the prediction none",
    "location wrong": "both give a place, and the names share too few content words",
    "qualifier wrong": "the qualifier (exactly, about, at_least, ...) differs",
}


def claim_failure_classes(evaluation: ClaimEvaluation) -> list[FailureClass]:
    """Every miss, spurious claim and wrong attribute of an evaluation, in classes."""
    found: dict[str, list[Failure]] = {}

    def add(kind: str, description: str) -> None:
        found.setdefault(kind, []).append(Failure(kind, description))

    for result in evaluation.documents:
        for gold in result.missed:
            add(*classify_miss(gold, result))
        for claim in result.spurious:
            add(*classify_spurious(claim, result))
        for match in result.matched:
            for name in ATTRIBUTES:
                if match.checks[name] is False:
                    add(*ATTRIBUTE_ERRORS[name](match))
    rules = {name: rule for name, rule, _test, _template in MISS_RULES}
    rules.update({name: rule for name, rule, _test, _template in MISS_PLAIN_RULES})
    rules[MISS_FALLBACK[0]] = MISS_FALLBACK[1]
    rules.update({name: rule for name, rule, _test, _template in SPURIOUS_RULES})
    rules.update(ATTRIBUTE_RULES)
    order = list(rules)
    return sorted((FailureClass(k, rules[k], tuple(v)) for k, v in found.items()),
                  key=lambda c: (-len(c.failures), order.index(c.name)))


# --- event tallies ------------------------------------------------------------------------

NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()


def figure_written(count: int, text: str) -> bool:
    """True when the count appears in the text as digits (1,200 or 1200) or as a small word."""
    digits = rf"(?<![\d,.]){count:,}(?![\d]|,\d)|(?<![\d,.]){count}(?![\d]|,\d)"
    if re.search(digits, text):
        return True
    return count < len(NUMBER_WORDS) and re.search(rf"\b{NUMBER_WORDS[count]}\b", text,
                                                   re.IGNORECASE) is not None


EVENT_RULES: tuple[tuple[str, str, Callable[[EventMismatch], bool], str], ...] = (
    ("none counted, figure written",
     "the tally is 0 though the coded count is written in the text (digits or a word up to twenty)",
     lambda m: m.got == 0 and figure_written(m.gold, m.text),
     "{doc}: coded {column} {gold}, tally 0; the coded figure is written in the text"),
    ("none counted, figure needs reading",
     "the tally is 0 and the coded count is not written as such (a sum, \"a man\", a later update)",
     lambda m: m.got == 0,
     "{doc}: coded {column} {gold}, tally 0; the text never writes {gold} as a figure"),
    ("counted in a row coded 0",
     "the coders entered 0 (none, or unknown) and the tally counted some",
     lambda m: m.gold == 0,
     "{doc}: coded {column} 0, tally {got}"),
    ("too low", "the tally is above 0 and below the coded count",
     lambda m: m.got < m.gold,
     "{doc}: coded {column} {gold}, tally {got}"),
    ("too high", "the tally is above the coded count", lambda m: True,
     "{doc}: coded {column} {gold}, tally {got}"),
)


def event_failure_classes(evaluation: EventEvaluation) -> list[FailureClass]:
    """Every tally mismatch, in classes named "column: class"."""
    found: dict[str, list[Failure]] = {}
    for mismatch in evaluation.mismatches:
        for name, _rule, test, template in EVENT_RULES:
            if test(mismatch):
                kind = f"{mismatch.column}: {name}"
                found.setdefault(kind, []).append(Failure(kind, template.format(
                    doc=mismatch.doc, column=mismatch.column, gold=mismatch.gold,
                    got=mismatch.got)))
                break
    rules = {name: rule for name, rule, _test, _template in EVENT_RULES}
    return sorted((FailureClass(k, rules[k.split(": ", 1)[1]], tuple(v)) for k, v in found.items()),
                  key=lambda c: (-len(c.failures), c.name))


# --- summaries and listings ---------------------------------------------------------------

def claim_summary(evaluation: ClaimEvaluation, show_errors: bool = True) -> dict:
    """The figures of a claim evaluation as a JSON-ready dict, with the errors if asked."""
    summary: dict = {
        "gold": evaluation.source, "documents": len(evaluation.documents),
        "gold_claims": evaluation.gold_claims, "true_positives": evaluation.true_positives,
        "false_positives": evaluation.false_positives,
        "false_negatives": evaluation.false_negatives,
        "precision": round(evaluation.precision, 4), "recall": round(evaluation.recall, 4),
        "f1": round(evaluation.f1, 4),
        "attributes": {name: {"right": right, "checked": checked,
                              "accuracy": round(right / checked, 4) if checked else None}
                       for name, (right, checked) in evaluation.attribute_counts().items()},
        "fully_correct": evaluation.fully_correct, "seconds": round(evaluation.seconds, 2),
    }
    if show_errors:
        summary["misses"] = [
            {"gold": g.label, "category": g.category, "low": g.low, "high": g.high,
             "evidence": r.document.text[g.evidence_start:g.evidence_end]
             if g.evidence_start is not None else None}
            for r in evaluation.documents for g in r.missed]
        summary["spurious"] = [claim_listing(c) for r in evaluation.documents for c in r.spurious]
        summary["wrong_attributes"] = [
            {"gold": m.gold.label, "attribute": name, "expected": _expected(m, name),
             "got": _got(m, name)}
            for r in evaluation.documents for m in r.matched
            for name in ATTRIBUTES if m.checks[name] is False]
    return summary


def claim_listing(claim: Claim) -> dict:
    """A predicted claim, reduced for listings."""
    return {"doc": claim.doc, "category": claim.category, "low": claim.quantity.low,
            "high": claim.quantity.high, "evidence": claim.evidence.text}


def _expected(match: MatchedClaim, attribute: str) -> str | None:
    return {"claimant": match.gold.claimant, "said_on": match.gold.said_on,
            "location": match.gold.location, "qualifier": match.gold.qualifier}[attribute]


def _got(match: MatchedClaim, attribute: str) -> str | None:
    claim = match.predicted
    return {"claimant": claim.claimant.name if claim.claimant else None,
            "said_on": claim.said_on.isoformat() if claim.said_on else None,
            "location": claim.location.name if claim.location else None,
            "qualifier": claim.quantity.qualifier}[attribute]


def claim_error_lines(evaluation: ClaimEvaluation) -> list[str]:
    """One line per miss, spurious claim and wrong attribute, with the evidence text."""
    lines = []
    for result in evaluation.documents:
        for g in result.missed:
            evidence = (result.document.text[g.evidence_start:g.evidence_end]
                        if g.evidence_start is not None else "")
            lines.append(f"MISS     {g.label}: {gold_figure(g)}  «{_preview(evidence)}»")
        for c in result.spurious:
            lines.append(f"SPURIOUS {c.doc}: {claim_figure(c)}  «{_preview(c.evidence.text)}»")
        for m in result.matched:
            for name in ATTRIBUTES:
                if m.checks[name] is False:
                    lines.append(f"WRONG    {m.gold.label}: {gold_figure(m.gold)} {name}: "
                                 f"expected {_expected(m, name)!r}, got {_got(m, name)!r}")
    return lines


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_PREVIEW else flat[:TEXT_PREVIEW - 1] + "…"


def event_summary(evaluation: EventEvaluation, show_errors: bool = True) -> dict:
    """The figures of an events evaluation as a JSON-ready dict, with mismatches if asked."""
    summary: dict = {
        "events": evaluation.source, "rows": evaluation.rows,
        "accuracy": {group: {column: {"right": right, "scored": scored,
                                      "accuracy": round(right / scored, 4) if scored else None}
                             for column, (right, scored) in columns.items()}
                     for group, columns in sorted(evaluation.correct.items(),
                                                  key=lambda kv: (kv[0] != OVERALL, kv[0]))},
        "seconds": round(evaluation.seconds, 2),
    }
    if show_errors:
        summary["mismatches"] = [{"doc": m.doc, "column": m.column, "gold": m.gold, "got": m.got,
                                  "text": _preview(m.text)} for m in evaluation.mismatches]
    return summary


def event_error_lines(evaluation: EventEvaluation) -> list[str]:
    """One line per tally mismatch: id, column, coded count, tally, start of the text."""
    return [f"MISMATCH {m.doc} {m.column}: gold {m.gold}, got {m.got}  «{_preview(m.text)}»"
            for m in evaluation.mismatches]


# --- docs/accuracy.md ---------------------------------------------------------------------

def _class_table(classes: Sequence[FailureClass]) -> list[str]:
    if not classes:
        return ["No failures.", ""]
    lines = ["| class | count | rule | example |", "| --- | ---: | --- | --- |"]
    for c in classes:
        lines.append(f"| {c.name} | {len(c.failures)} | {c.rule} | "
                     f"{_cell(c.failures[0].description)} |")
    return lines + [""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _claims_section(evaluation: ClaimEvaluation) -> list[str]:
    lines = [f"## Claims: `{evaluation.source}`", "",
             f"{len(evaluation.documents)} documents, {evaluation.gold_claims} gold claims; "
             f"extraction took {evaluation.seconds:.1f} s.", "",
             "| precision | recall | F1 | matched | spurious | missed | fully correct |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
             f"| {evaluation.precision:.3f} | {evaluation.recall:.3f} | {evaluation.f1:.3f} | "
             f"{evaluation.true_positives} | {evaluation.false_positives} | "
             f"{evaluation.false_negatives} | {evaluation.fully_correct} |", "",
             "Attributes among matched claims (where the gold sets them):", "",
             "| attribute | right | checked | accuracy |", "| --- | ---: | ---: | ---: |"]
    for name, (right, checked) in evaluation.attribute_counts().items():
        share = f"{right / checked:.3f}" if checked else "-"
        lines.append(f"| {name} | {right} | {checked} | {share} |")
    lines += ["", "### Remaining failures", ""]
    return lines + _class_table(claim_failure_classes(evaluation))


def _events_section(evaluation: EventEvaluation) -> list[str]:
    lines = [f"## Event tallies: `{evaluation.source}`", "",
             f"{evaluation.rows} rows; extraction took {evaluation.seconds:.1f} s. "
             "Exact match of the tally with the coded count; blank cells are not scored.", "",
             "| rows from | killed | wounded |", "| --- | ---: | ---: |"]
    groups = sorted(evaluation.correct, key=lambda g: (g != OVERALL, g))
    for group in groups:
        cells = []
        for column in ("killed", "wounded"):
            right, scored = evaluation.correct[group].get(column, (0, 0))
            cells.append(f"{right / scored:.3f} ({right}/{scored})" if scored else "-")
        lines.append(f"| {'all rows' if group == OVERALL else group} | {cells[0]} | {cells[1]} |")
    lines += ["", "### Remaining failures", ""]
    return lines + _class_table(event_failure_classes(evaluation))


def accuracy_markdown(command: str, claims: Sequence[ClaimEvaluation],
                      events: Sequence[EventEvaluation], extractor_version: str,
                      generated_on: date | None = None) -> str:
    """The error-analysis page: how to regenerate it, current figures, failure classes."""
    lines = ["# Accuracy and remaining failures", "",
             "Generated; do not edit by hand. Regenerate from the repository root with:", "",
             "```sh", command, "```", "",
             f"Extractor version {extractor_version}, generated on "
             f"{(generated_on or date.today()).isoformat()}. How claims are matched and "
             "attributes judged: `counterclaim.evaluate.matching`; the gold format: "
             "[gold-format.md](gold-format.md).", "",
             "Each failure is put in the first class whose rule holds; the example is a "
             "description of one case written by the evaluator from ids, categories, figures "
             "and dates (passage text is not quoted here).", ""]
    for evaluation in claims:
        lines += _claims_section(evaluation)
    for event_evaluation in events:
        lines += _events_section(event_evaluation)
    return "\n".join(lines).rstrip() + "\n"
