"""Claims and quotes: who says what, each claim with the claims it disputes and is disputed by (across articles
too), and the quotes, searchable by speaker and words."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newsledger.api.deps import Limit, Offset, StoreDep, bool_param, list_page, page
from newsledger.api.models import ClaimPage, QuotePage
from newsledger.web.pages import render

router = APIRouter()


@router.get("/api/claims", response_model=ClaimPage, tags=["claims"])
def api_claims(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    disputed: Annotated[
        str | None,
        Query(
            description="true: the disputed-claims board, each disputing pair once (the disputing claim with the "
            "claims it disputes); false: only claims in no dispute."
        ),
    ] = None,
    claimant: Annotated[str | None, Query(max_length=200)] = None,
    stance: Annotated[str | None, Query(max_length=20)] = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """Claims, each with the claims it disputes and that dispute it (with outlets and dates)."""
    only_disputed = bool_param(disputed)
    options: dict[str, Any] = {
        "disputed": only_disputed,
        "board": only_disputed is True,
        "claimant": claimant,
        "stance": stance,
        "article_id": article_id,
    }
    items = store.claims(limit=limit, offset=offset, **options)
    return page(items, store.count_claims(**options), limit, offset)


@router.get("/claims", include_in_schema=False)
def claims_page(
    request: Request,
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    disputed: Annotated[str | None, Query()] = "true",
) -> Response:
    only_disputed = bool_param(disputed)
    board = bool(only_disputed)
    items = store.claims(disputed=only_disputed or None, board=board, limit=limit, offset=offset)
    total = store.count_claims(disputed=only_disputed or None, board=board)
    return render(request, "claims.html", page(items, total, limit, offset))


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
