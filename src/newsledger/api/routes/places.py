"""Places named in the reports, with their coordinates."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import Limit, Offset, StoreDep, list_page
from newsledger.api.models import PlacePage
from newsledger.web.pages import render

router = APIRouter()


@router.get("/api/places", response_model=PlacePage, tags=["places"])
def api_places(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    country: Annotated[str | None, Query(max_length=2)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Places named in the reports, with coordinates."""
    return list_page(store.places(country=country, q=q, limit=limit + 1, offset=offset), limit, offset)


@router.get("/places", include_in_schema=False)
def places_page(request: Request, store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> Response:
    return render(request, "places.html", list_page(store.places(limit=limit + 1, offset=offset), limit, offset))
