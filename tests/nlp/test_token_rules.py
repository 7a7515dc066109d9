"""The array attribute ruler and lemmatizer give, word by word, what spaCy's own pipes give."""

from __future__ import annotations

import pytest
import spacy

from newsledger.nlp.pipeline import MODEL
from newsledger.nlp.token_rules import ArrayAttributeRuler, ArrayLemmatizer, compile_ruler, use_array_rules

# Sentences that reach the model ruler's exceptions as well as its tag map: contractions and colloquial pairs
# (two-word patterns, one with its target on the second word), pronoun case by dependency, "do"/"have" as main
# verbs, auxiliaries, existential "there", determiners used as pronouns, and runs of whitespace.
SENTENCES = [
    "I ain't gonna wait, y'all, and we gotta leave. Let's go. C'mon, it is late.",
    "There are three men here and there is one woman.  They saw it and it saw me; you told them, I told you.",
    "He does his work. She has a car and had two. Did they do it? They have done it and have been there.",
    "That which was said is what we heard:  this is ours, that was theirs.\n\nThe new line starts here .",
    "Officials said the bombing killed 20 people in the capital, and police arrested three suspects on Monday.",
    "   \n Leading whitespace, then a sentence that gets longer and got shorter, yet but remained.",
    "He said nothin' about it, nuthin' at all, and nothing more.",
]


def _analyses(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def spacy_and_ours():
    return spacy.load(MODEL), _with_array_rules(spacy.load(MODEL))


def _with_array_rules(nlp):
    use_array_rules(nlp)
    return nlp


def test_token_rules_the_model_pipes_are_replaced_under_their_own_names(spacy_and_ours):
    spacy_nlp, ours = spacy_and_ours
    assert ours.pipe_names == spacy_nlp.pipe_names
    assert isinstance(ours.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), ArrayLemmatizer)


def test_token_rules_every_word_as_spacy_tags_and_lemmatizes_it(spacy_and_ours):
    spacy_nlp, ours = spacy_and_ours
    for theirs, mine in zip(spacy_nlp.pipe(SENTENCES), ours.pipe(SENTENCES), strict=True):
        assert _analyses(mine) == _analyses(theirs)


def test_token_rules_the_same_after_forgetting_what_was_remembered(spacy_and_ours):
    """A long-running worker forgets the signatures it worked out past a limit; the answers stay spaCy's."""
    spacy_nlp, ours = spacy_and_ours
    ruler = ours.get_pipe("attribute_ruler")
    ruler.MAX_SIGNATURES = 5
    try:
        for theirs, mine in zip(spacy_nlp.pipe(SENTENCES * 2), ours.pipe(SENTENCES * 2), strict=True):
            assert _analyses(mine) == _analyses(theirs)
            assert len(ruler._outcome_of) <= 5 + len(mine)
    finally:
        del ruler.MAX_SIGNATURES


def test_token_rules_the_same_when_a_doc_holds_more_values_than_a_packed_signature_has_room_for(spacy_and_ours):
    spacy_nlp, ours = spacy_and_ours
    ruler = ours.get_pipe("attribute_ruler")
    room = ruler._room
    ruler._room = 4  # every sentence below has more than 4 distinct tags
    try:
        for theirs, mine in zip(spacy_nlp.pipe(SENTENCES), ours.pipe(SENTENCES), strict=True):
            assert _analyses(mine) == _analyses(theirs)
    finally:
        ruler._room = room
        ruler._forget()


def test_token_rules_exceptions_reached_by_the_sentences_are_applied(spacy_and_ours):
    """Guards the comparison above from comparing two pipelines that both skip the ruler."""
    _spacy_nlp, ours = spacy_and_ours
    doc = ours(SENTENCES[0])
    lemmas = {t.text.lower(): t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to" and lemmas["ai"] == "be"
    assert doc[0].morph.get("Case") == ["Nom"]
    assert all(t.pos_ == "SPACE" for t in ours(SENTENCES[5]) if t.is_space)
    assert [t.lemma_ for t in ours(SENTENCES[6]) if t.text.endswith("'")] == ["nothing", "nothing"]  # a REGEX


def test_token_rules_later_patterns_win_and_every_test_kind_is_read():
    """A ruler of our own: equality, IN, NOT_IN, REGEX and flag tests, a two-word pattern writing its second word,
    and a later pattern overriding an earlier one on the same word; the array ruler answers as spaCy's does."""
    patterns = [
        {"patterns": [[{"LOWER": {"REGEX": "^bo"}}]], "attrs": {"POS": "NOUN", "LEMMA": "first"}},
        {"patterns": [[{"LOWER": "bomb"}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"LOWER": {"IN": ["blast", "bomb"]}}, {"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
        {
            "patterns": [[{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["bomb"]}}]],
            "attrs": {"MORPH": "Number=Sing"},
            "index": -1,
        },
    ]

    def build(array: bool):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add_patterns(patterns)
        if array:
            rules = compile_ruler(ruler)
            assert rules is not None
            return nlp, ArrayAttributeRuler(rules)
        return nlp, ruler

    text = "The bomb and the blast . Both bombs , the boat ."
    results = []
    for array in (False, True):
        nlp, ruler = build(array)
        doc = ruler(nlp.make_doc(text))
        results.append([(t.text, t.pos_, t.lemma_, str(t.morph)) for t in doc])
    assert results[1] == results[0]
    assert results[1][1][2] == "second"  # "bomb": the later pattern's lemma
    assert results[1][4][1] == "PUNCT"  # "blast": IS_PUNCT read on the next word ("."), the target is index 0
    assert results[1][4][3] == "Number=Sing"  # "the blast": NOT_IN passes, negative index takes the second word


def test_token_rules_a_pattern_of_an_unknown_kind_keeps_spacys_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert compile_ruler(ruler) is None
    use_array_rules(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_token_rules_the_pipeline_reads_english_words_from_the_lemmatizer_it_wraps(spacy_and_ours):
    """The entities component takes its list of common English words from the lemmatizer's tables."""
    from newsledger.extract.entities import _common_words

    spacy_nlp, ours = spacy_and_ours
    words = _common_words(ours)
    assert words == _common_words(spacy_nlp)
    assert "bomb" in words


def test_token_rules_first_lemma_is_spacys_rule_lemma_for_every_kind_of_word(spacy_and_ours):
    """The lemmatizer's own rules, read over a set instead of a list, give spaCy's first lemma: plural and
    irregular nouns, verb forms, comparatives, a proper noun, a word no table knows, punctuation and space."""
    from spacy.tokens import Doc

    _spacy_nlp, ours = spacy_and_ours
    lemmatizer = ours.get_pipe("lemmatizer")
    assert lemmatizer._own_rules
    words = ["villages", "soldiers", "children", "bridges", "attacking", "bombed", "fled", "was", "better", "largest"]
    words += ["Kabul", "zorbled", "glimfs", ",", " "]
    cases = [
        ("NOUN", "Number=Plur"),
        ("NOUN", "Number=Sing"),
        ("VERB", "Tense=Past|VerbForm=Fin"),
        ("VERB", "Aspect=Prog|Tense=Pres|VerbForm=Part"),
        ("ADJ", "Degree=Cmp"),
        ("PROPN", "Number=Sing"),
        ("PUNCT", ""),
        ("SPACE", ""),
    ]
    lemmas = set()
    for pos, morph in cases:
        doc = Doc(ours.vocab, words=words)
        for token in doc:
            token.pos_ = pos
            token.set_morph(morph or None)
            lemmatizer.lemmatizer.cache.clear()
            expected = lemmatizer.lemmatizer.rule_lemmatize(token)[0]
            assert lemmatizer._first_lemma(token) == expected, (token.text, pos, morph)
            lemmas.add((token.text, pos, expected))
    assert ("villages", "NOUN", "village") in lemmas and ("fled", "VERB", "flee") in lemmas  # the rules did work


def test_token_rules_a_lemmatizer_with_rules_of_its_own_is_asked_as_it_is():
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    from newsledger.nlp.token_rules import ArrayLemmatizer

    class Shouting(EnglishLemmatizer):
        def rule_lemmatize(self, token):
            return [token.text.upper()]

    nlp = spacy.load(MODEL)
    spacy_lemmatizer = nlp.get_pipe("lemmatizer")
    shouting = Shouting(nlp.vocab, spacy_lemmatizer.model, mode="rule")
    shouting.lookups = spacy_lemmatizer.lookups
    array = ArrayLemmatizer(shouting)
    assert not array._own_rules
    doc = nlp.make_doc("Soldiers fled")
    for name, proc in nlp.pipeline:
        if name == "lemmatizer":
            break
        doc = proc(doc)
    assert [t.lemma_ for t in array(doc)] == ["SOLDIERS", "FLED"]
