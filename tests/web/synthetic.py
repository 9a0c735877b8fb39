"""Generated stores for the web tests and the page-time measurement: many claims, written by hand-made rules.

Every claim has its own sentence in its document, so evidence offsets are real; claimants,
subjects, places, categories and dates vary so that filters and sorts have work to do.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from counterclaim.models import Actor, Claim, Document, Evidence, Place, Quantity

CLAIMANTS = [(f"Ministry of Defence of Country {i:02d}", "military", f"C{i % 26:d}"[:2])
             for i in range(40)] + [(f"Monitoring Group {i}", "ngo", None) for i in range(10)]
SUBJECTS = [(f"Forces of Country {i:02d}", f"X{chr(65 + i % 26)}") for i in range(20)]
PLACES = [(f"Town {i:02d}", "Region A" if i % 2 else "Region B") for i in range(30)]
CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "deployed")
START = date(2023, 1, 1)


def synthetic_document(index: int, claims_per_doc: int, rng: random.Random) -> tuple[Document, list[Claim]]:
    """One generated document and the claims its sentences make."""
    doc_id = f"synthetic/{index:06d}.txt"
    sentences: list[str] = []
    claims: list[Claim] = []
    offset = 0
    for _ in range(claims_per_doc):
        claimant_name, kind, country = rng.choice(CLAIMANTS)
        subject_name, subject_country = rng.choice(SUBJECTS)
        place_name, region = rng.choice(PLACES)
        category = rng.choice(CATEGORIES)
        figure = rng.randint(1, 50_000)
        said_on = None if rng.random() < 0.05 else START + timedelta(days=rng.randint(0, 700))
        evidence = f"{figure:,} of the {subject_name} were {category} near {place_name}"
        sentence = f"The {claimant_name} said {evidence}. "
        start = offset + sentence.index(evidence)
        claims.append(Claim(
            doc=doc_id, category=category,
            quantity=Quantity(figure, None, rng.choice(("exactly", "about", "at_least")),
                              "people", f"{figure:,}"),
            subject=Actor(subject_name, subject_name, None, subject_country),
            claimant=Actor(claimant_name, claimant_name, kind, country),
            said_on=said_on, location=Place(place_name, place_name, "ZZ", region, None, None),
            evidence=Evidence(start, start + len(evidence), evidence)))
        sentences.append(sentence)
        offset += len(sentence)
    text = "".join(sentences)
    document = Document(id=doc_id, text=text, published=START + timedelta(days=index % 700),
                        title=f"Synthetic report {index}", outlet=f"Outlet {index % 12}")
    return document, claims


def fill_store(store: object, claims: int, claims_per_doc: int = 100, seed: int = 7) -> None:
    """Add generated documents to the store until it holds about `claims` claims."""
    rng = random.Random(seed)
    for index in range(max(1, claims // claims_per_doc)):
        document, found = synthetic_document(index, claims_per_doc, rng)
        store.add_document(document, found)  # type: ignore[attr-defined]
