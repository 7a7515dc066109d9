"""A ledger far larger than one SQL statement may list: the resolver never binds more than IN_CHUNK values into
one IN (...) (SQLite refuses more than 32,766 or 250,000 variables, PostgreSQL more than 65,535, and a ledger of
100,000 articles holds 360,000 clusters), shown here on a small ledger with a small chunk."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from newsledger.resolve import resolve_store
from newsledger.store import resolution
from tests.store.records import build_record


def report(number: int):  # type: ignore[no-untyped-def]
    text = f"Fighters loyal to Omar Qadir{number} attacked Town{number} on Monday, killing {number + 2} guards."
    return build_record(
        text,
        outlet=f"Wire {number}",
        published=f"2021-0{1 + number % 9}-1{number % 10}",
        people={"e1": f"Omar Qadir{number}"},
        groups={"e2": f"Town{number}"},
        events=[{"type": "ASSAULT", "trigger": "attacked", "source": "e1", "fatalities": number + 2}],
    )


def test_large_ledger_lists_no_more_than_a_chunk_in_one_statement(store, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(resolution, "IN_CHUNK", 3)
    for number in range(12):
        store.save_record(report(number))
    largest: list[int] = [0]

    @event.listens_for(store.engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if " IN (" in statement.upper() and not executemany:
            largest[0] = max(largest[0], len(parameters or ()))

    first = resolve_store(store)
    ids = sorted(c["id"] for c in store.clusters())
    second = resolve_store(store)  # the update path: known keys keep their ids
    assert first.actors == second.actors >= 12 and first.clusters == second.clusters >= 12
    assert sorted(c["id"] for c in store.clusters()) == ids
    assert 0 < largest[0] <= 3 + 2  # a chunk, and at most a couple of other values in the statement
