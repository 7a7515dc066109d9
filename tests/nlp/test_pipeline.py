from __future__ import annotations

from importlib.metadata import entry_points

from newsledger.nlp.pipeline import COMPONENTS


def test_pipeline_every_component_has_an_entry_point_that_loads():
    """pyproject.toml's `spacy_factories` name every component, each at a path that imports (a module moved
    without its entry point breaks `spacy.load` of any config naming the component)."""
    declared = {ep.name: ep for ep in entry_points(group="spacy_factories") if ep.name.startswith("newsledger_")}
    assert set(declared) == set(COMPONENTS)
    for ep in declared.values():
        assert callable(ep.load())
