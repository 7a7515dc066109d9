"""Desk: composite indexes for filtered event lists (country, type, status or bbox within a date window)"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"

INDEXES = {
    "ix_events_country_event_date": ["country", "event_date"],
    "ix_events_type_event_date": ["type", "event_date"],
    "ix_events_status_event_date": ["status", "event_date"],
    # A bounding box within a date window is tested inside the index, before any row is read.
    "ix_events_event_date_lon_lat": ["event_date", "lon", "lat"],
    # The outlet facet of the whole ledger counts along this index instead of sorting every row.
    "ix_events_outlet": ["outlet"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="events")
