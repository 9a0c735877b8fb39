"""The claim grammar's word lists, loaded once from the packaged TOML data files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def load_data(name: str) -> dict[str, Any]:
    """Parse one packaged data file (counterclaim/data/NAME)."""
    with resources.files("counterclaim.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any phrase as whole words, longest first."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class VagueAmount:
    """A vague quantity phrase and the bounds the claim format gives it."""

    phrase: str
    low: int
    high: int


@dataclass(frozen=True)
class Lexicon:
    """Every word list the extractor reads, by role."""

    qualifiers: dict[str, tuple[str, ...]]
    vague: tuple[VagueAmount, ...]
    singular_determiners: frozenset[str]
    people_nouns: frozenset[str]
    kin_nouns: frozenset[str]  # "lost 12 relatives": a loss to death
    equipment_nouns: frozenset[str]
    cues: dict[str, frozenset[str]]
    reporting_verbs: frozenset[str]
    revision_verbs: frozenset[str]  # "revised the toll from 52 to 30": the new figure counts
    according: tuple[str, ...]
    anaphora: tuple[str, ...]
    not_counts: frozenset[str]
    not_cues: tuple[str, ...]  # phrases whose loss words are no loss ("death penalty")
    counted_as: dict[str, str]
    force_nouns: frozenset[str]
    periods: dict[str, tuple[str, ...]]
    hazards: re.Pattern[str]  # "earthquake", "flash floods": tolls of people, not of forces
    means: frozenset[str]  # "strikes", "missile": a nationality on them names the attacker
    tally: "TallyWords"

    def qualifier_of(self, phrase: str) -> str | None:
        """The qualifier a hedge phrase stands for."""
        folded = " ".join(phrase.lower().split())
        for qualifier, phrases in self.qualifiers.items():
            if folded in phrases:
                return qualifier
        return None


@dataclass(frozen=True)
class TallyWords:
    """The word lists of the per-document tally."""

    victims: dict[str, frozenset[str]]  # tally column -> words whose patient is a victim
    perpetrators: frozenset[str]
    groups: dict[str, int]  # "pair" -> 2
    subset_openers: tuple[str, ...]
    totals: tuple[str, ...]
    things: frozenset[str]  # objects a victim verb can have that are no person ("effigy")


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon (data/lexicon.toml)."""
    raw = load_data("lexicon.toml")
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return Lexicon(
        qualifiers={k: tuple(p.lower() for p in v) for k, v in raw["qualifiers"].items()},
        vague=tuple(VagueAmount(v["phrase"].lower(), v["low"], v["high"]) for v in raw["vague"]),
        singular_determiners=lower(raw["singular_determiners"]["words"]),
        people_nouns=lower(raw["nouns"]["people"]),
        kin_nouns=lower(raw["nouns"]["kin"]),
        equipment_nouns=lower(raw["nouns"]["equipment"]),
        cues={k: lower(v) for k, v in raw["cues"].items()},
        reporting_verbs=lower(raw["reporting"]["verbs"]),
        revision_verbs=lower(raw["reporting"]["revisions"]),
        according=tuple(p.lower() for p in raw["reporting"]["according"]),
        anaphora=tuple(p.lower() for p in raw["reporting"]["anaphora"]),
        not_counts=lower(raw["not_counts"]["units"]),
        not_cues=tuple(p.lower() for p in raw["not_cues"]["phrases"]),
        counted_as={noun.lower(): category for category, nouns in raw["counted_as"].items()
                    for noun in nouns},
        force_nouns=lower(raw["force"]["nouns"]),
        periods={k: tuple(p.lower() for p in v) for k, v in raw["periods"].items()},
        hazards=phrase_regex(list(raw["hazards"]["words"])),
        means=lower(raw["means"]["words"]),
        tally=TallyWords(
            victims={k: lower(v) for k, v in raw["tally"]["victims"].items()},
            perpetrators=lower(raw["tally"]["perpetrators"]),
            groups={k.lower(): int(v) for k, v in raw["tally"]["groups"].items()},
            subset_openers=tuple(p.lower() for p in raw["tally"]["subset_openers"]),
            totals=tuple(p.lower() for p in raw["tally"]["totals"]),
            things=lower(raw["tally"]["things"]),
        ),
    )
