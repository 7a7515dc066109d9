from __future__ import annotations

import json
import subprocess
import sys


def test_schema_alone_holds_every_index_the_migrations_make():
    """The desk's event-list indexes are on the metadata as soon as the schema module is imported (in a fresh
    interpreter: nothing else imported first), so Alembic's environment needs no import for its side effects."""
    probe = (
        "import json\n"
        "from newsledger.store.schema import metadata\n"
        "print(json.dumps(sorted(ix.name for ix in metadata.tables['events'].indexes)))\n"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    names = set(json.loads(found.stdout))
    assert {
        "ix_events_country_event_date",
        "ix_events_type_event_date",
        "ix_events_status_event_date",
        "ix_events_event_date_lon_lat",
        "ix_events_outlet",
    } <= names
