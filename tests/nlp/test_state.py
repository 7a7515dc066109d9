"""The doc state's entity lookup (nlp/state.py), which remembers where each entity id stands."""

from __future__ import annotations

import dataclasses

from newsledger.model import Article, Entity, Mention
from newsledger.nlp.state import DocState


def _entity(entity_id: str, name: str, *mentions: Mention) -> Entity:
    return Entity(id=entity_id, name=name, type="ORG", mentions=mentions)


def test_state_entity_follows_appends_replacements_and_a_new_list():
    state = DocState(article=Article.from_text("Police and rebels clashed."))
    state.entities = [_entity("e1", "police"), _entity("e2", "rebels")]
    assert state.entity("e2").name == "rebels"
    assert state.entity("e3") is None and state.entity(None) is None
    # the events stage adds generic actors, and mentions to them where they stand
    state.entities.append(_entity("e3", "residents"))
    assert state.entity("e3").name == "residents"
    grown = dataclasses.replace(state.entities[2], mentions=(Mention(0, 6, "Police"),))
    state.entities[2] = grown
    assert state.entity("e3") is grown
    # a component may give the state another list (places retypes entities so)
    state.entities = [_entity("e2", "the rebels"), _entity("e1", "the police")]
    assert state.entity("e1").name == "the police"
    assert state.entity("e3") is None


def test_state_entity_gives_the_first_of_two_with_one_id():
    state = DocState(article=Article.from_text("x"))
    state.entities = [_entity("e1", "first"), _entity("e1", "second")]
    assert state.entity("e1").name == "first"
