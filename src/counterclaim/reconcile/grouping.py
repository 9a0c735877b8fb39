"""Group claim records into series: claims that count the same losses.

A series is one subject force, one family of categories (see grouping.toml), one theatre and
one nature (cumulative or per-period). Each member carries the reason it is in the series and
its role: a `figure` of the series' category, a `bound` (a part of the total, such as killed
within casualties, whose figure is a lower bound on the total), `context` (a loss rate or a
deployed force, used by the checks) or an `echo` (the same statement repeated by another
document, listed but not counted twice).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from counterclaim.models import parse_iso_date
from counterclaim.errors import InputError
from counterclaim.reconcile.settings import Family, Settings

ROLES = ("figure", "bound", "context", "echo")
COUNTED_ROLES = ("figure", "bound")


@dataclass(frozen=True)
class ClaimView:
    """One claim record read into the numbers and keys the reconcile stage works with."""

    id: str
    doc: str
    category: str
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    subject_key: str
    subject_name: str
    subject_country: str | None
    claimant_key: str
    claimant_name: str
    claimant_kind: str | None
    claimant_country: str | None
    place: str | None
    admin1: str | None
    period: str | None
    date: date | None
    date_basis: str
    reports: int
    record: dict[str, Any] = field(compare=False, hash=False, repr=False)

    @property
    def stated(self) -> float:
        """The figure as stated: `low`, or `high` when only an upper end is given."""
        return self.low if self.low is not None else float(self.high or 0)

    @property
    def claimed_max(self) -> float:
        """The highest number the claim names."""
        return max(v for v in (self.low, self.high) if v is not None)

    def floor(self, settings: Settings) -> float | None:
        """The least the claim says the figure is, or None when it sets no lower bound."""
        reading = settings.reading(self.qualifier)
        return None if reading.floor is None else reading.floor * self.stated

    def ceiling(self, settings: Settings) -> float:
        """The most the claim allows the figure to be (infinite for "at least")."""
        reading = settings.reading(self.qualifier)
        if reading.ceiling is None:
            return math.inf
        top = self.high if self.high is not None else self.stated
        return reading.ceiling * top

    def point(self) -> float:
        """One number for the claim: the figure, a range's midpoint, a vague amount's middle."""
        if self.qualifier == "range" and self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.qualifier == "vague" and self.low and self.high:
            return math.sqrt(self.low * self.high)  # "hundreds": 200..999 is read as ~450
        return self.stated


@dataclass(frozen=True)
class Member:
    """A claim in a series, with its role there, its claimant's class and why it is there."""

    claim: ClaimView
    role: str
    claimant_class: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The claim record, plus how the series uses it."""
        return {**self.claim.record, "role": self.role, "claimant_class": self.claimant_class,
                "date_used": self.claim.date.isoformat() if self.claim.date else None,
                "date_basis": self.claim.date_basis, "reason": self.reason}


@dataclass(frozen=True)
class Series:
    """Claims about the same losses of one force, in one theatre, of one nature."""

    id: str
    subject_name: str
    subject_country: str | None
    family: str
    category: str
    unit: str
    theatre: str
    nature: str
    kind: str
    members: tuple[Member, ...]

    def counted(self) -> list[Member]:
        """Members that inform the estimate: dated figures and bounds."""
        return [m for m in self.members if m.role in COUNTED_ROLES and m.claim.date is not None]

    def with_role(self, *roles: str) -> list[Member]:
        """Members with one of the given roles."""
        return [m for m in self.members if m.role in roles]

    @property
    def is_cumulative(self) -> bool:
        """True when the series counts a running total, which cannot decrease."""
        return self.nature == "cumulative"

    def describe(self) -> str:
        """One line saying what the series counts."""
        who = self.subject_name + (f" ({self.subject_country})" if self.subject_country else "")
        what = self.category if self.category != "equipment" else f"equipment ({self.unit})"
        return f"{what} of {who} in {self.theatre}, {self.nature.replace('_', ' ')}"


def number(value: Any, what: str) -> float | None:
    """A figure from a record: a finite non-negative number or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what} is not a number: {value!r}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} is not a non-negative finite number: {value!r}")
    return float(value)


def text_of(table: Any, key: str) -> str | None:
    """A non-empty string field of a sub-object of the record, else None."""
    value = table.get(key) if isinstance(table, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_claim(record: dict[str, Any], doc_dates: dict[str, date]) -> ClaimView:
    """A claim record as a ClaimView; raises InputError naming the claim when it is unusable."""
    claim_id = str(record.get("id") or "")
    try:
        if not claim_id:
            raise ValueError("no id")
        quantity = record.get("quantity")
        if not isinstance(quantity, dict):
            raise ValueError("no quantity")
        low = number(quantity.get("low"), "quantity.low")
        high = number(quantity.get("high"), "quantity.high")
        if low is None and high is None:
            raise ValueError("quantity has neither low nor high")
        category = record.get("category")
        if not isinstance(category, str):
            raise ValueError("no category")
        reports = record.get("reports") or 1
        if isinstance(reports, bool) or not isinstance(reports, int) or reports < 1:
            raise ValueError(f"reports is not a positive integer: {reports!r}")
    except ValueError as err:
        raise InputError(f"claim {claim_id or '(no id)'}", str(err)) from err
    subject, claimant, location = (record.get("subject"), record.get("claimant"),
                                   record.get("location"))
    subject_country = (text_of(subject, "country") or "").upper() or None
    subject_name = text_of(subject, "name") or text_of(subject, "mention") or "unnamed force"
    doc = str(record.get("doc") or "")
    claimant_name = text_of(claimant, "name") or text_of(claimant, "mention")
    said_on, published = parse_iso_date(record.get("said_on")), parse_iso_date(record.get("published"))
    if said_on:
        when, basis = said_on, "said_on"
    elif published:
        when, basis = published, "published"
    elif doc in doc_dates:
        when, basis = doc_dates[doc], "latest dated statement in the document"
    else:
        when, basis = None, "undated"
    return ClaimView(
        id=claim_id, doc=doc, category=category, low=low, high=high,
        qualifier=str(quantity.get("qualifier") or "exactly"),
        unit=str(quantity.get("unit") or "people"),
        subject_key=subject_country or subject_name.casefold(),
        subject_name=subject_name, subject_country=subject_country,
        claimant_key=(" ".join(claimant_name.casefold().split()) if claimant_name
                      else f"document:{doc}"),
        claimant_name=claimant_name or f"the report {doc or '(unknown document)'}",
        claimant_kind=text_of(claimant, "kind") if claimant_name else None,
        claimant_country=(text_of(claimant, "country") or "").upper() or None,
        place=text_of(location, "name") or text_of(location, "mention"),
        admin1=text_of(location, "admin1"),
        period=record.get("period") if isinstance(record.get("period"), str) else None,
        date=when, date_basis=basis, reports=reports, record=dict(record),
    )


def latest_dates_by_doc(records: list[dict[str, Any]]) -> dict[str, date]:
    """Each document's latest statement date: a floor on when its undated claims were made."""
    latest: dict[str, date] = {}
    for record in records:
        when = parse_iso_date(record.get("published")) or parse_iso_date(record.get("said_on"))
        doc = str(record.get("doc") or "")
        if when and (doc not in latest or when > latest[doc]):
            latest[doc] = when
    return latest


def read_claims(records: Iterable[dict[str, Any]]) -> list[ClaimView]:
    """Claim records as ClaimViews, undated claims dated by their document where it can."""
    records = list(records)
    doc_dates = latest_dates_by_doc(records)
    return [read_claim(record, doc_dates) for record in records]


def claimant_class(claim: ClaimView, settings: Settings) -> str:
    """third_party, own_side, enemy, document or unknown: who speaks about whose losses."""
    if claim.claimant_key.startswith("document:"):
        return "document"
    if claim.claimant_kind not in settings.belligerent_kinds:
        return "third_party"
    speaker, subject = claim.claimant_country, claim.subject_country
    if not speaker or not subject:
        return "unknown"
    for sides in settings.conflicts:
        subject_side = next((side for side in sides if subject in side), None)
        if subject_side is None:
            continue
        if speaker in subject_side:
            return "own_side"
        return "enemy" if any(speaker in side for side in sides) else "third_party"
    return "own_side" if speaker == subject else "unknown"


def place_theatre(claim: ClaimView, settings: Settings) -> tuple[str, str] | None:
    """The theatre of a placed claim and why; None when the claim names no place."""
    if claim.place is None and claim.admin1 is None:
        return None
    for name in (claim.place, claim.admin1):
        if name and name.casefold() in settings.theatre_of_place:
            theatre = settings.theatre_of_place[name.casefold()]
            return theatre, f"placed in {claim.place or name}, which lies in {theatre}"
    theatre = claim.admin1 or claim.place or ""
    return theatre, f"placed in {claim.place or theatre}"


def assign_theatres(claims: list[ClaimView], settings: Settings) -> dict[str, tuple[str, str]]:
    """Theatre and reason for each claim id; unplaced claims follow their subject's only theatre."""
    placed = {c.id: place_theatre(c, settings) for c in claims}
    theatres_of_subject: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if placed[claim.id]:
            theatres_of_subject[claim.subject_key].add(placed[claim.id][0])
    result = {}
    for claim in claims:
        if placed[claim.id]:
            result[claim.id] = placed[claim.id]
            continue
        known = theatres_of_subject[claim.subject_key]
        if len(known) == 1:
            (only,) = known
            result[claim.id] = (only, f"names no place; every placed claim about "
                                      f"{claim.subject_name} lies in {only}")
        else:
            detail = (f"claims about {claim.subject_name} are placed in {len(known)} theatres"
                      if known else f"no claim about {claim.subject_name} names a place")
            result[claim.id] = (settings.unplaced_theatre, f"names no place, and {detail}")
    return result


def nature_of(claim: ClaimView, family: Family, settings: Settings) -> tuple[str, str]:
    """cumulative / per_day / per_week / stock, and why."""
    if family.kind == "stock":
        return "stock", f"{family.total} is a size at a time, which may go down"
    if claim.period is None:
        nature = settings.periods.get(settings.default_period.casefold(), settings.default_period)
        return nature, f"period not stated, read as {nature.replace('_', ' ')}"
    nature = settings.periods.get(claim.period.casefold(), f"per_{claim.period}")
    return nature, f"period {claim.period}"


def slug(*parts: str) -> str:
    """A readable, stable id from its parts."""
    return "-".join(p for p in (re.sub(r"[^0-9a-z]+", "-", part.casefold()).strip("-")
                                for part in parts) if p)


@dataclass
class SeriesDraft:
    """A series being assembled."""

    family: Family
    subject_key: str
    unit: str
    theatre: str
    nature: str
    members: list[Member] = field(default_factory=list)


def family_roles(settings: Settings) -> dict[str, list[tuple[Family, str]]]:
    """For each category, the families it belongs to and its role in each."""
    roles: dict[str, list[tuple[Family, str]]] = defaultdict(list)
    for family in settings.families.values():
        roles[family.total].append((family, "figure"))
        for part in family.parts:
            roles[part].append((family, "bound"))
        for context in family.context:
            roles[context].append((family, "context"))
    return roles


def role_reason(claim: ClaimView, family: Family, role: str) -> str:
    """Why a claim of this category plays this role in a series of this family."""
    if role == "figure":
        return f"counts {claim.category}"
    if role == "bound":
        return (f"counts {claim.category}, a part of {family.total}: "
                f"its figure is a lower bound on the total")
    return f"a {claim.category} figure, used to check the {family.total} figures"


def echo_key(claim: ClaimView) -> tuple[Any, ...]:
    """Claims with equal keys are one statement reported by several documents."""
    return (claim.claimant_key, claim.category, claim.low, claim.high, claim.qualifier,
            claim.unit, claim.subject_key, claim.date)


def build_series(records: Iterable[dict[str, Any]], settings: Settings) -> list[Series]:
    """Group claim records into series, each member with its role and the reason for it."""
    claims = read_claims(records)
    theatres = assign_theatres(claims, settings)
    roles = family_roles(settings)
    drafts: dict[tuple[str, ...], SeriesDraft] = {}
    pending_context: list[tuple[ClaimView, Family]] = []
    first_of_statement: dict[tuple[Any, ...], str] = {}
    for claim in claims:
        original = first_of_statement.setdefault(echo_key(claim), claim.id)
        cls = claimant_class(claim, settings)
        theatre, theatre_reason = theatres[claim.id]
        who = claim.subject_name + (f" ({claim.subject_country})" if claim.subject_country else "")
        for family, role in roles.get(claim.category, []):
            if role == "context":
                pending_context.append((claim, family))
                continue
            unit = claim.unit if family.split_by_unit else ""
            nature, nature_reason = nature_of(claim, family, settings)
            key = (claim.subject_key, family.name, unit, theatre, nature)
            draft = drafts.setdefault(key, SeriesDraft(family, claim.subject_key, unit,
                                                        theatre, nature))
            reason = "; ".join([f"about {who}", role_reason(claim, family, role),
                                theatre_reason, nature_reason])
            if original != claim.id:
                role, reason = "echo", f"repeats claim {original}; {reason}"
            draft.members.append(Member(claim, role, cls, reason))
    for claim, family in pending_context:
        theatre, theatre_reason = theatres[claim.id]
        for draft in drafts.values():
            if (draft.family is family and draft.subject_key == claim.subject_key
                    and draft.theatre == theatre):
                reason = f"{role_reason(claim, family, 'context')}; {theatre_reason}"
                draft.members.append(Member(claim, "context", claimant_class(claim, settings),
                                            reason))
    return [finish_series(draft) for draft in drafts.values()
            if any(m.role == "figure" for m in draft.members)]


def finish_series(draft: SeriesDraft) -> Series:
    """A frozen Series from a draft, named after its most common subject name."""
    figures = [m.claim for m in draft.members if m.role == "figure"]
    subject_name = Counter(c.subject_name for c in figures).most_common(1)[0][0]
    family = draft.family
    members = sorted(draft.members, key=lambda m: (ROLES.index(m.role),
                                                   m.claim.date or date.max, m.claim.id))
    return Series(
        id=slug(draft.subject_key, family.name, draft.unit, draft.theatre, draft.nature),
        subject_name=subject_name, subject_country=figures[0].subject_country,
        family=family.name, category=family.total, unit=draft.unit or figures[0].unit,
        theatre=draft.theatre, nature=draft.nature, kind=family.kind,
        members=tuple(members),
    )
