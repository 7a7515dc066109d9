"""Places: placeholder component on the spine; the places issue fills it in."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.nlp.state import get_state


def event_place(doc: Doc, sentence: Span, trigger: Token) -> str | None:
    """Id of the place most tightly bound to an event trigger (its prepositional phrase first), or None."""
    return None


@Language.component("newsledger_places", assigns=["doc._.newsledger"])
def places_component(doc: Doc) -> Doc:
    get_state(doc)
    return doc
