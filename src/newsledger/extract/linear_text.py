"""The fitted parts of the shipped sub-type classifier as plain NumPy: a character n-gram tf-idf vectorizer and
linear models, read from the scikit-learn pickle without importing scikit-learn or SciPy.

Unpickling the estimators imported scikit-learn and SciPy into every worker, CLI start and test process (loading
the classifier: VmRSS 244 -> 101 MiB, 1.45 -> 0.63 s CPU). The pickle stays the one artifact (written by
scripts/train_event_classifier.py with scikit-learn, which training and evaluation keep using); at load its
estimators are read as attribute bags and their arrays and settings taken over. The arithmetic follows
scikit-learn's in order (counts in index order, sequential sums as its CSR loops do), so the scores equal the
scikit-learn path's bit for bit.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

# The estimator classes of the shipped pickle; anything else from scikit-learn (another analyzer's settings
# object, a sparse matrix) is not understood here and the caller falls back to scikit-learn.
_ESTIMATORS = {
    ("sklearn.feature_extraction.text", "TfidfVectorizer"),
    ("sklearn.feature_extraction.text", "TfidfTransformer"),
    ("sklearn.svm._classes", "LinearSVC"),
    ("sklearn.linear_model._logistic", "LogisticRegression"),
}
_NUMPY_GLOBALS = {
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
    ("numpy", "float64"),
    ("numpy._core.numeric", "_frombuffer"),
    ("numpy._core.multiarray", "_reconstruct"),
}


class UnsupportedModel(ValueError):
    """The pickle holds something this reader does not reproduce exactly."""


class _Fitted:
    """An estimator's pickled attributes, without its class."""

    estimator = ""

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


class _EstimatorUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ESTIMATORS:
            # a factory per class: pickle calls cls.__new__(cls) (protocol 2+), so hand it a subclass
            return type(name, (_Fitted,), {"estimator": f"{module}.{name}"})
        if (module, name) in _NUMPY_GLOBALS or (module == "builtins" and name in {"dict", "list", "tuple", "set"}):
            return super().find_class(module, name)
        raise UnsupportedModel(f"{module}.{name} in the model pickle")


def load_state(handle: IO[bytes]) -> dict[str, Any]:
    """The pickled training state, estimators as attribute bags (raises UnsupportedModel for other contents)."""
    state = _EstimatorUnpickler(handle).load()
    if not isinstance(state, dict):
        raise UnsupportedModel("the model pickle is not a dict")
    return state


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix, CSR-style: row i is indices/data[indptr[i]:indptr[i + 1]], indices ascending."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_columns: int

    def with_dense_columns(self, extra: np.ndarray) -> SparseRows:
        """These rows with `extra`'s columns appended (its zeros left out, as a CSR matrix of it stores them)."""
        indptr, indices, data = [0], [], []
        for i in range(len(self.indptr) - 1):
            start, end = self.indptr[i], self.indptr[i + 1]
            nonzero = np.flatnonzero(extra[i])
            indices.append(self.indices[start:end])
            indices.append(nonzero + self.n_columns)
            data.append(self.data[start:end])
            data.append(extra[i, nonzero])
            indptr.append(indptr[-1] + (end - start) + len(nonzero))
        return SparseRows(
            np.asarray(indptr, dtype=np.int64),
            np.concatenate(indices).astype(np.int64) if indices else np.zeros(0, dtype=np.int64),
            np.concatenate(data).astype(np.float64) if data else np.zeros(0),
            self.n_columns + extra.shape[1],
        )


@dataclass(frozen=True)
class CharNgramTfidf:
    """TfidfVectorizer(analyzer='char_wb') transform: word-bounded character n-grams, counted, tf-idf weighted and
    L2-normalised per row."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    ngram_range: tuple[int, int]
    lowercase: bool
    sublinear_tf: bool

    _WHITE_SPACES = re.compile(r"\s\s+")

    def ngrams(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        text = self._WHITE_SPACES.sub(" ", text)
        min_n, max_n = self.ngram_range
        grams = []
        for word in text.split():
            padded = " " + word + " "
            for n in range(min_n, max_n + 1):
                offset = 0
                grams.append(padded[offset : offset + n])
                while offset + n < len(padded):
                    offset += 1
                    grams.append(padded[offset : offset + n])
                if offset == 0:  # a word shorter than n counts once
                    break
        return grams

    def transform(self, texts: Sequence[str]) -> SparseRows:
        indptr, indices, data = [0], [], []
        for text in texts:
            counts: dict[int, int] = {}
            for gram in self.ngrams(text):
                column = self.vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            order = np.argsort(columns, kind="stable")
            columns, values = columns[order], values[order]
            if self.sublinear_tf:
                values = np.log(values) + 1.0
            values = values * self.idf[columns]
            # scikit-learn sums the squares one after the other (not pairwise, as np.sum would)
            squares = np.cumsum(values * values)
            if len(squares) and squares[-1] != 0.0:
                values = values / np.sqrt(squares[-1])
            indices.append(columns)
            data.append(values)
            indptr.append(indptr[-1] + len(columns))
        return SparseRows(
            np.asarray(indptr, dtype=np.int64),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
            np.concatenate(data) if data else np.zeros(0),
            len(self.idf),
        )


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear classifier's decision function (LinearSVC, LogisticRegression)."""

    coef: np.ndarray
    intercept: np.ndarray
    classes_: np.ndarray

    def decision_function(self, features: np.ndarray | SparseRows) -> np.ndarray:
        if isinstance(features, SparseRows):
            scores = self._sparse_product(features)
        else:
            scores = np.asarray(features) @ self.coef.T
        scores = scores + self.intercept
        return scores.ravel() if scores.shape[1] == 1 else scores

    def _sparse_product(self, rows: SparseRows) -> np.ndarray:
        # As SciPy's CSR x dense product: each row adds value * weights column by column, in index order.
        weights = np.ascontiguousarray(self.coef.T)
        scores = np.zeros((len(rows.indptr) - 1, weights.shape[1]))
        for i in range(len(rows.indptr) - 1):
            start, end = rows.indptr[i], rows.indptr[i + 1]
            if end > start:
                terms = rows.data[start:end, None] * weights[rows.indices[start:end]]
                scores[i] = np.cumsum(terms, axis=0)[-1]
        return scores


def _attributes(part: Any, estimator: str) -> dict[str, Any]:
    if not isinstance(part, _Fitted) or part.estimator != estimator:
        raise UnsupportedModel(f"expected a fitted {estimator}")
    return vars(part)


def vectorizer_from_state(part: Any) -> CharNgramTfidf:
    settings = _attributes(part, "sklearn.feature_extraction.text.TfidfVectorizer")
    expected = {
        "input": "content",
        "analyzer": "char_wb",
        "strip_accents": None,
        "preprocessor": None,
        "tokenizer": None,
        "binary": False,
        "norm": "l2",
        "use_idf": True,
    }
    for name, value in expected.items():
        if settings.get(name) != value:
            raise UnsupportedModel(f"TfidfVectorizer {name}={settings.get(name)!r}")
    if settings.get("dtype") is not np.float64:
        raise UnsupportedModel("TfidfVectorizer dtype other than float64")
    transformer = _attributes(settings["_tfidf"], "sklearn.feature_extraction.text.TfidfTransformer")
    if transformer.get("norm") != "l2" or transformer.get("sublinear_tf") != settings["sublinear_tf"]:
        raise UnsupportedModel("TfidfTransformer settings differ from the vectorizer's")
    low, high = settings["ngram_range"]
    return CharNgramTfidf(
        vocabulary={str(gram): int(column) for gram, column in settings["vocabulary_"].items()},
        idf=np.asarray(transformer["idf_"], dtype=np.float64),
        ngram_range=(int(low), int(high)),
        lowercase=bool(settings["lowercase"]),
        sublinear_tf=bool(settings["sublinear_tf"]),
    )


def linear_model_from_state(part: Any, estimator: str) -> LinearModel:
    fitted = _attributes(part, estimator)
    return LinearModel(
        coef=np.asarray(fitted["coef_"], dtype=np.float64),
        intercept=np.asarray(fitted["intercept_"], dtype=np.float64),
        classes_=np.asarray(fitted["classes_"]),
    )


def plain_parts(parts: dict[str, Any]) -> dict[str, Any]:
    """The shipped classifier's parts ("vectorizer", "svm", optional "regression") as NumPy models."""
    plain: dict[str, Any] = {
        "vectorizer": vectorizer_from_state(parts["vectorizer"]),
        "svm": linear_model_from_state(parts["svm"], "sklearn.svm._classes.LinearSVC"),
    }
    if parts.get("regression") is not None:
        plain["regression"] = linear_model_from_state(
            parts["regression"], "sklearn.linear_model._logistic.LogisticRegression"
        )
    return plain
