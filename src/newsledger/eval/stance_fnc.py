"""`newsledger eval stance <fnc1 folder>`: FNC-1 headline/body stance (agree, disagree, discuss, unrelated) with the
model the ledger's dispute linking uses (`resolve/stance.py`).

Scores: the official FNC-1 relative score (+0.25 for a right related/unrelated call, +0.75 more for the right
class of a related pair, divided by the best possible) and per-class F1. The folder is the model's training
data, so it is scored by cross-validation with folds grouped by body (the competition's test used unseen
bodies): no body is on both sides of a fold. The last quarter of the bodies by id is kept out of the folds, as
the gate the build never reads; it is scored by the shipped model (trained on the other bodies only).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.errors import Errors, NewsledgerError
from newsledger.resolve.stance import (
    LABELS,
    dense_features,
    fit_pair_stance_model,
    load_pair_stance_model,
    text_vectorizer,
)

GATE_SHARE = 0.25


@dataclass(frozen=True)
class FncPair:
    headline: str
    body_id: int
    stance: str


def is_fnc_folder(path: Path) -> bool:
    return path.is_dir() and any(path.glob("*_bodies.csv")) and any(path.glob("*_stances.csv"))


def read_fnc(path: Path) -> tuple[list[FncPair], dict[int, str], int]:
    """(pairs, bodies by id, how many rows were skipped: unknown body or label)."""
    csv.field_size_limit(10_000_000)
    bodies_file, stances_file = sorted(path.glob("*_bodies.csv"))[0], sorted(path.glob("*_stances.csv"))[0]
    try:
        with bodies_file.open(encoding="utf-8", newline="") as handle:
            bodies = {int(row["Body ID"]): row["articleBody"] for row in csv.DictReader(handle)}
        with stances_file.open(encoding="utf-8", newline="") as handle:
            pairs = [
                FncPair(row["Headline"], int(row["Body ID"]), row["Stance"].strip().lower())
                for row in csv.DictReader(handle)
            ]
    except (OSError, KeyError, ValueError, csv.Error) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=str(exc))) from None
    usable = [p for p in pairs if p.body_id in bodies and p.stance in LABELS]
    if not usable:
        raise NewsledgerError(Errors.E201.format(path=path))
    return usable, bodies, len(pairs) - len(usable)


def split_bodies(pairs: Sequence[FncPair]) -> tuple[set[int], set[int]]:
    """(development bodies, gate bodies): the last quarter of the body ids is the gate."""
    ids = sorted({p.body_id for p in pairs})
    cut = len(ids) - int(len(ids) * GATE_SHARE)
    return set(ids[:cut]), set(ids[cut:])


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    def points(g: str, p: str) -> float:
        score = 0.0
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
        return score

    best = sum(points(g, g) for g in gold)
    return sum(points(g, p) for g, p in zip(gold, predicted, strict=True)) / best if best else 0.0


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    per_class = f1_score(gold, predicted, labels=list(LABELS), average=None, zero_division=0)
    metrics = {
        "fnc_score": round(fnc_score(gold, predicted), 4),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "macro_f1": round(float(np.mean(per_class)), 4),
    }
    metrics.update({f"{label}_f1": round(float(f), 4) for label, f in zip(LABELS, per_class, strict=True)})
    return metrics


def grouped_cv_predictions(pairs: Sequence[FncPair], bodies: dict[int, str], *, folds: int = 5) -> list[str]:
    """Out-of-fold predictions, folds grouped by body. The TF-IDF vocabulary is fitted once on the texts of all
    the pairs (no labels), the classifiers on each training part only."""
    from sklearn.model_selection import GroupKFold

    texts = [(p.headline, bodies[p.body_id]) for p in pairs]
    labels = [p.stance for p in pairs]
    groups = [p.body_id for p in pairs]
    vectorizer = text_vectorizer(texts)
    dense, prepared = dense_features(vectorizer, texts)
    predicted = [""] * len(pairs)
    for train, test in GroupKFold(n_splits=folds).split(texts, labels, groups):
        model = fit_pair_stance_model(
            [texts[i] for i in train],
            [labels[i] for i in train],
            vectorizer=vectorizer,
            prepared=(dense[train], [prepared[i] for i in train]),
        )
        related, stance = model.judge(dense[test], [prepared[i] for i in test])
        for i, label in zip(test, model.labels(related, stance), strict=True):
            predicted[i] = label
    return predicted


def evaluate_fnc(path: Path, *, folds: int = 5, limit: int | None = None) -> dict[str, Any]:
    pairs, bodies, skipped = read_fnc(path)
    development, gate = split_bodies(pairs)
    dev = [p for p in pairs if p.body_id in development]
    if limit is not None:
        dev = dev[:limit]
    gold = [p.stance for p in dev]
    predicted = grouped_cv_predictions(dev, bodies, folds=folds)
    result: dict[str, Any] = {
        "task": "stance",
        "path": str(path),
        "n": len(dev),
        "metrics": scores(gold, predicted),
        "baselines": {"all_unrelated": scores(gold, ["unrelated"] * len(gold))},
        "notes": [
            f"FNC-1 development part: {len(dev)} headline/body pairs over {len({p.body_id for p in dev})} bodies "
            f"(the first three quarters of the body ids)",
            f"cross-validated: {folds}-fold, grouped by body (no body on both sides of a fold); the model is the "
            "one the ledger's dispute linking uses (resolve/stance.py), its classifiers refitted on each training "
            "part (the TF-IDF vocabulary, which reads no label, once on all development texts)",
            f"{skipped} rows skipped (a body id not in the bodies file, or an unknown label)",
        ],
    }
    shipped = load_pair_stance_model()
    gate_pairs = [p for p in pairs if p.body_id in gate]
    if shipped is not None and gate_pairs and limit is None:
        gate_predicted = shipped.predict([(p.headline, bodies[p.body_id]) for p in gate_pairs])
        result["gate"] = {
            "n": len(gate_pairs),
            "metrics": scores([p.stance for p in gate_pairs], gate_predicted),
        }
        result["notes"].append(
            f"gate: the last quarter of the body ids ({len(gate_pairs)} pairs), never read by the build, scored "
            "with the shipped model as is"
        )
    return result
