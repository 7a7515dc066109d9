"""The ACLED / CASE-2021 sub-type classifier: which kind of political violence, protest or development a
sentence reports.

Two models, in a cascade (measured on CASE-2021 with nested cross-validation, `newsledger eval events`):
1. a linear SVM over character n-grams plus the cue groups of `event_lexicon` (weapons, civilians,
   territory, protest policing, state and non-state actors ...). Cheap; it decides alone when its margin is clear.
2. when the SVM's margin between its two best sub-types is small, a logistic regression over MiniLM
   sentence embeddings plus the same cues is added to its scores. Embedding only the unsure sentences
   keeps the cost low while most of the embeddings' gain is kept.
Without the embedding model installed the SVM decides alone (and says so through a lower confidence).

This module is what runs in the pipeline: it loads the shipped model and scores sentences. Training and the
hyperparameter search (`eval/event_training.py`) pick the cue weight, the two regularizations, the embedding weight
and the margin threshold by an inner cross-validation of whatever data the model is about to be trained on (the
whole development file for the shipped model, each outer training part in `newsledger eval events`).

The embeddings are all-MiniLM-L6-v2's, computed in NumPy (`extract/embeddings.py`), without torch.
No spaCy here: the classifier works on sentence text, so the scorer can run it on gold snippets.
"""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.extract.embeddings import MiniLMEncoder, minilm_encoder
from newsledger.extract.event_lexicon import ACLED_CUES, COMPILED_ACLED_CUES, VIOLENCE_CUE_GROUPS
from newsledger.extract.linear_text import CharNgramTfidf, UnsupportedModel, load_state, plain_parts
from newsledger.nlp.blas import single_threaded_blas

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


def _any_of(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# One alternation per cue group: a sentence that matches none of a group's patterns (most sentences, for most
# groups) is passed over in one search instead of one search per pattern, ~5 times faster on news sentences.
_GROUP_FILTERS = {group: _any_of(patterns) for group, patterns in ACLED_CUES.items()}
_VIOLENCE = _any_of([pattern for group in VIOLENCE_CUE_GROUPS for pattern in ACLED_CUES[group]])


def _lower_case_ascii(pattern: str) -> bool:
    return pattern.isascii() and not any(c.isupper() for c in pattern)


# The same alternation without IGNORECASE, searched in lowered text: ~2.5 times faster on news sentences. Only for a
# pattern in lower-case ASCII (no upper-case escape such as \W or \B either), where it finds what IGNORECASE finds
# (see `shows_violence`); otherwise None, and the case-blind search is the only one.
_VIOLENCE_LOWERED = re.compile(_VIOLENCE.pattern) if _lower_case_ascii(_VIOLENCE.pattern) else None


def shows_violence(text: str) -> bool:
    """Whether the sentence names any cue of violence (weapons, attacks, casualties ...): only those are classified."""
    # Lowering ASCII letters is what IGNORECASE does to them, and leaves every other character of an ASCII text as
    # it is; a character outside ASCII matches a letter of the lower-case ASCII pattern under neither, unless one of
    # its cases is ASCII or it lowers to two characters (the Kelvin sign, dotless i, long s, dotted I): a text holding
    # one of those takes the case-blind search (as `times._extra_matches` does).
    if _VIOLENCE_LOWERED is not None and _lowering_folds_case(text):
        return _VIOLENCE_LOWERED.search(text.lower()) is not None
    return _VIOLENCE.search(text) is not None


def _lowering_folds_case(text: str) -> bool:
    """Whether a lower-case ASCII pattern finds in `text.lower()` what it finds in `text` under IGNORECASE."""
    return text.isascii() or all(_folds_apart_from_ascii(c) for c in set(text))


def _folds_apart_from_ascii(char: str) -> bool:
    if char.isascii():
        return True
    lower = char.lower()
    return len(lower) == 1 and not lower.isascii() and not char.upper().isascii()


# The cue searches without IGNORECASE, for lowered text (see `shows_violence`); None when a pattern is not in
# lower-case ASCII.
_LOWERED_CUES: dict[str, tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]] | None = (
    {
        group: (re.compile(_GROUP_FILTERS[group].pattern), tuple(re.compile(p.pattern) for p in patterns))
        for group, patterns in COMPILED_ACLED_CUES.items()
    }
    if all(_lower_case_ascii(p.pattern) for patterns in COMPILED_ACLED_CUES.values() for p in patterns)
    else None
)


def _cue_counts(text: str) -> dict[str, int]:
    # `acled_cue_counts`, with each group's patterns searched one by one only when one of them is there
    counts = dict.fromkeys(ACLED_CUES, 0)
    if _LOWERED_CUES is not None and _lowering_folds_case(text):
        lowered = text.lower()
        for group, (any_of, patterns) in _LOWERED_CUES.items():
            if any_of.search(lowered):
                counts[group] = sum(1 for pattern in patterns if pattern.search(lowered))
        return counts
    for group, patterns in COMPILED_ACLED_CUES.items():
        if _GROUP_FILTERS[group].search(text):
            counts[group] = sum(1 for pattern in patterns if pattern.search(text))
    return counts


@functools.lru_cache(maxsize=8192)
def _cue_row(text: str) -> tuple[float, ...]:
    # Cached: nested cross-validation asks for the same snippets' cues hundreds of times.
    counts = _cue_counts(text)
    return tuple(float(np.log1p(counts[group])) for group in ACLED_CUES)


def cue_matrix(texts: Sequence[str]) -> np.ndarray:
    """One row per text: log(1 + number of cue patterns matched) per cue group."""
    rows = [_cue_row(text) for text in texts]
    return np.asarray(rows, dtype=np.float64).reshape(len(texts), len(ACLED_CUES))


def sentence_embedder() -> MiniLMEncoder | None:
    """The MiniLM encoder, loaded once per process, or None when its model package is not installed (the SVM then
    decides alone)."""
    return minilm_encoder()


def embed_sentences(texts: Sequence[str]) -> np.ndarray | None:
    """A unit-length row per text (float64, as the regression was fitted), or None without the model."""
    encoder = minilm_encoder()
    if encoder is None:
        return None
    with single_threaded_blas():
        return np.asarray(encoder.embed(texts), dtype=np.float64)


def _standardized(scores: np.ndarray) -> np.ndarray:
    # Puts the SVM's and the regression's scores on one scale before adding them.
    mean = scores.mean(axis=1, keepdims=True)
    spread = scores.std(axis=1, keepdims=True) + 1e-9
    return np.asarray((scores - mean) / spread)


def _two_columns(raw: np.ndarray) -> np.ndarray:
    # Two classes: scikit-learn gives one column, the second class's score.
    return np.stack([-raw, raw], axis=1) if raw.ndim == 1 else raw


@dataclass
class SubtypePrediction:
    subtype: str
    confidence: float
    embedded: bool


@dataclass
class SubtypeClassifier:
    """Predicts a sub-type and a confidence per text (trained by `eval.event_training.train_classifier`)."""

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
        if not texts:
            return np.zeros((0, len(self.classes)))
        cues = cue_matrix(texts) * self.cue_weight
        vectorizer = self.parts["vectorizer"]
        if isinstance(vectorizer, CharNgramTfidf):
            rows = vectorizer.transform(texts).with_dense_columns(cues)
            return _standardized(_two_columns(self.parts["svm"].decision_function(rows)))
        # scikit-learn's own objects: training and cross-validation
        from scipy import sparse

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
        return embed_sentences([texts[i] for i in rows])

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> SubtypeClassifier:
        # Our own artifact, shipped in the package and rebuilt by scripts/train_event_classifier.py. Its estimators
        # are read into NumPy models (`linear_text`) so that scoring imports neither scikit-learn nor SciPy; a
        # pickle holding anything those models do not reproduce is loaded with scikit-learn as it is.
        try:
            with path.open("rb") as handle:
                state = load_state(handle)
            state["parts"] = plain_parts(state["parts"])
        except (UnsupportedModel, KeyError, TypeError):
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
