"""Matrix products on one BLAS thread: for the spaCy model's own layers and for our small classifiers.

spaCy's models multiply their matrices through thinc's `NumpyOps`, which hands them to the `blis` package.
On this project's machines (Xeon, AVX-512) NumPy's OpenBLAS does the same products 1.45-1.5 times faster on the
model's shapes (a few thousand tokens × 288 by 288 × 288, single thread), and they are about a third of the
model's time. thinc's own `NumpyOps(use_blis=False)` sends them to NumPy instead; this module gives the
pipeline's models those ops, with the BLAS held to one thread while they multiply (two threads cost more CPU
time on small products and only fight each other, and the other Dask worker, on a shared machine).

The products are the same sums in another order: results differ in the last bits of a float (~1e-4 after the
model's layers) and a tag, a parse or an entity can flip where two choices were all but tied. Measured on the
stored records of 213 texts and on the evaluations (docs/performance.md).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from thinc.api import NumpyOps

if TYPE_CHECKING:
    from spacy.language import Language


@functools.lru_cache(maxsize=1)
def _thread_pools() -> Any:
    # Made once: finding the loaded BLAS and OpenMP libraries took ~5 ms of CPU per call in a process that has
    # spaCy, scipy and scikit-learn loaded; setting a limit on the libraries found takes ~2 µs.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def single_threaded_blas() -> Any:
    """A context in which BLAS (and OpenMP) run on one thread: for small products, where more threads only fight
    each other and the other jobs on a shared machine (one thread made the event regression ~20 times faster)."""
    return _thread_pools().limit(limits=1)


class NumpyBlasOps(NumpyOps):
    """thinc's NumPy ops with the matrix products through NumPy's BLAS on one thread, not through blis."""

    name = "numpy"

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        with _thread_pools().limit(limits=1, user_api="blas"):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_blas(nlp: Language) -> None:
    """Give every layer of the pipeline's trained models `NumpyBlasOps` (the ops a layer was built with are where
    thinc looks for them when it runs)."""
    ops = NumpyBlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            layer.ops = ops
