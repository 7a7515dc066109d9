"""Claims and quotes: who says what, each claim with the claims it disputes and is disputed by (across articles
too), and the quotes, searchable by speaker and words."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field

from newsledger.api.deps import Paging, StoreDep, bool_param, page
from newsledger.api.models import ClaimPage, QuotePage
from newsledger.web.pages import render

router = APIRouter()


class ClaimQuery(Paging):
    disputed: str | None = Field(
        None,
        description="true: the disputed-claims board, each disputing pair once (the disputing claim with the "
        "claims it disputes); false: only claims in no dispute.",
    )
    claimant: str | None = Field(None, max_length=200)
    stance: str | None = Field(None, max_length=20)
    article_id: str | None = Field(None, max_length=64)


class BoardQuery(Paging):
    disputed: str | None = "true"  # the page opens on the disputed-claims board


class QuoteQuery(Paging):
    speaker: str | None = Field(None, description="Part of the speaker's name.", max_length=200)
    q: str | None = Field(None, description="Words in the quote (full-text).", max_length=500)
    kind: str | None = Field(None, description="direct, partial or indirect.", max_length=20)


@router.get("/api/claims", response_model=ClaimPage, tags=["claims"])
def api_claims(store: StoreDep, query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
    """Claims, each with the claims it disputes and that dispute it (with outlets and dates)."""
    only_disputed = bool_param(query.disputed)
    options: dict[str, Any] = {
        "disputed": only_disputed,
        "board": only_disputed is True,
        "claimant": query.claimant,
        "stance": query.stance,
        "article_id": query.article_id,
    }
    items = store.claims(limit=query.limit, offset=query.offset, **options)
    return page(items, store.count_claims(**options), query.limit, query.offset)


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, store: StoreDep, query: Annotated[BoardQuery, Query()]) -> Response:
    only_disputed = bool_param(query.disputed)
    board = bool(only_disputed)
    items = store.claims(disputed=only_disputed or None, board=board, limit=query.limit, offset=query.offset)
    total = store.count_claims(disputed=only_disputed or None, board=board)
    return render(request, "claims.html", page(items, total, query.limit, query.offset))


@router.get("/api/quotes", response_model=QuotePage, tags=["quotes"])
def api_quotes(store: StoreDep, query: Annotated[QuoteQuery, Query()]) -> dict[str, Any]:
    """Quotes, searchable by speaker and text."""
    rows = store.quotes(speaker=query.speaker, q=query.q, kind=query.kind, limit=query.limit + 1, offset=query.offset)
    return query.page_of(rows)


@router.get("/quotes", include_in_schema=False)
def quotes_page(request: Request, store: StoreDep, query: Annotated[QuoteQuery, Query()]) -> Response:
    # a search form sends its empty fields: an empty one is no filter
    rows = store.quotes(speaker=query.speaker or None, q=query.q or None, limit=query.limit + 1, offset=query.offset)
    return render(request, "quotes.html", query.page_of(rows))
