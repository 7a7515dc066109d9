"""Quotes: who said what, searchable by speaker and words."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import Limit, Offset, StoreDep, list_page
from newsledger.api.models import QuotePage
from newsledger.web.pages import render

router = APIRouter()


@router.get("/api/quotes", response_model=QuotePage, tags=["quotes"])
def api_quotes(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    speaker: Annotated[str | None, Query(description="Part of the speaker's name.", max_length=200)] = None,
    q: Annotated[str | None, Query(description="Words in the quote (full-text).", max_length=500)] = None,
    kind: Annotated[str | None, Query(description="direct, partial or indirect.", max_length=20)] = None,
) -> dict[str, Any]:
    """Quotes, searchable by speaker and text."""
    rows = store.quotes(speaker=speaker, q=q, kind=kind, limit=limit + 1, offset=offset)
    return list_page(rows, limit, offset)


@router.get("/quotes", include_in_schema=False)
def quotes_page(
    request: Request,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    rows = store.quotes(speaker=speaker or None, q=q or None, limit=limit + 1, offset=offset)
    return render(request, "quotes.html", list_page(rows, limit, offset))
