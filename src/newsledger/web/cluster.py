"""The evidence of one event cluster, for judging it without opening every report: each member's outlet, dates,
sentence with its trigger marked, place, actors and own figure; the toll as a range by source; and the outlets
that assert it and those that dispute it (by the status of their report, or by a claim disputing its claims)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from newsledger.resolve.events import ASSERTING, DISPUTING
from newsledger.store.desk import add_sentences

if TYPE_CHECKING:
    from newsledger.store.db import Store


def outlet_name(event: dict[str, Any]) -> str:
    return str(event.get("outlet") or f"article {str(event['article_id'])[:12]}")


def cluster_evidence(store: Store, cluster: dict[str, Any]) -> dict[str, Any]:
    members = [dict(event) for event in cluster["events"]]
    add_sentences(store, members)
    for member in members:
        member["sentence_parts"] = _trigger_parts(member)
    asserting = sorted(
        {outlet_name(e) for e in members if e["status"] in ASSERTING and e.get("review_status") != "rejected"}
    )
    disputing = {outlet_name(e) for e in members if e["status"] in DISPUTING}
    disputing_claims = []
    for claim in store.claims(cluster_id=cluster["id"], limit=200):
        for other in claim["disputed_by"]:
            disputing.add(str(other.get("outlet") or f"article {str(other['article_id'])[:12]}"))
            disputing_claims.append({"claim": claim, "by": other})
    figures = [
        {"outlet": outlet_name(e), "count": e["fatalities"], "text": e.get("fatalities_text"), "event_pk": e["pk"]}
        for e in members
        if e.get("fatalities") is not None
    ]
    counts = [f["count"] for f in figures]
    return {
        "merge_candidates": merge_candidates(store, cluster),
        "members": members,
        "asserting_outlets": asserting,
        "disputing_outlets": sorted(disputing),
        "disputing_claims": disputing_claims,
        "toll": {
            "min": min(counts) if counts else None,
            "max": max(counts) if counts else None,
            "by_source": sorted(figures, key=lambda f: (f["count"], f["outlet"])),
        },
    }


def _trigger_parts(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentence as [{text, trigger}] pieces, the trigger's own characters marked (offsets are the article's)."""
    sentence_start, sentence_end = event["sentence_start"], event["sentence_end"]
    start, end = event["trigger_start"] - sentence_start, event["trigger_end"] - sentence_start
    raw = event.get("sentence_raw") or ""
    if not raw or not 0 <= start < end <= sentence_end - sentence_start:
        return [{"text": event.get("sentence") or "", "trigger": False}]
    parts = [{"text": raw[:start], "trigger": False}, {"text": raw[start:end], "trigger": True}]
    parts.append({"text": raw[end:], "trigger": False})
    return [part for part in parts if part["text"]]


MERGE_WINDOW_DAYS = 7


def merge_candidates(store: Store, cluster: dict[str, Any], *, limit: int = 5) -> list[dict[str, Any]]:
    """Other clusters that may be the same event, to merge with one click: the same type, in the same country
    (when known), dated within a week of this one; nearest in time first."""
    start, end = _day(cluster.get("date_min")), _day(cluster.get("date_max") or cluster.get("date_min"))
    if start is None or end is None:
        return []
    window = dt.timedelta(days=MERGE_WINDOW_DAYS)
    found = store.clusters(
        type=cluster["type"],
        country=cluster.get("country"),
        since=(start - window).isoformat(),
        until=(end + window).isoformat(),
        limit=limit + 1,
    )
    others = [c for c in found if c["id"] != cluster["id"]]
    return sorted(others, key=lambda c: abs(((_day(c.get("date_min")) or start) - start).days))[:limit]


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
