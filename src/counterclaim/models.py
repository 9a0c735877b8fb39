"""The shared vocabulary of every stage: documents in, claims out.

Every stage imports these types; none of them imports a stage. `Claim.to_dict()` is the
record fixed in the project's claim format (see docs/claim-format.md), plus the added
fields `id`, `period` and `via`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "deployed",
              "equipment", "loss_rate")
QUALIFIERS = ("exactly", "about", "at_least", "more_than", "up_to", "less_than", "range",
              "vague")
ACTOR_KINDS = ("government", "military", "intelligence", "official", "media", "ngo", "other")


def parse_iso_date(value: object) -> date | None:
    """Read YYYY-MM-DD (or a longer ISO timestamp) as a date; None when absent or unreadable."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Quantity:
    """A stated figure: a number, a range or a vague amount, with its hedge."""

    low: int | None
    high: int | None
    qualifier: str
    unit: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The `quantity` object of the claim record."""
        return {"low": self.low, "high": self.high, "qualifier": self.qualifier,
                "unit": self.unit, "text": self.text}


@dataclass(frozen=True)
class Actor:
    """A claimant (who says so) or a subject (whose losses): canonical name and mention."""

    name: str
    mention: str
    kind: str | None = None
    country: str | None = None

    def to_claimant_dict(self) -> dict[str, Any]:
        """The `claimant` object of the claim record."""
        return {"name": self.name, "mention": self.mention, "kind": self.kind,
                "country": self.country}

    def to_subject_dict(self) -> dict[str, Any]:
        """The `subject` object of the claim record."""
        return {"name": self.name, "country": self.country, "mention": self.mention}


@dataclass(frozen=True)
class Place:
    """Where the losses or the force are, resolved through the gazetteer."""

    name: str
    mention: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `location` object of the claim record."""
        return {"name": self.name, "mention": self.mention, "country": self.country,
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Evidence:
    """The shortest span of the document's text that supports a claim (end exclusive)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The `evidence` object of the claim record."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """One source-attributed quantitative statement read from one document."""

    doc: str
    category: str
    quantity: Quantity
    subject: Actor | None
    claimant: Actor | None
    said_on: date | None
    location: Place | None
    evidence: Evidence
    period: str | None = None  # "cumulative", "24h", "day", ... ; None when not stated
    # who relays the claimant's statement: "Reuters reported, citing two officials"
    via: Actor | None = None

    @property
    def id(self) -> str:
        """A stable id: the same document, span, category and figure give the same id."""
        key = json.dumps([self.doc, self.evidence.start, self.evidence.end, self.category,
                          self.quantity.low, self.quantity.high, self.quantity.unit])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The claim record of the claim format, plus `id`, `period` and `via`."""
        return {
            "id": self.id,
            "doc": self.doc,
            "category": self.category,
            "quantity": self.quantity.to_dict(),
            "subject": self.subject.to_subject_dict() if self.subject else None,
            "claimant": self.claimant.to_claimant_dict() if self.claimant else None,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "period": self.period,
            "via": self.via.to_claimant_dict() if self.via else None,
        }


@dataclass(frozen=True)
class Document:
    """A text to read, with what is known of where and when it was published."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, to recognise a document already read."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
