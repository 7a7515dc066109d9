"""The per-doc token arrays the extractors scan: each list says what the Token attribute of the same name says."""

from __future__ import annotations

from newsledger.nlp.arrays import doc_arrays, sentence_of
from newsledger.nlp.state import span_text


def test_arrays_agree_with_every_token_of_a_parsed_article(nlp):
    doc = nlp(
        "MOSUL (Reuters) - Army spokesman Yahya Rasool said on Monday that the troops had retaken the "
        "district.\n\nThe militants denied it. “We are still here,” their commander told reporters in Mosul."
    )
    arrays = doc_arrays(doc)
    assert doc_arrays(doc) is arrays  # read once per doc
    assert [t.lower_ for t in doc] == arrays.lower
    assert [t.lemma_.lower() for t in doc] == arrays.lemma_lower
    assert [t.pos_ for t in doc] == arrays.pos
    assert [t.tag_ for t in doc] == arrays.tag
    assert [t.dep_ for t in doc] == arrays.dep
    assert [t.head.i for t in doc] == arrays.head
    assert [t.ent_type_ for t in doc] == arrays.ent_type
    assert [t.is_space for t in doc] == arrays.is_space
    assert [t.is_alpha for t in doc] == arrays.is_alpha
    assert [[c.i for c in t.children] for t in doc] == arrays.children
    assert "ROOT" in arrays.dep and "PERSON" in arrays.ent_type  # a parsed, tagged doc, not an empty one
    assert [(s.start, s.end) for s in map(sentence_of, doc)] == [(t.sent.start, t.sent.end) for t in doc]
    assert len({(s.start, s.end) for s in map(sentence_of, doc)}) == len(list(doc.sents)) >= 3


def test_arrays_of_an_empty_doc_and_span_text_of_slices(nlp):
    assert doc_arrays(nlp.make_doc("")).lower == []
    doc = nlp("The talks resumed in Doha on Sunday, officials said.")
    for start, end in ((0, 3), (2, 7), (5, len(doc)), (4, 4)):
        assert span_text(doc[start:end]) == doc[start:end].text
