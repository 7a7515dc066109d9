from __future__ import annotations

import datetime as dt

import feedparser

from newsledger.alerts.atom import atom_feed, event_entry_id


def event(pk: int, **extra: object) -> dict[str, object]:
    return {
        "pk": pk,
        "article_id": "a" * 64,
        "id": f"ev{pk}",
        "type": "ASSAULT",
        "status": "reported",
        "location": "the river port",
        "country": "IQ",
        "event_date": "2026-01-02",
        "fatalities": 3,
        "outlet": "Test Wire",
        "published": "2026-01-02",
        "sentence": "Gunmen attacked the river port <b>at dawn</b>, killing 3.",
        **extra,
    }


def test_atom_feed_parses_with_one_entry_per_event_and_stable_ids() -> None:
    search = {"slug": "port-attacks", "name": "Port attacks"}
    body = atom_feed(search, [event(2), event(1)], base_url="http://127.0.0.1:8000/")
    parsed = feedparser.parse(body)
    assert not parsed.bozo
    assert parsed.feed.title == "newsledger: Port attacks"
    assert [e.id for e in parsed.entries] == [event_entry_id(event(2)), event_entry_id(event(1))]
    assert parsed.entries[0].link == "http://127.0.0.1:8000/events/2"
    assert "<b>at dawn</b>" in parsed.entries[0].summary  # text, escaped, not markup
    again = feedparser.parse(atom_feed(search, [event(2)], base_url="http://127.0.0.1:8000"))
    assert again.entries[0].id == parsed.entries[0].id


def test_atom_feed_survives_control_characters_and_empty_results() -> None:
    body = atom_feed({"slug": "s", "name": "bell\x07"}, [event(1, sentence="a\x00b")], base_url="http://x")
    assert not feedparser.parse(body).bozo
    empty = atom_feed(
        {"slug": "s", "name": "n"}, [], base_url="http://x", updated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    parsed = feedparser.parse(empty)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated.startswith("2026-01-01")
