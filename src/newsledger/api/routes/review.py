"""Review: an analyst confirms, corrects or rejects an event, merges or splits clusters (API and forms), and the
audit log of it all. Every write needs a token; a form also passes the CSRF check."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field

from newsledger.api import review
from newsledger.api.deps import PageQuery, Paging, StoreDep, Writer, existing, form_writer
from newsledger.api.models import AuditPage, ClusterState, MergeIn, ReviewIn, ReviewOut, SplitIn
from newsledger.errors import Invalid
from newsledger.store import review as ledger_review
from newsledger.web.pages import changed, render

router = APIRouter()


class AuditQuery(Paging):
    target: str | None = Field(None, description="e.g. event:17 or cluster:3", max_length=200)


def review_error(exc: Invalid, *, location: tuple[str, ...]) -> HTTPException:
    """422 naming the field for a value outside its vocabulary or range."""
    if exc.field is None:
        return HTTPException(422, str(exc))
    return HTTPException(422, [{"loc": [*location, exc.field], "msg": str(exc), "type": "value_error"}])


@router.post("/api/events/{event_pk}/review", response_model=ReviewOut, tags=["review"])
def api_review_event(store: StoreDep, event_pk: int, body: ReviewIn, who: Writer) -> dict[str, Any]:
    """Confirm, correct or reject one event (needs a token); the change goes to the audit log."""
    corrections = body.corrections.model_dump(exclude_unset=True)
    try:
        state = review.review_event(store, event_pk, who=who, action=body.action, corrections=corrections)
    except Invalid as exc:
        raise review_error(exc, location=("body", "corrections")) from None
    return {"event_pk": event_pk, "cluster": state.pop("cluster", None), "state": state}


@router.post("/api/clusters/{cluster_id}/merge", response_model=ClusterState, tags=["review"])
def api_merge(store: StoreDep, cluster_id: int, body: MergeIn, who: Writer) -> dict[str, Any]:
    """Merge another cluster into this one (needs a token)."""
    return ledger_review.merge_clusters(store, cluster_id, body.other, who=who)


@router.post("/api/clusters/{cluster_id}/split", response_model=ClusterState, tags=["review"])
def api_split(store: StoreDep, cluster_id: int, body: SplitIn, who: Writer) -> dict[str, Any]:
    """Move some events of a cluster into a new cluster (needs a token); returns the new cluster."""
    return ledger_review.split_cluster(store, cluster_id, body.event_pks, who=who)


@router.get("/api/audit", response_model=AuditPage, tags=["review"])
def api_audit(store: StoreDep, query: Annotated[AuditQuery, Query()]) -> dict[str, Any]:
    """The audit log of reviews, newest first."""
    return query.page_of(
        ledger_review.audit_entries(store, target=query.target, limit=query.limit + 1, offset=query.offset)
    )


@router.post("/events/{event_pk}/review", include_in_schema=False)
async def event_review_form(request: Request, store: StoreDep, event_pk: int) -> Response:
    who, fields = await form_writer(request)
    action = fields.get("action", "")
    current = existing(store.event(event_pk), f"event {event_pk}")
    # The form shows the current values: a field is a correction only when the analyst changed it.
    corrections = {
        key: fields[key]
        for key in review.CORRECTABLE
        if action == "correct" and key in fields and changed(key, fields[key], current.get(key))
    }
    try:
        review.review_event(store, event_pk, who=who, action=action, corrections=corrections)
    except Invalid as exc:
        raise review_error(exc, location=("form",)) from None
    return RedirectResponse(f"/events/{event_pk}", status_code=303)


@router.post("/clusters/{cluster_id}/merge", include_in_schema=False)
async def cluster_merge_form(request: Request, store: StoreDep, cluster_id: int) -> Response:
    who, fields = await form_writer(request)
    try:
        ledger_review.merge_clusters(store, cluster_id, int(fields.get("other", "")), who=who)
    except ValueError as exc:  # Invalid is a ValueError, and so is a non-number
        raise HTTPException(422, str(exc)) from None
    return RedirectResponse(f"/clusters/{cluster_id}", status_code=303)


@router.post("/clusters/{cluster_id}/split", include_in_schema=False)
async def cluster_split_form(request: Request, store: StoreDep, cluster_id: int) -> Response:
    who, _fields = await form_writer(request)
    form = await request.form()
    try:
        pks = [int(str(value)) for value in form.getlist("event_pk")]
        created = ledger_review.split_cluster(store, cluster_id, pks, who=who)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return RedirectResponse(f"/clusters/{created['id']}", status_code=303)


@router.get("/audit", include_in_schema=False)
def audit_page(request: Request, store: StoreDep, paging: PageQuery) -> Response:
    rows = ledger_review.audit_entries(store, limit=paging.limit + 1, offset=paging.offset)
    return render(request, "audit.html", paging.page_of(rows))
