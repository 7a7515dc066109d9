"""Stance between two texts, for disputes: is the second about the same thing as the first (related), and if so
does it agree with it, disagree, or only discuss it? The model is trained on FNC-1 headline/body pairs
(`scripts/train_fnc_stance.py`, figures from `newsledger eval stance <fnc1 folder>`, grouped by body).

Two stages, as the ledger asks them: relatedness from overlap features (TF-IDF cosines of the whole text, its
lead and its closest sentence; shared words and bigrams), then agree / disagree / discuss among related pairs
from those features, refuting, hedging and negation words of both texts, and the words of the first text and of
the second's closest sentences."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

LABELS = ("agree", "disagree", "discuss", "unrelated")
STANCES = ("agree", "disagree", "discuss")
MODEL_FILE = "fnc_pairs.joblib"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_STOPWORDS = frozenset(
    """the a an of to in on for and is are was were with at by from as that this it be has have had he she they
    his her their its will would said says after over into about than but or not""".split()
)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    raw = json.loads((resources.files("newsledger") / "data" / "stance" / "lexicon.json").read_text(encoding="utf-8"))
    return {key: frozenset(v.lower() for v in values) for key, values in raw.items() if isinstance(values, list)}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


@dataclass
class PairText:
    """What the features need from one (first, second) pair: the second text's sentences closest to the first."""

    first: str
    second: str
    lead: str
    closest: str


def _cosines(vectorizer: Any, firsts: Sequence[str], seconds: Sequence[str]) -> np.ndarray:
    a, b = vectorizer.transform(firsts), vectorizer.transform(seconds)
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_texts(vectorizer: Any, pairs: Sequence[tuple[str, str]]) -> tuple[list[PairText], np.ndarray]:
    """Each pair's lead (first two sentences) and closest sentences, and the best sentence cosine."""
    firsts = sorted({first for first, _ in pairs})
    first_row = {text: row for row, text in enumerate(firsts)}
    first_matrix = vectorizer.transform(firsts)
    by_second: dict[str, list[int]] = {}
    for k, (_first, second) in enumerate(pairs):
        by_second.setdefault(second, []).append(k)
    texts: list[PairText | None] = [None] * len(pairs)
    best = np.zeros(len(pairs))
    for second, indices in by_second.items():
        parts = sentences(second)[:40] or [second]
        scores = np.asarray(
            (vectorizer.transform(parts) @ first_matrix[[first_row[pairs[k][0]] for k in indices]].T).todense()
        )
        for column, k in enumerate(indices):
            order = np.argsort(-scores[:, column])[:2]
            closest = " ".join(parts[i] for i in sorted(order))
            texts[k] = PairText(pairs[k][0], second, " ".join(parts[:2]), closest)
            best[k] = float(scores[order[0], column])
    return [t for t in texts if t is not None], best


def dense_features(vectorizer: Any, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, list[PairText]]:
    lexicon = _lexicon()
    refuting, hedging, negation = lexicon["refuting"], lexicon["hedging"], lexicon["negation"]
    texts, best_sentence = pair_texts(vectorizer, pairs)
    whole = _cosines(vectorizer, [p[0] for p in pairs], [p[1] for p in pairs])
    lead = _cosines(vectorizer, [t.first for t in texts], [t.lead for t in texts])
    rows = []
    for k, text in enumerate(texts):
        first_words, second_words, closest_words = words(text.first), words(text.second), words(text.closest)
        first_set = set(first_words) - _STOPWORDS
        second_set = set(second_words) - _STOPWORDS
        shared = first_set & second_set
        first_bigrams = _bigrams(first_words)
        rows.append(
            [
                whole[k],
                lead[k],
                best_sentence[k],
                len(shared) / max(1, len(first_set)),
                len(first_bigrams & _bigrams(second_words)) / max(1, len(first_bigrams)),
                len(set(first_words[:6]) & second_set) / 6,
                sum(w in refuting for w in first_words) / max(1, len(first_words)) * 10,
                sum(w in hedging for w in first_words) / max(1, len(first_words)) * 10,
                any(w in negation for w in first_words),
                sum(w in refuting for w in closest_words) / max(1, len(closest_words)) * 10,
                sum(w in hedging for w in closest_words) / max(1, len(closest_words)) * 10,
                sum(w in negation for w in closest_words) / max(1, len(closest_words)) * 10,
                sum(w in refuting for w in second_words) / max(1, len(second_words)) * 100,
                sum(w in hedging for w in second_words) / max(1, len(second_words)) * 100,
                text.first.strip().endswith("?"),
                min(len(second_words), 2000) / 1000,
            ]
        )
    return np.asarray(rows, dtype=float), texts


@dataclass
class PairStanceModel:
    """TF-IDF vocabulary, the relatedness classifier and the stance classifier (see the module docstring)."""

    vectorizer: Any
    related: Any
    stance: Any
    words_vectorizer: Any
    about: dict[str, Any]

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        """(p(related) per pair, p(agree, disagree, discuss) per pair)."""
        if not pairs:
            return np.zeros(0), np.zeros((0, 3))
        return self.judge(*dense_features(self.vectorizer, pairs))

    def judge(self, dense: np.ndarray, texts: Sequence[PairText]) -> tuple[np.ndarray, np.ndarray]:
        related = self.related.predict_proba(dense)[:, 1]
        stance = self.stance.predict_proba(stance_matrix(self.words_vectorizer, dense, texts))
        return np.asarray(related), np.asarray(stance)

    @staticmethod
    def labels(related: np.ndarray, stance: np.ndarray, *, related_threshold: float = 0.5) -> list[str]:
        return [
            STANCES[int(np.argmax(s))] if r >= related_threshold else "unrelated"
            for r, s in zip(related, stance, strict=True)
        ]

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[str]:
        return self.labels(*self.probabilities(pairs))


def stance_matrix(words_vectorizer: Any, dense: np.ndarray, texts: Sequence[PairText]) -> Any:
    from scipy.sparse import csr_matrix, hstack

    firsts = words_vectorizer.transform([t.first for t in texts])
    closest = words_vectorizer.transform([t.closest for t in texts])
    whole = words_vectorizer.transform([t.second for t in texts])
    return hstack([csr_matrix(dense), firsts, closest, whole]).tocsr()


def text_vectorizer(pairs: Sequence[tuple[str, str]]) -> Any:
    """TF-IDF over the texts of the pairs (no labels are read)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = sorted({p[0] for p in pairs} | {p[1] for p in pairs})
    return TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=2).fit(corpus)


def fit_pair_stance_model(
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    *,
    vectorizer: Any = None,
    prepared: tuple[np.ndarray, list[PairText]] | None = None,
) -> PairStanceModel:
    """Fit both stages. `vectorizer` and `prepared` (its dense features and texts of these pairs) may be given
    when the caller computed them once for several fits (the cross-validation does)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vectorizer = vectorizer if vectorizer is not None else text_vectorizer(pairs)
    dense, texts = prepared if prepared is not None else dense_features(vectorizer, pairs)
    gold = np.array(labels)
    keep = gold != "unrelated"
    kept_texts = [t for t, k in zip(texts, keep, strict=True) if k]
    with threadpool_limits(1):
        leaf = max(2, min(20, len(pairs) // 20))  # the default 20, smaller only for a small training set
        related = HistGradientBoostingClassifier(max_iter=200, min_samples_leaf=leaf, random_state=0).fit(
            dense, ~np.equal(gold, "unrelated")
        )
        words_vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=3, max_features=20000).fit(
            [t.first for t in kept_texts] + [t.closest for t in kept_texts]
        )
        matrix = stance_matrix(words_vectorizer, dense[keep], kept_texts)
        stance = LogisticRegression(C=3.0, max_iter=3000, class_weight="balanced").fit(matrix, gold[keep])
    return PairStanceModel(vectorizer, related, _Reordered(stance), words_vectorizer, about={})


@dataclass
class _Reordered:
    """A classifier whose probabilities come in STANCES order (sklearn sorts its classes)."""

    model: Any

    def predict_proba(self, matrix: Any) -> np.ndarray:
        order = [list(self.model.classes_).index(label) for label in STANCES]
        return np.asarray(self.model.predict_proba(matrix))[:, order]


def shipped_model_path() -> Path:
    return Path(str(resources.files("newsledger") / "data" / "stance" / MODEL_FILE))


@lru_cache(maxsize=1)
def load_pair_stance_model() -> PairStanceModel | None:
    path = shipped_model_path()
    if not path.is_file():
        return None
    import joblib

    model = joblib.load(path)
    return model if isinstance(model, PairStanceModel) else None
