"""The reconcile stage's editable data: grouping rules, claimant classes, qualifiers, priors.

Packaged defaults live beside this module in three TOML files (grouping.toml, claimants.toml,
estimation.toml). A user file given with `--config` overrides them partially: tables are
merged key by key, anything else (numbers, strings, lists) is replaced. The result is checked
and turned into typed, frozen settings; a bad file is an InputError naming it.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from counterclaim.errors import InputError
from counterclaim.models import CATEGORIES, QUALIFIERS

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, published separately before 3.11
    import tomli as tomllib

DEFAULT_FILES = ("grouping.toml", "claimants.toml", "estimation.toml")
CENSORING_KINDS = ("point", "lower", "upper", "interval")
FAMILY_KINDS = ("cumulative", "stock")


@dataclass(frozen=True)
class Family:
    """A family of categories estimated together: a total, its parts, and context for checks."""

    name: str
    total: str
    parts: tuple[str, ...]
    kind: str
    context: tuple[str, ...]
    split_by_unit: bool


@dataclass(frozen=True)
class ClaimantClass:
    """How much a class of claimant is trusted, and how it is drawn."""

    name: str
    label: str
    weight: float
    credible: bool
    bias_scale: float
    marker: str


@dataclass(frozen=True)
class QualifierReading:
    """How a qualifier bounds its figure, and how the model reads it."""

    floor: float | None
    ceiling: float | None
    censoring: str
    noise: float
    precision: float


@dataclass(frozen=True)
class ModelSettings:
    """Priors and sampling of the statistical estimate."""

    base_noise: float
    bias_df: float
    growth_sd_per_sqrt_day: float
    level_prior_sd: float
    draws: int
    interval: float
    seed: int


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the consistency checks."""

    outlier_factor: float
    outlier_window_days: int
    consistency_tolerance: float


@dataclass(frozen=True)
class RuleSettings:
    """Choices of the rules estimate."""

    best_window_days: int


@dataclass(frozen=True)
class Settings:
    """Everything the reconcile stage reads from data rather than code."""

    default_period: str
    periods: dict[str, str]
    families: dict[str, Family]
    theatre_of_place: dict[str, str]
    unplaced_theatre: str
    classes: dict[str, ClaimantClass]
    belligerent_kinds: tuple[str, ...]
    conflicts: tuple[tuple[frozenset[str], ...], ...]
    qualifiers: dict[str, QualifierReading]
    rules: RuleSettings
    model: ModelSettings
    checks: CheckSettings

    def reading(self, qualifier: str) -> QualifierReading:
        """The reading of a qualifier; an unknown one is read as `about`."""
        return self.qualifiers.get(qualifier) or self.qualifiers["about"]


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`: tables merged key by key, other values replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_toml(source: str, text: str) -> dict[str, Any]:
    """Parse TOML text, naming the source in the error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(source, f"not valid TOML: {err}") from err


def raw_defaults() -> dict[str, Any]:
    """The packaged defaults, merged into one table."""
    merged: dict[str, Any] = {}
    package = resources.files("counterclaim.reconcile")
    for name in DEFAULT_FILES:
        merged = merge_tables(merged, read_toml(name, (package / name).read_text("utf-8")))
    return merged


def load_settings(path: str | Path | None = None) -> Settings:
    """The packaged settings, overridden by the TOML file at `path` when one is given."""
    raw = raw_defaults()
    source = "reconcile defaults"
    if path is not None:
        source = str(path)
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(source, f"cannot read: {err}") from err
        raw = merge_tables(raw, read_toml(source, text))
    try:
        return parse_settings(raw)
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(source, f"bad reconcile settings: {err}") from err


def positive(table: dict[str, Any], key: str, where: str) -> float:
    """A positive finite number from a settings table."""
    value = float(table[key])
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{where}.{key} must be a positive number, not {table[key]!r}")
    return value


def parse_families(raw: dict[str, Any]) -> dict[str, Family]:
    """The [families] tables, checked against the claim format's categories."""
    families = {}
    for name, table in raw.items():
        members = [table["total"], *table.get("parts", []), *table.get("context", [])]
        unknown = [c for c in members if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"families.{name}: unknown categories {unknown}")
        if table.get("kind", "cumulative") not in FAMILY_KINDS:
            raise ValueError(f"families.{name}.kind must be one of {FAMILY_KINDS}")
        families[name] = Family(name=name, total=table["total"],
                                parts=tuple(table.get("parts", [])),
                                kind=table.get("kind", "cumulative"),
                                context=tuple(table.get("context", [])),
                                split_by_unit=bool(table.get("split_by_unit", False)))
    return families


def parse_qualifiers(raw: dict[str, Any]) -> dict[str, QualifierReading]:
    """The [qualifiers] tables; every qualifier of the claim format must be read."""
    missing = [q for q in QUALIFIERS if q not in raw]
    if missing:
        raise ValueError(f"qualifiers: no reading for {missing}")
    readings = {}
    for name, table in raw.items():
        if table["censoring"] not in CENSORING_KINDS:
            raise ValueError(f"qualifiers.{name}.censoring must be one of {CENSORING_KINDS}")
        readings[name] = QualifierReading(
            floor=float(table["floor"]) if "floor" in table else None,
            ceiling=float(table["ceiling"]) if "ceiling" in table else None,
            censoring=table["censoring"], noise=float(table["noise"]),
            precision=float(table["precision"]))
    return readings


def parse_settings(raw: dict[str, Any]) -> Settings:
    """Typed settings from the merged TOML tables; raises on a missing or bad value."""
    classes = {
        name: ClaimantClass(name=name, label=str(t["label"]),
                            weight=positive(t, "weight", f"classes.{name}"),
                            credible=bool(t["credible"]),
                            bias_scale=positive(t, "bias_scale", f"classes.{name}"),
                            marker=str(t["marker"]))
        for name, t in raw["classes"].items()
    }
    required_classes = {"third_party", "own_side", "enemy", "document", "unknown"}
    if not required_classes <= classes.keys():
        raise ValueError(f"classes: needs {sorted(required_classes - classes.keys())}")
    theatre_of_place = {place.casefold(): theatre
                        for theatre, places in raw.get("theatres", {}).items()
                        for place in [theatre, *places]}
    model, checks = raw["model"], raw["checks"]
    interval = float(model["interval"])
    if not 0 < interval < 1:
        raise ValueError("model.interval must lie between 0 and 1")
    periods = {str(k).casefold(): v for k, v in raw["periods"].items()}
    return Settings(
        default_period=str(raw["default_period"]),
        periods=periods,
        families=parse_families(raw["families"]),
        theatre_of_place=theatre_of_place,
        unplaced_theatre=str(raw["unplaced_theatre"]),
        classes=classes,
        belligerent_kinds=tuple(raw["belligerent_kinds"]),
        conflicts=tuple(tuple(frozenset(side) for side in c["sides"]) for c in raw["conflicts"]),
        qualifiers=parse_qualifiers(raw["qualifiers"]),
        rules=RuleSettings(best_window_days=int(raw["rules"]["best_window_days"])),
        model=ModelSettings(
            base_noise=positive(model, "base_noise", "model"),
            bias_df=positive(model, "bias_df", "model"),
            growth_sd_per_sqrt_day=positive(model, "growth_sd_per_sqrt_day", "model"),
            level_prior_sd=positive(model, "level_prior_sd", "model"),
            draws=int(positive(model, "draws", "model")), interval=interval,
            seed=int(model["seed"])),
        checks=CheckSettings(
            outlier_factor=positive(checks, "outlier_factor", "checks"),
            outlier_window_days=int(checks["outlier_window_days"]),
            consistency_tolerance=float(checks["consistency_tolerance"])),
    )
