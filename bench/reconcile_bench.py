"""Time of the rules estimate on many claims, built in memory (no store, no extraction).

    .venv/bin/python bench/reconcile_bench.py               # 10,000 and 100,000 claims
    .venv/bin/python bench/reconcile_bench.py 20000 --seed 3

The claims are spread like the web tests' synthetic store (tests/web/synthetic.py): 50
claimants (40 ministries, 10 monitoring groups), 20 subject forces, 30 towns in two regions,
six categories and about two years of dates, so each series holds thousands of members over
hundreds of dates. The script prints, per size, the seconds spent grouping (build_series), in
the rules estimate alone (rules_points over every series) and in estimate_series as a whole
(rules plus checks), with the number of series and estimate points.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from counterclaim.reconcile import build_series, estimate_series, load_settings  # noqa: E402
from counterclaim.reconcile.rules import rules_points  # noqa: E402

CLAIMANTS = [(f"Ministry of Defence of Country {i:02d}", "military", f"C{i % 26:d}"[:2])
             for i in range(40)] + [(f"Monitoring Group {i}", "ngo", None) for i in range(10)]
SUBJECTS = [(f"Forces of Country {i:02d}", f"X{chr(65 + i % 26)}") for i in range(20)]
PLACES = [(f"Town {i:02d}", "Region A" if i % 2 else "Region B") for i in range(30)]
CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "deployed")
QUALIFIERS = ("exactly", "about", "at_least")
START = date(2023, 1, 1)


def random_records(count: int, seed: int) -> list[dict[str, Any]]:
    """`count` claim records in the claim format, one document per hundred claims."""
    rng = random.Random(seed)
    records = []
    for index in range(count):
        claimant, kind, country = rng.choice(CLAIMANTS)
        subject, subject_country = rng.choice(SUBJECTS)
        place, region = rng.choice(PLACES)
        figure = rng.randint(1, 50_000)
        doc_number = index // 100
        said_on = (None if rng.random() < 0.05
                   else (START + timedelta(days=rng.randint(0, 700))).isoformat())
        records.append({
            "id": f"c{index:07d}", "doc": f"bench/{doc_number:06d}.txt",
            "category": rng.choice(CATEGORIES),
            "quantity": {"low": figure, "high": None, "qualifier": rng.choice(QUALIFIERS),
                         "unit": "people", "text": f"{figure:,}"},
            "subject": {"name": subject, "mention": subject, "country": subject_country},
            "claimant": {"name": claimant, "mention": claimant, "kind": kind,
                         "country": country},
            "said_on": said_on,
            "published": (START + timedelta(days=doc_number % 700)).isoformat(),
            "location": {"name": place, "mention": place, "country": "ZZ", "admin1": region},
            "period": None,
        })
    return records


def measure(count: int, seed: int) -> None:
    """Build, estimate and print the times for `count` claims."""
    settings = load_settings()
    records = random_records(count, seed)
    started = time.perf_counter()
    series = build_series(records, settings)
    grouped = time.perf_counter()
    points = sum(len(rules_points(s, settings)) for s in series)
    ruled = time.perf_counter()
    estimates = estimate_series(series, "rules", settings)
    estimated = time.perf_counter()
    assert sum(len(e.points) for e in estimates) == points
    print(f"{count:>8,} claims  {len(series):>4} series  {points:>7,} points  "
          f"build_series {grouped - started:7.2f} s  rules_points {ruled - grouped:7.2f} s  "
          f"estimate_series (rules + checks) {estimated - ruled:7.2f} s", flush=True)


def main() -> None:
    """Parse the sizes and measure each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for size in args.sizes:
        measure(size, args.seed)


if __name__ == "__main__":
    main()
