"""The desk's ASGI middleware: a cap on request bodies, security headers on every response, and the read gate
(with `Settings.read_requires_token`, a request without a valid token gets 401 or the login page). Plain ASGI
classes, so no request pays for a task of its own."""

from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.api.deps import owner_of, wants_json

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
)
OPEN_PATHS = ("/login", "/static/", "/api/openapi.json", "/api/docs", "/healthz", "/favicon.ico")


class HttpMiddleware:
    """Plain ASGI middleware that acts on HTTP requests only (lifespan and websocket messages pass through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodySizeLimit(HttpMiddleware):
    """Refuses request bodies over `limit` bytes: by Content-Length up front, and while streaming otherwise."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        super().__init__(app)
        self.limit = limit

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
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


class SecureHeaders(HttpMiddleware):
    """Security headers on every response, and the read gate before the app."""

    def __init__(self, app: ASGIApp, *, gate: Callable[[Request], Response | None]) -> None:
        super().__init__(app)
        self.gate = gate

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
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


def read_gate(request: Request) -> Response | None:
    """With `read_requires_token`, a request without a valid token gets 401 (API) or the login page."""
    path = request.url.path
    if not request.app.state.settings.read_requires_token or path.startswith(OPEN_PATHS):
        return None
    who, _ = owner_of(request)
    if who is not None:
        return None
    if path.startswith("/api/") or wants_json(request):
        return JSONResponse({"detail": "a valid token is required"}, status_code=401)
    return RedirectResponse("/login?" + urlencode({"next": path}), status_code=303)


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
