"""The CASE-2021 event sub-type scorer, on small files the tests write."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsledger.eval.events import f1_scores, read_case_tsv, stratified_folds


def test_events_f1_scores_by_hand():
    gold = ["A", "A", "B", "B"]
    predicted = ["A", "B", "B", "B"]
    weighted, macro, per_class = f1_scores(gold, predicted)
    # A: precision 1, recall 1/2, F1 2/3; B: precision 2/3, recall 1, F1 4/5
    assert per_class["A"]["f1"] == pytest.approx(2 / 3)
    assert per_class["B"]["f1"] == pytest.approx(4 / 5)
    assert per_class["B"]["precision"] == pytest.approx(2 / 3)
    assert weighted == pytest.approx((2 / 3 * 2 + 4 / 5 * 2) / 4)
    assert macro == pytest.approx((2 / 3 + 4 / 5) / 2)


def test_events_f1_weighted_differs_from_macro_when_classes_are_unbalanced():
    gold = ["A", "A", "A", "B"]
    predicted = ["A", "A", "A", "A"]
    weighted, macro, _ = f1_scores(gold, predicted)
    # A: precision 3/4, recall 1, F1 6/7; B: F1 0
    assert weighted == pytest.approx(6 / 7 * 3 / 4)
    assert macro == pytest.approx(6 / 7 / 2)


def test_events_stratified_folds_partition_and_spread_each_class():
    labels = ["A"] * 10 + ["B"] * 5 + ["C"] * 3
    folds = stratified_folds(labels, 5)
    everyone = sorted(int(i) for fold in folds for i in fold)
    assert everyone == list(range(len(labels)))
    for fold in folds:
        assert sum(labels[i] == "A" for i in fold) == 2
        assert sum(labels[i] == "B" for i in fold) == 1
    assert len({int(f) for f, fold in enumerate(folds) for i in fold if labels[i] == "C"}) == 3


def _write_tsv(path, rows):
    lines = ["id\tEventSnippet\tSubType"] + [f"{i}\t{text}\t{label}" for i, (text, label) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _separable_rows():
    places = ["north", "south", "east", "west", "centre", "coast"]
    rows = []
    for place in places:
        rows.append((f"A strong earthquake and floods hit the {place} region, the storm destroyed roads.", "NATURAL"))
        rows.append((f"Police arrested and detained protesters in the {place} district on Monday.", "ARREST"))
        rows.append((f"Government warplanes and drones carried out air strikes on the {place} villages.", "AIR"))
    return rows


def test_events_command_scores_a_separable_file_perfectly(tmp_path):
    from newsledger.cli import app

    gold = tmp_path / "case.tsv"
    _write_tsv(gold, _separable_rows())
    options = ["--json", "--folds", "3", "--inner-folds", "3", "--seeds", "2", "--no-embeddings", "--quiet"]
    result = CliRunner().invoke(app, ["eval", "events", str(gold), *options])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["task"] == "events" and out["n"] == 18
    assert out["metrics"]["weighted_f1"] == pytest.approx(1.0)
    assert out["metrics"]["macro_f1"] == pytest.approx(1.0)
    assert out["metrics"]["weighted_f1_sd"] == pytest.approx(0.0)
    assert out["cross_validated"] is True and out["nested"] is True
    assert "nested cross-validation" in " ".join(out["notes"])
    assert [run["seed"] for run in out["per_seed"]] == [0, 1]
    assert len(out["selected_hyperparameters"]) == 2 * 3  # one inner search per outer fold and seed
    assert set(out["per_class"]) == {"NATURAL", "ARREST", "AIR"}
    assert out["per_class"]["AIR"]["support"] == pytest.approx(6)
    assert {"tfidf_word_lr", "chars_cues_svm_nested", "cascade_fixed_defaults_not_nested"} <= set(out["baselines"])


def test_events_nested_cv_tunes_without_the_outer_held_out_part(tmp_path, monkeypatch):
    from newsledger.eval import event_training, events

    gold = tmp_path / "case.tsv"
    rows = _separable_rows()
    _write_tsv(gold, rows)
    tuned_on: list[frozenset[str]] = []
    real_select = event_training.select_hyperparameters

    def spying_select(texts, labels, **options):
        tuned_on.append(frozenset(texts))
        return real_select(texts, labels, **options)

    monkeypatch.setattr(event_training, "select_hyperparameters", spying_select)
    result = events.evaluate(gold, folds=3, inner_folds=2, seeds=2, first_seed=5, embeddings=False)
    texts, labels = [text for text, _ in rows], [label for _, label in rows]
    expected = [
        frozenset(texts) - {texts[i] for i in held_out}
        for seed in (5, 6)
        for held_out in stratified_folds(labels, 3, seed=seed)
    ]
    # every inner search saw exactly one outer training part, never the part it was then scored on
    assert tuned_on == expected
    assert result["seeds"] == [5, 6]


def test_events_spread_is_reported_over_the_seeds(tmp_path):
    from newsledger.eval import events

    gold = tmp_path / "case.tsv"
    rows = _separable_rows()
    # two labels on one sentence pattern (the single letters fall under min_df): no split can tell them apart
    rows += [(f"Protesters marched through the {letter} square.", "MARCH") for letter in "abcdef"]
    rows += [(f"Protesters marched through the {letter} square.", "RALLY") for letter in "ghijkl"]
    _write_tsv(gold, rows)
    result = events.evaluate(gold, folds=3, inner_folds=2, seeds=3, embeddings=False)
    weighted = [run["weighted_f1"] for run in result["per_seed"]]
    metrics = result["metrics"]
    assert metrics["weighted_f1"] == pytest.approx(sum(weighted) / 3)
    assert metrics["weighted_f1_min"] == pytest.approx(min(weighted))
    assert metrics["weighted_f1_max"] == pytest.approx(max(weighted))
    assert metrics["weighted_f1"] < 1.0


def test_events_command_limit_reads_only_the_first_rows(tmp_path):
    gold = tmp_path / "case.tsv"
    _write_tsv(gold, _separable_rows())
    texts, labels = read_case_tsv(gold, limit=7)
    assert len(texts) == 7 and labels[:3] == ["NATURAL", "ARREST", "AIR"]


def test_events_command_bad_input_is_one_line_error(tmp_path):
    from newsledger.cli import app

    missing = CliRunner().invoke(app, ["eval", "events", str(tmp_path / "nothing.tsv")])
    assert missing.exit_code == 1
    assert "E201" in missing.output
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("id\ttext\tlabel\n1\tsomething\tX\n", encoding="utf-8")
    broken = CliRunner().invoke(app, ["eval", "events", str(wrong)])
    assert broken.exit_code == 1
    assert "E202" in broken.output and "Traceback" not in broken.output
