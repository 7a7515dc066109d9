from __future__ import annotations

import pytest

from newsledger.eval.metrics import f1_of, precision_recall_f1


def test_metrics_precision_recall_f1_of_counts():
    precision, recall, f1 = precision_recall_f1(3, 4, 6)
    assert (precision, recall) == (0.75, 0.5)
    assert f1 == pytest.approx(0.6)
    assert f1_of(precision, recall) == f1


def test_metrics_an_empty_side_scores_zero_without_dividing():
    assert precision_recall_f1(0, 0, 5) == (0.0, 0.0, 0.0)
    assert precision_recall_f1(0, 5, 0) == (0.0, 0.0, 0.0)
    assert f1_of(0.0, 0.0) == 0.0
