from __future__ import annotations

import gc
from importlib.metadata import entry_points

import pytest

from newsledger.nlp.pipeline import COMPONENTS, settle_loaded_objects


def test_pipeline_every_component_has_an_entry_point_that_loads():
    """pyproject.toml's `spacy_factories` name every component, each at a path that imports (a module moved
    without its entry point breaks `spacy.load` of any config naming the component)."""
    declared = {ep.name: ep for ep in entry_points(group="spacy_factories") if ep.name.startswith("newsledger_")}
    assert set(declared) == set(COMPONENTS)
    for ep in declared.values():
        assert callable(ep.load())


def test_pipeline_component_without_what_it_requires_raises_e104():
    import spacy

    import newsledger.extract  # noqa: F401 - registers the components
    from newsledger.errors import NewsledgerError
    from newsledger.nlp.pipeline import check_pipeline

    nlp = spacy.blank("en")
    nlp.add_pipe("newsledger_quotes")
    with pytest.raises(NewsledgerError, match=r"\[E104\] pipeline component 'newsledger_quotes'") as raised:
        check_pipeline(nlp)
    assert "doc._.newsledger_entities" in str(raised.value)
    assert "token.dep" in str(raised.value)


@pytest.mark.model
def test_pipeline_load_checks_the_order_of_components():
    from newsledger.errors import NewsledgerError
    from newsledger.nlp.pipeline import load_nlp

    with pytest.raises(NewsledgerError, match=r"\[E104\] pipeline component 'newsledger_claims' requires") as raised:
        load_nlp(components=("newsledger_entities", "newsledger_quotes", "newsledger_claims"))
    assert str(raised.value).endswith("doc._.newsledger_events, which no component before it assigns")


@pytest.mark.model
def test_pipeline_records_are_readable_per_kind(nlp):
    doc = nlp("Officials in Kabul said on Monday that the talks would go on.")
    state = doc._.newsledger
    assert doc._.newsledger_quotes == state.quotes and doc._.newsledger_quotes
    assert doc._.newsledger_times == state.times and doc._.newsledger_times
    assert doc._.newsledger_entities == state.entities


def test_settled_objects_are_left_out_of_the_collectors_generations():
    loaded = {"lexicon": ["a", "table", "a", "process", "keeps"]}
    assert any(tracked is loaded for tracked in gc.get_objects())
    settle_loaded_objects()
    assert not any(tracked is loaded for tracked in gc.get_objects())
    assert loaded["lexicon"][1] == "table"
