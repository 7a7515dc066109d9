"""Exports from a store run on both backends: the store fixtures are shared."""

from tests.store.conftest import store, store_url  # noqa: F401
