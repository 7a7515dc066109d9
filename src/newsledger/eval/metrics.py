"""Precision, recall and F1: written once for every eval task that counts hits by hand."""

from __future__ import annotations


def f1_of(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def precision_recall_f1(hits: float, predicted: float, gold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of `hits` right out of `predicted` found and `gold` expected; 0 for an empty side."""
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    return precision, recall, f1_of(precision, recall)
