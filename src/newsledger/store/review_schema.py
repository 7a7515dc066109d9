"""What the analyst's desk adds to the ledger's schema (same MetaData as `store/schema.py`; migration 0002).

The review tables (`event_reviews`, `audit_log`, `api_tokens`) are in `store/schema.py` already; the desk adds
composite indexes so that its filtered event list (a filter plus a date window, newest first) reads a narrow
range of an index instead of every event of a country or type: p95 on 1M events, see benchmarks/bench_api.py."""

from __future__ import annotations

from sqlalchemy import Index

from newsledger.store.schema import events

EVENT_LIST_INDEXES = (
    Index("ix_events_country_event_date", events.c.country, events.c.event_date),
    Index("ix_events_type_event_date", events.c.type, events.c.event_date),
    Index("ix_events_status_event_date", events.c.status, events.c.event_date),
    Index("ix_events_event_date_lon_lat", events.c.event_date, events.c.lon, events.c.lat),
    Index("ix_events_outlet", events.c.outlet),
)
