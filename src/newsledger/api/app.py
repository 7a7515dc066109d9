"""The analyst's desk: one FastAPI app serving the JSON API (`/api/…`, OpenAPI at `/api/docs`) and the pages.

Every page is also JSON from the same handler (`?format=json` or `Accept: application/json`). Reads are open
unless `Settings.read_requires_token`; writes need a token: `Authorization: Bearer …` for the API, or, for forms,
the session `/login` opens (its cookie holds a session id, never the token) plus the session's CSRF value.
Article text is untrusted: templates autoescape, the highlighted text escapes every piece, and the
Content-Security-Policy allows no inline script.

The routes are in `api/routes/` (one APIRouter per kind of record, the store given by `Depends`), the
middleware in `api/middleware.py`, the pages' rendering in `web/`. Errors carry their status: `NotFound` is a
404 and `Invalid` a 422 wherever they are raised."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsledger
from newsledger.api.deps import wants_json
from newsledger.api.middleware import BodySizeLimit, SecureHeaders, read_gate
from newsledger.api.routes import ROUTERS
from newsledger.api.settings import Settings
from newsledger.errors import Invalid, NotFound
from newsledger.store import Store
from newsledger.web.pages import STATIC, error_page, template_environment

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
    app.state.templates = template_environment()
    app.openapi = lambda: _openapi_with_error_responses(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(SecureHeaders, gate=read_gate)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return await http_error(request, StarletteHTTPException(404, str(exc)))

    @app.exception_handler(Invalid)
    async def invalid(request: Request, exc: Invalid) -> Response:
        return await http_error(request, StarletteHTTPException(422, str(exc)))

    @app.exception_handler(OverflowError)
    async def number_out_of_range(request: Request, exc: OverflowError) -> Response:
        # An id or number past SQLite's 64-bit integers (found by schemathesis: /api/events/9223372036854775808).
        return await http_error(request, StarletteHTTPException(422, "number out of range"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or wants_json(request):
            detail: Any = exc.detail
            if exc.status_code == 422 and isinstance(detail, str):
                # The schema documents 422 as FastAPI's validation error: a list of {loc, msg, type}.
                detail = [{"loc": ["query"], "msg": detail, "type": "value_error"}]
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        return error_page(request, exc.status_code, exc.detail)

    return app
