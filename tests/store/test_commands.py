"""The ledger's query commands take a country by name or code."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import Store
from tests.store.records import build_record


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    with Store.open(path) as store:
        for text, place, country in (
            ("Gunmen attacked a checkpoint near Mosul on Monday.", "Mosul", "IQ"),
            ("Gunmen attacked a checkpoint near Aleppo on Monday.", "Aleppo", "SY"),
        ):
            store.save_record(
                build_record(
                    text,
                    places={"p1": {"name": place, "lat": 36.0, "lon": 43.0, "country": country}},
                    events=[{"type": "ASSAULT", "trigger": "attacked", "place": "p1"}],
                )
            )
    return path


@pytest.mark.parametrize("given", ["Iraq", "iraq", "IQ", "iq"])
def test_commands_events_country_by_name_or_code(ledger, given: str) -> None:
    done = CliRunner().invoke(app, ["events", "--db", str(ledger), "--country", given, "--format", "json"])
    assert done.exit_code == 0, done.output
    assert [e["location"] for e in json.loads(done.stdout)] == ["Mosul"]


def test_commands_events_unknown_country_is_a_usage_error(ledger) -> None:
    done = CliRunner().invoke(app, ["events", "--db", str(ledger), "--country", "Atlantis"])
    assert done.exit_code == 2 and "--country" in done.stderr
