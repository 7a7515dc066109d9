"""`newsledger eval events CASE_TSV`: ACLED / CASE-2021 event sub-types of news snippets.

The shipped sub-type model (`extract/event_classifier.py`) is trained on this very kind of file, so it is never
scored on it as shipped: the file is scored by stratified k-fold cross-validation (default 5 folds), the model
re-trained on each training part and scored on the held-out part, and the output says so. Baselines go through
the same folds: TF-IDF word n-grams + logistic regression, MiniLM embeddings + logistic regression, and our
cheap half alone (character n-grams + cue groups, no embeddings).
"""

from __future__ import annotations

import csv
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import typer

from newsledger.errors import Errors, NewsledgerError
from newsledger.eval.report import emit

TEXT_COLUMN = "EventSnippet"
LABEL_COLUMN = "SubType"


def read_case_tsv(path: Path, *, limit: int | None = None) -> tuple[list[str], list[str]]:
    """(snippets, sub-types) of a CASE-2021 Task 2 TSV with columns id, EventSnippet, SubType."""
    if not path.is_file():
        raise NewsledgerError(Errors.E201.format(path=path))
    texts: list[str] = []
    labels: list[str] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {TEXT_COLUMN, LABEL_COLUMN} - set(reader.fieldnames or ())
            if missing:
                raise NewsledgerError(Errors.E202.format(path=path, reason=f"missing columns {sorted(missing)}"))
            for row in reader:
                text, label = (row.get(TEXT_COLUMN) or "").strip(), (row.get(LABEL_COLUMN) or "").strip()
                if text and label:
                    texts.append(text)
                    labels.append(label)
                if limit is not None and len(texts) >= limit:
                    break
    except (UnicodeDecodeError, csv.Error) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=str(exc))) from None
    if not texts:
        raise NewsledgerError(Errors.E201.format(path=path))
    return texts, labels


def f1_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, dict[str, dict[str, float]]]:
    """(weighted F1, macro F1, per-class precision/recall/F1/support) over the gold classes."""
    classes = sorted(set(gold))
    per_class: dict[str, dict[str, float]] = {}
    for label in classes:
        true_positive = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        predicted_count = sum(1 for p in predicted if p == label)
        support = sum(1 for g in gold if g == label)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    total = len(gold)
    weighted = sum(row["f1"] * row["support"] for row in per_class.values()) / total if total else 0.0
    macro = sum(row["f1"] for row in per_class.values()) / len(classes) if classes else 0.0
    return weighted, macro, per_class


def stratified_folds(labels: Sequence[str], folds: int, *, seed: int = 0) -> list[np.ndarray]:
    """Held-out index sets of scikit-learn's shuffled stratified k-fold (every class spread over the folds)."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # rare classes: fewer members than folds is reported in notes
        return [held_out for _, held_out in splitter.split(np.zeros(len(labels)), list(labels))]


Predictor = Callable[[list[int], list[int]], list[str]]


def cross_validated(labels: list[str], held_out_sets: list[np.ndarray], predictor: Predictor) -> list[str]:
    predicted = [""] * len(labels)
    everyone = np.arange(len(labels))
    for held_out in held_out_sets:
        if len(held_out) == 0:
            continue
        train = [int(i) for i in np.setdiff1d(everyone, held_out)]
        test = [int(i) for i in held_out]
        for index, label in zip(test, predictor(train, test), strict=True):
            predicted[index] = label
    return predicted


def evaluate(
    path: Path, *, folds: int = 5, limit: int | None = None, embeddings: bool = True, seed: int = 0
) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsledger.extract.event_classifier import SubtypeClassifier, sentence_embedder

    texts, labels = read_case_tsv(path, limit=limit)
    smallest = min(Counter(labels).values())
    if folds < 2 or len(set(labels)) < 2 or max(Counter(labels).values()) < folds:
        raise NewsledgerError(Errors.E202.format(path=path, reason="needs 2 classes and --folds >= 2"))
    held_out_sets = stratified_folds(labels, folds, seed=seed)
    notes = [
        f"all figures are {folds}-fold cross-validated (stratified, shuffled with seed {seed}): every snippet is "
        "scored by a model trained without it; the shipped model is trained on the development file and never "
        "scored on it as is"
    ]
    if smallest < folds:
        notes.append(f"the rarest class has {smallest} snippets, fewer than the {folds} folds")

    embedder = sentence_embedder() if embeddings else None
    vectors = embedder.embed(texts) if embedder is not None else None
    if embeddings and vectors is None:
        notes.append("MiniLM is not installed: the cascade ran without its embedding half")

    def ours(train: list[int], test: list[int]) -> list[str]:
        model = SubtypeClassifier(use_embeddings=vectors is not None)
        model.fit([texts[i] for i in train], [labels[i] for i in train], embeddings=_rows(vectors, train))
        given = _rows(vectors, test)
        predictions = model.predict([texts[i] for i in test], embeddings=given)
        embedded_counts.append(sum(p.embedded for p in predictions))
        return [p.subtype for p in predictions]

    def cheap(train: list[int], test: list[int]) -> list[str]:
        model = SubtypeClassifier(use_embeddings=False)
        model.fit([texts[i] for i in train], [labels[i] for i in train])
        return [p.subtype for p in model.predict([texts[i] for i in test])]

    def tfidf_lr(train: list[int], test: list[int]) -> list[str]:
        vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2))
        regression = LogisticRegression(C=10.0, max_iter=2000)
        regression.fit(vectorizer.fit_transform([texts[i] for i in train]), [labels[i] for i in train])
        return [str(p) for p in regression.predict(vectorizer.transform([texts[i] for i in test]))]

    def minilm_lr(train: list[int], test: list[int]) -> list[str]:
        assert vectors is not None
        regression = LogisticRegression(C=10.0, max_iter=3000)
        regression.fit(vectors[train], [labels[i] for i in train])
        return [str(p) for p in regression.predict(vectors[test])]

    embedded_counts: list[int] = []
    predicted = cross_validated(labels, held_out_sets, ours)
    weighted, macro, per_class = f1_scores(labels, predicted)
    metrics: dict[str, Any] = {"weighted_f1": weighted, "macro_f1": macro, "accuracy": _accuracy(labels, predicted)}
    if vectors is not None:
        metrics["embedded_fraction"] = sum(embedded_counts) / len(texts)
    baselines: dict[str, dict[str, Any]] = {}
    systems: list[tuple[str, Predictor]] = [("tfidf_word_lr", tfidf_lr), ("chars_cues_svm", cheap)]
    if vectors is not None:
        systems.append(("minilm_lr", minilm_lr))
    for name, predictor in systems:
        guesses = cross_validated(labels, held_out_sets, predictor)
        b_weighted, b_macro, _ = f1_scores(labels, guesses)
        baselines[name] = {"weighted_f1": b_weighted, "macro_f1": b_macro, "accuracy": _accuracy(labels, guesses)}
    return {
        "task": "events",
        "path": str(path),
        "n": len(texts),
        "cross_validated": True,
        "folds": folds,
        "metrics": metrics,
        "baselines": baselines,
        "per_class": per_class,
        "notes": notes,
    }


def _rows(vectors: np.ndarray | None, rows: list[int]) -> np.ndarray | None:
    return None if vectors is None else vectors[rows]


def _accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0


def command(
    path: Path = typer.Argument(..., help="CASE-2021 Task 2 TSV (id, EventSnippet, SubType)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N snippets."),
    embeddings: bool = typer.Option(True, "--embeddings/--no-embeddings", help="Use MiniLM for unsure snippets."),
    seed: int = typer.Option(0, "--seed", help="Shuffle of the folds (to see the spread between splits)."),
) -> None:
    """Event sub-types (CASE-2021 / ACLED): cross-validated weighted and macro F1, per class, with baselines."""
    try:
        result = evaluate(path, folds=folds, limit=limit, embeddings=embeddings, seed=seed)
    except NewsledgerError as exc:
        typer.echo(f"newsledger: error: {exc}", err=True)
        raise typer.Exit(1) from None
    emit(result, as_json=json_out)
