"""Claim records built by hand for the reconcile and report tests."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def claim(category: str, low: float | None, *, high: float | None = None,
          qualifier: str = "exactly", subject: str = "KP", subject_name: str | None = None,
          claimant: str | None = "Claimant", kind: str = "military",
          claimant_country: str | None = "UA", said_on: str | None = "2024-12-16",
          place: str | None = None, admin1: str | None = None, doc: str = "doc-1",
          period: str | None = None, unit: str = "people", claim_id: str | None = None,
          **extra: Any) -> dict[str, Any]:
    """A claim record in the claim format, with an id."""
    record = {
        "doc": doc, "category": category,
        "quantity": {"low": low, "high": high, "qualifier": qualifier, "unit": unit,
                     "text": f"{qualifier} {low}"},
        "subject": {"name": subject_name or f"{subject} forces", "country": subject,
                    "mention": subject_name or f"{subject} soldiers"},
        "claimant": None if claimant is None else {
            "name": claimant, "mention": claimant, "kind": kind, "country": claimant_country},
        "said_on": said_on,
        "location": None if place is None and admin1 is None else {
            "name": place, "mention": place, "country": None, "admin1": admin1,
            "lat": None, "lon": None},
        "evidence": {"start": 0, "end": 10, "text": f"{claimant} said {low} {category}"},
        "period": period,
        **extra,
    }
    record["id"] = claim_id or hashlib.sha1(json.dumps(record, sort_keys=True).encode()).hexdigest()[:12]
    return record


def kursk_claims() -> list[dict[str, Any]]:
    """The reference article's claims, as the gold file reads them (said_on as the lead's extractor gives)."""
    jcs = dict(claimant="Joint Chiefs of Staff of South Korea (JCS)", kind="military",
               claimant_country="KR", said_on=None)
    return [
        claim("deployed", 10000, high=12000, qualifier="range", claimant=None, said_on=None,
              place="Kursk", admin1="Kursk Oblast", claim_id="deployed"),
        claim("casualties", 30, qualifier="at_least", claimant="Main Directorate of Intelligence of Ukraine (HUR/GUR)",
              kind="intelligence", said_on="2024-12-16", place="Vorozhba", admin1="Kursk Oblast",
              claim_id="gur-30"),
        claim("casualties", 200, qualifier="at_least", claimant="Ukrainian officer",
              kind="military", said_on="2024-12-18", claim_id="officer-200"),
        claim("casualties", 200, high=999, qualifier="vague", claimant="senior American military official",
              kind="official", claimant_country="US", said_on=None, claim_id="us-hundreds"),
        claim("casualties", 1100, qualifier="about", claim_id="jcs-1100", **jcs),
        claim("loss_rate", 9, qualifier="exactly", unit="percent", place="Kursk",
              admin1="Kursk Oblast", claim_id="jcs-9pct", **jcs),
        claim("casualties", 3000, qualifier="more_than", claimant="Volodymyr Zelensky",
              kind="government", said_on="2024-12-23", place="Kursk", admin1="Kursk Oblast",
              claim_id="zelensky-3000"),
    ]
