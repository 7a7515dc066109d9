"""Articles: the list (metadata, newest first) and each article's full record with its text highlighted."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field

from newsledger.api.deps import DATE_PARAM, PageQuery, Paging, StoreDep, existing
from newsledger.api.models import ArticlePage
from newsledger.store import Store
from newsledger.web.highlight import highlighted_html, record_index, record_spans
from newsledger.web.pages import render

router = APIRouter()


def article_data(store: Store, article_id: str) -> dict[str, Any]:
    record = existing(store.article(article_id), f"article {article_id}")
    event_pks = store.article_event_pks(article_id)
    for event in record.get("events", []):
        event["pk"] = event_pks.get(event["id"])
    return record


class ArticleQuery(Paging):
    q: str | None = Field(None, description="Full-text search.", max_length=500)
    outlet: str | None = Field(None, max_length=200)
    since: str | None = Field(None, pattern=DATE_PARAM)
    until: str | None = Field(None, pattern=DATE_PARAM)


@router.get("/api/articles", response_model=ArticlePage, tags=["articles"])
def api_articles(store: StoreDep, query: Annotated[ArticleQuery, Query()]) -> dict[str, Any]:
    """Articles (metadata, newest first)."""
    rows = store.articles(
        q=query.q, outlet=query.outlet, since=query.since, until=query.until, limit=query.limit + 1, offset=query.offset
    )
    return query.page_of(rows)


@router.get("/api/articles/{article_id}", tags=["articles"])
def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    """The article's full public record with its text (events carry `pk` for review)."""
    return article_data(store, article_id)


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, store: StoreDep, paging: PageQuery) -> Response:
    rows = store.articles(limit=paging.limit + 1, offset=paging.offset)
    return render(request, "articles.html", paging.page_of(rows))


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, store: StoreDep, article_id: str) -> Response:
    record = article_data(store, article_id)
    view = {
        "highlighted": highlighted_html(record["article"]["text"], record_spans(record)),
        "records": record_index(record),
    }
    return render(request, "article.html", {"record": record}, view)
