"""Read and check gold files: annotated passages (JSONL) and coded event tallies (CSV).

Every problem is an `InputError` whose source is `FILE:LINE`, so the command line can say
in one line which annotation to fix. The gold format is described in docs/gold-format.md.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from counterclaim.errors import InputError
from counterclaim.models import CATEGORIES, QUALIFIERS

# Older annotations name the combined figure differently; both mean `casualties`.
CATEGORY_ALIASES = {"killed_or_wounded": "casualties"}
# A gold claimant written like this means "nobody named": the extractor must give none.
UNATTRIBUTED_PREFIX = "unattributed"
UNKNOWN_CLAIMANT_TYPE = "unknown"
EVENT_REQUIRED_COLUMNS = ("id", "text", "killed", "wounded")
EVENT_COUNT_COLUMNS = ("killed", "wounded")


@dataclass(frozen=True)
class GoldClaim:
    """One annotated claim, reduced to what the evaluation compares."""

    doc: str
    index: int  # position among its document's claims, from 0
    category: str
    low: float
    high: float | None
    qualifier: str | None
    claimant: str | None  # canonical name; None when the text speaks in its own voice
    claimant_kind: str | None
    said_on: str | None  # ISO date, None when the text does not tell
    location: str | None
    evidence_start: int | None  # None when the annotation gives no evidence
    evidence_end: int | None

    @property
    def label(self) -> str:
        """`doc#index`, the name of the claim in listings."""
        return f"{self.doc}#{self.index}"


@dataclass(frozen=True)
class GoldDocument:
    """One annotated passage: the text to read and the claims it holds."""

    id: str
    text: str
    published: date | None
    claims: tuple[GoldClaim, ...]
    line: int


@dataclass(frozen=True)
class EventRow:
    """One coded event: its description and the killed / wounded counts the coders entered."""

    doc: str
    text: str
    published: date | None
    counts: dict[str, int | None]  # column -> coded count, None where the cell is blank
    source_dataset: str | None
    line: int


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _iso_date(value: Any, what: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{what} {value!r} is not a date in the form YYYY-MM-DD")


def _optional_string(claim: dict, key: str, where: str) -> str | None:
    value = claim.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{where}: {key} must be a string or null")
    return value or None


def parse_gold_claim(doc_id: str, text: str, index: int, claim: Any) -> GoldClaim:
    """One element of a document's `claims` list; ValueError says what is wrong with it."""
    where = f"claim {index}"
    if not isinstance(claim, dict):
        raise ValueError(f"{where} is not an object")
    written = claim.get("category")
    category = CATEGORY_ALIASES.get(written, written) if isinstance(written, str) else None
    if category not in CATEGORIES:
        raise ValueError(f"{where}: category {claim.get('category')!r} is not one of "
                         + ", ".join(CATEGORIES))
    quantity = claim.get("quantity")
    if not isinstance(quantity, dict) or not _number(quantity.get("low")):
        raise ValueError(f"{where}: quantity.low must be a number")
    high = quantity.get("high")
    if high is not None and not _number(high):
        raise ValueError(f"{where}: quantity.high must be a number or null")
    qualifier = quantity.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise ValueError(f"{where}: quantity.qualifier {qualifier!r} is not one of "
                         + ", ".join(QUALIFIERS))
    evidence = claim.get("evidence")
    start: int | None = None
    end: int | None = None
    if evidence is not None:
        if not isinstance(evidence, str) or not evidence:
            raise ValueError(f"{where}: evidence must be a non-empty string or null")
        start = text.find(evidence)
        if start < 0:
            raise ValueError(f"{where}: evidence is not an exact substring of the text")
        end = start + len(evidence)
    claimant = _optional_string(claim, "claimant", where)
    kind = _optional_string(claim, "claimant_type", where)
    if kind == UNKNOWN_CLAIMANT_TYPE or (claimant or "").lower().startswith(UNATTRIBUTED_PREFIX):
        claimant = None
    said_on = _iso_date(claim.get("said_on"), f"{where}: said_on")
    return GoldClaim(
        doc=doc_id, index=index, category=category, low=quantity["low"], high=high,
        qualifier=qualifier, claimant=claimant, claimant_kind=kind,
        said_on=said_on.isoformat() if said_on else None,
        location=_optional_string(claim, "location", where),
        evidence_start=start, evidence_end=end,
    )


def parse_gold_line(line: str) -> tuple[str, str, date | None, tuple[GoldClaim, ...]]:
    """One line of a gold file as (id, text, published, claims); ValueError when malformed."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg})") from err
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    doc_id, text = row.get("id"), row.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError('missing "id" (a non-empty string)')
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f'{doc_id}: missing "text" (a non-empty string)')
    try:
        published = _iso_date(row.get("published"), "published")
        claims = row.get("claims")
        if not isinstance(claims, list):
            raise ValueError('missing "claims" (a list, empty when the text holds none)')
        parsed = tuple(parse_gold_claim(doc_id, text, i, c) for i, c in enumerate(claims))
    except ValueError as err:
        raise ValueError(f"{doc_id}: {err}") from err
    return doc_id, text, published, parsed


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Every annotated document of a gold JSONL file; InputError names FILE:LINE on bad input."""
    documents: list[GoldDocument] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(_read_lines(path), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            doc_id, text, published, claims = parse_gold_line(line)
        except ValueError as err:
            raise InputError(where, str(err)) from err
        if doc_id in seen:
            raise InputError(where, f"id {doc_id!r} already used on line {seen[doc_id]}")
        seen[doc_id] = number
        documents.append(GoldDocument(doc_id, text, published, claims, number))
    if not documents:
        raise InputError(str(path), "no documents in the gold file")
    return documents


def _read_lines(path: str | Path) -> list[str]:
    try:
        # split on newlines only: str.splitlines() would also cut at U+2028 inside a JSON string
        return Path(path).read_text(encoding="utf-8").split("\n")
    except FileNotFoundError as err:
        raise InputError(str(path), "no such file") from err
    except IsADirectoryError as err:
        raise InputError(str(path), "is a directory, not a gold file") from err
    except UnicodeDecodeError as err:
        raise InputError(str(path), "not UTF-8 text") from err
    except OSError as err:
        raise InputError(str(path), err.strerror or "cannot be read") from err


def _count_cell(value: str | None, column: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{column} {value!r} is not a whole number")
    return int(value)


def parse_event_row(row: dict[str, str | None], line: int) -> EventRow:
    """One CSV row as an EventRow; ValueError says what is wrong with it."""
    raw_id = (row.get("id") or "").strip()
    if not raw_id:
        raise ValueError("empty id")
    text = row.get("text") or ""
    if not text.strip():
        raise ValueError(f"{raw_id}: empty text")
    source = (row.get("source_dataset") or "").strip() or None
    date_cell = (row.get("date") or "").strip()
    # Only a full date can anchor "yesterday"; a bare year ("2016") is no publication date.
    published = _iso_date(date_cell, "date") if len(date_cell) == 10 else None
    counts = {column: _count_cell(row.get(column), column) for column in EVENT_COUNT_COLUMNS}
    doc = f"{source}:{raw_id}" if source else raw_id
    return EventRow(doc, text, published, counts, source, line)


def load_events(path: str | Path) -> list[EventRow]:
    """Every coded event of a CSV file; InputError names FILE:LINE on bad input."""
    rows: list[EventRow] = []
    seen: dict[str, int] = {}
    try:
        with open(path, newline="", encoding="utf-8") as stream:
            reader = csv.DictReader(stream)
            missing = [c for c in EVENT_REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}:1", "missing column(s) " + ", ".join(missing)
                                 + " (expected id, text, date, killed, wounded, source_dataset)")
            try:
                for row in reader:
                    # the row's first line: the reader has counted every line the row took
                    number = reader.line_num - (row.get("text") or "").count("\n")
                    try:
                        event = parse_event_row(row, number)
                    except ValueError as err:
                        raise InputError(f"{path}:{number}", str(err)) from err
                    if event.doc in seen:
                        raise InputError(f"{path}:{number}",
                                         f"id {event.doc!r} already used on line {seen[event.doc]}")
                    seen[event.doc] = number
                    rows.append(event)
            except csv.Error as err:
                raise InputError(f"{path}:{reader.line_num}", f"not valid CSV ({err})") from err
    except FileNotFoundError as err:
        raise InputError(str(path), "no such file") from err
    except IsADirectoryError as err:
        raise InputError(str(path), "is a directory, not an events file") from err
    except UnicodeDecodeError as err:
        raise InputError(str(path), "not UTF-8 text") from err
    if not rows:
        raise InputError(str(path), "no rows in the events file")
    return rows
