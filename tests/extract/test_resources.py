"""`load_resources`: what a batch worker loads before its first task."""

from __future__ import annotations

import newsledger.extract as extract
from newsledger.nlp import COMPONENTS


def test_resources_are_named_by_components_of_the_pipeline():
    # a renamed component would silently stop being preloaded
    assert set(extract.RESOURCES_OF_COMPONENT) <= set(COMPONENTS)
    assert "newsledger_events" in extract.RESOURCES_OF_COMPONENT


def test_resources_load_only_what_the_named_components_need(monkeypatch):
    loaded: list[str] = []
    monkeypatch.setattr(
        extract,
        "RESOURCES_OF_COMPONENT",
        {"a": (lambda: loaded.append("a1"), lambda: loaded.append("a2")), "b": (lambda: loaded.append("b"),)},
    )
    extract.load_resources(["a", "not-a-component"])
    assert loaded == ["a1", "a2"]
