"""What the reconcile stage hands back: estimate points, flags, derived figures, per series."""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from typing import Any

from counterclaim.reconcile.grouping import Series


@dataclass(frozen=True)
class EstimatePoint:
    """The estimate on one date on which the evidence changes, with the claims it used."""

    date: dt.date
    low: int
    best: int
    high: int
    claims: tuple[str, ...]
    basis: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The point as JSON-ready data."""
        return {"date": self.date.isoformat(), "low": self.low, "best": self.best,
                "high": self.high, "claims": list(self.claims), "basis": dict(self.basis)}


@dataclass(frozen=True)
class Flag:
    """A claim far outside the others, or claims impossible together, with the reason."""

    kind: str  # outlier | impossible | inconsistent | implausible
    claims: tuple[str, ...]
    reason: str
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The flag as JSON-ready data."""
        return {"kind": self.kind, "claims": list(self.claims), "reason": self.reason,
                "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class Derived:
    """A figure worked out from claims (a loss rate's implied count, a daily rate)."""

    kind: str  # loss_rate | daily_rate
    claims: tuple[str, ...]
    low: float
    high: float
    reason: str
    consistent: bool | None = None
    date: dt.date | None = None
    value: float | None = None  # the central figure, where there is one (a daily rate's best)

    def to_dict(self) -> dict[str, Any]:
        """The derived figure as JSON-ready data."""
        return {"kind": self.kind, "claims": list(self.claims), "low": round(self.low, 1),
                "high": round(self.high, 1),
                "value": None if self.value is None else round(self.value, 1),
                "consistent": self.consistent,
                "reason": self.reason, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class SeriesEstimate:
    """A series with its estimate points (by one method), flags and derived figures."""

    series: Series
    method: str
    points: tuple[EstimatePoint, ...]
    flags: tuple[Flag, ...] = ()
    derived: tuple[Derived, ...] = ()
    claimant_bias: dict[str, float] = field(default_factory=dict, hash=False, compare=False)

    @property
    def last(self) -> EstimatePoint | None:
        """The latest point, or None when no claim is dated."""
        return self.points[-1] if self.points else None

    def to_dict(self) -> dict[str, Any]:
        """The series in the JSON shape of `counterclaim estimate --format json`."""
        s = self.series
        return {
            "id": s.id,
            "subject": {"name": s.subject_name, "country": s.subject_country},
            "category": s.category,
            "unit": s.unit,
            "location": s.theatre,
            "nature": s.nature,
            "method": self.method,
            "description": s.describe(),
            "points": [p.to_dict() for p in self.points],
            "flags": [f.to_dict() for f in self.flags],
            "derived": [d.to_dict() for d in self.derived],
            "claimant_bias": {k: round(v, 3) for k, v in self.claimant_bias.items()},
            "claims": [m.to_dict() for m in s.members],
        }
