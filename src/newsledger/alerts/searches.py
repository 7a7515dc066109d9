"""What a saved search is: a name, a slug for its address, and the event filters of the events page."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from newsledger.countries import country_code

# The events filters a saved search may keep (the events page's, plus `q`, words in the report).
FILTER_KEYS = ("type", "country", "actor", "q", "disputed", "reviewed", "status", "outlet", "admin1", "since", "until")
_TRUE = ("1", "true", "yes", "on")


class FilterError(ValueError):
    """A filter value that names nothing (an unknown country, a malformed date); `field` says which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def clean_filters(params: dict[str, Any]) -> dict[str, Any]:
    """The filters of a saved search from form or query values: known keys only, empty values dropped, a country
    as its ISO2 code, yes/no flags as true (absent means no filter)."""
    found: dict[str, Any] = {}
    for key in FILTER_KEYS:
        value = params.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key in ("disputed", "reviewed"):
            if value is True or str(value).lower() in _TRUE:
                found[key] = True
            continue
        text = " ".join(str(value).split())[:200]
        if key == "country":
            code = country_code(text)
            if code is None:
                raise FilterError("country", f"no country is called {text!r} (give a name or an ISO code)")
            text = code
        if key in ("since", "until") and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            raise FilterError(key, f"expected YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
        found[key] = text
    return found


def slugify(name: str) -> str:
    """A readable, stable address part from a name: 'Shelling in Iraq!' -> 'shelling-in-iraq'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]
    return slug or "search"


def describe(filters: dict[str, Any]) -> str:
    """The filters in words, for the desk's list."""
    parts = [f"{key} {'yes' if value is True else value}" for key, value in filters.items()]
    return ", ".join(parts) or "every event"
