from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.errors import NewsledgerError
from newsledger.eval import stance

CLAIMS = {
    "A singer bought a castle in Scotland": (
        ("Singer buys Scottish castle", "for"),
        ("Pop star now owns a castle in the Highlands", "for"),
        ("Singer denies buying Scottish castle", "against"),
        ("Castle purchase story is a hoax, says agent", "against"),
        ("Singer reportedly buys castle", "observing"),
        ("Did the singer really buy a castle?", "observing"),
    ),
    "A city banned cars from its centre": (
        ("City bans cars from centre", "for"),
        ("Cars banned downtown from Monday", "for"),
        ("Mayor dismisses car ban story as false", "against"),
        ("No, the city has not banned cars", "against"),
        ("City may ban cars, reports say", "observing"),
        ("Car ban rumored for city centre", "observing"),
    ),
    "A dog learned to drive a car": (
        ("Dog drives car around town", "for"),
        ("Clever dog learns to drive", "for"),
        ("Driving dog video is fake", "against"),
        ("Owner denies dog can drive", "against"),
        ("Dog allegedly drives car", "observing"),
        ("Can this dog really drive?", "observing"),
    ),
}


def write_csv(path: Path, claims: dict[str, tuple[tuple[str, str], ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"])
        row = 0
        for number, (claim, headlines) in enumerate(claims.items()):
            for headline, label in headlines:
                writer.writerow([row, claim, headline, label, f"a{row}", f"claim{number}"])
                row += 1
    return path


def test_stance_reads_emergent_rows(tmp_path):
    data = stance.read_emergent(write_csv(tmp_path / "s.csv", CLAIMS), limit=7)
    assert len(data) == 7
    assert data[0].claim == "A singer bought a castle in Scotland" and data[0].stance == "for"
    assert data[6].claim_id == "claim1"


def test_stance_rejects_a_csv_without_stance_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("claimHeadline,articleHeadline\nx,y\n", encoding="utf-8")
    with pytest.raises(NewsledgerError, match="E202"):
        stance.read_emergent(path)
    with pytest.raises(NewsledgerError, match="E201"):
        stance.read_emergent(tmp_path / "absent.csv")


def test_stance_lexicon_baseline_reads_refuting_and_hedging_words():
    pairs = [("c", "Story is a hoax"), ("c", "Star reportedly quits"), ("c", "Star quits band"), ("c", "Star quits?")]
    assert stance.lexicon_baseline(pairs) == ["against", "observing", "for", "observing"]


def test_stance_features_measure_overlap_and_question():
    features = stance.stance_features([("cats eat fish", "cats eat fish?"), ("cats eat fish", "Dogs run")]).toarray()
    assert features[0, 0] == 1.0 and features[1, 0] == 0.0  # word overlap (Jaccard)
    assert features[0, 3] == 1.0 and features[1, 3] == 0.0  # ends with a question mark


def test_stance_cross_validates_when_no_model_may_be_used(tmp_path, monkeypatch):
    monkeypatch.setattr(stance, "load_shipped_model", lambda: None)
    result = stance.evaluate(write_csv(tmp_path / "s.csv", CLAIMS), folds=5, seeds=2)
    assert result["n"] == 18
    assert any("nested cross-validation: 3-fold outer, grouped by claim" in note for note in result["notes"])
    assert {"accuracy", "macro_f1", "accuracy_sd", "accuracy_min", "accuracy_max"} <= set(result["metrics"])
    accuracies = [run["accuracy"] for run in result["per_seed"]]
    assert result["metrics"]["accuracy"] == pytest.approx(sum(accuracies) / 2)
    assert result["metrics"]["accuracy_min"] == pytest.approx(min(accuracies))
    assert sum(row["support"] for row in result["per_class"].values()) == 18
    assert set(result["baselines"]) == {"majority", "lexicon"}
    assert 0.0 <= result["metrics"]["accuracy"] <= 1.0
    # the lexicon baseline gets the hedged and refuted headlines of this file right
    assert result["baselines"]["lexicon"]["accuracy"] >= 0.8


def test_stance_model_learns_headline_words():
    train = [
        stance.StancePair(claim, headline, label, f"c{i}")
        for i, (claim, rows) in enumerate(CLAIMS.items())
        for headline, label in rows
    ]
    model = stance.StanceModel().fit(train)
    predicted = model.predict([(p.claim, p.headline) for p in train])
    assert sum(a == p.stance for a, p in zip(predicted, train, strict=True)) / len(train) >= 0.8
    assert stance.claim_key("A dog learned to drive a car") in model.trained_claims


def test_stance_scores_the_shipped_model_only_on_unseen_claims(tmp_path):
    if stance.load_shipped_model() is None:
        pytest.skip("no shipped model (run scripts/train_stance.py)")
    result = stance.evaluate(write_csv(tmp_path / "s.csv", CLAIMS))
    assert any("shipped model" in note for note in result["notes"])
    # the shipped model generalizes to headlines it never saw: well above the majority class
    assert result["metrics"]["accuracy"] > result["baselines"]["majority"]["accuracy"]


def test_stance_command_prints_the_contract_json(tmp_path, monkeypatch):
    import typer

    monkeypatch.setattr(stance, "load_shipped_model", lambda: None)
    app = typer.Typer()
    app.command()(stance.command)
    out = CliRunner().invoke(app, [str(write_csv(tmp_path / "s.csv", CLAIMS)), "--json", "--folds", "3"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["task"] == "stance" and data["n"] == 18
    assert {"accuracy", "macro_f1"} <= set(data["metrics"])
    bad = CliRunner().invoke(app, [str(tmp_path / "absent.csv")])
    assert bad.exit_code == 1


def test_stance_nested_cv_tunes_without_the_outer_held_out_claims(tmp_path, monkeypatch):
    claims = {**CLAIMS, **{f"{claim} again": rows for claim, rows in CLAIMS.items()}}
    data = stance.read_emergent(write_csv(tmp_path / "s.csv", claims))
    tuned_on: list[set[str]] = []
    real_select = stance.select_stance_hyperparameters

    def spying_select(train, **options):
        tuned_on.append({p.claim_id for p in train})
        return real_select(train, **options)

    monkeypatch.setattr(stance, "select_stance_hyperparameters", spying_select)
    ours, _, selections = stance.cross_validated_predictions(data, folds=3, inner_folds=2, seed=4)
    outer = stance._grouped_folds(data, 3, seed=4)
    all_claims = {p.claim_id for p in data}
    expected = [all_claims - {data[i].claim_id for i in test_index} for _, test_index in outer]
    # every inner search saw exactly one outer training part's claims, none of the part it was scored on
    assert tuned_on == expected
    assert len(selections) == 3 and all(s["regularization"] in stance.STANCE_GRID["regularization"] for s in selections)
    assert all(label in stance.LABELS for label in ours)


def test_stance_selection_prefers_the_regularization_that_generalizes():
    train = [
        stance.StancePair(claim, headline, label, f"c{i}")
        for i, (claim, rows) in enumerate(CLAIMS.items())
        for headline, label in rows
    ]
    grid = {"regularization": (1e-4, 10.0), "balanced": (False,)}
    chosen, inner_accuracy = stance.select_stance_hyperparameters(train, folds=3, grid=grid)
    # a C of 1e-4 leaves every coefficient near zero (one class everywhere, a third right); C=10 learns the words
    assert chosen.regularization == 10.0
    assert inner_accuracy > 0.5
