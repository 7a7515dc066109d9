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
    result = CliRunner().invoke(app, ["eval", "events", str(gold), "--json", "--folds", "3", "--no-embeddings"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["task"] == "events" and out["n"] == 18
    assert out["metrics"]["weighted_f1"] == pytest.approx(1.0)
    assert out["metrics"]["macro_f1"] == pytest.approx(1.0)
    assert out["cross_validated"] is True
    assert "cross-validated" in " ".join(out["notes"])
    assert set(out["per_class"]) == {"NATURAL", "ARREST", "AIR"}
    assert {"tfidf_word_lr", "chars_cues_svm"} <= set(out["baselines"])


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
