"""Times: placeholder component on the spine; the time issue fills it in."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.model import TimeRef
from newsledger.nlp.state import get_state


def event_when(doc: Doc, sentence: Span, trigger: Token) -> TimeRef:
    """When an event happened: the time expression governing the trigger, else the publication date with a
    precision that says it was defaulted (ACLED time precision 1 day, 2 week, 3 month or vaguer)."""
    return TimeRef(value=get_state(doc).article.published, precision=3, time=None)


@Language.component("newsledger_times", assigns=["doc._.newsledger"])
def times_component(doc: Doc) -> Doc:
    get_state(doc)
    return doc
