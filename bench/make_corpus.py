"""Write a large synthetic JSONL corpus for the memory benchmark (text written for this project).

Each document is two to six sentences drawn from small tables of invented news phrasing; about
one document in twenty reports casualties, the rest are ordinary news without a claim, as in
a day of wire copy. Usage: python bench/make_corpus.py OUT.jsonl [--documents 1000000]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Kharkiv", "Mosul", "Goma", "Khartoum", "Kherson", "Aleppo", "Mogadishu", "Bamako",
          "Tigray", "Rafah", "Zaporizhzhia", "Idlib", "Maiduguri", "Kabul", "Sanaa"]
SPEAKERS = ["the regional governor", "the defence ministry", "a police spokesman",
            "local officials", "the health ministry", "a hospital director", "the army"]
PLAIN = [
    "The city council met on {day} to discuss a new budget for road repairs in {place}.",
    "Markets in {place} reopened after a public holiday, traders said.",
    "Officials in {place} announced a plan to expand the water network next year.",
    "A football match in {place} drew a large crowd despite the rain.",
    "Schools in {place} will close early for the summer, {speaker} said.",
    "Fuel prices rose again this week, adding to pressure on households.",
    "The talks are expected to resume after a short pause, diplomats said.",
    "Farmers near {place} reported a better harvest than last season.",
    "A new bridge over the river is due to open in the spring.",
    "Electricity was restored to most districts by the evening.",
]
CLAIMS = [
    "At least {n} people were killed in shelling of {place} on {day}, {speaker} said.",
    "{speaker_cap} said {n} soldiers were wounded in fighting near {place}.",
    "An air strike on a market in {place} killed {n} civilians and injured {m} others.",
    "{n} fighters were captured after the assault on {place}, {speaker} told reporters.",
    "The death toll from the attack in {place} rose to {n}, according to {speaker}.",
]


def sentence(template: str, rng: random.Random, day: date) -> str:
    """One sentence from a template, filled in."""
    speaker = rng.choice(SPEAKERS)
    return template.format(place=rng.choice(PLACES), day=day.strftime("%A"), speaker=speaker,
                           speaker_cap=speaker[0].upper() + speaker[1:],
                           n=rng.randint(2, 400), m=rng.randint(2, 90))


def documents(count: int, seed: int = 7) -> list[dict] | object:
    """Yield `count` documents as JSON-ready dicts."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    for number in range(count):
        day = start + timedelta(days=number % 365)
        parts = [sentence(rng.choice(PLAIN), rng, day) for _ in range(rng.randint(2, 5))]
        if number % 20 == 0:
            parts.insert(rng.randint(0, len(parts)), sentence(rng.choice(CLAIMS), rng, day))
        yield {"id": f"synthetic-{number:07d}", "text": " ".join(parts),
               "published": day.isoformat()}


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=1_000_000)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for document in documents(args.documents):
            handle.write(json.dumps(document) + "\n")


if __name__ == "__main__":
    main()
