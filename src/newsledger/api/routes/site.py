"""The desk around the records: the home page, the offline API reference, logging in and out, health."""

import datetime as dt
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from newsledger.api.auth import (
    CSRF_FIELD,
    LEGACY_TOKEN_COOKIE,
    SESSION_COOKIE,
    end_session,
    request_csrf_ok,
    request_session,
    set_private_cookie,
    start_session,
)
from newsledger.api.deps import StoreDep, get_settings
from newsledger.web.pages import STATIC, render, schema_name

router = APIRouter()


@router.get("/api/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema (works offline, unlike Swagger UI)."""
    schema = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "tags": operation.get("tags", []),
            "parameters": operation.get("parameters", []),
            "body": bool(operation.get("requestBody")),
            "response": schema_name(operation),
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "api_docs.html", {"info": schema["info"], "operations": operations})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    # Browsers and feed readers ask for /favicon.ico whatever the page says; the pages link the SVG itself.
    return Response(
        (STATIC / "favicon.svg").read_bytes(),
        media_type="image/svg+xml",
        headers={"cache-control": "public, max-age=86400"},
    )


@router.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/", include_in_schema=False)
def home(request: Request, store: StoreDep) -> Response:
    data: dict[str, Any] = {
        "articles": store.articles(limit=20),
        "counts": {name: store.count(name) for name in ("articles", "events", "claims", "actors", "quotes")},
        "disputed_claims": store.count_claims(disputed=True),
    }
    return render(request, "home.html", data)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", {"next": local_path(next)})


@router.post("/login", include_in_schema=False)
async def login(request: Request, store: StoreDep) -> Response:
    """Open a desk session for a valid token: the cookie gets a fresh session id, never the token."""
    form = await request.form()
    if not request_csrf_ok(request, str(form.get(CSRF_FIELD, "")), logged_in=False):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
    hours = get_settings(request).session_hours
    _who, held = request_session(request)
    session_id = start_session(
        store,
        str(form.get("token", "")).strip(),
        lifetime=dt.timedelta(hours=hours),
        replaces=held or request.cookies.get(SESSION_COOKIE),
    )
    if session_id is None:
        return render(request, "login.html", {"next": "/", "error": "unknown token"}, status=401)
    response = RedirectResponse(local_path(str(form.get("next", "/"))), status_code=303)
    set_private_cookie(request, response, SESSION_COOKIE, session_id)
    response.delete_cookie(LEGACY_TOKEN_COOKIE, path="/")
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request, store: StoreDep) -> Response:
    """End the session on the server (its cookie opens nothing afterwards) and clear the cookie."""
    form = await request.form()
    if not request_csrf_ok(request, str(form.get(CSRF_FIELD, "")), logged_in=False):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
    _who, session_id = request_session(request)
    end_session(store, session_id)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(LEGACY_TOKEN_COOKIE, path="/")
    return response


def local_path(target: str) -> str:
    """Only same-site paths after login (no open redirect)."""
    return target if re.fullmatch(r"/[A-Za-z0-9/_\-.?=&%]*", target) and not target.startswith("//") else "/"
