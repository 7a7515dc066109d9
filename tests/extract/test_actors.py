"""Roles and affiliations of people, on hand-built Docs (no trained model): the words and, where it matters, the
sentence boundaries a parse would give."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsledger.extract.actors import (
    EntityInfo,
    RoleFinding,
    choose_role,
    person_profile,
    role_after,
    role_before,
    roles_of_mention,
    token_arrays,
)
from newsledger.extract.entities import Candidate
from newsledger.extract.names import knowledge_base


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


# English lexical attributes (lower case, is_lower), no trained pipeline
VOCAB = spacy.blank("en").vocab


def words_doc(text: str, *, sentence_starts: tuple[int, ...] = ()) -> Doc:
    """A Doc of the space-separated words; sentences start at the given token indices (and at 0)."""
    words = text.split()
    if not sentence_starts:
        return Doc(VOCAB, words=words)
    starts = [i == 0 or i in sentence_starts for i in range(len(words))]
    return Doc(VOCAB, words=words, sent_starts=starts)


def test_actors_role_before_takes_its_modifiers_but_not_the_article(kb):
    doc = words_doc("the senior military commander Jo Lee arrived")
    assert role_before(doc, 4, kb, lowest=0) == (1, 4)
    assert role_before(doc, 4, kb, lowest=3) == (3, 4)  # the sentence starts at "commander"
    assert role_before(doc, 5, kb, lowest=0) is None  # "Jo" is no role


def test_actors_role_after_skips_the_article_and_stops_at_the_sentence_end(kb):
    doc = words_doc("Jo Lee , a deputy spokesperson for the agency")
    assert role_after(doc, 3, kb, highest=len(doc)) == (4, 6)
    assert role_after(doc, 3, kb, highest=5) is None


def test_actors_premodifying_role_takes_the_organisation_before_it(kb):
    doc = words_doc("Kestrel Group spokesman Jo Lee said no .")
    candidate = Candidate(3, 5, "PERSON")
    info = {"e1": EntityInfo("ORG", "Kestrel Group"), "e2": EntityInfo("PERSON", "Jo Lee")}
    entity_of_token = {0: "e1", 1: "e1", 3: "e2", 4: "e2"}
    findings = roles_of_mention(doc, candidate, kb, entity_of_token=entity_of_token, info=info)
    assert findings == [RoleFinding("spokesman", "e1")]


def test_actors_apposition_after_the_name_gives_role_and_affiliation(kb):
    doc = words_doc("Jo Lee , an adviser to the Kestrel Group , said no .")
    info = {"e1": EntityInfo("PERSON", "Jo Lee"), "e2": EntityInfo("ORG", "Kestrel Group")}
    entity_of_token = {0: "e1", 1: "e1", 7: "e2", 8: "e2"}
    findings = roles_of_mention(doc, Candidate(0, 2, "PERSON"), kb, entity_of_token=entity_of_token, info=info)
    assert findings == [RoleFinding("adviser", "e2")]


def test_actors_role_is_not_read_across_a_sentence_boundary(kb):
    # a headline ending in "spokesman" above a sentence that opens with a name
    doc = words_doc("Kestrel Group spokesman Jo Lee said no .", sentence_starts=(3,))
    arrays = token_arrays(doc)
    assert (arrays.sentence_start[3], arrays.sentence_end[3]) == (3, 8)
    entity_of_token = {0: "e1", 1: "e1", 3: "e2", 4: "e2"}
    info = {"e1": EntityInfo("ORG", "Kestrel Group"), "e2": EntityInfo("PERSON", "Jo Lee")}
    findings = roles_of_mention(doc, Candidate(3, 5, "PERSON"), kb, entity_of_token=entity_of_token, info=info)
    assert findings == []


def test_actors_organisation_beats_country_beats_nationality():
    info = {"o": EntityInfo("ORG", "Kestrel Group"), "g": EntityInfo("GPE", "Kenya"), "n": EntityInfo("NORP", "Kenyan")}
    findings = [RoleFinding("minister", "n"), RoleFinding("envoy", "g"), RoleFinding("adviser", "o")]
    assert choose_role(findings, info) == RoleFinding("adviser", "o")
    assert choose_role(findings[:2], info) == RoleFinding("envoy", "g")
    assert choose_role([RoleFinding("aide", None), findings[0]], info) == findings[0]
    assert choose_role([], info) is None


def test_actors_nationality_affiliation_becomes_the_country_the_article_names(kb):
    doc = words_doc("Kenyan foreign minister Jo Lee met Kenya 's envoy .")
    info = {
        "n": EntityInfo("NORP", "Kenyan", country="KE"),
        "p": EntityInfo("PERSON", "Jo Lee"),
        "g": EntityInfo("GPE", "Kenya", country="KE"),
    }
    entity_of_token = {0: "n", 3: "p", 4: "p", 6: "g"}
    profile = person_profile(doc, [Candidate(3, 5, "PERSON")], kb, entity_of_token=entity_of_token, info=info)
    assert (profile.role, profile.affiliation, profile.country) == ("foreign minister", "g", "KE")
