"""The JSON API's shapes, as pydantic models: they validate what is sent and describe /openapi.json.

Claim objects are the claim record of docs/claim-format.md plus `id`, `period`,
`extractor_version`, `reports` (how many reports tell it) and `report_docs`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_TEXT_CHARS = 1_000_000
MAX_ID_CHARS = 1000


class ErrorOut(BaseModel):
    """Every error: one message saying what was wrong."""

    message: str


class QuantityOut(BaseModel):
    """The stated figure."""

    low: int | None
    high: int | None
    qualifier: str
    unit: str
    text: str


class SubjectOut(BaseModel):
    """Whose people or materiel the figure counts."""

    name: str
    country: str | None = None
    mention: str | None = None


class ClaimantOut(BaseModel):
    """Who asserts the figure."""

    name: str
    mention: str | None = None
    kind: str | None = None
    country: str | None = None


class LocationOut(BaseModel):
    """Where the losses or the force are."""

    name: str
    mention: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


class EvidenceOut(BaseModel):
    """The span of the document's text that supports the claim (end exclusive)."""

    start: int
    end: int
    text: str


class ClaimOut(BaseModel):
    """A stored claim in the claim format."""

    id: str
    doc: str
    category: str
    quantity: QuantityOut
    subject: SubjectOut | None
    claimant: ClaimantOut | None
    said_on: str | None = Field(description="ISO date the claimant made the statement")
    location: LocationOut | None
    evidence: EvidenceOut
    period: str | None = None
    extractor_version: str | None = None
    reports: int = Field(description="how many reports (documents' tellings) carry the claim")
    report_docs: list[str]


class ClaimPageOut(BaseModel):
    """One page of claims; `next` is the cursor of the next page, `next_url` its address."""

    items: list[ClaimOut]
    next: str | None
    next_url: str | None


class ReportOut(BaseModel):
    """One document's telling of a claim."""

    document_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    evidence: EvidenceOut
    via: ClaimantOut | None = Field(None, description="who relayed the claimant's statement in this "
                                                      "report (\"Reuters, citing two officials\")")


class ClaimDetailOut(ClaimOut):
    """A claim with every report of it."""

    reported_in: list[ReportOut]


class DocumentClaimOut(BaseModel):
    """A claim as one document tells it."""

    claim_id: str
    category: str
    quantity_text: str
    claimant: str | None
    subject: str | None
    said_on: date | None
    evidence: EvidenceOut


class DocumentOut(BaseModel):
    """A stored document, its text and the claims it tells, in order."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    language: str | None
    published: date | None
    text: str
    claims: list[DocumentClaimOut]


class PointOut(BaseModel):
    """An estimate on one date."""

    date: date
    low: int
    best: int
    high: int
    claims: list[str]
    basis: dict[str, str] = {}


class SeriesSummaryOut(BaseModel):
    """A series: what it counts, how many claims it holds, its latest estimate."""

    id: str
    description: str
    subject: dict[str, str | None]
    category: str
    unit: str
    location: str
    nature: str
    claims: int
    flags: int
    last: PointOut | None


class SeriesEstimatesOut(BaseModel):
    """A series in the JSON shape of `counterclaim estimate --format json`."""

    model_config = ConfigDict(extra="allow")

    id: str
    subject: dict[str, str | None]
    category: str
    unit: str
    location: str
    nature: str
    method: str
    description: str
    points: list[PointOut]
    flags: list[dict[str, Any]]
    derived: list[dict[str, Any]]
    claimant_bias: dict[str, float]
    claims: list[dict[str, Any]]


class DocumentFields(BaseModel):
    """What may accompany a document to ingest."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=MAX_ID_CHARS,
                           pattern=r"^[^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*$",
                           description="the document's id (default: the URL, or a hash of the text)")
    title: str | None = Field(None, max_length=1000, pattern=r"^[^\x00-\x1f\x7f]*$")
    published: date | None = Field(None, description="publication date, for texts that carry none")


class TextDocumentIn(DocumentFields):
    """A document given by its text."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=r"[^\x00-\x20\x7f]",
                      description="the document's text (with something besides spaces)")


class UrlDocumentIn(DocumentFields):
    """A document to fetch from an http(s) URL."""

    url: str = Field(min_length=8, max_length=2000, pattern=r"^https?://[!-~]+$",
                     description="an http(s) address, non-ASCII characters percent-encoded")


DocumentIn = TextDocumentIn | UrlDocumentIn


class IngestedClaimOut(BaseModel):
    """A claim found in the ingested document, and the stored claim it belongs to."""

    model_config = ConfigDict(extra="allow")

    claim_id: str
    category: str
    quantity: QuantityOut
    evidence: EvidenceOut


class IngestOut(BaseModel):
    """What ingesting one document did."""

    document_id: str
    status: str = Field(description="added, replaced or unchanged")
    new_claims: int
    claims: list[IngestedClaimOut]
