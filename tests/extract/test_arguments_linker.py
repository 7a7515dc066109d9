"""The argument linker's model and decision (extract/arguments_linker.py), on values the tests make."""

from __future__ import annotations

import math

import pytest

from newsledger.extract.arguments_linker import (
    ARTIFACT,
    LinkerModel,
    Scored,
    _PlaceSpans,
    choose,
    shipped_linker,
)
from newsledger.model import Mention, Place


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
    assert choose(scored, _model().thresholds) == [("source", 0, -1), ("target", 1, -1)]


def test_linker_each_role_has_its_own_threshold_and_they_survive_json():
    model = LinkerModel(
        classes=("none", "place", "source", "target"),
        intercepts=(0.0, 0.0, 0.0, 0.0),
        weights={},
        threshold=0.3,
        role_thresholds={"source": 0.5},
        rule_sources=False,
    )
    assert model.thresholds == {"source": 0.5, "target": 0.3, "place": 0.3}
    again = LinkerModel.from_json(model.to_json())
    assert again.thresholds == model.thresholds and again.rule_sources is False
    # a model written before per-role thresholds reads as one threshold for all, the rules' sources kept
    old = LinkerModel.from_json('{"classes": ["none"], "intercepts": [0.0], "threshold": 0.4, "weights": {}}')
    assert old.thresholds == {"source": 0.4, "target": 0.4, "place": 0.4} and old.rule_sources is True
    scored = [_scored((0, 6), source=0.45), _scored((20, 25), target=0.45)]
    assert choose(scored, model.thresholds) == [("target", 1, -1)]  # 0.45 is a target, not yet a source


def test_linker_choose_never_makes_victims_a_source_and_takes_a_list_whole():
    scored = [
        _scored((0, 11), source=0.7, may_be_source=False),  # "the victims"
        _scored((20, 31), target=0.8, listed=[(33, 39), (44, 52)], listed_ok=[True, True]),
    ]
    chosen = choose(scored, _model().thresholds)
    assert all(role != "source" for role, _, _ in chosen)
    assert chosen == [("target", 1, -1), ("target", 1, 0), ("target", 1, 1)]


def test_linker_shipped_model_is_small_and_knows_the_three_roles():
    assert ARTIFACT.stat().st_size < 1_000_000
    model = shipped_linker()
    assert model is not None
    assert {"source", "target", "place", "none"} == set(model.classes)
    assert 0 < model.threshold < 1


def _loop_probabilities(model: LinkerModel, found: dict[str, float]) -> dict[str, float]:
    # the per-feature loop the vectorised scoring must match to the last bit
    scores = list(model.intercepts)
    for name, value in found.items():
        for k, weight in enumerate(model.weights.get(name, ())):
            scores[k] += weight * value
    exps = [math.exp(s - max(scores)) for s in scores]
    return {c: e / sum(exps) for c, e in zip(model.classes, exps, strict=True)}


def test_linker_scores_all_candidates_at_once_exactly_as_one_by_one():
    model = shipped_linker()
    assert model is not None
    names = sorted(model.weights)
    founds = [{"bias": 1.0, **{name: 1.0 for name in names[k::97]}, "dep=never-seen": 1.0} for k in range(0, 40, 7)]
    founds.append({"bias": 1.0, names[3]: 0.5, names[500]: -2.0})  # other values than 1
    founds.append({})
    together = model.probabilities_of(founds)
    assert together == [_loop_probabilities(model, found) for found in founds]
    assert len({tuple(p.values()) for p in together}) == len(founds)


def test_linker_place_spans_hold_an_offset_inside_any_place_mention():
    spans = [(10, 20), (15, 30), (40, 41), (50, 50), (60, 70)]
    places = _PlaceSpans.of(
        [Place(id=f"p{n}", name="X", mentions=(Mention(a, b, "x" * (b - a)),)) for n, (a, b) in enumerate(spans)]
    )
    for offset in range(0, 80):
        assert (offset in places) == any(low <= offset < high for low, high in spans)


def test_linker_ships_with_the_fold_linkers_of_its_own_training():
    from newsledger.eval.arguments import held_out_linkers

    by_document = held_out_linkers()  # raises when the folds were written with another linker
    assert len(set(map(id, by_document.values()))) == 5
    assert len(by_document) > 100  # the read parts of WikiEvents dev and RAMS dev


def test_linker_a_name_or_nationality_modifying_the_event_word_is_a_candidate(nlp):
    from newsledger.extract.arguments_linker import candidates
    from newsledger.nlp.state import get_state

    doc = nlp("Russian airstrikes hit a crowded market in the north of the country on Monday.")
    state = get_state(doc)
    strikes = next(t for t in doc if t.text == "airstrikes")
    hit = next(t for t in doc if t.text == "hit")
    assert "Russian" in [t.text for t, _ in candidates(state, strikes, "ASSAULT")]
    # a modifier of another word stays inside its phrase ("crowded" is no candidate of "hit")
    assert "crowded" not in [t.text for t, _ in candidates(state, hit, "ASSAULT")]


def test_linker_features_say_what_may_act_and_the_word_a_candidate_hangs_on(nlp):
    from newsledger.extract.arguments_linker import candidates
    from newsledger.nlp.state import get_state

    doc = nlp("After the explosion, the minister sent instructions to the police.")
    state = get_state(doc)
    explosion = next(t for t in doc if t.text == "explosion")
    found = {t.text: f for t, f in candidates(state, explosion, "ASSAULT")}
    minister, instructions = found["minister"], found["instructions"]
    # the minister hangs on "sent", above the event word, through "after"
    assert minister.get("gov=send") == 1.0
    assert any(k.startswith("path|prep=") and k.endswith("|after") for k in minister)
    # a word for an official may act; "instructions" may not
    assert minister.get("actor|type=True|ASSAULT") == 1.0
    assert instructions.get("actor|type=False|ASSAULT") == 1.0
    assert instructions.get("noun=instruction") == 1.0
    # a candidate on the event word itself has no governor
    doc = nlp("The bombing by the militants killed nine people.")
    state = get_state(doc)
    bombing = next(t for t in doc if t.text == "bombing")
    militants = next(f for t, f in candidates(state, bombing, "ASSAULT") if t.text == "militants")
    assert not any(k.startswith("gov=") for k in militants)
