"""Training the ACLED / CASE-2021 sub-type classifier, and picking its hyperparameters by inner cross-validation.

The runtime classifier (`extract/event_classifier.py`) only loads the shipped model and scores sentences; this
module fits it. The hyperparameters (cue weight, the two regularizations, embedding weight, margin threshold) are
never fixed by looking at a scored file: `select_hyperparameters` picks them from `HYPERPARAMETER_GRID` by an inner
cross-validation of whatever data the model is about to be trained on (the whole development file for the shipped
model, `scripts/train_event_classifier.py`; each outer training part in `newsledger eval events`).
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.extract.event_classifier import (
    ARTIFACT,
    Hyperparameters,
    SubtypeClassifier,
    _standardized,
    _two_columns,
    cue_matrix,
    embed_sentences,
)
from newsledger.extract.event_lexicon import ACLED_CUES
from newsledger.nlp.blas import single_threaded_blas

# The grid the inner cross-validation searches, for the shipped model and inside every outer fold of the scorer.
# A margin threshold of 0 means "the SVM alone", so the search also decides whether the embeddings earn their cost.
# Thresholds stop at 1.5 because embedding every sentence would break the events' time budget in the pipeline.
HYPERPARAMETER_GRID: dict[str, tuple[float, ...]] = {
    "cue_weight": (0.3, 0.6, 1.0, 1.5),
    "svm_c": (0.3, 1.0, 3.0),
    "regression_c": (3.0, 10.0, 30.0),
    "embedding_weight": (1.0, 2.0, 3.0),
    "margin_threshold": (0.0, 0.5, 0.75, 1.0, 1.5),
}
INNER_FOLDS = 5
# Two pooled shuffles of the inner folds were measured: nested weighted F1 0.806 against 0.804, within the spread
# between fold seeds, for more sentences embedded; one is kept.
INNER_REPEATS = 1


def _char_vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2)


def _svm(c: float) -> Any:
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight="balanced", random_state=0)


def _regression(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def train_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    hyperparameters: Hyperparameters | None = None,
    use_embeddings: bool = True,
    embeddings: np.ndarray | None = None,
) -> SubtypeClassifier:
    """Fits the cascade on (snippet, sub-type) pairs. Without `embeddings` they are computed here (if the model is
    installed); without either, only the SVM half is trained."""
    from scipy import sparse

    hyperparameters = Hyperparameters() if hyperparameters is None else hyperparameters
    vectorizer = _char_vectorizer()
    cues = cue_matrix(texts) * hyperparameters.cue_weight
    features = sparse.hstack([vectorizer.fit_transform(texts), sparse.csr_matrix(cues)]).tocsr()
    with single_threaded_blas():
        svm = _svm(hyperparameters.svm_c).fit(features, list(labels))
    parts: dict[str, Any] = {"vectorizer": vectorizer, "svm": svm, "regression": None}
    if use_embeddings:
        if embeddings is None:
            embeddings = embed_sentences(texts)
        if embeddings is not None:
            with single_threaded_blas():
                regression = _regression(hyperparameters.regression_c)
                regression.fit(np.hstack([embeddings, cues]), list(labels))
            parts["regression"] = regression
    return SubtypeClassifier(
        use_embeddings=parts["regression"] is not None, hyperparameters=hyperparameters, parts=parts
    )


def save_classifier(
    model: SubtypeClassifier, path: Path = ARTIFACT, *, selection: HyperparameterSelection | None = None
) -> None:
    """Writes the artifact that `SubtypeClassifier.load` reads, with the selection that chose its hyperparameters."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {
        "hyperparameters": asdict(model.hyperparameters),
        "selection": None if selection is None else selection.summary(),
        "parts": model.parts,
        "cue_groups": list(ACLED_CUES),
    }
    with path.open("wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)


def stratified_held_out_sets(labels: Sequence[str], folds: int, *, seed: int = 0) -> list[np.ndarray]:
    """Held-out index sets of scikit-learn's shuffled stratified k-fold (every class spread over the folds)."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a class with fewer members than folds: callers report it
        return [held_out for _, held_out in splitter.split(np.zeros(len(labels)), list(labels))]


def weighted_f1(gold: np.ndarray, predicted: np.ndarray, n_classes: int) -> float:
    """Support-weighted F1 over the gold classes, on class indices (fast: the grid search calls it often)."""
    true_positive = np.bincount(gold[gold == predicted], minlength=n_classes).astype(float)
    support = np.bincount(gold, minlength=n_classes).astype(float)
    predicted_count = np.bincount(predicted, minlength=n_classes).astype(float)
    denominator = support + predicted_count
    f1 = np.divide(2 * true_positive, denominator, out=np.zeros(n_classes), where=denominator > 0)
    return float((f1 * support).sum() / support.sum()) if support.sum() else 0.0


@dataclass(frozen=True)
class HyperparameterSelection:
    """The grid point with the best inner cross-validated weighted F1, and how it compared."""

    best: Hyperparameters
    inner_weighted_f1: float
    svm_alone_best: Hyperparameters  # the best grid point without embeddings (margin threshold 0)
    svm_alone_weighted_f1: float
    inner_folds: int
    inner_repeats: int
    seed: int
    points: int

    def summary(self) -> dict[str, Any]:
        return {
            "hyperparameters": asdict(self.best),
            "inner_weighted_f1": round(self.inner_weighted_f1, 4),
            "svm_alone_hyperparameters": asdict(self.svm_alone_best),
            "svm_alone_inner_weighted_f1": round(self.svm_alone_weighted_f1, 4),
            "inner_folds": self.inner_folds,
            "inner_repeats": self.inner_repeats,
            "seed": self.seed,
            "grid_points": self.points,
        }


def select_hyperparameters(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    embeddings: np.ndarray | None,
    folds: int = INNER_FOLDS,
    seed: int = 0,
    repeats: int | None = None,
    grid: dict[str, tuple[float, ...]] | None = None,
) -> HyperparameterSelection:
    """Picks the hyperparameters from `grid` by stratified `folds`-fold cross-validation of (texts, labels) only.

    Every model the grid needs is fitted once per inner fold (the SVM per cue weight and C, the regression per cue
    weight and C); the embedding weight and margin threshold only combine their held-out scores, so they cost
    almost nothing. Without `embeddings` only the SVM half is tuned (margin threshold 0). Ties go to the earlier
    grid point, i.e. to the smaller margin threshold (fewer sentences to embed). With `repeats` > 1 the inner
    CV is repeated with other fold shuffles and the held-out predictions of all repeats are pooled, which makes
    the choice among close grid points less of a coin toss."""
    from scipy import sparse

    grid = HYPERPARAMETER_GRID if grid is None else grid
    repeats = INNER_REPEATS if repeats is None else repeats
    classes = sorted(set(labels))
    column = {label: j for j, label in enumerate(classes)}
    n, n_classes = len(labels), len(classes)
    gold = np.tile(np.asarray([column[label] for label in labels]), repeats)
    cues = cue_matrix(texts)
    rows = n * repeats
    svm_scores = {(w, c): np.zeros((rows, n_classes)) for w in grid["cue_weight"] for c in grid["svm_c"]}
    regression_scores: dict[tuple[float, float], np.ndarray] = {}
    if embeddings is not None:
        regression_scores = {
            (w, c): np.zeros((rows, n_classes)) for w in grid["cue_weight"] for c in grid["regression_c"]
        }
    everyone = np.arange(n)
    splits = [
        (repeat * n, held_out)
        for repeat in range(repeats)
        for held_out in stratified_held_out_sets(labels, folds, seed=seed + 1000 * repeat)
    ]
    for offset, held_out in splits:
        train = np.setdiff1d(everyone, held_out)
        train_labels = [labels[i] for i in train]
        vectorizer = _char_vectorizer()
        grams_train = vectorizer.fit_transform([texts[i] for i in train])
        grams_test = vectorizer.transform([texts[i] for i in held_out])
        for (weight, c), out in svm_scores.items():
            train_features = sparse.hstack([grams_train, sparse.csr_matrix(cues[train] * weight)]).tocsr()
            test_features = sparse.hstack([grams_test, sparse.csr_matrix(cues[held_out] * weight)]).tocsr()
            with single_threaded_blas():
                svm = _svm(c).fit(train_features, train_labels)
            scored = _aligned(_two_columns(svm.decision_function(test_features)), svm.classes_, column)
            out[offset + held_out] = scored
        for (weight, c), out in regression_scores.items():
            assert embeddings is not None
            with single_threaded_blas():
                regression = _regression(c).fit(np.hstack([embeddings[train], cues[train] * weight]), train_labels)
                raw = regression.decision_function(np.hstack([embeddings[held_out], cues[held_out] * weight]))
            out[offset + held_out] = _aligned(_two_columns(raw), regression.classes_, column)

    best: tuple[float, Hyperparameters] | None = None
    svm_alone: tuple[float, Hyperparameters] | None = None
    points = 0
    for weight in grid["cue_weight"]:
        for svm_c in grid["svm_c"]:
            cheap = svm_scores[weight, svm_c]
            ordered = np.sort(cheap, axis=1)
            margins = ordered[:, -1] - ordered[:, -2]
            alone = weighted_f1(gold, cheap.argmax(axis=1), n_classes)
            alone_point = Hyperparameters(weight, svm_c, grid["regression_c"][0], 0.0, 0.0)
            if svm_alone is None or alone > svm_alone[0] + 1e-12:
                svm_alone = (alone, alone_point)
            candidates: list[tuple[float, Hyperparameters]] = []
            if embeddings is None:
                candidates.append((alone, alone_point))
            else:
                for regression_c in grid["regression_c"]:
                    extra = regression_scores[weight, regression_c]
                    for embedding_weight in grid["embedding_weight"]:
                        for threshold in grid["margin_threshold"]:
                            unsure = (margins < threshold)[:, None]
                            combined = cheap + embedding_weight * extra * unsure
                            score = weighted_f1(gold, combined.argmax(axis=1), n_classes)
                            point = Hyperparameters(weight, svm_c, regression_c, embedding_weight, threshold)
                            candidates.append((score, point))
            for score, point in candidates:
                points += 1
                if best is None or score > best[0] + 1e-12:
                    best = (score, point)
    assert best is not None and svm_alone is not None
    return HyperparameterSelection(best[1], best[0], svm_alone[1], svm_alone[0], folds, repeats, seed, points)


def _aligned(raw: np.ndarray, fitted_classes: Any, column: dict[str, int]) -> np.ndarray:
    """Standardized scores in the columns of all classes; a class missing from an inner training part scores
    below every other (it cannot be predicted)."""
    scores = _standardized(raw)
    out = np.full((len(scores), len(column)), float(scores.min()) - 1.0 if scores.size else -1.0)
    for j, label in enumerate(fitted_classes):
        out[:, column[str(label)]] = scores[:, j]
    return out
