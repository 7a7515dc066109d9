"""The analyst's desk: one FastAPI app serving the JSON API (`/api/…`, OpenAPI at `/api/docs`) and the pages.

Every page is also JSON from the same handler (`?format=json` or `Accept: application/json`). Reads are open
unless `Settings.read_requires_token`; writes need a token: `Authorization: Bearer …` for the API, or the
token cookie set by `/login` plus the double-submit CSRF token for forms. Article text is untrusted: templates
autoescape, the highlighted text escapes every piece, and the Content-Security-Policy allows no inline script."""

import contextlib
import re
import secrets
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import newsledger
from newsledger.api import queries, review
from newsledger.api.alerts import add_alert_routes
from newsledger.api.auth import token_owner
from newsledger.api.highlight import highlighted_html, record_index, record_spans
from newsledger.api.models import (
    ActorDetail,
    ActorPage,
    ArticlePage,
    AuditPage,
    ClaimPage,
    ClusterDetail,
    ClusterPage,
    ClusterState,
    EventOut,
    EventPage,
    MergeIn,
    PlacePage,
    QuotePage,
    ReviewIn,
    ReviewOut,
    SearchOut,
    SplitIn,
    TimelineOut,
)
from newsledger.api.settings import Settings
from newsledger.countries import country_code
from newsledger.model import PLOVER_TYPES
from newsledger.store import Store
from newsledger.store.queries import first_line
from newsledger.web.cluster import cluster_evidence
from newsledger.web.timeline import timeline_chart, zoom_ranges

WEB = Path(__file__).resolve().parent.parent / "web"
CSRF_COOKIE = "nl_csrf"
CSRF_FIELD = "csrf_token"
TOKEN_COOKIE = "nl_token"
FACET_COLUMNS = ("type", "status", "country", "outlet")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_DATE_PARAM = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty: the filter form left blank
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
)
_OPEN_PATHS = ("/login", "/static/", "/api/openapi.json", "/api/docs", "/healthz", "/favicon.ico")


class BodySizeLimit:
    """Refuses request bodies over `limit` bytes: by Content-Length up front, and while streaming otherwise."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, limited_receive, send)


class SecureHeaders:
    """Security headers on every response, and the read gate before the app (plain ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp, *, gate: Callable[[Request], Response | None]) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        blocked = self.gate(Request(scope))
        if blocked is not None:
            await blocked(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)


async def _too_large(send: Send, limit: int) -> None:
    body = b'{"detail":"request body over ' + str(limit).encode() + b' bytes"}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _bool_param(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    lowered = value.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise HTTPException(422, f"expected true or false, not {value!r}")


def _country_param(value: str | None) -> str | None:
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
        str | None, Query(description="Events on or after this day (YYYY-MM-DD).", pattern=_DATE_PARAM)
    ] = None,
    until: Annotated[str | None, Query(description="Events on or before this day.", pattern=_DATE_PARAM)] = None,
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
        "country": _country_param(country),
        "admin1": admin1 or None,
        "type": type or None,
        "actor": actor or None,
        "status": status or None,
        "disputed": True if _bool_param(disputed) else None,
        "reviewed": True if _bool_param(reviewed) else None,
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


def _page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    next_offset = offset + limit if offset + limit < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": next_offset}


def _list_page(rows: list[Any], limit: int, offset: int) -> dict[str, Any]:
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


_ERROR_RESPONSES = {
    "401": "No valid token: writes always need one; reads need one when the server requires it.",
    "403": "The token came from a cookie on an API write, or the CSRF check failed.",
    "404": "No such record.",
    "413": "The request is larger than the server accepts.",
}


def _openapi_with_error_responses(app: FastAPI) -> dict[str, Any]:
    """The generated schema plus the error statuses every route can return (all as `{"detail": "..."}`),
    so clients and schema checkers know them; FastAPI only documents 200 and 422 by itself."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorOut"] = {
        "title": "ErrorOut",
        "type": "object",
        "properties": {"detail": {"title": "Detail", "type": "string"}},
        "required": ["detail"],
    }
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            statuses = ["401", "413"]
            if "{" in path:
                statuses.append("404")
            if method == "post":
                statuses.append("403")
            responses = operation.setdefault("responses", {})
            for status in statuses:
                responses.setdefault(
                    status,
                    {
                        "description": _ERROR_RESPONSES[status],
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
                    },
                )
    app.openapi_schema = schema
    return schema


def create_app(db_url: str | Path | None, *, settings: Settings | None = None) -> FastAPI:
    """The desk over the ledger at `db_url` (created and migrated if needed)."""
    settings = settings or Settings()
    store = Store.open(db_url)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="newsledger",
        version=newsledger.__version__,
        description=(
            "The ledger of events, claims, quotes, actors and places extracted from news reports. "
            "Reads are open unless the server requires a token; writes (review) need "
            "`Authorization: Bearer <token>` from `newsledger token create NAME`. Every page of the web desk "
            "is also JSON with `?format=json`."
        ),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; /api/docs is our own offline page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.openapi = lambda: _openapi_with_error_responses(app)  # type: ignore[method-assign]
    env = Environment(
        loader=FileSystemLoader(str(WEB / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals["version"] = newsledger.__version__
    env.filters["first_line"] = first_line
    env.filters["form_value"] = _form_value
    env.globals["event_types"] = PLOVER_TYPES
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    def owner_of(request: Request) -> tuple[str | None, bool]:
        """(token owner, whether the token came from the cookie)."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return token_owner(store, header[7:].strip()), False
        cookie = request.cookies.get(TOKEN_COOKIE)
        return (token_owner(store, cookie), True) if cookie else (None, False)

    def read_gate(request: Request) -> Response | None:
        """With `read_requires_token`, a request without a valid token gets 401 (API) or the login page."""
        path = request.url.path
        if not settings.read_requires_token or path.startswith(_OPEN_PATHS):
            return None
        who, _ = owner_of(request)
        if who is not None:
            return None
        if path.startswith("/api/") or _wants_json(request):
            return JSONResponse({"detail": "a valid token is required"}, status_code=401)
        return RedirectResponse("/login?" + urlencode({"next": path}), status_code=303)

    app.add_middleware(SecureHeaders, gate=read_gate)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)

    def writer(request: Request) -> str:
        who, from_cookie = owner_of(request)
        if who is None:
            raise HTTPException(401, "a valid token is required to write (newsledger token create NAME)")
        if from_cookie:
            raise HTTPException(403, "the API takes the token as 'Authorization: Bearer', not from a cookie")
        return who

    async def form_writer(request: Request) -> tuple[str, dict[str, str]]:
        """Who is writing through a form, after the double-submit CSRF check; and the form's fields."""
        form = await request.form()
        fields = {key: value for key, value in form.items() if isinstance(value, str)}
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = fields.get(CSRF_FIELD, "")
        if not cookie or not sent or not secrets.compare_digest(cookie, sent):
            raise HTTPException(403, "CSRF check failed: reload the page and try again")
        who = token_owner(store, request.cookies.get(TOKEN_COOKIE))
        if who is None:
            raise HTTPException(401, "log in with a token to review")
        return who, fields

    def render(
        request: Request, template: str, data: dict[str, Any], view: dict[str, Any] | None = None, status: int = 200
    ) -> Response:
        """The JSON twin (`data`) or the page (`data` and view-only extras)."""
        if _wants_json(request):
            return JSONResponse(jsonable_encoder(data), status_code=status)
        csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        who = token_owner(store, request.cookies.get(TOKEN_COOKIE))
        context = {
            **data,
            **(view or {}),
            "request": request,
            "csrf_token": csrf,
            "who": who,
            "nav": template.split(".")[0],
            "query": dict(request.query_params),
        }
        html = env.get_template(template).render(context)
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != csrf:
            response.set_cookie(
                CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=settings.secure_cookies, path="/"
            )
        return response

    # --- data shared by pages and API ------------------------------------------------------------

    def events_data(filters: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
        items = store.events(limit=limit, offset=offset, **filters)
        total, facets = queries.event_total_and_facets(store, FACET_COLUMNS, **filters)
        data = _page(items, total, limit, offset)
        data["facets"] = facets
        data["filters"] = {k: list(v) if isinstance(v, tuple) else v for k, v in filters.items()}
        return data

    def article_data(article_id: str) -> dict[str, Any]:
        record = store.article(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id}")
        event_pks = queries.article_event_pks(store, article_id)
        for event in record.get("events", []):
            event["pk"] = event_pks.get(event["id"])
        return record

    def timeline_data(filters: dict[str, Any]) -> dict[str, Any]:
        counts = queries.timeline_counts(store, **filters)
        days = sorted({c["day"] for c in counts})
        types = sorted({c["type"] for c in counts}, key=lambda t: (-sum(c["n"] for c in counts if c["type"] == t), t))
        return {"days": days, "types": types, "counts": counts}

    def search_data(q: str) -> dict[str, Any]:
        q = q.strip()
        if not q:
            return {"q": q, "articles": [], "quotes": [], "actors": []}
        return {
            "q": q,
            "articles": store.search(q, limit=20),
            "quotes": store.quotes(q=q, limit=20),
            "actors": store.actors(q=q, limit=20),
        }

    # --- JSON API --------------------------------------------------------------------------------

    @app.get("/api/articles", response_model=ArticlePage, tags=["articles"])
    def api_articles(
        limit: Limit = 50,
        offset: Offset = 0,
        q: Annotated[str | None, Query(description="Full-text search.", max_length=500)] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(pattern=_DATE_PARAM)] = None,
        until: Annotated[str | None, Query(pattern=_DATE_PARAM)] = None,
    ) -> dict[str, Any]:
        """Articles (metadata, newest first)."""
        rows = store.articles(q=q, outlet=outlet, since=since, until=until, limit=limit + 1, offset=offset)
        return _list_page(rows, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """The article's full public record with its text (events carry `pk` for review)."""
        return article_data(article_id)

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def api_events(filters: EventFilters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Reports of events under the filters, newest first, with facet counts."""
        return events_data(filters, limit, offset)

    @app.get("/api/events/{event_pk}", response_model=EventOut, tags=["events"])
    def api_event(event_pk: int) -> dict[str, Any]:
        found = store.event(event_pk)
        if found is None:
            raise HTTPException(404, f"no event {event_pk}")
        return found

    @app.post("/api/events/{event_pk}/review", response_model=ReviewOut, tags=["review"])
    def api_review_event(event_pk: int, body: ReviewIn, who: Annotated[str, Depends(writer)]) -> dict[str, Any]:
        """Confirm, correct or reject one event (needs a token); the change goes to the audit log."""
        try:
            state = review.review_event(store, event_pk, who=who, action=body.action, corrections=body.corrections)
        except review.ReviewError as exc:
            raise _review_error(exc, location=("body", "corrections")) from None
        return {"event_pk": event_pk, "state": state}

    @app.get("/api/clusters", response_model=ClusterPage, tags=["clusters"])
    def api_clusters(
        limit: Limit = 50,
        offset: Offset = 0,
        disputed: Annotated[str | None, Query(description="Only clusters some outlet disputes.")] = None,
        type: Annotated[str | None, Query(max_length=40)] = None,
        country: Annotated[str | None, Query(description="ISO 3166 code or name.", max_length=100)] = None,
    ) -> dict[str, Any]:
        """Event clusters (one real event, its reports), most reported first."""
        rows = store.clusters(
            disputed=_bool_param(disputed), type=type, country=_country_param(country), limit=limit + 1, offset=offset
        )
        return _list_page(rows, limit, offset)

    @app.get("/api/clusters/{cluster_id}", response_model=ClusterDetail, tags=["clusters"])
    def api_cluster(cluster_id: int) -> dict[str, Any]:
        found = store.cluster(cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id}")
        return found

    @app.post("/api/clusters/{cluster_id}/merge", response_model=ClusterState, tags=["review"])
    def api_merge(cluster_id: int, body: MergeIn, who: Annotated[str, Depends(writer)]) -> dict[str, Any]:
        """Merge another cluster into this one (needs a token)."""
        try:
            return review.merge_clusters(store, cluster_id, body.other, who=who)
        except review.ReviewError as exc:
            raise HTTPException(404 if str(exc).startswith("no ") else 422, str(exc)) from None

    @app.post("/api/clusters/{cluster_id}/split", response_model=ClusterState, tags=["review"])
    def api_split(cluster_id: int, body: SplitIn, who: Annotated[str, Depends(writer)]) -> dict[str, Any]:
        """Move some events of a cluster into a new cluster (needs a token); returns the new cluster."""
        try:
            return review.split_cluster(store, cluster_id, body.event_pks, who=who)
        except review.ReviewError as exc:
            raise HTTPException(404 if str(exc).startswith("no ") else 422, str(exc)) from None

    @app.get("/api/claims", response_model=ClaimPage, tags=["claims"])
    def api_claims(
        limit: Limit = 50,
        offset: Offset = 0,
        disputed: Annotated[str | None, Query(description="true: only claims disputed or disputing.")] = None,
        claimant: Annotated[str | None, Query(max_length=200)] = None,
        stance: Annotated[str | None, Query(max_length=20)] = None,
        article_id: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        """Claims, each with the claims it disputes and that dispute it (with outlets and dates)."""
        options: dict[str, Any] = {
            "disputed": _bool_param(disputed),
            "claimant": claimant,
            "stance": stance,
            "article_id": article_id,
        }
        items = store.claims(limit=limit, offset=offset, **options)
        return _page(items, store.count_claims(**options), limit, offset)

    @app.get("/api/actors", response_model=ActorPage, tags=["actors"])
    def api_actors(
        limit: Limit = 50,
        offset: Offset = 0,
        q: Annotated[str | None, Query(description="Part of a name or alias.", max_length=200)] = None,
        type: Annotated[str | None, Query(max_length=20)] = None,
    ) -> dict[str, Any]:
        """Actors across articles, with aliases and roles."""
        return _list_page(store.actors(q=q, type=type, limit=limit + 1, offset=offset), limit, offset)

    @app.get("/api/actors/{actor_id}", response_model=ActorDetail, tags=["actors"])
    def api_actor(actor_id: int) -> dict[str, Any]:
        """One actor with aliases, roles, quotes and the events it is source or target of."""
        found = store.actor(actor_id)
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return found

    @app.get("/api/quotes", response_model=QuotePage, tags=["quotes"])
    def api_quotes(
        limit: Limit = 50,
        offset: Offset = 0,
        speaker: Annotated[str | None, Query(description="Part of the speaker's name.", max_length=200)] = None,
        q: Annotated[str | None, Query(description="Words in the quote (full-text).", max_length=500)] = None,
        kind: Annotated[str | None, Query(description="direct, partial or indirect.", max_length=20)] = None,
    ) -> dict[str, Any]:
        """Quotes, searchable by speaker and text."""
        rows = store.quotes(speaker=speaker, q=q, kind=kind, limit=limit + 1, offset=offset)
        return _list_page(rows, limit, offset)

    @app.get("/api/places", response_model=PlacePage, tags=["places"])
    def api_places(
        limit: Limit = 50,
        offset: Offset = 0,
        country: Annotated[str | None, Query(max_length=2)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> dict[str, Any]:
        """Places named in the reports, with coordinates."""
        return _list_page(store.places(country=country, q=q, limit=limit + 1, offset=offset), limit, offset)

    @app.get("/api/search", response_model=SearchOut, tags=["search"])
    def api_search(q: Annotated[str, Query(max_length=500)] = "") -> dict[str, Any]:
        """Full-text search over articles and quotes, and actor names."""
        return search_data(q)

    @app.get("/api/timeline", response_model=TimelineOut, tags=["events"])
    def api_timeline(filters: EventFilters) -> dict[str, Any]:
        """Events per day and type under the filters."""
        return timeline_data(filters)

    @app.get("/api/audit", response_model=AuditPage, tags=["review"])
    def api_audit(
        limit: Limit = 50,
        offset: Offset = 0,
        target: Annotated[str | None, Query(description="e.g. event:17 or cluster:3", max_length=200)] = None,
    ) -> dict[str, Any]:
        """The audit log of reviews, newest first."""
        rows = review.audit_entries(store, target=target, limit=limit + 1, offset=offset)
        return _list_page(rows, limit, offset)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """The API reference, rendered from the OpenAPI schema (works offline, unlike Swagger UI)."""
        schema = app.openapi()
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "tags": operation.get("tags", []),
                "parameters": operation.get("parameters", []),
                "body": bool(operation.get("requestBody")),
                "response": _schema_name(operation),
            }
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        return render(request, "api_docs.html", {"info": schema["info"], "operations": operations})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # Browsers and feed readers ask for /favicon.ico whatever the page says; the pages link the SVG itself.
        return Response(
            (WEB / "static" / "favicon.svg").read_bytes(),
            media_type="image/svg+xml",
            headers={"cache-control": "public, max-age=86400"},
        )

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # --- pages (each with its JSON twin) ---------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        data = {
            "articles": store.articles(limit=20),
            "counts": {name: store.count(name) for name in ("articles", "events", "claims", "actors", "quotes")},
            "disputed_claims": store.count_claims(disputed=True),
        }
        return render(request, "home.html", data)

    @app.get("/articles", include_in_schema=False)
    def articles_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
        rows = store.articles(limit=limit + 1, offset=offset)
        return render(request, "articles.html", _list_page(rows, limit, offset))

    @app.get("/articles/{article_id}", include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        record = article_data(article_id)
        view = {
            "highlighted": highlighted_html(record["article"]["text"], record_spans(record)),
            "records": record_index(record),
        }
        return render(request, "article.html", {"record": record}, view)

    @app.get("/events", include_in_schema=False)
    def events_page(request: Request, filters: EventFilters, limit: Limit = 50, offset: Offset = 0) -> Response:
        return render(request, "events.html", events_data(filters, limit, offset))

    @app.get("/events/{event_pk}", include_in_schema=False)
    def event_page(request: Request, event_pk: int) -> Response:
        found = store.event(event_pk)
        if found is None:
            raise HTTPException(404, f"no event {event_pk}")
        text = (store.article(found["article_id"]) or {}).get("article", {}).get("text", "")
        sentence = text[found["sentence_start"] : found["sentence_end"]]
        data = {"event": found, "sentence": sentence, "audit": review.audit_entries(store, target=f"event:{event_pk}")}
        view = {
            "statuses": review.EVENT_STATUSES,
            "correctable": review.CORRECTABLE,
            "acled_subtypes": review.acled_subtypes_by_type(),
        }
        return render(request, "event.html", data, view)

    @app.post("/events/{event_pk}/review", include_in_schema=False)
    async def event_review_form(request: Request, event_pk: int) -> Response:
        who, fields = await form_writer(request)
        action = fields.get("action", "")
        current = store.event(event_pk)
        if current is None:
            raise HTTPException(404, f"no event {event_pk}")
        # The form shows the current values: a field is a correction only when the analyst changed it.
        corrections = {
            key: fields[key]
            for key in review.CORRECTABLE
            if action == "correct" and key in fields and _changed(key, fields[key], current.get(key))
        }
        try:
            review.review_event(store, event_pk, who=who, action=action, corrections=corrections)
        except review.ReviewError as exc:
            raise _review_error(exc, location=("form",)) from None
        return RedirectResponse(f"/events/{event_pk}", status_code=303)

    @app.get("/clusters", include_in_schema=False)
    def clusters_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
        return render(
            request, "clusters.html", _list_page(store.clusters(limit=limit + 1, offset=offset), limit, offset)
        )

    @app.get("/clusters/{cluster_id}", include_in_schema=False)
    def cluster_page(request: Request, cluster_id: int) -> Response:
        found = store.cluster(cluster_id)
        if found is None:
            raise HTTPException(404, f"no cluster {cluster_id}")
        data = {
            "cluster": found,
            "evidence": cluster_evidence(store, found),
            "audit": review.audit_entries(store, target=f"cluster:{cluster_id}"),
        }
        return render(request, "cluster.html", data)

    @app.post("/clusters/{cluster_id}/merge", include_in_schema=False)
    async def cluster_merge_form(request: Request, cluster_id: int) -> Response:
        who, fields = await form_writer(request)
        try:
            review.merge_clusters(store, cluster_id, int(fields.get("other", "")), who=who)
        except ValueError as exc:  # ReviewError is a ValueError, and so is a non-number
            raise HTTPException(422, str(exc)) from None
        return RedirectResponse(f"/clusters/{cluster_id}", status_code=303)

    @app.post("/clusters/{cluster_id}/split", include_in_schema=False)
    async def cluster_split_form(request: Request, cluster_id: int) -> Response:
        who, _fields = await form_writer(request)
        form = await request.form()
        try:
            pks = [int(str(value)) for value in form.getlist("event_pk")]
            created = review.split_cluster(store, cluster_id, pks, who=who)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return RedirectResponse(f"/clusters/{created['id']}", status_code=303)

    @app.get("/claims", include_in_schema=False)
    def claims_page(
        request: Request,
        limit: Limit = 50,
        offset: Offset = 0,
        disputed: Annotated[str | None, Query()] = "true",
    ) -> Response:
        only_disputed = _bool_param(disputed)
        items = store.claims(disputed=only_disputed or None, limit=limit, offset=offset)
        total = store.count_claims(disputed=only_disputed or None)
        return render(request, "claims.html", _page(items, total, limit, offset))

    @app.get("/actors", include_in_schema=False)
    def actors_page(
        request: Request, limit: Limit = 50, offset: Offset = 0, q: Annotated[str | None, Query(max_length=200)] = None
    ) -> Response:
        return render(
            request, "actors.html", _list_page(store.actors(q=q, limit=limit + 1, offset=offset), limit, offset)
        )

    @app.get("/actors/{actor_id}", include_in_schema=False)
    def actor_page(request: Request, actor_id: int) -> Response:
        found = store.actor(actor_id)
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return render(request, "actor.html", {"actor": found})

    @app.get("/quotes", include_in_schema=False)
    def quotes_page(
        request: Request,
        limit: Limit = 50,
        offset: Offset = 0,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[str | None, Query(max_length=500)] = None,
    ) -> Response:
        rows = store.quotes(speaker=speaker or None, q=q or None, limit=limit + 1, offset=offset)
        return render(request, "quotes.html", _list_page(rows, limit, offset))

    @app.get("/places", include_in_schema=False)
    def places_page(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
        return render(request, "places.html", _list_page(store.places(limit=limit + 1, offset=offset), limit, offset))

    @app.get("/map", include_in_schema=False)
    def map_page(request: Request, filters: EventFilters) -> Response:
        return render(request, "map.html", {"points": queries.map_points(store, **filters), "filters": filters})

    @app.get("/timeline", include_in_schema=False)
    def timeline_page(request: Request, filters: EventFilters) -> Response:
        data = timeline_data(filters)
        chart = timeline_chart(data)
        return render(request, "timeline.html", data, {"chart": chart, "zoom": zoom_ranges(chart.get("last"))})

    @app.get("/search", include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> Response:
        return render(request, "search.html", search_data(q))

    @app.get("/audit", include_in_schema=False)
    def audit_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
        rows = review.audit_entries(store, limit=limit + 1, offset=offset)
        return render(request, "audit.html", _list_page(rows, limit, offset))

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> Response:
        return render(request, "login.html", {"next": _local_path(next)})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, str(form.get(CSRF_FIELD, ""))):
            raise HTTPException(403, "CSRF check failed: reload the page and try again")
        token = str(form.get("token", "")).strip()
        if token_owner(store, token) is None:
            return render(request, "login.html", {"next": "/", "error": "unknown token"}, status=401)
        response = RedirectResponse(_local_path(str(form.get("next", "/"))), status_code=303)
        response.set_cookie(
            TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies, path="/"
        )
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, str(form.get(CSRF_FIELD, ""))):
            raise HTTPException(403, "CSRF check failed: reload the page and try again")
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(TOKEN_COOKIE, path="/")
        return response

    add_alert_routes(app, store=store, render=render, writer=writer, form_writer=form_writer)

    @app.exception_handler(OverflowError)
    async def number_out_of_range(request: Request, exc: OverflowError) -> Response:
        # An id or number past SQLite's 64-bit integers (found by schemathesis: /api/events/9223372036854775808).
        return await http_error(request, StarletteHTTPException(422, "number out of range"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or _wants_json(request):
            detail: Any = exc.detail
            if exc.status_code == 422 and isinstance(detail, str):
                # The schema documents 422 as FastAPI's validation error: a list of {loc, msg, type}.
                detail = [{"loc": ["query"], "msg": detail, "type": "value_error"}]
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        html = env.get_template("error.html").render(
            status=exc.status_code, detail=_detail_text(exc.detail), nav="", who=None, query={}
        )
        return HTMLResponse(html, status_code=exc.status_code)

    return app


def _form_value(value: Any) -> str:
    """A stored value as the review form shows it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _changed(key: str, submitted: str, current: Any) -> bool:
    shown = _form_value(current)
    if key == "event_date" and len(shown) != 10:
        shown = ""  # a month or a year cannot be shown by a date field: left empty, it is not a change
    return submitted.strip() != shown


def _review_error(exc: review.ReviewError, *, location: tuple[str, ...]) -> HTTPException:
    """404 for a review of nothing; 422 naming the field for a value outside its vocabulary or range."""
    if str(exc).startswith("no event"):
        return HTTPException(404, str(exc))
    if exc.field is None:
        return HTTPException(422, str(exc))
    return HTTPException(422, [{"loc": [*location, exc.field], "msg": str(exc), "type": "value_error"}])


def _detail_text(detail: Any) -> str:
    """An error's detail for a person: a validation list as 'field: message' lines."""
    if isinstance(detail, list):
        return "; ".join(
            f"{item['loc'][-1]}: {item['msg']}" if isinstance(item, dict) and item.get("loc") else str(item)
            for item in detail
        )
    return str(detail)


def _wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return accept.startswith("application/json")


def _schema_name(operation: dict[str, Any]) -> str:
    content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
    reference = content.get("schema", {}).get("$ref", "")
    return str(reference.rsplit("/", 1)[-1]) if reference else "object"


def _local_path(target: str) -> str:
    """Only same-site paths after login (no open redirect)."""
    return target if re.fullmatch(r"/[A-Za-z0-9/_\-.?=&%]*", target) and not target.startswith("//") else "/"
