"""The desk's alerts: saved searches (any filtered view of the events) under stable addresses, each with its
latest matches, an Atom feed of them (`?format=atom`) and an optional signed webhook; the list of them beside
what `newsledger watch` reports of its feeds. Reading is open like every page; saving and deleting need a token."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from newsledger.alerts.atom import atom_feed
from newsledger.alerts.searches import FilterError, clean_filters, describe, slugify
from newsledger.api.deps import StoreDep, Writer, existing, form_writer
from newsledger.errors import NotFound
from newsledger.store import Store, desk
from newsledger.web.pages import render

router = APIRouter()
LATEST = 50


class SavedSearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    filters: dict[str, Any] = Field(
        default_factory=dict,
        description="Events filters: type, country (name or code), actor, q (words in the report), disputed, "
        "reviewed, status, outlet, admin1, since, until.",
    )
    webhook_url: str | None = Field(None, max_length=2000, pattern=r"^https?://")
    webhook_secret: str | None = Field(None, max_length=200)


def _public(search: dict[str, Any]) -> dict[str, Any]:
    """A saved search as shown: never its webhook secret."""
    return {
        "slug": search["slug"],
        "name": search["name"],
        "filters": search["filters"],
        "description": describe(search["filters"]),
        "url": f"/alerts/{search['slug']}",
        "atom": f"/alerts/{search['slug']}?format=atom",
        "webhook_url": search["webhook_url"],
        "signed": bool(search["webhook_secret"]),
        "created_by": search["created_by"],
        "created_at": search["created_at"],
    }


def _free_slug(store: Store, name: str) -> str:
    base = slugify(name)
    slug, n = base, 1
    while desk.slug_taken(store, slug):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _create(store: Store, body: SavedSearchIn, who: str) -> dict[str, Any]:
    try:
        filters = clean_filters(body.filters)
    except FilterError as exc:
        raise HTTPException(
            422, [{"loc": ["body", "filters", exc.field], "msg": str(exc), "type": "value_error"}]
        ) from None
    return desk.create_saved_search(
        store,
        slug=_free_slug(store, body.name),
        name=body.name.strip(),
        filters=filters,
        created_by=who,
        webhook_url=body.webhook_url or None,
        webhook_secret=body.webhook_secret or None,
    )


def alerts_data(store: Store) -> dict[str, Any]:
    searches = []
    for search in desk.saved_searches(store):
        shown = _public(search)
        shown["latest"] = desk.search_matches(store, search["filters"], limit=3)
        searches.append(shown)
    return {"searches": searches, "feeds": desk.watch_sources(store)}


def alert_data(store: Store, slug: str) -> tuple[dict[str, Any], dict[str, Any]]:
    search = existing(desk.saved_search(store, slug), f"saved search {slug}")
    shown = _public(search)
    matches = desk.search_matches(store, search["filters"], limit=LATEST)
    deliveries = desk.deliveries(store, search["id"]) if search["webhook_url"] else []
    for delivery in deliveries:
        delivery["n_events"] = len(delivery.pop("payload", {}).get("events", []))
    return search, {"search": shown, "matches": matches, "deliveries": deliveries}


@router.get("/api/alerts", tags=["alerts"])
def api_alerts(store: StoreDep) -> dict[str, Any]:
    """Saved searches with their three latest matches, and the state of the watched feeds."""
    return alerts_data(store)


@router.post("/api/alerts", tags=["alerts"])
def api_create_alert(store: StoreDep, body: SavedSearchIn, who: Writer) -> dict[str, Any]:
    """Save a search (needs a token): its page is `/alerts/{slug}`, its Atom feed `?format=atom`."""
    return _public(_create(store, body, who))


@router.get("/api/alerts/{slug}", tags=["alerts"])
def api_alert(store: StoreDep, slug: str) -> dict[str, Any]:
    """One saved search with its latest matches (newest stored first) and webhook deliveries."""
    return alert_data(store, slug)[1]


@router.delete("/api/alerts/{slug}", tags=["alerts"])
def api_delete_alert(store: StoreDep, slug: str, who: Writer) -> dict[str, Any]:
    """Delete a saved search (needs a token)."""
    if not desk.delete_saved_search(store, slug):
        raise NotFound(f"no saved search {slug}")
    return {"deleted": slug}


@router.get("/alerts", include_in_schema=False)
def alerts_page(request: Request, store: StoreDep) -> Response:
    return render(request, "alerts.html", alerts_data(store))


@router.post("/alerts", include_in_schema=False)
async def alerts_create_form(request: Request, store: StoreDep) -> Response:
    who, fields = await form_writer(request)
    try:
        body = SavedSearchIn(
            name=fields.get("name", "").strip() or "untitled search",
            filters={key: value for key, value in fields.items() if key not in ("name", "csrf_token")},
            webhook_url=fields.get("webhook_url") or None,
            webhook_secret=fields.get("webhook_secret") or None,
        )
    except ValueError as exc:
        raise HTTPException(422, str(exc).splitlines()[0]) from None
    created = _create(store, body, who)
    return RedirectResponse(f"/alerts/{created['slug']}", status_code=303)


@router.get("/alerts/{slug}", include_in_schema=False)
def alert_page(request: Request, store: StoreDep, slug: str) -> Response:
    search, data = alert_data(store, slug)
    if request.query_params.get("format") == "atom":
        body = atom_feed(search, data["matches"], base_url=str(request.base_url))
        return Response(body, media_type="application/atom+xml; charset=utf-8")
    return render(request, "alert.html", data)


@router.post("/alerts/{slug}/delete", include_in_schema=False)
async def alert_delete_form(request: Request, store: StoreDep, slug: str) -> Response:
    await form_writer(request)
    if not desk.delete_saved_search(store, slug):
        raise NotFound(f"no saved search {slug}")
    return RedirectResponse("/alerts", status_code=303)
