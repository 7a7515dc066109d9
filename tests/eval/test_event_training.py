"""Training the CASE-2021 sub-type classifier (`eval/event_training.py`): hyperparameter selection by inner
cross-validation and the artifact the runtime classifier loads, on small data the tests write (no MiniLM:
embeddings are made up here)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsledger.eval.event_training import (
    save_classifier,
    select_hyperparameters,
    train_classifier,
    weighted_f1,
)
from newsledger.eval.events import f1_scores
from newsledger.extract.event_classifier import Hyperparameters, SubtypeClassifier

CLASSES = ("FLOOD", "ARREST", "AIR")
SMALL_GRID = {
    "cue_weight": (0.5, 1.0),
    "svm_c": (0.1, 1.0),
    "regression_c": (1.0,),
    "embedding_weight": (1.0, 3.0),
    "margin_threshold": (0.0, 0.5, 1.5),
}


def _separable_texts() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for place in ("north", "south", "east", "west", "centre", "coast"):
        texts.append(f"Floods hit the {place} region after the river burst its banks.")
        texts.append(f"Police arrested and detained protesters in the {place} district.")
        texts.append(f"Warplanes carried out air strikes on the {place} villages.")
        labels += list(CLASSES)
    return texts, labels


def _uninformative_texts() -> tuple[list[str], list[str]]:
    # One sentence pattern for every class; the single letters fall under the vectorizer's min_df.
    letters = "abcdefghijklmnopqrstuvwx"
    texts = [f"Something happened in the {letter} area on Monday." for letter in letters]
    return texts, [CLASSES[i % 3] for i in range(len(letters))]


def _class_vectors(labels: list[str], *, noise: float, seed: int = 0) -> np.ndarray:
    generator = np.random.default_rng(seed)
    vectors = np.zeros((len(labels), 8))
    for row, label in enumerate(labels):
        vectors[row, CLASSES.index(label)] = 1.0
    return vectors + generator.normal(scale=noise, size=vectors.shape)


def test_event_training_weighted_f1_matches_the_scorer():
    generator = random.Random(3)
    gold = [generator.choice("ABCD") for _ in range(60)]
    predicted = [label if generator.random() < 0.6 else generator.choice("ABCD") for label in gold]
    index = {label: i for i, label in enumerate("ABCD")}
    fast = weighted_f1(np.array([index[g] for g in gold]), np.array([index[p] for p in predicted]), 4)
    assert fast == pytest.approx(f1_scores(gold, predicted)[0])


def test_event_training_selection_searches_the_whole_grid_without_embeddings():
    texts, labels = _separable_texts()
    selection = select_hyperparameters(texts, labels, embeddings=None, folds=3, grid=SMALL_GRID)
    assert selection.points == 2 * 2  # cue weights x SVM C; the embedding half is not searched
    assert selection.best.cue_weight in SMALL_GRID["cue_weight"] and selection.best.svm_c in SMALL_GRID["svm_c"]
    assert selection.best.margin_threshold == 0.0
    assert selection.inner_weighted_f1 == pytest.approx(1.0)


def test_event_training_selection_embeds_only_when_the_embeddings_help():
    texts, labels = _uninformative_texts()
    helpful = select_hyperparameters(
        texts, labels, embeddings=_class_vectors(labels, noise=0.05), folds=4, grid=SMALL_GRID
    )
    assert helpful.points == 2 * 2 * 1 * 2 * 3
    assert helpful.best.margin_threshold > 0.0
    assert helpful.inner_weighted_f1 > helpful.svm_alone_weighted_f1 + 0.3

    texts, labels = _separable_texts()
    noise = np.random.default_rng(1).normal(size=(len(labels), 8))
    useless = select_hyperparameters(texts, labels, embeddings=noise, folds=3, grid=SMALL_GRID)
    # the SVM alone is already perfect: ties go to the earlier grid point, i.e. no embedding at all
    assert useless.best.margin_threshold == 0.0


def test_event_training_saved_model_keeps_its_hyperparameters(tmp_path):
    texts, labels = _uninformative_texts()
    vectors = _class_vectors(labels, noise=0.05)
    chosen = Hyperparameters(cue_weight=1.0, svm_c=0.3, regression_c=3.0, embedding_weight=3.0, margin_threshold=1.5)
    model = train_classifier(texts, labels, hyperparameters=chosen, embeddings=vectors)
    selection = select_hyperparameters(texts, labels, embeddings=vectors, folds=4, grid=SMALL_GRID)
    path = tmp_path / "model.pkl"
    save_classifier(model, path, selection=selection)
    loaded = SubtypeClassifier.load(path)
    assert loaded.hyperparameters == chosen
    assert loaded.margin_threshold == 1.5
    before = [p.subtype for p in model.predict(texts, embeddings=vectors)]
    after = [p.subtype for p in loaded.predict(texts, embeddings=vectors)]
    assert before == after
    # the embeddings carry the class here, so the refined cascade learns the training data
    assert sum(p == g for p, g in zip(after, labels, strict=True)) >= 20


def test_event_training_selection_pools_repeated_inner_folds():
    texts, labels = _uninformative_texts()
    vectors = _class_vectors(labels, noise=0.05)
    once = select_hyperparameters(texts, labels, embeddings=vectors, folds=4, repeats=1, grid=SMALL_GRID)
    twice = select_hyperparameters(texts, labels, embeddings=vectors, folds=4, repeats=2, grid=SMALL_GRID)
    assert once.summary()["inner_repeats"] == 1 and twice.summary()["inner_repeats"] == 2
    assert twice.points == once.points  # the same grid, scored on twice the held-out predictions
    assert twice.best.margin_threshold > 0.0
