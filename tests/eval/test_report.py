from __future__ import annotations

import json

import pytest

from newsledger.eval.report import emit


def _result() -> dict:
    return {
        "task": "coref",
        "path": "corpus",
        "n": 3,
        "metrics": {"conll_f1": 0.75},
        "all_names": {"n": 9, "metrics": {"conll_f1": 0.5}},
        "wrong_links": {"total": 4},
        "gate": {"topics": "8-9", "n": 2, "metrics": {"conll_f1": 0.625}, "all_names": {"n": 5, "metrics": {}}},
        "notes": ["headline: annotated names"],
    }


def test_emit_prints_the_other_views_and_the_gate_beside_the_headline(capsys: pytest.CaptureFixture[str]):
    emit(_result(), as_json=False)
    out = capsys.readouterr().out
    assert "all_names (n=9)" in out and "0.500" in out
    assert "gate 8-9 (n=2)" in out and "0.625" in out and "all_names (n=5)" in out
    assert "wrong_links" not in out  # counts, not a view with metrics
    assert out.index("0.750") < out.index("0.500") < out.index("0.625") < out.index("note: headline")


def test_emit_json_is_the_result_unchanged(capsys: pytest.CaptureFixture[str]):
    emit(_result(), as_json=True)
    assert json.loads(capsys.readouterr().out) == _result()
