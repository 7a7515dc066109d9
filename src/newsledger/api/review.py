"""Review: an analyst confirms, corrects or rejects an event. What may be corrected and how each value is checked
lives here; the change itself (one transaction with its audit-log entry), merging and splitting clusters, and the
audit log are in `newsledger.store.review`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsledger.countries import country_code
from newsledger.errors import Invalid
from newsledger.model import ACLED_TYPE_OF_SUBTYPE, EVENT_STATUSES, PLOVER_TYPES
from newsledger.store import Store
from newsledger.store.review import save_event_review

ACTIONS = ("confirm", "correct", "reject")
# Corrected fields that may move an event to another cluster: its type, place, date and status.
RESOLVING = frozenset({"type", "location", "country", "admin1", "lat", "lon", "event_date", "status"})
REVIEW_STATUS = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
# The fields an analyst may correct, as columns of the events row (type, actors, place, date, status, fatalities).
CORRECTABLE = (
    "type",
    "source_name",
    "target_name",
    "location",
    "country",
    "admin1",
    "lat",
    "lon",
    "event_date",
    "status",
    "fatalities",
    "acled_type",
    "acled_subtype",
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# The most deaths one report of one event may carry: more is a typing slip, not a figure.
MAX_FATALITIES = 1_000_000
# Dates an event may be corrected to: the ledger's reports are modern; planned events may lie ahead.
EARLIEST_DATE = "1900-01-01"


def clean_corrections(corrections: dict[str, Any]) -> dict[str, Any]:
    """Validated corrections: only correctable fields, each of the right kind; empty strings clear a text field."""
    cleaned: dict[str, Any] = {}
    for key, raw in corrections.items():
        try:
            cleaned.update(_clean_correction(key, raw))
        except Invalid as exc:
            raise Invalid(str(exc), field=key) from None
    return _consistent_acled(cleaned)


def _clean_correction(key: str, raw: Any) -> dict[str, Any]:
    """One corrected field checked against its vocabulary or range: {column: value}."""
    cleaned: dict[str, Any] = {}
    if key not in CORRECTABLE:
        raise Invalid(f"'{key}' cannot be corrected (correctable: {', '.join(CORRECTABLE)})")
    value = raw.strip() if isinstance(raw, str) else raw
    if value == "" or value is None:
        if key in ("type", "status"):
            raise Invalid(f"'{key}' cannot be empty")
        cleaned[key] = None
        return cleaned
    if key == "type":
        if not isinstance(value, str) or value.strip().upper() not in PLOVER_TYPES:
            raise Invalid(f"type must be a PLOVER event type: {', '.join(PLOVER_TYPES)}")
        cleaned[key] = value.strip().upper()
    elif key == "status":
        if value not in EVENT_STATUSES:
            raise Invalid(f"status must be one of {', '.join(EVENT_STATUSES)}")
        cleaned[key] = value
    elif key == "fatalities":
        try:
            count = int(value)
        except (TypeError, ValueError):
            raise Invalid("fatalities must be a whole number") from None
        if count < 0:
            raise Invalid("fatalities cannot be negative")
        if count > MAX_FATALITIES:
            raise Invalid(f"fatalities over {MAX_FATALITIES:,} is not a figure one report gives")
        cleaned[key] = count
    elif key in ("lat", "lon"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise Invalid(f"{key} must be a number") from None
        if not -180 <= number <= 180 or (key == "lat" and not -90 <= number <= 90):
            raise Invalid(f"{key} is out of range")
        cleaned[key] = number
    elif key == "event_date":
        if not isinstance(value, str) or not _DATE.match(value):
            raise Invalid("event_date must be YYYY-MM-DD")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise Invalid("event_date is not a real day") from None
        if not EARLIEST_DATE <= value <= (dt.date.today() + dt.timedelta(days=5 * 366)).isoformat():
            raise Invalid(f"event_date must lie between {EARLIEST_DATE} and five years from today")
        cleaned[key] = value
    elif key == "acled_subtype":
        subtype = _acled_name(value, ACLED_TYPE_OF_SUBTYPE)
        if subtype is None:
            raise Invalid(f"acled_subtype must be one of {', '.join(ACLED_TYPE_OF_SUBTYPE)}")
        cleaned[key] = subtype
    elif key == "acled_type":
        event_type = _acled_name(value, {t: t for t in ACLED_TYPE_OF_SUBTYPE.values()})
        if event_type is None:
            raise Invalid(f"acled_type must be one of {', '.join(sorted(set(ACLED_TYPE_OF_SUBTYPE.values())))}")
        cleaned[key] = event_type
    elif key == "country":
        code = country_code(value) if isinstance(value, str) else None
        if code is None:
            raise Invalid("country must be a country's name or ISO 3166 code")
        cleaned[key] = code
    else:
        if not isinstance(value, str) or len(value) > 300:
            raise Invalid(f"{key} must be a text of at most 300 characters")
        cleaned[key] = value
    return cleaned


def acled_subtypes_by_type() -> list[tuple[str, list[str]]]:
    """ACLED's event types with their sub-event types, in ACLED's order (for the review form)."""
    grouped: dict[str, list[str]] = {}
    for subtype, event_type in ACLED_TYPE_OF_SUBTYPE.items():
        grouped.setdefault(event_type, []).append(subtype)
    return list(grouped.items())


def _acled_name(value: Any, names: dict[str, str]) -> str | None:
    """ACLED's own spelling of a type or sub-type written in any case."""
    if not isinstance(value, str):
        return None
    by_key = {name.casefold(): name for name in names}
    return by_key.get(value.strip().casefold())


def _consistent_acled(cleaned: dict[str, Any]) -> dict[str, Any]:
    """A corrected ACLED sub-event type brings its event type; a sub-type under another type is refused, and
    clearing the type clears the sub-type."""
    subtype = cleaned.get("acled_subtype")
    if subtype is not None:
        parent = ACLED_TYPE_OF_SUBTYPE[subtype]
        if cleaned.get("acled_type") not in (None, parent) or (
            "acled_type" in cleaned and cleaned["acled_type"] is None
        ):
            raise Invalid(f"acled_subtype {subtype!r} belongs to acled_type {parent!r}", field="acled_subtype")
        cleaned["acled_type"] = parent
    elif "acled_type" in cleaned and "acled_subtype" not in cleaned:
        cleaned["acled_subtype"] = None  # the old sub-type belonged to the old type
    return cleaned


def review_event(
    store: Store, event_pk: int, *, who: str, action: str, corrections: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Confirm, correct or reject one event; returns its state after the change (corrections applied).

    Raises Invalid for a value that cannot be applied (with the field at fault), NotFound for an unknown event."""
    if action not in ACTIONS:
        raise Invalid(f"action must be one of {', '.join(ACTIONS)}")
    cleaned = clean_corrections(corrections or {})
    if action == "correct" and not cleaned:
        raise Invalid("a correction needs at least one corrected field")
    state = save_event_review(
        store,
        event_pk,
        who=who,
        action=action,
        status=REVIEW_STATUS[action],
        corrections=cleaned,
        fields=CORRECTABLE,
    )
    if action == "reject" or RESOLVING & cleaned.keys():
        from newsledger.resolve import reresolve_events

        # The event's cluster at once, not at the next `resolve`: what an analyst fixed must not stay clustered
        # by the old value (its move is in the audit log, so the event's page shows it).
        (move,) = reresolve_events(store, [event_pk], who=who)
        state["cluster"] = move
    return state
