"""The spaCy model's matrix products through NumPy's BLAS on one thread (nlp/blas.py)."""

from __future__ import annotations

import numpy as np
import pytest
from thinc.api import NumpyOps

from newsledger.nlp.blas import NumpyBlasOps, single_threaded_blas


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (False, True), (True, False), (True, True)])
def test_numpy_blas_gemm_gives_blis_products_in_every_orientation(trans1, trans2):
    rng = np.random.default_rng(7)
    x = rng.standard_normal((40, 24) if not trans1 else (24, 40)).astype(np.float32)
    y = rng.standard_normal((24, 16) if not trans2 else (16, 24)).astype(np.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)  # blis
    ours = NumpyBlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert ours.shape == (40, 16) and ours.dtype == np.float32
    np.testing.assert_allclose(ours, expected, rtol=1e-5, atol=1e-5)
    out = np.full((40, 16), np.nan, dtype=np.float32)
    returned = NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert returned is out
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


def test_numpy_blas_gemm_runs_blas_on_one_thread_and_gives_the_limit_back(monkeypatch):
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    seen: list[set[int]] = []
    dot = np.dot

    def watched_dot(*args, **kwargs):
        seen.append(blas_threads())
        return dot(*args, **kwargs)

    monkeypatch.setattr(NumpyBlasOps, "xp", type("xp", (), {"dot": staticmethod(watched_dot)}))
    x = np.ones((8, 4), dtype=np.float32)
    outside = blas_threads()
    assert NumpyBlasOps().gemm(x, x, trans2=True)[0, 0] == 4.0
    assert seen == [{1}]
    assert blas_threads() == outside
    with single_threaded_blas():
        assert blas_threads() == {1}


def test_loaded_pipeline_multiplies_through_numpy_blas_not_blis(nlp, monkeypatch):
    """Every layer of the model's trained components (tok2vec, tagger, parser, NER) was given the ops: a parse
    makes no blis call through thinc's ops, and the same pipeline loaded by bare spaCy makes some."""
    import blis.py
    import spacy

    from newsledger.nlp import MODEL

    calls = []
    gemm = blis.py.gemm

    def counted(*args, **kwargs):
        calls.append(1)
        return gemm(*args, **kwargs)

    monkeypatch.setattr(blis.py, "gemm", counted)
    text = "Rebels attacked a police post in the north on Monday, the army said."
    doc = nlp(text)
    assert [e.text for e in doc.ents] and len(list(doc.sents)) == 1
    assert calls == []
    layers = [layer for _, component in nlp.pipeline if hasattr(component, "model") for layer in component.model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyBlasOps) for layer in layers)
    bare = spacy.load(MODEL, exclude=["lemmatizer"])
    bare_doc = bare(text)
    assert calls, "the spy sees blis's products when the model runs on thinc's default ops"
    # the same sums in another order: the tags and the parse of a plain sentence do not move
    assert [(t.tag_, t.dep_, t.head.i) for t in bare_doc] == [(t.tag_, t.dep_, t.head.i) for t in doc]
