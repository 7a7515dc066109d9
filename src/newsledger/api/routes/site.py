"""The desk around the records: the home page, the offline API reference, logging in and out, health."""

import re
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from newsledger.api.auth import token_owner
from newsledger.api.deps import CSRF_COOKIE, CSRF_FIELD, TOKEN_COOKIE, StoreDep, get_settings
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
    form = await request.form()
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, str(form.get(CSRF_FIELD, ""))):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
    token = str(form.get("token", "")).strip()
    if token_owner(store, token) is None:
        return render(request, "login.html", {"next": "/", "error": "unknown token"}, status=401)
    response = RedirectResponse(local_path(str(form.get("next", "/"))), status_code=303)
    response.set_cookie(
        TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=get_settings(request).secure_cookies, path="/"
    )
    return response


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    form = await request.form()
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, str(form.get(CSRF_FIELD, ""))):
        raise HTTPException(403, "CSRF check failed: reload the page and try again")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    return response


def local_path(target: str) -> str:
    """Only same-site paths after login (no open redirect)."""
    return target if re.fullmatch(r"/[A-Za-z0-9/_\-.?=&%]*", target) and not target.startswith("//") else "/"
