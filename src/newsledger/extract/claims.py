"""Claims: placeholder component on the spine; the events issue fills it in."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.extract.quantities import extract_quantities
from newsledger.nlp.state import get_state


@Language.component("newsledger_claims", assigns=["doc._.newsledger"])
def claims_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.quantities = extract_quantities(doc, state)
    return doc
