"""The JSON API: claims, documents, series and estimates; POST /api/documents ingests with the token."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request

from counterclaim.models import CATEGORIES
from counterclaim.reconcile import SeriesEstimate
from counterclaim.web.app import READ_ONLY_MESSAGE, ApiError, context, url_with
from counterclaim.web.ingesting import ingest_document, text_document, url_document
from counterclaim.web.queries import (
    DEFAULT_ORDER,
    DEFAULT_PAGE_SIZE,
    DEFAULT_SORT,
    MAX_PAGE_SIZE,
    SORT_COLUMNS,
    ClaimFilters,
)
from counterclaim.web.schemas import (
    ClaimDetailOut,
    ClaimPageOut,
    DocumentIn,
    DocumentOut,
    ErrorOut,
    IngestOut,
    SeriesEstimatesOut,
    SeriesSummaryOut,
    TextDocumentIn,
)

Category = Literal[CATEGORIES]  # type: ignore[valid-type]
SortName = Literal[tuple(SORT_COLUMNS)]  # type: ignore[valid-type]
Order = Literal["asc", "desc"]
FilterText = Annotated[str | None, Query(max_length=500)]

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text} for status, text in {
        400: "bad input", 404: "not found", 413: "request too large",
        422: "invalid parameters", 503: "the store cannot be read"}.items()}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "missing or wrong write token"},
    403: {"model": ErrorOut, "description": "the server is read-only (no write token set)"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def claim_filters(category: Category | None = None, subject: FilterText = None,
                  claimant: FilterText = None, since: date | None = None,
                  until: date | None = None, doc: FilterText = None,
                  q: FilterText = None) -> ClaimFilters:
    """The filters of the `claims` command (and a text search), from query parameters."""
    return ClaimFilters(category=category, subject=subject or None, claimant=claimant or None,
                        since=since, until=until, doc=doc or None, q=q or None)


@router.get("/claims", response_model=ClaimPageOut, summary="Stored claims, filtered and paginated")
def list_claims(request: Request, category: Category | None = None, subject: FilterText = None,
                claimant: FilterText = None, since: date | None = None,
                until: date | None = None, doc: FilterText = None,
                q: Annotated[str | None, Query(max_length=500, description="text in the evidence")] = None,
                sort: SortName = DEFAULT_SORT, order: Order = DEFAULT_ORDER,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
                cursor: Annotated[str | None, Query(max_length=2000, pattern=r"^[A-Za-z0-9_-]*$", description="`next` of the previous page")] = None,
                ) -> dict[str, Any]:
    """Claims with the `claims` command's filters; follow `next_url` for the next page."""
    filters = claim_filters(category, subject, claimant, since, until, doc, q)
    page = context(request).queries.claim_page(filters, sort, order, limit, cursor)
    next_url = None
    if page.next_cursor:
        next_url = url_with("/api/claims", {**filters.as_params(), "sort": sort, "order": order,
                                            "limit": limit, "cursor": page.next_cursor})
    return {"items": page.items, "next": page.next_cursor, "next_url": next_url}


@router.get("/claims/{claim_id}", response_model=ClaimDetailOut, summary="One claim and its reports")
def get_claim(request: Request, claim_id: str) -> dict[str, Any]:
    """A claim record with every document that reports it."""
    queries = context(request).queries
    record = queries.get_claim(claim_id)
    if record is None:
        raise ApiError(404, f"no claim with id {claim_id!r}")
    reported_in = [{**r, "evidence": {"start": r["evidence_start"], "end": r["evidence_end"],
                                      "text": r["evidence_text"]}}
                   for r in queries.claim_reports(claim_id)]
    return {**record, "reported_in": reported_in}


@router.get("/documents/{document_id:path}", response_model=DocumentOut,
            summary="One document, its text and its claims")
def get_document(request: Request, document_id: str) -> dict[str, Any]:
    """A stored document (its id may contain slashes: a path or URL) with the claims it tells."""
    web = context(request)
    document = web.store.get_document(document_id)
    if document is None:
        raise ApiError(404, f"no document with id {document_id!r}")
    claims = [{"claim_id": r["claim_id"], "category": r["category"],
               "quantity_text": r["quantity_text"], "claimant": r["claimant_name"],
               "subject": r["subject_name"], "said_on": r["said_on"],
               "evidence": {"start": r["evidence_start"], "end": r["evidence_end"],
                            "text": r["evidence_text"]}}
              for r in web.queries.document_reports(document_id)]
    return {"id": document.id, "title": document.title, "url": document.url,
            "outlet": document.outlet, "language": document.language,
            "published": document.published, "text": document.text, "claims": claims}


def series_summary(estimate: SeriesEstimate) -> dict[str, Any]:
    """What the series list says of one series."""
    s = estimate.series
    last = estimate.last
    return {"id": s.id, "description": s.describe(),
            "subject": {"name": s.subject_name, "country": s.subject_country},
            "category": s.category, "unit": s.unit, "location": s.theatre, "nature": s.nature,
            "claims": len(s.members), "flags": len(estimate.flags),
            "last": last.to_dict() if last else None}


@router.get("/series", response_model=list[SeriesSummaryOut], summary="Every series of claims")
def list_series(request: Request) -> list[dict[str, Any]]:
    """Series of claims about the same losses, with their latest rules estimate."""
    return [series_summary(e) for e in context(request).estimates.snapshot().estimates]


@router.get("/series/{series_id}/estimates", response_model=SeriesEstimatesOut,
            summary="A series' estimates, flags and claims")
def series_estimates(request: Request, series_id: str,
                     method: Literal["rules", "model"] = "rules") -> dict[str, Any]:
    """The series as `counterclaim estimate --format json` gives it, by rules or by the model."""
    web = context(request)
    snapshot = web.estimates.snapshot()
    estimate = snapshot.by_id.get(series_id)
    if estimate is None:
        raise ApiError(404, f"no series with id {series_id!r}")
    if method == "model":
        fitted = web.estimates.model(snapshot)
        if fitted is None:
            raise ApiError(503, snapshot.model_refused or "the model cannot be fitted now")
        estimate = fitted[series_id]
    return estimate.to_dict()


def check_write_token(request: Request,
                      authorization: Annotated[str | None, Header(max_length=4096)] = None) -> None:
    """Refuse a write without the right bearer token, or to a read-only server (a dependency)."""
    web = context(request)
    if not web.writable:
        raise ApiError(403, READ_ONLY_MESSAGE)
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not web.token_matches(given.strip()):
        raise ApiError(401, "a write needs the header 'Authorization: Bearer <COUNTERCLAIM_TOKEN>'",
                       {"WWW-Authenticate": "Bearer"})


@router.post("/documents", response_model=IngestOut, status_code=201, responses=WRITE_ERRORS,
             summary="Ingest a document (needs the write token)",
             dependencies=[Depends(check_write_token)])
def post_document(request: Request, document: DocumentIn) -> dict[str, Any]:
    """Store a text (or the article at a URL) and the claims found in it.

    The body holds either `text` or `url` (and optionally `id`, `title`, `published`).
    """
    web = context(request)
    if isinstance(document, TextDocumentIn):
        doc = text_document(document.text, document.id, document.title, document.published)
    else:
        doc = url_document(document.url, document.published, web.client_factory,
                           document.id, document.title)
    ingested = ingest_document(web.store, doc, web.extract)
    return {"document_id": doc.id, "status": ingested.result.status,
            "new_claims": ingested.result.new_claims,
            "claims": [{**claim.to_dict(), "claim_id": stored_id}
                       for stored_id, claim in ingested.claims]}
