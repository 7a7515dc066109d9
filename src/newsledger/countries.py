"""Countries by what people type: an ISO 3166 code ("IQ", "IRQ"), a name in any case ("Iraq", "iraq"), an
official or common name ("Republic of Iraq", "UAE"). Filters take any of them and work on the two-letter code."""

from __future__ import annotations

import functools
import json
from pathlib import Path

COUNTRIES_FILE = Path(__file__).resolve().parent / "data" / "kb" / "countries.json"


@functools.cache
def _aliases() -> dict[str, str]:
    """Names and aliases of the knowledge base's countries, lower-cased, to their ISO2 code."""
    found: dict[str, str] = {}
    for country in json.loads(COUNTRIES_FILE.read_text(encoding="utf-8")):
        code = str(country["iso2"]).upper()
        for name in [country["name"], *country.get("aliases", [])]:
            found.setdefault(" ".join(str(name).lower().split()), code)
    return found


def country_code(text: str | None) -> str | None:
    """The ISO2 code of a country named or coded by `text`, or None when it names no country."""
    if text is None or not text.strip():
        return None
    cleaned = " ".join(text.strip().split())
    import pycountry

    try:
        found = pycountry.countries.lookup(cleaned)
    except LookupError:
        return _aliases().get(cleaned.lower())
    return str(found.alpha_2)
