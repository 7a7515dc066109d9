"""What makes a cue and who speaks, on hand-parsed Docs (no trained model)."""

from __future__ import annotations

from newsledger.extract.quoting.found import is_cue, paragraph_numbers, speaker_of

CLAIM_NOUN = """
the 1 det DET DT the
claim 1 ROOT NOUN NN claim
he 4 nsubj PRON PRP he
has 4 aux AUX VBZ have
fled 1 ccomp VERB VBN flee
"""

THE_CLAIM = """
the 1 det DET DT the
claim 2 nsubj NOUN NN claim
failed 2 ROOT VERB VBD fail
"""

PLANS_CONTINUED = """
Lee 1 nsubj PROPN NNP Lee
plans 1 ROOT VERB VBZ plan
and 1 cc CCONJ CC and
continued 1 conj VERB VBD continue
"""


def test_quoting_reporting_noun_is_a_cue_only_with_its_clause(parsed_doc):
    assert is_cue(parsed_doc(CLAIM_NOUN)[1])
    assert not is_cue(parsed_doc(THE_CLAIM)[1])


def test_quoting_stance_verbs_never_cue_a_quotation_and_quotation_verbs_only_do(parsed_doc):
    doc = parsed_doc(PLANS_CONTINUED)
    plans, continued = doc[1], doc[3]
    assert is_cue(plans) and not is_cue(plans, quotation=True)
    assert is_cue(continued, quotation=True) and not is_cue(continued)


def test_quoting_speaker_is_the_cues_subject_and_not_one_inside_what_it_reports(parsed_doc):
    doc = parsed_doc(
        """
Lee 1 nsubj PROPN NNP Lee
said 1 ROOT VERB VBD say
it 3 nsubj PRON PRP it
rained 1 ccomp VERB VBD rain
"""
    )
    paragraph = paragraph_numbers(doc)
    assert paragraph == [0, 0, 0, 0]
    assert speaker_of(doc, doc[1], paragraph, [-1] * len(doc)).text == "Lee"
    assert speaker_of(doc, doc[3], paragraph, [-1] * len(doc)).text == "it"
