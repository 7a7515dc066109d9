from __future__ import annotations

import csv
import datetime as dt
import io
import json

import geojson
import pyarrow.parquet as pq
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.export import ledger
from newsledger.model import ArticleRecord
from newsledger.resolve import resolve_store
from newsledger.store import schema
from tests.resolve.test_ledger import first_report, second_report, unrelated_report


def filled(store):
    for record in (first_report(), second_report(), unrelated_report()):
        store.save_record(record)
    resolve_store(store)
    return store


def test_ledger_acled_csv_has_acled_columns_and_one_row_per_event(store):
    out = io.StringIO()
    n = ledger.write_acled(filled(store), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == ledger.ACLED_COLUMNS
    assert n == len(rows) == 2  # two reports of one attack are one row; the protest is another
    attack, protest = rows
    assert attack["event_date"] == "2021-09-06"
    assert attack["country"] == "Afghanistan"
    assert attack["fatalities"] == "4"  # ACLED's convention: the lowest figure ...
    assert "Wire A: 4" in attack["notes"] and "Wire B: 7" in attack["notes"]  # ... and every source's figure
    assert attack["source"] == "Wire A; Wire B"
    assert attack["actor1"] in ("Yusuf Rahimi", "Yousef Rahimi")
    assert float(attack["latitude"]) == 34.1 and float(attack["longitude"]) == 70.9
    assert protest["event_type"] == "Protests"
    assert protest["fatalities"] == "0"


def test_ledger_geojson_is_a_valid_feature_collection(store):
    out = io.StringIO()
    n = ledger.write_geojson(filled(store), out)
    collection = geojson.loads(out.getvalue())
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    assert n == len(collection["features"]) == 3
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_type"] in ("ASSAULT", "PROTEST")
    kabul = next(f for f in collection["features"] if f["properties"]["event_type"] == "PROTEST")
    assert kabul["geometry"]["coordinates"] == [69.17, 34.53]  # [longitude, latitude], RFC 7946


def test_ledger_parquet_reads_back_identically(store, tmp_path):
    filled(store)
    path = tmp_path / "events.parquet"
    n = ledger.write_parquet(store, path)
    table = pq.read_table(path)
    assert table.num_rows == n == 3
    assert table.schema == ledger.events_table(store).schema
    expected = [{column: event.get(column) for column in table.column_names} for event in ledger.export_events(store)]
    assert table.to_pylist() == expected
    assert set(schema.events.c.keys()) <= set(table.column_names)


def test_ledger_plover_and_jsonl_exports(store):
    filled(store)
    plover = io.StringIO()
    ledger.write_plover(store, plover)
    document = json.loads(plover.getvalue())
    assert document["format"] == "PLOVER"
    assert {e["event_type"] for e in document["events"]} == {"ASSAULT", "PROTEST"}
    assert all(e["text"] for e in document["events"])
    lines = io.StringIO()
    assert ledger.write_jsonl(store, lines) == 3
    records = [ArticleRecord.from_json(line) for line in lines.getvalue().splitlines()]
    assert sorted(r.article.outlet for r in records) == ["Wire A", "Wire B", "Wire C"]
    assert store.get_record(records[0].article.id) == records[0]


def test_ledger_reviewed_only_and_rejected_events(store):
    filled(store)
    pks = [e["pk"] for e in store.events(order="-date")]
    now = dt.datetime.now(dt.UTC)
    with store.writing() as conn:
        conn.execute(
            schema.event_reviews.insert(),
            [
                {"event_pk": pks[0], "status": "confirmed", "corrections": {}, "reviewer": "t", "reviewed_at": now},
                {
                    "event_pk": pks[2],
                    "status": "rejected",
                    "corrections": {},
                    "reviewer": "t",
                    "reviewed_at": now,
                },
            ],
        )
    assert [e["pk"] for e in ledger.export_events(store, reviewed_only=True)] == [pks[0]]
    assert pks[2] not in [e["pk"] for e in ledger.export_events(store)]


def test_ledger_export_command_writes_files(store_url, tmp_path):
    from newsledger.store import Store

    with Store.open(store_url) as store:
        filled(store)
    for name in ledger.EXPORT_FORMATS:
        out = tmp_path / f"ledger.{name}"
        result = CliRunner().invoke(app, ["export", "--format", name, "--db", store_url, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    bad = CliRunner().invoke(app, ["export", "--format", "xls", "--db", store_url])
    assert bad.exit_code == 2
    events = CliRunner().invoke(app, ["events", "--db", store_url, "--format", "json", "--type", "PROTEST"])
    assert [e["trigger_text"] for e in json.loads(events.stdout)] == ["protested"]
    claims = CliRunner().invoke(app, ["claims", "--disputed", "--db", store_url, "--format", "json"])
    (pair,) = json.loads(claims.stdout)  # the board lists the one disputing pair once, not under both claims
    assert pair["n_disputes"] == 1 and pair["disputed_by"] == []
    actors = CliRunner().invoke(app, ["actors", "--db", store_url, "--format", "csv"])
    assert "Rahimi" in actors.stdout


def test_ledger_acled_csv_loads_with_pandas_with_acled_columns_and_types(store):
    import pandas as pd

    out = io.StringIO()
    n = ledger.write_acled(filled(store), out)
    frame = pd.read_csv(io.StringIO(out.getvalue()))
    assert tuple(frame.columns) == (
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    )
    assert len(frame) == n == 2
    # Dates parse as ISO dates (a bad or empty one would raise or give NaT), numbers load as numbers.
    dates = pd.to_datetime(frame["event_date"], format="%Y-%m-%d")
    assert dates.notna().all()
    assert list(dates.dt.date) == sorted(dates.dt.date)  # oldest first
    for column in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(frame[column]), frame.dtypes
        assert frame[column].between(-180, 180).all()
    assert frame["latitude"].between(-90, 90).all()
    for column in ("time_precision", "fatalities"):
        assert pd.api.types.is_integer_dtype(frame[column]), frame.dtypes
    assert (frame["fatalities"] >= 0).all()
    assert frame["time_precision"].isin([1, 2, 3]).all()
    attack = frame[frame["event_type"] != "Protests"].iloc[0]
    assert (attack["latitude"], attack["longitude"]) == (34.1, 70.9)
    assert attack["fatalities"] == 4


def test_ledger_parquet_reads_back_identically_with_pandas(store, tmp_path):
    import pandas as pd

    filled(store)
    path = tmp_path / "events.parquet"
    n = ledger.write_parquet(store, path)
    frame = pd.read_parquet(path)
    assert len(frame) == n == 3
    expected = list(ledger.export_events(store))
    assert list(frame.columns) == ledger.events_table(store).column_names
    for column in ("lat", "lon"):
        assert pd.api.types.is_float_dtype(frame[column]), frame.dtypes
    assert pd.api.types.is_integer_dtype(frame["pk"]), frame.dtypes
    # Missing values come back as pandas' missing markers; everything else compares equal to the store's events.
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert rows == [{column: event.get(column) for column in frame.columns} for event in expected]
