"""Actor search (`/api/actors?q=`, `events --actor`): LIKE metacharacters are literal, and aliases are matched as
values of the JSON array, never as its JSON text (issue 15, item 12)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from newsledger.store import schema

ACTORS = [
    ("plain", "Plain Name", ["Plain", "PN"]),
    ("backslash-name", "Back\\slash", []),
    ("backslash-alias", "Nobody", ["Alias\\With"]),
    ("percent-alias", "Someone", ["100% Group"]),
    ("underscore-name", "under_score", []),
    ("quote-alias", "Quoted", ['The "Q" Men']),
    ("accent-alias", "Pena", ["Peña"]),
]


@pytest.fixture
def actor_store(store):
    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.actors),
            [
                {"key": key, "name": name, "aliases": aliases, "roles": [], "n_articles": 1, "n_mentions": 1}
                for key, name, aliases in ACTORS
            ],
        )
    return store


def _keys(store, q: str) -> set[str]:
    return {row["key"] for row in store.actors(q=q)}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("\\", {"backslash-name", "backslash-alias"}),
        ("%", {"percent-alias"}),
        ("_", {"underscore-name"}),
        ('"', {"quote-alias"}),
        ("[", set()),
        ("]", set()),
        (",", set()),
        ('", "', set()),
        ("pn", {"plain"}),
        ("alias\\w", {"backslash-alias"}),
        ("peña", {"accent-alias"}),
        ("u00f1", set()),
    ],
)
def test_actor_search_is_literal_and_matches_alias_values(actor_store, q: str, expected: set[str]) -> None:
    assert _keys(actor_store, q) == expected


def test_events_actor_filter_matches_alias_values(actor_store) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import select

    with actor_store.engine.begin() as conn:
        conn.execute(
            insert(schema.articles).values(
                id="a" * 64,
                language="en",
                chars=1,
                text="x",
                pipeline="t",
                schema_version=1,
                record="{}",
                ingested_at=datetime.now(UTC),
            )
        )
        ids = dict(conn.execute(select(schema.actors.c.key, schema.actors.c.id)).all())
        conn.execute(
            insert(schema.events),
            [
                {
                    "article_id": "a" * 64,
                    "id": f"e{n}",
                    "type": "ATTACK",
                    "trigger_text": "t",
                    "trigger_start": 0,
                    "trigger_end": 1,
                    "sentence_start": 0,
                    "sentence_end": 1,
                    "status": "reported",
                    "source_name": "x",
                    "target_name": "y",
                    "source_actor_id": ids[key],
                }
                for n, key in enumerate(["plain", "backslash-alias", "quote-alias"])
            ],
        )
    assert {e["id"] for e in actor_store.events(actor="\\")} == {"e1"}
    assert {e["id"] for e in actor_store.events(actor='"')} == {"e2"}
    assert actor_store.events(actor="[") == []
    assert {e["id"] for e in actor_store.events(actor="pn")} == {"e0"}
