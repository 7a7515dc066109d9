"""Entities and actors: the first extractor on the spine (to be replaced by the full actor resolver)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Entity, Mention
from newsledger.nlp.state import get_state

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


def extract_entities(doc: Doc) -> list[Entity]:
    groups: dict[tuple[str, str], list[Mention]] = {}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            groups.setdefault((ent.text, ent.label_), []).append(Mention(ent.start_char, ent.end_char, ent.text))
    return [
        Entity(id=f"e{i}", name=name, type=label, mentions=tuple(mentions))
        for i, ((name, label), mentions) in enumerate(groups.items(), start=1)
    ]


@Language.component("newsledger_entities", requires=["doc.ents"], assigns=["doc._.newsledger"])
def entities_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.entities = extract_entities(doc)
    for entity in state.entities:
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end)
            if span is not None:
                for token in span:
                    state.entity_of_token[token.i] = entity.id
    return doc
