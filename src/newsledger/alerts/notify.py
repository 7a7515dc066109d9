"""Telling the saved searches: after new articles are stored and resolved, each search's new matches are queued
as one webhook delivery (and its mark moved past them, in the same transaction); queued deliveries are POSTed,
signed, and retried with back-off until the receiver answers 2xx or the attempts run out."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

from newsledger.alerts.atom import event_entry_id, event_title
from newsledger.store import desk

if TYPE_CHECKING:
    import httpx

    from newsledger.store.db import Store

SIGNATURE_HEADER = "X-Newsledger-Signature"
DELIVERY_HEADER = "X-Newsledger-Delivery"
MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30.0
PAYLOAD_EVENTS = 100
EVENT_FIELDS = (
    "pk",
    "article_id",
    "id",
    "type",
    "acled_type",
    "acled_subtype",
    "status",
    "event_date",
    "location",
    "country",
    "admin1",
    "lat",
    "lon",
    "fatalities",
    "source_name",
    "target_name",
    "outlet",
    "published",
    "cluster_id",
    "trigger_text",
    "sentence",
)


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: `sha256=` and the HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver runs on the body it got (constant-time comparison)."""
    return hmac.compare_digest(sign(secret, body), signature)


def queue_new_matches(store: Store, *, base_url: str = "http://127.0.0.1:8000") -> int:
    """Queue one delivery per saved search with new matches (webhook or not, the mark moves). Returns the
    number of searches with new matches."""
    touched = 0
    for search in desk.saved_searches(store):
        found = desk.search_matches(store, search["filters"], after_pk=search["notified_pk"], limit=PAYLOAD_EVENTS)
        if not found:
            continue
        touched += 1
        newest = max(int(event["pk"]) for event in found)
        if not search["webhook_url"]:
            desk.advance_mark(store, search["id"], newest)
            continue
        payload = {
            "search": {"slug": search["slug"], "name": search["name"], "filters": search["filters"]},
            "url": f"{base_url.rstrip('/')}/alerts/{search['slug']}",
            "events": [_event_payload(event, base_url) for event in found],
        }
        desk.queue_delivery(store, search["id"], payload=payload, newest_pk=newest)
    return touched


def _event_payload(event: dict[str, Any], base_url: str) -> dict[str, Any]:
    found = {key: event.get(key) for key in EVENT_FIELDS}
    found["entry_id"] = event_entry_id(event)
    found["title"] = event_title(event)
    found["url"] = f"{base_url.rstrip('/')}/events/{event['pk']}"
    return found


def deliver_due(
    store: Store,
    client: httpx.Client,
    *,
    max_attempts: int = MAX_ATTEMPTS,
    first_retry_seconds: float = FIRST_RETRY_SECONDS,
) -> dict[str, int]:
    """POST every queued delivery that is due. A receiver may get one twice (a crash between its 2xx and our
    record of it): the delivery id header lets it drop the repeat."""
    import httpx

    counts = {"delivered": 0, "failed": 0}
    for delivery in desk.due_deliveries(store, max_attempts=max_attempts):
        body = json.dumps(delivery["payload"], sort_keys=True, default=str).encode("utf-8")
        headers = {
            "Content-Type": "application/json",
            DELIVERY_HEADER: str(delivery["id"]),
        }
        if delivery["webhook_secret"]:
            headers[SIGNATURE_HEADER] = sign(delivery["webhook_secret"], body)
        error: str | None = None
        try:
            response = client.post(delivery["webhook_url"], content=body, headers=headers)
            if not 200 <= response.status_code < 300:
                error = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        attempts = int(delivery["attempts"]) + 1
        retry_at = None
        if error is not None:
            wait = first_retry_seconds * 2 ** (attempts - 1)
            retry_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)
            counts["failed"] += 1
        else:
            counts["delivered"] += 1
        desk.record_delivery(store, delivery["id"], delivered=error is None, error=error, retry_at=retry_at)
    return counts
