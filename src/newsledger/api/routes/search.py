"""Search: full text over articles and quotes, and actor names."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import StoreDep
from newsledger.api.models import SearchOut
from newsledger.store import Store
from newsledger.web.pages import render

router = APIRouter()


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
