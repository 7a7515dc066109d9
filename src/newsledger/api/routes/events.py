"""Events: the filtered list with its facets, one event with its sentence, the timeline and the map."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsledger.api import review
from newsledger.api.deps import FACET_COLUMNS, EventFilters, Limit, Offset, StoreDep, existing, page
from newsledger.api.models import EventOut, EventPage, TimelineOut
from newsledger.store import Store
from newsledger.store import review as ledger_review
from newsledger.web.pages import render
from newsledger.web.timeline import timeline_chart, zoom_ranges

router = APIRouter()


def events_data(store: Store, filters: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
    items = store.events(limit=limit, offset=offset, **filters)
    total, facets = store.event_total_and_facets(FACET_COLUMNS, **filters)
    data = page(items, total, limit, offset)
    data["facets"] = facets
    data["filters"] = {k: list(v) if isinstance(v, tuple) else v for k, v in filters.items()}
    return data


def timeline_data(store: Store, filters: dict[str, Any]) -> dict[str, Any]:
    counts = store.timeline_counts(**filters)
    days = sorted({c["day"] for c in counts})
    types = sorted({c["type"] for c in counts}, key=lambda t: (-sum(c["n"] for c in counts if c["type"] == t), t))
    return {"days": days, "types": types, "counts": counts}


@router.get("/api/events", response_model=EventPage, tags=["events"])
def api_events(store: StoreDep, filters: EventFilters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Reports of events under the filters, newest first, with facet counts."""
    return events_data(store, filters, limit, offset)


@router.get("/api/events/{event_pk}", response_model=EventOut, tags=["events"])
def api_event(store: StoreDep, event_pk: int) -> dict[str, Any]:
    return existing(store.event(event_pk), f"event {event_pk}")


@router.get("/api/timeline", response_model=TimelineOut, tags=["events"])
def api_timeline(store: StoreDep, filters: EventFilters) -> dict[str, Any]:
    """Events per day and type under the filters."""
    return timeline_data(store, filters)


@router.get("/events", include_in_schema=False)
def events_page(
    request: Request, store: StoreDep, filters: EventFilters, limit: Limit = 50, offset: Offset = 0
) -> Response:
    return render(request, "events.html", events_data(store, filters, limit, offset))


@router.get("/events/{event_pk}", include_in_schema=False)
def event_page(request: Request, store: StoreDep, event_pk: int) -> Response:
    found = existing(store.event(event_pk), f"event {event_pk}")
    text = (store.article(found["article_id"]) or {}).get("article", {}).get("text", "")
    sentence = text[found["sentence_start"] : found["sentence_end"]]
    data = {
        "event": found,
        "sentence": sentence,
        "audit": ledger_review.audit_entries(store, target=f"event:{event_pk}"),
    }
    view = {
        "statuses": review.EVENT_STATUSES,
        "correctable": review.CORRECTABLE,
        "acled_subtypes": review.acled_subtypes_by_type(),
    }
    return render(request, "event.html", data, view)


@router.get("/map", include_in_schema=False)
def map_page(request: Request, store: StoreDep, filters: EventFilters) -> Response:
    return render(request, "map.html", {"points": store.map_points(**filters), "filters": filters})


@router.get("/timeline", include_in_schema=False)
def timeline_page(request: Request, store: StoreDep, filters: EventFilters) -> Response:
    data = timeline_data(store, filters)
    chart = timeline_chart(data)
    return render(request, "timeline.html", data, {"chart": chart, "zoom": zoom_ranges(chart.get("last"))})
