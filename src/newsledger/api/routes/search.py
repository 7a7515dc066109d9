"""Finding things: full-text search over articles and quotes, and actor names; the places the reports name."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field

from newsledger.api.deps import Limit, Offset, Paging, StoreDep, list_page
from newsledger.api.models import PlacePage, SearchOut
from newsledger.store import Store
from newsledger.web.pages import render

router = APIRouter()


class PlaceQuery(Paging):
    country: str | None = Field(None, max_length=2)
    q: str | None = Field(None, max_length=200)


def search_data(store: Store, q: str) -> dict[str, Any]:
    q = q.strip()
    if not q:
        return {"q": q, "articles": [], "quotes": [], "actors": []}
    return {
        "q": q,
        "articles": store.search(q, limit=20),
        "quotes": store.quotes(q=q, limit=20),
        "actors": store.actors(q=q, limit=20),
    }


@router.get("/api/search", response_model=SearchOut, tags=["search"])
def api_search(store: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> dict[str, Any]:
    """Full-text search over articles and quotes, and actor names."""
    return search_data(store, q)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = "") -> Response:
    return render(request, "search.html", search_data(store, q))


@router.get("/api/places", response_model=PlacePage, tags=["places"])
def api_places(store: StoreDep, query: Annotated[PlaceQuery, Query()]) -> dict[str, Any]:
    """Places named in the reports, with coordinates."""
    return query.page_of(store.places(country=query.country, q=query.q, limit=query.limit + 1, offset=query.offset))


@router.get("/places", include_in_schema=False)
def places_page(request: Request, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    return render(request, "places.html", list_page(store.places(limit=limit + 1, offset=offset), limit, offset))
