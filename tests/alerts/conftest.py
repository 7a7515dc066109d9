"""Alert tests use the ledger on both backends and the watch tests' local HTTP server (as the webhook receiver)."""

from tests.store.conftest import postgres_template, sqlite_template, store, store_url  # noqa: F401
from tests.watch.conftest import local_server  # noqa: F401
