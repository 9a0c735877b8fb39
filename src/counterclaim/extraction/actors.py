"""Who says so: canonical claimant names, their kinds and countries, from packaged data.

A mention is normalised through the alias table (data/actors.toml); a mention the table does
not know keeps its own words, with a kind read from keyword rules and a country from the
nationality words it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from counterclaim.extraction.lexicon import load_data
from counterclaim.models import Actor

LEADING_WORDS = re.compile(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?|dr\.?|said|says|by)\s+", re.IGNORECASE)
# the word just before an alias ("Ukraine's defence intelligence", "the Russian defence ministry")
QUALIFIER = re.compile(r"([A-Za-z][\w.-]*?)(?:'s)?\s+$")
POSSESSIVE_END = re.compile(r"['’]s$")  # "the ministry's figures show": the ministry
# "two security officials", "three witnesses": how many sources is not part of their name
SOURCE_COUNT = re.compile(r"^(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|many|"
                          r"multiple|numerous|a number of|a few)\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class KnownActor:
    """A canonical claimant of the alias table."""

    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...] = ()  # common nouns that stand for it once it is named


class ActorTable:
    """The alias table, nationality words, and kind rules, compiled once."""

    def __init__(self) -> None:
        raw = load_data("actors.toml")
        self.actors = [KnownActor(a["name"], a["kind"], a.get("country"), tuple(a["aliases"]),
                                  tuple(d.lower() for d in a.get("descriptions", [])))
                       for a in raw["actor"]]
        # each pattern with the lower-case text it needs: most aliases are absent from a given
        # text, and a substring test rules them out far faster than the regex
        self.alias_patterns = [
            (alias.replace("’", "'").lower(),
             re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])",
                        0 if alias.isupper() and len(alias) <= 4 else re.IGNORECASE), actor)
            for actor in self.actors for alias in (actor.name, *actor.aliases)
        ]
        self.kind_rules = [(rule["kind"], re.compile(
            "|".join(rf"(?<![\w-]){re.escape(w.lower().strip())}(?![\w-])" for w in rule["words"])))
            for rule in raw["kind_rule"]]
        self.demonyms: dict[str, list[str]] = load_data("demonyms.toml")["demonyms"]
        pairs = sorted(((word, iso) for iso, words in self.demonyms.items() for word in words),
                       key=lambda pair: len(pair[0]), reverse=True)
        self.demonym_patterns = [
            (word.lower(), re.compile(rf"(?<![\w-]){re.escape(word)}(?:'s)?(?![\w-])",
                                      0 if word.isupper() else re.IGNORECASE), iso, word)
            for word, iso in pairs
        ]

    def known(self, text: str) -> KnownActor | None:
        """The canonical actor whose alias appears earliest (then longest) in a text."""
        text = text.replace("’", "'")
        folded = text.lower()
        best: tuple[int, int, KnownActor] | None = None
        for needle, pattern, actor in self.alias_patterns:
            if needle not in folded:
                continue
            match = pattern.search(text)
            if match and self.qualified_away(text, match.start(), actor):
                match = None
            if match and (best is None or (match.start(), -len(match.group(0))) < best[:2]):
                best = (match.start(), -len(match.group(0)), actor)
        return best[2] if best else None

    def all_known(self, text: str) -> list[KnownActor]:
        """Every known actor a text names, in order of first mention."""
        text = text.replace("’", "'")
        folded = text.lower()
        first: dict[str, tuple[int, KnownActor]] = {}
        for needle, pattern, actor in self.alias_patterns:
            if needle not in folded:
                continue
            match = pattern.search(text)
            if match and self.qualified_away(text, match.start(), actor):
                match = None
            if match and (actor.name not in first or match.start() < first[actor.name][0]):
                first[actor.name] = (match.start(), actor)
        return [actor for _, actor in sorted(first.values(), key=lambda pair: pair[0])]

    def qualified_away(self, text: str, start: int, actor: KnownActor) -> bool:
        """True when the word before an alias names another country than the actor's: a
        generic alias ("defence intelligence") of one country's body, said of another's."""
        if actor.country is None:
            return False
        qualifier = QUALIFIER.search(text[max(0, start - 40):start])
        if qualifier is None:
            return False
        word = qualifier.group(1)
        country = self.country_of(word)[0] or self.country_named_in(word)
        return country is not None and country != actor.country

    def kind_of(self, text: str) -> str:
        """The claimant kind that keyword rules read in a mention."""
        folded = f" {text.lower()} "
        for kind, words in self.kind_rules:
            if words.search(folded):
                return kind
        return "other"

    def country_of(self, text: str) -> tuple[str | None, str | None]:
        """The country (ISO2) of the first nationality word in a text, and that word."""
        text = text.replace("’", "'")
        folded = text.lower()
        best: tuple[int, str, str] | None = None
        for needle, pattern, iso, word in self.demonym_patterns:
            if needle not in folded:
                continue
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), iso, word)
        return (best[1], best[2]) if best else (None, None)

    @staticmethod
    def country_named_in(mention: str) -> str | None:
        """The country a mention names by its name ("Ukraine's defence intelligence chief")."""
        from counterclaim.extraction.places import gazetteer

        words = [w.removesuffix("'s").strip(",.") for w in mention.replace("’", "'").split()]
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                if not phrase[:1].isupper():
                    continue
                place = gazetteer().lookup(phrase)
                if place is not None and place.kind == "country":
                    return place.country
        return None

    def demonym_of(self, country: str) -> str | None:
        """The first nationality adjective listed for a country ("RU" -> "Russian")."""
        words = self.demonyms.get(country)
        return words[0] if words else None

    def ruler_aliases(self) -> list[str]:
        """Acronyms and names for the entity ruler, so the NER keeps them whole."""
        return sorted({alias for actor in self.actors for alias in actor.aliases
                       if len(alias) >= 3 and alias[0].isupper()})

    def normalise(self, mention: str, context: str | None = None) -> Actor:
        """The claimant Actor for a mention; `context` is the fuller phrase to look aliases up in."""
        clean = " ".join(mention.split()).strip(" ,;:“”\"'")
        known = self.known(context or clean) or self.known(clean)
        if known:
            return Actor(known.name, clean, known.kind, known.country)
        name = SOURCE_COUNT.sub("", LEADING_WORDS.sub("", POSSESSIVE_END.sub("", LEADING_WORDS.sub("", clean))))
        country, word = self.country_of(context or clean)
        if country is None:
            country = self.country_named_in(clean)
        kind = self.kind_of(context or clean)
        if word is not None and word.lower() == name.lower():
            kind = "government"  # "Kyiv said", "Moscow denied": the capital speaks for the state
        return Actor(name[:1].upper() + name[1:] if name else clean, clean, kind, country)


@cache
def actor_table() -> ActorTable:
    """The packaged actor table, compiled once per process."""
    return ActorTable()
