"""The NumPy reading of the shipped classifier's scikit-learn pickle scores as scikit-learn does."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from newsledger.extract.event_classifier import SubtypeClassifier, cue_matrix
from newsledger.extract.event_lexicon import ACLED_CUES
from newsledger.extract.linear_text import CharNgramTfidf, LinearModel

TRAINING = [
    ("Soldiers and rebels exchanged fire near the border town overnight.", "ARMED_CLASH"),
    ("Government troops clashed with militants in the hills, killing three.", "ARMED_CLASH"),
    ("A roadside bomb exploded under a police truck, wounding four officers.", "REM_EXPLOS"),
    ("An improvised explosive device went off beside the market road.", "REM_EXPLOS"),
    ("Thousands marched peacefully through the capital demanding new elections.", "PEACE_PROTEST"),
    ("Students held a silent sit-in outside the ministry of education.", "PEACE_PROTEST"),
    ("Police fired tear gas and rubber bullets to disperse the crowd.", "FORCE_AGAINST_PROTEST"),
    ("Riot officers beat demonstrators with batons in the main square.", "FORCE_AGAINST_PROTEST"),
    ("Warplanes struck   positions of the group in the   north, the army said.", "AIR_STRIKE"),
    ("Jets bombed a bridge used by the insurgents on Tuesday.", "AIR_STRIKE"),
]
UNSEEN = [
    "Rebels ambushed a convoy and fought the soldiers for hours.",
    "A car bomb tore through the checkpoint; ÉLÈVES and Café owners fled.",
    "Protesters were dispersed with water cannon after a peaceful march.",
    "",
    "xyz",
    "Airstrikes hit\tthe   depot\n\nat dawn.",
]


def _pickled_classifier(tmp_path: Path, vectorizer: TfidfVectorizer) -> Path:
    texts = [text for text, _ in TRAINING]
    labels = [label for _, label in TRAINING]
    cues = cue_matrix(texts) * 0.3
    from scipy import sparse

    features = sparse.hstack([vectorizer.fit_transform(texts), sparse.csr_matrix(cues)]).tocsr()
    svm = LinearSVC(C=0.3, class_weight="balanced", random_state=0).fit(features, labels)
    rng = np.random.default_rng(0)
    embeddings = rng.normal(size=(len(texts), 8))
    regression = LogisticRegression(C=30.0, max_iter=3000).fit(np.hstack([embeddings, cues]), labels)
    state = {
        "hyperparameters": {"cue_weight": 0.3, "embedding_weight": 3.0, "margin_threshold": 10.0},
        "parts": {"vectorizer": vectorizer, "svm": svm, "regression": regression},
        "cue_groups": list(ACLED_CUES),
    }
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def test_linear_text_scores_equal_scikit_learns(tmp_path: Path) -> None:
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    path = _pickled_classifier(tmp_path, vectorizer)
    plain = SubtypeClassifier.load(path)
    state = pickle.loads(path.read_bytes())
    reference = SubtypeClassifier(hyperparameters=plain.hyperparameters, parts=state["parts"])
    assert isinstance(plain.parts["vectorizer"], CharNgramTfidf)
    assert isinstance(plain.parts["regression"], LinearModel)

    expected = state["parts"]["vectorizer"].transform(UNSEEN).tocsr()
    got = plain.parts["vectorizer"].transform(UNSEEN)
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)
    assert np.array_equal(got.data, expected.data)

    embeddings = np.random.default_rng(1).normal(size=(len(UNSEEN), 8))
    assert np.array_equal(plain.cheap_scores(UNSEEN), reference.cheap_scores(UNSEEN))
    plain_scores, plain_refined = plain._scores(UNSEEN, embeddings)
    reference_scores, reference_refined = reference._scores(UNSEEN, embeddings)
    assert plain_refined == reference_refined == set(range(len(UNSEEN)))
    np.testing.assert_allclose(plain_scores, reference_scores, rtol=0, atol=1e-12)
    assert plain.predict(UNSEEN, embeddings=embeddings) == reference.predict(UNSEEN, embeddings=embeddings)
    assert plain.classes == reference.classes


@pytest.mark.parametrize(
    "vectorizer",
    [
        TfidfVectorizer(analyzer="word"),
        TfidfVectorizer(analyzer="char_wb", strip_accents="unicode"),
        TfidfVectorizer(analyzer="char_wb", norm="l1"),
    ],
)
def test_linear_text_leaves_other_vectorizers_to_scikit_learn(tmp_path: Path, vectorizer: TfidfVectorizer) -> None:
    path = _pickled_classifier(tmp_path, vectorizer)
    loaded = SubtypeClassifier.load(path)
    assert isinstance(loaded.parts["vectorizer"], TfidfVectorizer)
    reference = SubtypeClassifier(
        hyperparameters=loaded.hyperparameters, parts=pickle.loads(path.read_bytes())["parts"]
    )
    embeddings = np.random.default_rng(1).normal(size=(3, 8))
    assert loaded.predict(UNSEEN[:3], embeddings=embeddings) == reference.predict(UNSEEN[:3], embeddings=embeddings)


def test_linear_text_processing_an_article_imports_neither_scikit_learn_nor_scipy() -> None:
    script = textwrap.dedent(
        """
        import json, sys
        from newsledger.model import Article
        from newsledger.nlp import load_nlp, process_article
        text = "Police fired tear gas at protesters in the capital on Monday, the interior ministry said."
        record = process_article(load_nlp(), Article.from_text(text, published="2024-05-06"))
        subtypes = [event.acled_subtype for event in record.events]
        print(json.dumps({"subtypes": subtypes, "loaded": sorted({"sklearn", "scipy"} & set(sys.modules))}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert any(outcome["subtypes"]), outcome
    assert outcome["loaded"] == []
