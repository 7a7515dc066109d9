"""Quotes on hand-parsed Docs (no trained model): each test writes the parse a tagger and parser would give."""

from __future__ import annotations

from newsledger.extract.quoting import extract_quotes
from newsledger.model import Article, Entity, Mention
from newsledger.nlp.state import DocState

SAID_THAT = """
Officials 1 nsubj NOUN NNS official
said 1 ROOT VERB VBD say
the 3 det DET DT the
talks 5 nsubj NOUN NNS talk
would 5 aux AUX MD would
resume_ 1 ccomp VERB VB resume
. 1 punct PUNCT . .
"""

WE_WILL_WIN = """
“_ 7 punct PUNCT `` “
We 3 nsubj PRON PRP we
will 3 aux AUX MD will
win_ 7 ccomp VERB VB win
,_ 3 punct PUNCT , ,
” 7 punct PUNCT '' ”
he 7 nsubj PRON PRP he
said_ 7 ROOT VERB VBD say
. 7 punct PUNCT . .
"""

LEE_COLON = """
Lee_ 0 ROOT PROPN NNP Lee
: 0 punct PUNCT : :
“_ 6 punct PUNCT `` “
We 6 nsubj PRON PRP we
will 6 aux AUX MD will
not 6 neg PART RB not
leave_ 0 appos VERB VB leave
._ 6 punct PUNCT . .
” 6 punct PUNCT '' ”
"""

THE_SHOW = """
She 1 nsubj PRON PRP she
starred 1 ROOT VERB VBD star
in 1 prep ADP IN in
the 4 det DET DT the
show 2 pobj NOUN NN show
“_ 7 punct PUNCT `` “
The 7 det DET DT the
Apprentice_ 4 appos PROPN NNP Apprentice
”_ 7 punct PUNCT '' ”
. 1 punct PUNCT . .
"""


def quotes_of(doc, entities=()):
    state = DocState(article=Article.from_text(doc.text))
    for entity in entities:
        state.entities.append(entity)
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end)
            for token in span:
                state.entity_of_token[token.i] = entity.id
    return extract_quotes(doc, state), state


def test_quoting_reported_clause_is_an_indirect_quote_of_the_subject(parsed_doc):
    doc = parsed_doc(SAID_THAT)
    quotes, _ = quotes_of(doc)
    assert [(q.kind, q.text, q.cue, q.speaker_text, q.polarity) for q in quotes] == [
        ("indirect", "the talks would resume", "said", "Officials", "say")
    ]
    assert doc.text[quotes[0].start : quotes[0].end] == quotes[0].text


def test_quoting_quotation_with_its_reporting_verb_after_it_is_direct(parsed_doc):
    doc = parsed_doc(WE_WILL_WIN)
    assert doc.text == "“We will win,” he said."
    quotes, _ = quotes_of(doc)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.kind == "direct" and "We will win" in quote.text
    assert (quote.cue, quote.speaker_text) == ("said", "he")


def test_quoting_name_and_colon_before_a_quotation_attribute_it_to_the_entity(parsed_doc):
    doc = parsed_doc(LEE_COLON)
    lee = Entity(id="e1", name="Lee", type="PERSON", mentions=(Mention(0, 3, "Lee"),))
    quotes, _ = quotes_of(doc, [lee])
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [("direct", "e1", ":")]


def test_quoting_title_in_marks_after_its_kind_quotes_no_one(parsed_doc):
    doc = parsed_doc(THE_SHOW)
    quotes, _ = quotes_of(doc)
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [("partial", None, None)]


def test_quoting_unpaired_mark_is_a_warning_and_the_rest_is_still_read(parsed_doc):
    rows = SAID_THAT.strip().splitlines()
    # an opening mark never closed, after the sentence
    doc = parsed_doc("\n".join([*rows[:-1], "._ 1 punct PUNCT . .", "“ 1 punct PUNCT `` “"]))
    quotes, state = quotes_of(doc)
    assert state.warnings
    assert [q.text for q in quotes] == ["the talks would resume"]
