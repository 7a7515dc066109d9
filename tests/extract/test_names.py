"""The knowledge base's phrase tables: found in a Doc by spaCy's PhraseMatcher, looked up by where they end or start."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsledger.extract.names import PhraseTable

TITLES = PhraseTable(
    "titles", [("secretary",), ("secretary", "of", "state"), ("state",), ("deputy", "secretary"), ("dr.",)]
)


def _doc(text: str) -> Doc:
    return spacy.blank("en")(text)


def test_names_phrase_ending_at_a_token_is_the_longest_within_the_limit() -> None:
    doc = _doc("The Deputy Secretary of State met Dr. Ames.")  # 1 Deputy, 2 Secretary, 3 of, 4 State
    assert TITLES.ending_at(doc, 3, lowest=0) == 1  # "Deputy Secretary", not "Secretary"
    assert TITLES.ending_at(doc, 3, lowest=2) == 2  # the longest that starts at the limit or after it
    assert TITLES.ending_at(doc, 5, lowest=0) == 2  # "Secretary of State"
    assert TITLES.ending_at(doc, 5, lowest=3) == 4  # "State"
    assert TITLES.ending_at(doc, 4, lowest=0) == -1  # "of" ends no phrase
    assert TITLES.ending_at(doc, 7, lowest=0) == 6  # "Dr." matched whatever its case


def test_names_phrase_starting_at_a_token_is_the_longest_within_the_limit() -> None:
    doc = _doc("The Deputy Secretary of State met Dr. Ames.")
    assert TITLES.starting_at(doc, 2, highest=len(doc)) == 5
    assert TITLES.starting_at(doc, 2, highest=4) == 3  # "Secretary of State" would end past the limit
    assert TITLES.starting_at(doc, 1, highest=len(doc)) == 3
    assert TITLES.starting_at(doc, 3, highest=len(doc)) == -1
    assert TITLES.starting_at(doc, 2, highest=2) == -1


def test_names_phrase_matches_follow_a_retokenized_doc() -> None:
    doc = _doc("Secretary of State Blinken")
    assert TITLES.starting_at(doc, 0, highest=len(doc)) == 3
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])  # "Secretary of" as one token: the table's three-word phrase is gone
    assert TITLES.starting_at(doc, 0, highest=len(doc)) == -1
    assert TITLES.ending_at(doc, 2, lowest=0) == 1  # "State", at its new position


def test_names_phrase_table_membership_is_by_token_phrase() -> None:
    assert ("secretary", "of", "state") in TITLES
    assert ("of", "state") not in TITLES
