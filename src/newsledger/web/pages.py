"""The desk's pages: one Jinja environment over web/templates, and `render`, which gives each page or, when the
client asks for JSON (`?format=json` or `Accept: application/json`), the same data as JSON. Templates
autoescape; article text is untrusted."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

import newsledger
from newsledger.api.auth import VISITOR_COOKIE, request_csrf, request_session, set_private_cookie
from newsledger.api.deps import wants_json
from newsledger.model import PLOVER_TYPES
from newsledger.store.queries import first_line

WEB = Path(__file__).resolve().parent
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"


def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals["version"] = newsledger.__version__
    env.filters["first_line"] = first_line
    env.filters["form_value"] = form_value
    env.globals["event_types"] = PLOVER_TYPES
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return env


def render(
    request: Request, template: str, data: dict[str, Any], view: dict[str, Any] | None = None, status: int = 200
) -> Response:
    """The JSON twin (`data`) or the page (`data` and view-only extras)."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data), status_code=status)
    csrf, new_visitor = request_csrf(request)
    who, _session_id = request_session(request)
    context = {
        **data,
        **(view or {}),
        "request": request,
        "csrf_token": csrf,
        "who": who,
        "nav": template.split(".")[0],
        "query": dict(request.query_params),
    }
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(context)
    response = HTMLResponse(html, status_code=status)
    if new_visitor is not None:
        set_private_cookie(request, response, VISITOR_COOKIE, new_visitor)
    return response


def error_page(request: Request, status: int, detail: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template("error.html").render(status=status, detail=detail_text(detail), nav="", who=None, query={})
    return HTMLResponse(html, status_code=status)


def form_value(value: Any) -> str:
    """A stored value as the review form shows it."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def changed(key: str, submitted: str, current: Any) -> bool:
    """Whether a review form's field differs from the value the form showed."""
    shown = form_value(current)
    if key == "event_date" and len(shown) != 10:
        shown = ""  # a month or a year cannot be shown by a date field: left empty, it is not a change
    return submitted.strip() != shown


def detail_text(detail: Any) -> str:
    """An error's detail for a person: a validation list as 'field: message' lines."""
    if isinstance(detail, list):
        return "; ".join(
            f"{item['loc'][-1]}: {item['msg']}" if isinstance(item, dict) and item.get("loc") else str(item)
            for item in detail
        )
    return str(detail)


def schema_name(operation: dict[str, Any]) -> str:
    """The name of an OpenAPI operation's response model, for the API reference page."""
    content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
    reference = content.get("schema", {}).get("$ref", "")
    return str(reference.rsplit("/", 1)[-1]) if reference else "object"
