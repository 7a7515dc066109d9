"""Acceptance: the founding example report's gold entities come out merged, with their roles and affiliations."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from newsledger.model import Article, Entity
from tests.conftest import SEED_GOLD, SEED_TEXT

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared seed gold not present"),
]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def names_of(entity: Entity) -> set[str]:
    return {norm(n) for n in (entity.name, *entity.aliases, *(m.text for m in entity.mentions))}


@pytest.fixture(scope="module")
def gold():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def entities() -> list[Entity]:
    from newsledger.nlp import load_nlp, process_article

    # entities only: the acceptance of this stage must not depend on the stages after it
    nlp = load_nlp(components=("newsledger_entities",))
    article = Article.from_text(SEED_TEXT.read_text(encoding="utf-8"), published="2021-09-06")
    return list(process_article(nlp, article).entities)


def owners(entities: list[Entity], name: str) -> set[str]:
    return {e.id for e in entities if norm(name) in names_of(e)}


def test_entities_seed_gold_names_merged(gold, entities):
    merged = [
        g["canonical"] for g in gold["entities"] if len(set().union(*(owners(entities, n) for n in g["names"]))) == 1
    ]
    assert len(merged) >= 15, sorted({g["canonical"] for g in gold["entities"]} - set(merged))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def test_entities_seed_gold_roles_and_affiliations(gold, entities):
    """Our role word must occur in the gold role; an affiliation named in the gold role must be ours."""
    by_id = {e.id: e for e in entities}
    checked = right = 0
    for g in gold["entities"]:
        if "role" not in g or g.get("type") != "PERSON":
            continue
        (entity_id,) = owners(entities, g["names"][0]) or {None}
        entity = by_id.get(entity_id) if entity_id else None
        checked += 1
        if entity is None or not entity.role or _letters(entity.role) not in _letters(g["role"]):
            continue
        affiliation = by_id.get(entity.affiliation) if entity.affiliation else None
        # organisations named in the gold role ("Taliban spokesman", "UN Secretary-General")
        named = [e for e in entities if e.type == "ORG" and names_of(e) & set(norm(g["role"]).split())]
        if named and (affiliation is None or affiliation.id not in {e.id for e in named}):
            continue
        right += 1
    assert checked >= 10
    assert right >= checked - 3, f"{right}/{checked} roles right"


def test_entities_seed_spokesman_affiliated_with_his_organisation(gold, entities):
    spokesmen = [g for g in gold["entities"] if g.get("role", "").endswith("spokesman") and len(g["role"].split()) == 2]
    assert spokesmen
    by_id = {e.id: e for e in entities}
    for g in spokesmen:
        organisation = g["role"].split()[0]
        (entity_id,) = owners(entities, g["names"][0])
        entity = by_id[entity_id]
        assert entity.role == "spokesman"
        assert entity.affiliation is not None and norm(organisation) in names_of(by_id[entity.affiliation])
