"""What the desk's routes are given: the store (`StoreDep`, through `Depends`), who is writing, and the query
parameters and page shapes several routes share. The store and settings live on `app.state` (set by
`create_app`), so every router reads the same ones."""

from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from newsledger.api.auth import CSRF_FIELD, request_csrf_ok, request_session, token_owner
from newsledger.api.settings import Settings
from newsledger.countries import country_code
from newsledger.errors import NotFound
from newsledger.store import Store

FACET_COLUMNS = ("type", "status", "country", "outlet")
DATE_PARAM = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: the filter form left blank
T = TypeVar("T")


def existing(found: T | None, what: str) -> T:
    """The record looked up, or NotFound ("no event 17") when there is none: a 404 at the desk."""
    if found is None:
        raise NotFound(f"no {what}")
    return found


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]


def owner_of(request: Request) -> tuple[str | None, bool]:
    """(who is asking, whether it is through a desk session's cookie rather than a bearer token)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return token_owner(get_store(request), header[7:].strip()), False
    who, _session_id = request_session(request)
    return who, who is not None


def writer(request: Request) -> str:
    """Who writes through the API: the owner of the bearer token (never of the cookie: that is for forms)."""
    who, from_cookie = owner_of(request)
    if who is None:
        raise HTTPException(401, "a valid token is required to write (newsledger token create NAME)")
    if from_cookie:
        raise HTTPException(403, "the API takes the token as 'Authorization: Bearer', not from a cookie")
    return who


Writer = Annotated[str, Depends(writer)]


async def form_writer(request: Request) -> tuple[str, dict[str, str]]:
    """Who is writing through a form: the owner of the desk session, after checking the form's CSRF value is
    this session's; and the form's fields."""
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    who, _session_id = request_session(request)
    if who is None:
        raise HTTPException(401, "log in with a token to review")
    if not request_csrf_ok(request, fields.get(CSRF_FIELD), logged_in=True):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
    return who, fields


def wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return accept.startswith("application/json")


def bool_param(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    lowered = value.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise HTTPException(422, f"expected true or false, not {value!r}")


def country_param(value: str | None) -> str | None:
    """A country filter as its ISO2 code, from a code or a name; one that names no country is a 422 naming it."""
    if value is None or not value.strip():
        return None
    code = country_code(value)
    if code is None:
        raise HTTPException(
            422,
            [{"loc": ["query", "country"], "msg": f"no country is called {value[:100]!r}", "type": "value_error"}],
        )
    return code


def event_filters(
    since: Annotated[
        str | None, Query(description="Events on or after this day (YYYY-MM-DD).", pattern=DATE_PARAM)
    ] = None,
    until: Annotated[str | None, Query(description="Events on or before this day.", pattern=DATE_PARAM)] = None,
    country: Annotated[
        str | None, Query(description="Country: ISO 3166 code or name ('IQ', 'Iraq', 'iraq').", max_length=100)
    ] = None,
    admin1: Annotated[str | None, Query(description="First-level division (province, state).", max_length=200)] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    type: Annotated[str | None, Query(description="PLOVER or ACLED type(s), comma separated.", max_length=200)] = None,
    actor: Annotated[str | None, Query(description="Actor id, or part of a name or alias.", max_length=200)] = None,
    status: Annotated[str | None, Query(description="Event status(es), comma separated.", max_length=200)] = None,
    disputed: Annotated[str | None, Query(description="Only events whose report is disputed (true/false).")] = None,
    reviewed: Annotated[str | None, Query(description="Only events an analyst confirmed or corrected.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet that published the report.", max_length=200)] = None,
    article_id: Annotated[str | None, Query(description="Events of one article.", max_length=64)] = None,
    cluster_id: Annotated[int | None, Query(description="Events of one cluster.")] = None,
) -> dict[str, Any]:
    """The event filters shared by the events table, the map, the timeline and the API."""
    filters: dict[str, Any] = {
        "since": since or None,
        "until": until or None,
        "country": country_param(country),
        "admin1": admin1 or None,
        "type": type or None,
        "actor": actor or None,
        "status": status or None,
        "disputed": True if bool_param(disputed) else None,
        "reviewed": True if bool_param(reviewed) else None,
        "outlet": outlet or None,
        "article_id": article_id or None,
        "cluster_id": cluster_id,
    }
    if bbox:
        try:
            corners = tuple(float(part) for part in bbox.split(","))
        except ValueError:
            raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
        if len(corners) != 4:
            raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
        filters["bbox"] = corners
    return {key: value for key, value in filters.items() if value is not None}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    next_offset = offset + limit if offset + limit < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": next_offset}


def list_page(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of a list without a count query: one extra row tells whether there is a next page. The total is
    known only on the last page; before it, it is null rather than a guess."""
    has_more = len(rows) > limit
    items = rows[:limit]
    return {
        "items": items,
        "total": None if has_more else offset + len(items),
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if has_more else None,
    }


class Paging(BaseModel):
    """The query of a list: a page of `limit` rows after `offset`. A list's own filters are fields of a model
    derived from this one (FastAPI's query parameter models), so that each route takes its query as one typed
    value; such a model must be the route's only query input."""

    limit: int = Field(50, ge=1, le=500, description="Rows per page.")
    offset: int = Field(0, ge=0, description="Rows to skip.")

    def page_of(self, rows: list[Any]) -> dict[str, Any]:
        """The page of `rows` fetched with `limit + 1` (see `list_page`)."""
        return list_page(rows, self.limit, self.offset)


PageQuery = Annotated[Paging, Query()]
