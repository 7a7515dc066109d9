"""Fixtures of the command tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gazetteer():
    """The real embedded gazetteer (built once per machine by `make setup`, or here on first use)."""
    from newsledger.gazetteer.index import get_gazetteer

    return get_gazetteer()
