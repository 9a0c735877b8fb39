"""Claims to table rows and back, and the content-derived ids that make claims shareable.

Two reports are the same claim when they agree on claimant, category, figure, subject and
date. A claim the document makes in its own voice (no claimant) has the document itself as
claimant, so that "2 killed" in two unrelated incident notes stays two claims.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from counterclaim.models import Actor, Claim, Evidence, Place, Quantity


def content_id(*parts: object) -> str:
    """A 16-hex-digit id derived from the given parts (stable across runs and databases)."""
    key = json.dumps(parts, ensure_ascii=False, default=str)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def actor_id(actor: Actor) -> str:
    """The id of a canonical actor: its name, case-insensitively."""
    return content_id("actor", actor.name.casefold())


def place_id(place: Place) -> str:
    """The id of a canonical place: its name, country and first-level division."""
    return content_id("place", place.name.casefold(), place.country, place.admin1)


def claim_key(claim: Claim) -> tuple[Any, ...]:
    """What makes two reports the same claim: claimant, category, figure, subject and date."""
    claimant = claim.claimant.name.casefold() if claim.claimant else f"document:{claim.doc}"
    subject = claim.subject.name.casefold() if claim.subject else None
    q = claim.quantity
    return (claimant, claim.category, q.low, q.high, q.qualifier, q.unit, subject,
            claim.said_on.isoformat() if claim.said_on else None)


def claim_id(claim: Claim) -> str:
    """The store's id of the claim a report belongs to (same for every report of it)."""
    return content_id("claim", *claim_key(claim))


def actor_row(actor: Actor) -> dict[str, Any]:
    """A row of the actors table."""
    return {"id": actor_id(actor), "name": actor.name, "kind": actor.kind,
            "country": actor.country}


def place_row(place: Place) -> dict[str, Any]:
    """A row of the places table."""
    return {"id": place_id(place), "name": place.name, "country": place.country,
            "admin1": place.admin1, "lat": place.lat, "lon": place.lon}


def claim_row(claim: Claim, extractor_version: str) -> dict[str, Any]:
    """A row of the claims table, its representative fields taken from this report."""
    q, subject, claimant, place = claim.quantity, claim.subject, claim.claimant, claim.location
    return {
        "id": claim_id(claim), "category": claim.category,
        "quantity_low": q.low, "quantity_high": q.high, "qualifier": q.qualifier,
        "unit": q.unit, "quantity_text": q.text,
        "subject_id": actor_id(subject) if subject else None,
        "subject_mention": subject.mention if subject else None,
        "subject_country": subject.country if subject else None,
        "claimant_id": actor_id(claimant) if claimant else None,
        "claimant_mention": claimant.mention if claimant else None,
        "claimant_kind": claimant.kind if claimant else None,
        "claimant_country": claimant.country if claimant else None,
        "said_on": claim.said_on,
        "place_id": place_id(place) if place else None,
        "location_mention": place.mention if place else None,
        "doc": claim.doc, "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end, "evidence_text": claim.evidence.text,
        "period": claim.period, "extractor_version": extractor_version,
    }


def report_row(claim: Claim, document_id: str, position: int,
               extractor_version: str) -> dict[str, Any]:
    """A row of the reports table: one document's telling of one claim."""
    return {
        "claim_id": claim_id(claim), "document_id": document_id, "position": position,
        "extracted_id": claim.id, "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end, "evidence_text": claim.evidence.text,
        "record": claim.to_dict(), "extractor_version": extractor_version,
    }


def record_claim(record: Mapping[str, Any]) -> Claim:
    """A claim record (as `Claim.to_dict()` made it) back as a Claim."""
    def actor(fields: Mapping[str, Any] | None) -> Actor | None:
        if not fields:
            return None
        return Actor(fields["name"], fields["mention"], fields.get("kind"), fields.get("country"))

    place = record.get("location")
    return Claim(
        doc=record["doc"], category=record["category"],
        quantity=Quantity(**record["quantity"]),
        subject=actor(record.get("subject")), claimant=actor(record.get("claimant")),
        said_on=date.fromisoformat(record["said_on"]) if record.get("said_on") else None,
        location=Place(**place) if place else None,
        evidence=Evidence(**record["evidence"]), period=record.get("period"),
        via=actor(record.get("via")),
    )


def whole(value: float | int | None) -> float | int | None:
    """A stored figure as extracted: 3000.0 back to 3000, 33.3 kept."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def claim_record(row: Mapping[str, Any], report_docs: list[str]) -> dict[str, Any]:
    """The claim-format record of a stored claim, with `reports` and `report_docs` added.

    `report_docs` holds the document of each report in order; a document that tells the
    same claim twice counts as two reports but is listed once.
    """
    said_on = row["said_on"]
    return {
        "id": row["id"],
        "doc": row["doc"],
        "category": row["category"],
        "quantity": {"low": whole(row["quantity_low"]), "high": whole(row["quantity_high"]),
                     "qualifier": row["qualifier"], "unit": row["unit"],
                     "text": row["quantity_text"]},
        "subject": None if row["subject_name"] is None else {
            "name": row["subject_name"], "country": row["subject_country"],
            "mention": row["subject_mention"]},
        "claimant": None if row["claimant_name"] is None else {
            "name": row["claimant_name"], "mention": row["claimant_mention"],
            "kind": row["claimant_kind"], "country": row["claimant_country"]},
        "said_on": said_on.isoformat() if said_on else None,
        "location": None if row["place_name"] is None else {
            "name": row["place_name"], "mention": row["location_mention"],
            "country": row["place_country"], "admin1": row["place_admin1"],
            "lat": row["place_lat"], "lon": row["place_lon"]},
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"],
                     "text": row["evidence_text"]},
        "period": row["period"],
        "extractor_version": row["extractor_version"],
        "reports": len(report_docs),
        "report_docs": list(dict.fromkeys(report_docs)),
    }
