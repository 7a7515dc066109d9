"""Exports from a store run on both backends: the store fixtures are shared."""

from tests.store.conftest import postgres_template, sqlite_template, store, store_url  # noqa: F401
