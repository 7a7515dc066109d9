"""The argument linker's model and decision (extract/arguments_linker.py), on values the tests make."""

from __future__ import annotations

import pytest

from newsledger.extract.arguments_linker import ARTIFACT, LinkerModel, Scored, choose, shipped_linker


def _model() -> LinkerModel:
    return LinkerModel(
        classes=("none", "place", "source", "target"),
        intercepts=(1.0, 0.0, 0.0, 0.0),
        weights={"dep=nsubj": (0.0, 0.0, 3.0, 0.0), "dep=dobj": (0.0, 0.0, 0.0, 3.0)},
        threshold=0.3,
    )


def test_linker_probabilities_follow_the_weights_and_survive_json():
    model = _model()
    subject = model.probabilities({"bias": 1.0, "dep=nsubj": 1.0})
    assert sum(subject.values()) == pytest.approx(1.0)
    assert max(subject, key=subject.get) == "source"
    unknown = model.probabilities({"dep=never-seen": 1.0})
    assert max(unknown, key=unknown.get) == "none"
    again = LinkerModel.from_json(model.to_json())
    assert again.probabilities({"dep=dobj": 1.0}) == pytest.approx(model.probabilities({"dep=dobj": 1.0}))


def _scored(phrase, source=0.0, target=0.0, place=0.0, *, may_be_source=True, listed=(), listed_ok=()):
    probabilities = {"source": source, "target": target, "place": place, "none": 1 - source - target - place}
    return Scored(phrase, probabilities, may_be_source, tuple(listed), tuple(listed_ok))


def test_linker_choose_takes_the_likeliest_candidate_of_each_role_above_the_threshold():
    scored = [
        _scored((0, 6), source=0.6, target=0.3),
        _scored((20, 25), source=0.35, target=0.5),
        _scored((30, 34), place=0.2),  # below the threshold: no place
    ]
    assert choose(scored, 0.3) == [("source", 0, -1), ("target", 1, -1)]


def test_linker_choose_never_makes_victims_a_source_and_takes_a_list_whole():
    scored = [
        _scored((0, 11), source=0.7, may_be_source=False),  # "the victims"
        _scored((20, 31), target=0.8, listed=[(33, 39), (44, 52)], listed_ok=[True, True]),
    ]
    chosen = choose(scored, 0.3)
    assert all(role != "source" for role, _, _ in chosen)
    assert chosen == [("target", 1, -1), ("target", 1, 0), ("target", 1, 1)]


def test_linker_shipped_model_is_small_and_knows_the_three_roles():
    assert ARTIFACT.stat().st_size < 1_000_000
    model = shipped_linker()
    assert model is not None
    assert {"source", "target", "place", "none"} == set(model.classes)
    assert 0 < model.threshold < 1


def test_linker_ships_with_the_fold_linkers_of_its_own_training():
    from newsledger.eval.arguments import held_out_linkers

    by_document = held_out_linkers()  # raises when the folds were written with another linker
    assert len(set(map(id, by_document.values()))) == 5
    assert len(by_document) > 100  # the read parts of WikiEvents dev and RAMS dev
