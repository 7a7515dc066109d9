"""A fast stand-in for the English pipeline, for tests where the NLP is not the point: a blank spaCy pipeline
whose records carry only the article. NEWSLEDGER_STUB_DELAY (seconds per article) slows it down so that a
test can kill an ingest mid-run; NEWSLEDGER_STUB_VERSION changes the pipeline version it reports."""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsledger_test_delay")
def delay_component(doc: Doc) -> Doc:
    time.sleep(float(os.environ.get("NEWSLEDGER_STUB_DELAY", "0")))
    return doc


def make_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.meta["name"] = "stub"
    nlp.meta["version"] = os.environ.get("NEWSLEDGER_STUB_VERSION", "1.0.0")
    nlp.add_pipe("newsledger_test_delay")
    return nlp
