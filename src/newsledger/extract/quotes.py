"""Quotes: placeholder component on the spine; the quotes issue fills it in."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.nlp.state import get_state


@Language.component("newsledger_quotes", assigns=["doc._.newsledger"])
def quotes_component(doc: Doc) -> Doc:
    get_state(doc)
    return doc
