"""governing_verb on docs built by hand (no trained model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsledger.extract.syntax import governing_verb

COUNT = {"max_hops": 4, "auxiliaries": False, "inside": True, "root": True}


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


@pytest.fixture
def killed_on_monday() -> Doc:
    return parsed(
        ["Two", "people", "were", "killed", "on", "Monday"],
        heads=[1, 3, 3, 3, 3, 4],
        deps=["nummod", "nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
        pos=["NUM", "NOUN", "AUX", "VERB", "ADP", "PROPN"],
    )


def test_syntax_time_and_count_reach_the_same_verb(killed_on_monday):
    assert governing_verb(killed_on_monday[5:6]).text == "killed"
    assert governing_verb(killed_on_monday[0:2], **COUNT).text == "killed"


def test_syntax_a_headline_without_a_verb_has_its_root_for_a_count_only():
    doc = parsed(
        ["Two", "dead", "in", "attack"],
        heads=[1, 1, 1, 2],
        deps=["nummod", "ROOT", "prep", "pobj"],
        pos=["NUM", "ADJ", "ADP", "NOUN"],
    )
    assert governing_verb(doc[0:1]) is None
    assert governing_verb(doc[0:1], **COUNT).text == "dead"


def test_syntax_an_auxiliary_governs_a_time_but_not_a_count():
    doc = parsed(
        ["It", "was", "on", "Monday"],
        heads=[1, 1, 1, 2],
        deps=["nsubj", "ROOT", "prep", "pobj"],
        pos=["PRON", "AUX", "ADP", "PROPN"],
    )
    assert governing_verb(doc[3:4]).text == "was"
    assert governing_verb(doc[3:4], **{**COUNT, "root": False}) is None


def test_syntax_a_count_stops_four_heads_up_and_a_time_goes_on():
    # "said [that] the toll of the attack on the town of two …": the count is six heads below the verb
    words = ["Officials", "said", "toll", "of", "attack", "on", "town", "of", "two"]
    doc = parsed(
        words,
        heads=[1, 1, 1, 2, 3, 4, 5, 6, 7],
        deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "prep", "pobj", "prep", "pobj"],
        pos=["NOUN", "VERB", "NOUN", "ADP", "NOUN", "ADP", "NOUN", "ADP", "NUM"],
    )
    assert governing_verb(doc[8:9]).text == "said"
    assert governing_verb(doc[8:9], **{**COUNT, "root": False}) is None


def test_syntax_a_participle_the_tagger_calls_a_past_tense_still_describes_its_noun(parsed_doc):
    from newsledger.extract.syntax import is_reduced_passive

    # "the families of the soldiers killed and …": the tagger may read "killed" as VBD; as a clause on a noun it
    # has no finite verb, so the soldiers underwent it
    doc = parsed_doc(
        """
        families 0 ROOT NOUN NNS family
        of 0 prep ADP IN of
        the 3 det DET DT the
        soldiers 1 pobj NOUN NNS soldier
        killed 3 acl VERB VBD kill
        """
    )
    assert is_reduced_passive(doc[4])
    finite = parsed_doc(
        """
        soldiers 1 nsubj NOUN NNS soldier
        killed 1 ROOT VERB VBD kill
        two 3 nummod NUM CD two
        rebels 1 dobj NOUN NNS rebel
        """
    )
    assert not is_reduced_passive(finite[1])
    drones = parsed_doc(
        """
        drones 0 ROOT NOUN NNS drone
        bombing 0 acl VERB VBG bomb
        towns 1 dobj NOUN NNS town
        """
    )
    assert not is_reduced_passive(drones[1])  # "drones bombing towns": the drones do it
