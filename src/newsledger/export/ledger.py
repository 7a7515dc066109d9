"""Exports of the ledger for the tools analysts use: ACLED-style CSV, PLOVER JSON, GeoJSON, JSONL of records,
Parquet of events.

ACLED-style CSV has one row per real event: reports merged into an event cluster become one row whose
`fatalities` is the lowest figure any source gives (ACLED's convention) and whose `notes` list every source's
figure, so no source's number is lost. The other event exports have one item per report, with its cluster id.
Events an analyst rejected are never exported; `reviewed_only` keeps only confirmed or corrected ones.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsledger.export.csv_cells import SafeDictWriter

if TYPE_CHECKING:
    from newsledger.store.db import Store

ACLED_COLUMNS = (
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
# When the extractor gave no ACLED type, the nearest ACLED type of a PLOVER type.
ACLED_TYPE_OF_PLOVER = {
    "ASSAULT": "Battles",
    "PROTEST": "Protests",
    "MOBILIZE": "Strategic developments",
    "RETREAT": "Strategic developments",
    "COERCE": "Strategic developments",
}
EXPORT_FORMATS = ("acled", "plover", "geojson", "jsonl", "parquet")
PAGE = 5000


def export_events(store: Store, *, reviewed_only: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
    """Every event under the filters (as `Store.events` returns them), oldest first, minus rejected ones."""
    if reviewed_only:
        filters["reviewed"] = True
    offset = 0
    while True:
        page = store.events(limit=PAGE, offset=offset, order="-date", **filters)
        for event in page:
            if event.get("review_status") != "rejected":
                yield event
        if len(page) < PAGE:
            return
        offset += PAGE


class _Sentences:
    """The sentence each event came from, read from the stored article text (cached per article)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.texts: dict[str, str] = {}

    def __call__(self, event: dict[str, Any]) -> str:
        article_id = event["article_id"]
        if article_id not in self.texts:
            if len(self.texts) > 256:
                self.texts.clear()
            record = self.store.get_record(article_id)
            self.texts[article_id] = record.article.text if record else ""
        return " ".join(self.texts[article_id][event["sentence_start"] : event["sentence_end"]].split())


def country_name(code: str | None) -> str:
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return str(found.name) if found else code


def acled_rows(store: Store, *, reviewed_only: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
    sentence = _Sentences(store)
    clusters: dict[int, list[dict[str, Any]]] = defaultdict(list)
    singles: list[dict[str, Any]] = []
    for event in export_events(store, reviewed_only=reviewed_only, **filters):
        if event.get("cluster_id") is not None:
            clusters[event["cluster_id"]].append(event)
        else:
            singles.append(event)
    groups = [*clusters.values(), *([e] for e in singles)]
    groups.sort(key=lambda g: (min(e["event_date"] or "" for e in g), g[0]["pk"]))
    for group in groups:
        yield _acled_row(group, sentence)


def _acled_row(group: list[dict[str, Any]], sentence: _Sentences) -> dict[str, Any]:
    # The report with the most precise place (then date) stands for the event.
    lead = min(group, key=lambda e: (e["geo_precision"] or 9, e["time_precision"] or 9, e["event_date"] or "", e["pk"]))
    figures = [(e["outlet"] or "unnamed outlet", e["fatalities"]) for e in group if e["fatalities"] is not None]
    notes = sentence(lead)
    if len(group) > 1:
        notes += f" [{len(group)} reports from {len({e['outlet'] or e['article_id'] for e in group})} sources]"
    if len(figures) > 1:
        notes += " Fatalities by source: " + "; ".join(f"{outlet}: {count}" for outlet, count in figures) + "."
    sources = sorted({e["outlet"] for e in group if e["outlet"]})
    return {
        "event_date": lead["event_date"] or "",
        "time_precision": lead["time_precision"] or 3,
        "event_type": lead["acled_type"] or ACLED_TYPE_OF_PLOVER.get(lead["type"], "Strategic developments"),
        "sub_event_type": lead["acled_subtype"] or "",
        "actor1": lead["source_name"] or "",
        "actor2": lead["target_name"] or "",
        "country": country_name(lead["country"]),
        "admin1": lead["admin1"] or "",
        "admin2": lead["admin2"] or "",
        "location": lead["location"] or "",
        "latitude": "" if lead["lat"] is None else f"{lead['lat']:.4f}",
        "longitude": "" if lead["lon"] is None else f"{lead['lon']:.4f}",
        "geo_precision": lead["geo_precision"] or "",
        "source": "; ".join(sources),
        "notes": notes,
        "fatalities": min((count for _, count in figures), default=0),
    }


def write_acled(store: Store, out: IO[str], **options: Any) -> int:
    writer = SafeDictWriter(out, ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in acled_rows(store, **options):
        writer.writerow(row)
        n += 1
    return n


def plover_event(event: dict[str, Any], text: str) -> dict[str, Any]:
    """One event in the PLOVER/POLECAT JSON shape (event_type, mode, context, actors, location, date, text)."""
    return {
        "id": f"{event['article_id']}:{event['id']}",
        "event_date": event["event_date"],
        "event_type": event["type"],
        "mode": event["mode"] or "",
        "context": [],
        "status": event["status"],
        "actor1": event["source_name"],
        "actor1_id": event["source_actor_id"],
        "actor2": event["target_name"],
        "actor2_id": event["target_actor_id"],
        "location": {
            "name": event["location"],
            "country": event["country"],
            "admin1": event["admin1"],
            "admin2": event["admin2"],
            "lat": event["lat"],
            "lon": event["lon"],
            "geo_precision": event["geo_precision"],
        },
        "fatalities": event["fatalities"],
        "according_to": event["according_to"],
        "cluster_id": event["cluster_id"],
        "source": event["outlet"],
        "article_id": event["article_id"],
        "text": text,
        "trigger": {"text": event["trigger_text"], "start": event["trigger_start"], "end": event["trigger_end"]},
    }


def write_plover(store: Store, out: IO[str], **options: Any) -> int:
    sentence = _Sentences(store)
    events = [plover_event(e, sentence(e)) for e in export_events(store, **options)]
    json.dump({"format": "PLOVER", "events": events}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(events)


def geojson_collection(store: Store, **options: Any) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (RFC 7946: coordinates are [longitude, latitude]) of located events."""
    sentence = _Sentences(store)
    features = []
    for event in export_events(store, **options):
        if event["lat"] is None or event["lon"] is None:
            continue
        properties = {k: v for k, v in plover_event(event, sentence(event)).items() if k != "location"}
        properties.update(
            location=event["location"],
            country=event["country"],
            admin1=event["admin1"],
            geo_precision=event["geo_precision"],
        )
        features.append(
            {
                "type": "Feature",
                "id": properties["id"],
                "geometry": {"type": "Point", "coordinates": [float(event["lon"]), float(event["lat"])]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(store: Store, out: IO[str], **options: Any) -> int:
    collection = geojson_collection(store, **options)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])


def write_jsonl(store: Store, out: IO[str], **_options: Any) -> int:
    """Every stored record, one JSON object a line (the public record contract, lossless)."""
    n = 0
    for record in store.iter_records():
        out.write(record.to_json() + "\n")
        n += 1
    return n


def events_table(store: Store, **options: Any) -> Any:
    """The events (every column, plus review status) as a pyarrow Table with an explicit schema."""
    import pyarrow as pa

    from newsledger.store.queries import event_column_kinds

    types = {"integer": pa.int64(), "float": pa.float64(), "boolean": pa.bool_(), "text": pa.string()}
    fields = [pa.field(name, types[kind]) for name, kind in event_column_kinds()]
    fields.append(pa.field("review_status", pa.string()))
    arrow_schema = pa.schema(fields)
    rows = [{f.name: event.get(f.name) for f in fields} for event in export_events(store, **options)]
    return pa.Table.from_pylist(rows, schema=arrow_schema)


def write_parquet(store: Store, path: Path, **options: Any) -> int:
    import pyarrow.parquet as pq

    table = events_table(store, **options)
    pq.write_table(table, path)
    return int(table.num_rows)
