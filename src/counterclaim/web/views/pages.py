"""The HTML pages: home, claims, a claim, series, a claimant, documents, ingest."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from counterclaim.errors import InputError
from counterclaim.models import CATEGORIES
from counterclaim.reconcile import EstimatePoint, Member, SeriesEstimate
from counterclaim.report.plots import HEDGE_SIGNS
from counterclaim.web.app import READ_ONLY_MESSAGE, ApiError, WebContext, context, url_for_claim
from counterclaim.web.estimates import SeriesPendingError
from counterclaim.web.highlight import Span, cut_text
from counterclaim.web.ingesting import ingest_document, text_document, url_document
from counterclaim.web.plot import linked_series_svg
from counterclaim.web.queries import (
    DEFAULT_ORDER,
    DEFAULT_PAGE_SIZE,
    DEFAULT_SORT,
    SORT_COLUMNS,
    ClaimFilters,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
COLUMNS = [("date", "said on"), ("category", "category"), ("figure", "figure"),
           ("subject", "subject"), ("claimant", "claimant"), ("place", "place")]
MAX_FIELD = 500
MAX_CURSOR = 2000


def render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    """A page from its template, with what every page shows (read-only or not)."""
    web = context(request)
    page = web.templates.get_template(template).render(writable=web.writable, **values)
    return HTMLResponse(page, status_code=status)


def figure_of(record: dict[str, Any]) -> str:
    """A claim's figure as people write it: ≥30, 10,000–12,000, ~1,100, 9%."""
    q = record["quantity"]
    low, high = q.get("low"), q.get("high")
    if q.get("qualifier") in ("range", "vague") and low is not None and high is not None:
        text = f"{low:,}\u2013{high:,}"
    else:
        text = HEDGE_SIGNS.get(q.get("qualifier"), "") + f"{low if low is not None else high:,}"
    return text + ("%" if q.get("unit") == "percent" else "")


def text_param(name: str, value: str | None) -> str | None:
    """A query-string text, None when empty; refused when overlong."""
    if value is None or not value.strip():
        return None
    if len(value) > MAX_FIELD:
        raise InputError(name, f"longer than {MAX_FIELD} characters")
    return value.strip()


def date_param(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD query parameter, None when empty."""
    text = text_param(name, value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise InputError(name, f"{text!r} is not a date in the form YYYY-MM-DD") from err


def choice_param(name: str, value: str | None, choices: tuple[str, ...] | list[str],
                 default: str | None) -> str | None:
    """A query parameter that must be one of the choices."""
    text = text_param(name, value)
    if text is None:
        return default
    if text not in choices:
        raise InputError(name, f"{text!r} is not one of {', '.join(choices)}")
    return text


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """Counts, the latest documents and links to everything."""
    web = context(request)
    return render(request, "home.html", counts=web.store.counts(),
                  documents=web.queries.documents(limit=10), categories=CATEGORIES)


@router.get("/claims")
def claims_page(request: Request, category: str | None = None, subject: str | None = None,
                claimant: str | None = None, since: str | None = None, until: str | None = None,
                doc: str | None = None, q: str | None = None, sort: str | None = None,
                order: str | None = None, cursor: str | None = None) -> HTMLResponse:
    """The claims table: filter, sort, page forward."""
    filters = ClaimFilters(
        category=choice_param("category", category, CATEGORIES, None),
        subject=text_param("subject", subject), claimant=text_param("claimant", claimant),
        since=date_param("since", since), until=date_param("until", until),
        doc=text_param("doc", doc), q=text_param("q", q))
    sort_by = choice_param("sort", sort, list(SORT_COLUMNS), DEFAULT_SORT) or DEFAULT_SORT
    direction = choice_param("order", order, ("asc", "desc"), DEFAULT_ORDER) or DEFAULT_ORDER
    queries = context(request).queries
    if cursor and len(cursor) > MAX_CURSOR:
        raise InputError("cursor", "not a cursor this server gave (start again without it)")
    page = queries.claim_page(filters, sort_by, direction, DEFAULT_PAGE_SIZE, cursor or None)
    rows = [{**r, "figure": figure_of(r)} for r in page.items]
    return render(request, "claims.html", rows=rows, filters=filters,
                  params=filters.as_params(), sort=sort_by, order=direction,
                  next_cursor=page.next_cursor, first_page=cursor is None,
                  total=queries.count_claims(filters), columns=COLUMNS, categories=CATEGORIES)


def series_of_claim(web: WebContext, claim_id: str) -> list[tuple[SeriesEstimate, Member]] | None:
    """The series a claim is in, with its membership (role and reason); None while being computed."""
    try:
        snapshot = web.estimates.snapshot(wait_seconds=2.0)
    except SeriesPendingError:
        return None
    found = []
    for estimate in snapshot.estimates:
        for member in estimate.series.members:
            if member.claim.id == claim_id:
                found.append((estimate, member))
                break
    return found


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    """A claim: its record, its evidence in its document, the document's other claims, its reports."""
    web = context(request)
    record = web.queries.get_claim(claim_id)
    if record is None:
        raise ApiError(404, f"no claim with id {claim_id!r}")
    document = web.store.get_document(record["doc"])
    siblings = web.queries.document_reports(record["doc"]) if document else []
    evidence = record["evidence"]
    spans = [Span(r["evidence_start"], r["evidence_end"], r["claim_id"]) for r in siblings
             if r["claim_id"] != claim_id]
    spans.append(Span(evidence["start"], evidence["end"], claim_id))
    pieces = cut_text(document.text, spans) if document else []
    reports = web.queries.claim_reports(claim_id)
    claimant_ids = web.queries.actor_ids_by_name(
        [record["claimant"]["name"]] if record["claimant"] else [])
    return render(request, "claim.html", record=record, figure=figure_of(record),
                  document=document, pieces=pieces, current=claim_id,
                  siblings=[s for s in siblings if s["claim_id"] != claim_id],
                  other_reports=[r for r in reports if r["document_id"] != record["doc"]],
                  via=next((r["via"] for r in reports if r["document_id"] == record["doc"]), None),
                  reports=reports, series=series_of_claim(web, claim_id),
                  claimant_id=next(iter(claimant_ids.values()), None))


@router.get("/series")
def series_list(request: Request) -> HTMLResponse:
    """Every series with its latest estimate."""
    snapshot = context(request).estimates.snapshot()
    ordered = sorted(snapshot.estimates, key=lambda e: (-len(e.series.members), e.series.id))
    return render(request, "series_list.html", estimates=ordered)


def point_on(points: tuple[EstimatePoint, ...], when: date | None) -> EstimatePoint | None:
    """The estimate in force on a date (the last point on or before it)."""
    if when is None:
        return None
    current = None
    for point in points:
        if point.date > when:
            break
        current = point
    return current


@router.get("/series/{series_id}")
def series_page(request: Request, series_id: str, model: str | None = None) -> HTMLResponse:
    """A series: the timeline plot (markers link to claims), estimates, flags, claims."""
    web = context(request)
    snapshot = web.estimates.snapshot()
    estimate = snapshot.by_id.get(series_id)
    if estimate is None:
        raise ApiError(404, f"no series with id {series_id!r}")
    show_model = model not in (None, "", "0")
    fitted = web.estimates.model(snapshot) if show_model else None
    model_estimate = fitted.get(series_id) if fitted else None
    plot = linked_series_svg(estimate, web.estimates.settings, url_for_claim, model_estimate)
    names = web.queries.actor_ids_by_name([m.claim.claimant_name for m in estimate.series.members])
    members = [{"member": m, "figure": figure_of(m.claim.record),
                "claimant_id": names.get(m.claim.claimant_name),
                "class_label": web.estimates.settings.classes[m.claimant_class].label}
               for m in estimate.series.members]
    return render(request, "series.html", estimate=estimate, plot=plot, members=members,
                  model=model_estimate, show_model=show_model,
                  model_points={p.date: p for p in model_estimate.points} if model_estimate else {},
                  model_refused=snapshot.model_refused if show_model else None)


@router.get("/claimants")
def claimants_page(request: Request) -> HTMLResponse:
    """The claimants who made the most claims."""
    return render(request, "claimants.html", claimants=context(request).queries.claimants())


def claimant_comparisons(web: WebContext, name: str) -> tuple[list[dict[str, Any]] | None, str | None]:
    """For each series the claimant speaks in: its figures against the estimate and the others'.

    None (and why) while the series are still being computed.
    """
    try:
        snapshot = web.estimates.snapshot(wait_seconds=5.0)
    except SeriesPendingError as err:
        return None, str(err)
    fitted = web.estimates.model(snapshot)
    settings = web.estimates.settings
    comparisons = []
    for estimate in snapshot.estimates:
        counted = estimate.series.counted()
        own = [m for m in counted if m.claim.claimant_name == name]
        if not own:
            continue
        rows = []
        for m in own:
            point = point_on(estimate.points, m.claim.date)
            ratio = m.claim.point() / point.best if point and point.best else None
            rows.append({"member": m, "figure": figure_of(m.claim.record), "point": point,
                         "ratio": ratio})
        others = [{"member": m, "figure": figure_of(m.claim.record)}
                  for m in counted if m.claim.claimant_name != name]
        bias = None
        if fitted and estimate.series.id in fitted:
            key = f"{name} ({settings.classes[own[0].claimant_class].label})"
            bias = fitted[estimate.series.id].claimant_bias.get(key)
        comparisons.append({"estimate": estimate, "own": rows, "others": others, "bias": bias})
    return comparisons, snapshot.model_refused


@router.get("/claimants/{actor_id}")
def claimant_page(request: Request, actor_id: str) -> HTMLResponse:
    """A claimant: every claim it made, by date, and how its figures compare with others'."""
    web = context(request)
    actor = web.queries.get_actor(actor_id)
    if actor is None:
        raise ApiError(404, f"no claimant with id {actor_id!r}")
    claims = [{**r, "figure": figure_of(r)} for r in web.queries.claims_by_claimant(actor_id)]
    comparisons, model_refused = claimant_comparisons(web, actor["name"])
    return render(request, "claimant.html", actor=actor, claims=claims,
                  comparisons=comparisons, model_refused=model_refused)


@router.get("/documents")
def documents_page(request: Request, page: int = 1) -> HTMLResponse:
    """Documents, most recently ingested first."""
    page = max(1, min(page, 100_000))
    rows = context(request).queries.documents(limit=51, offset=(page - 1) * 50)
    return render(request, "documents.html", documents=rows[:50], page=page,
                  more=len(rows) > 50)


@router.get("/documents/{document_id:path}")
def document_page(request: Request, document_id: str) -> HTMLResponse:
    """A document: its text with every claim's evidence highlighted, and its claims."""
    web = context(request)
    document = web.store.get_document(document_id)
    if document is None:
        raise ApiError(404, f"no document with id {document_id!r}")
    told = web.queries.document_reports(document_id)
    pieces = cut_text(document.text, [Span(r["evidence_start"], r["evidence_end"], r["claim_id"])
                                      for r in told])
    return render(request, "document.html", document=document, pieces=pieces, told=told,
                  current=None)


@router.get("/ingest")
def ingest_form(request: Request) -> HTMLResponse:
    """The form to paste a text or give a URL (read-only servers say they are)."""
    return render(request, "ingest.html", message=None if context(request).writable
                  else READ_ONLY_MESSAGE, values={})


@router.post("/ingest")
def ingest_submit(request: Request, token: Annotated[str, Form(max_length=4096)] = "",
                  text: Annotated[str, Form(max_length=1_000_000)] = "",
                  url: Annotated[str, Form(max_length=2000)] = "",
                  published: Annotated[str, Form(max_length=20)] = "",
                  title: Annotated[str, Form(max_length=1000)] = "") -> HTMLResponse:
    """Extract and store the pasted text or the article at the URL; show the claims found."""
    web = context(request)
    values = {"text": text, "url": url, "published": published, "title": title}
    if not web.writable:
        return render(request, "ingest.html", 403, message=READ_ONLY_MESSAGE, values=values)
    if not web.token_matches(token):
        return render(request, "ingest.html", 401, message="wrong or missing write token",
                      values=values)
    try:
        published_on = date_param("published", published)
        if bool(text.strip()) == bool(url.strip()):
            raise InputError("ingest", "paste a text or give a URL (one of them)")
        if text.strip():
            document = text_document(text, None, text_param("title", title), published_on)
        else:
            if not url.strip().lower().startswith(("http://", "https://")):
                raise InputError(url.strip(), "only http:// and https:// addresses can be fetched")
            document = url_document(url.strip(), published_on, web.client_factory,
                                    None, text_param("title", title))
    except InputError as err:
        return render(request, "ingest.html", 400, message=str(err), values=values)
    ingested = ingest_document(web.store, document, web.extract)
    spans = [Span(c.evidence.start, c.evidence.end, stored_id)
             for stored_id, c in ingested.claims]
    found = [{"claim_id": stored_id, "claim": c, "figure": figure_of(c.to_dict())}
             for stored_id, c in ingested.claims]
    return render(request, "ingest.html", message=None, values={}, ingested=ingested,
                  found=found, pieces=cut_text(document.text, spans), current=None)
