"""Quotes and reported statements: who said what, tied to an entity of the article.

Three kinds of `Quote`:
- direct: a quotation in marks that is what someone said ("“We will win,” he said, “and …”" is one quote in
  two `parts`);
- partial: a word or phrase in marks inside a sentence ("will stand up against the “persecution” of …");
- indirect: reported speech without marks: a reporting verb or noun and its content ("X says that …",
  "X denied there were …", "X dismissed the claim as false", "according to X, …").

Quotation marks are paired on the raw text (`quoting.marks`); unpaired marks go to `state.warnings` and the
rest of the article is still read. The cue of a quotation is the reporting verb that governs it in the parse,
else the nearest one with a subject in the same sentence, else a colon or dash ("― Name") attribution, else the
speaker of the quotation just before (a quotation continued in the next paragraph). Speakers are resolved to
entities by `quoting.speakers`. Everything works from the parse the pipeline already made: no model pass.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsledger.extract.datelines import find_dateline
from newsledger.extract.lexicon.reporting import REPORTING_VERBS
from newsledger.extract.quoting.found import Found, paragraph_numbers
from newsledger.extract.quoting.in_marks import (
    attribute_quotation,
    continue_speakers,
    embed_in_reported,
    merge_broken,
    token_range,
)
from newsledger.extract.quoting.lexicon import STANCE_VERBS
from newsledger.extract.quoting.marks import find_quoted_spans
from newsledger.extract.quoting.reported import reported_speech
from newsledger.extract.quoting.speakers import SpeakerResolver
from newsledger.model import Quote, TextSpan
from newsledger.nlp.state import DocState, doc_text, get_state, records_attrs

_DIRECT_MIN_WORDS = 4  # a shorter quotation that is all of what was reported is a name or a slogan ("voodoo economics")


def extract_quotes(doc: Doc, state: DocState) -> list[Quote]:
    """All quotes of the doc in text order, ids q1, q2, …; unpaired quotation marks go to state.warnings."""
    spans, warnings = find_quoted_spans(doc_text(doc))
    state.warnings.extend(warnings)
    resolver = SpeakerResolver(doc, state.entities, state.entity_of_token)
    quote_of_token = [-1] * len(doc)
    token_ranges: list[tuple[int, int]] = []
    for k, span in enumerate(spans):
        first, last = token_range(doc, span)
        token_ranges.append((first, last))
        for i in range(first, last):
            if quote_of_token[i] == -1:
                quote_of_token[i] = k
    paragraph = paragraph_numbers(doc)
    direct = [
        attribute_quotation(doc, span, token_ranges[k], quote_of_token, paragraph) for k, span in enumerate(spans)
    ]
    continue_speakers(doc, direct)
    direct = merge_broken(doc, direct)
    indirect = reported_speech(doc, quote_of_token, direct, paragraph)
    embed_in_reported(direct, indirect)
    whole = [p for p in direct if p.kind == "partial" and p.cue is not None]
    for partial in whole:
        same_cue = [r for r in indirect if r.cue is not None and partial.cue is not None and r.cue.i == partial.cue.i]
        for reported in same_cue:
            rest = doc_text(doc)[reported.start : partial.start] + doc_text(doc)[partial.end : reported.end]
            words = len(doc_text(doc)[partial.start : partial.end].split())
            inside = reported.start <= partial.start and partial.end <= reported.end
            # a name given ("called the plan “a crucial step”") stays a partial quote inside the statement
            if inside and len(rest.split()) <= 1 and words >= _DIRECT_MIN_WORDS:
                partial.kind = "direct"  # the quotation is all that is reported: direct, not a phrase of it
                indirect.remove(reported)
    for partial in direct:
        if partial.kind != "partial":
            continue
        around = [r for r in indirect if r.start <= partial.start and partial.end <= r.end]
        if around:
            partial.cue, partial.speaker, partial.cue_span = around[0].cue, around[0].speaker, around[0].cue_span
            partial.relay = around[0].relay
    found = sorted(direct + indirect, key=lambda f: (f.start, f.end))
    return [_to_quote(doc, f, resolver, state, n) for n, f in enumerate(found, start=1)]


def _speaker_phrase(doc: Doc, head: Token, found: Found) -> tuple[int, int]:
    """Token range of the speaker phrase: the subject's subtree, cut before any quotation or the cue."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    cue_i = found.cue.i if found.cue is not None else None
    tokens = range(start, end)
    quoted = found.parts or [(found.start, found.end)]
    if (cue_i is not None and cue_i in tokens) or any(a <= doc[i].idx < b for i in tokens for a, b in quoted):
        start, end = head.i, head.i + 1
        while (
            start > 0
            and doc[start - 1].head.i == head.i
            and doc[start - 1].dep_ in ("compound", "det", "amod", "poss", "nummod")
        ):
            start -= 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and not any(c.isalnum() for c in doc[start].text):
        start += 1
    return start, end


def _to_quote(doc: Doc, found: Found, resolver: SpeakerResolver, state: DocState, number: int) -> Quote:
    text = doc_text(doc)
    speaker_id = speaker_text = None
    speaker_start = speaker_end = None
    if found.speaker is not None:
        speaker_id = resolver.resolve(found.speaker)
        first, last = found.speaker_span or _speaker_phrase(doc, found.speaker, found)
        speaker_start, speaker_end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        speaker_text = text[speaker_start:speaker_end]
    relayed = None
    if found.relay is not None:
        relayed = resolver.resolve(found.relay)
        if relayed == speaker_id:
            relayed = None
    cue = cue_start = cue_end = None
    polarity = None
    if found.cue is not None:
        cue_start, cue_end = found.cue.idx, found.cue.idx + len(found.cue)
        lemma = found.cue.lemma_.lower()
        polarity = REPORTING_VERBS.get(lemma) or STANCE_VERBS.get(lemma)
    elif found.cue_span is not None:
        cue_start, cue_end = found.cue_span
        polarity = "say"
    if cue_start is not None and cue_end is not None:
        cue = text[cue_start:cue_end]
    start = _after_dateline(text, found.start, found.end)
    parts = tuple(TextSpan(a, b) for a, b in found.parts)
    quote_text = " … ".join(text[a:b] for a, b in found.parts) if parts else text[start : found.end]
    return Quote(
        id=f"q{number}",
        text=quote_text,
        start=start,
        end=found.end,
        kind=found.kind,
        speaker=speaker_id,
        speaker_text=speaker_text,
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_end,
        polarity=polarity,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        relayed_by=relayed,
        parts=parts,
    )


def _after_dateline(text: str, start: int, end: int) -> int:
    """A reported statement that opens the report starts after its dateline ("KHARTOUM, Sudan — …")."""
    dateline = find_dateline(text) if start < 300 else None
    if dateline is not None and dateline.start() <= start < dateline.end() < end:
        return dateline.end()
    return start


@Language.component(
    "newsledger_quotes",
    requires=["doc.sents", "token.dep", "token.tag", "token.lemma", *records_attrs("entities")],
    assigns=["doc._.newsledger", *records_attrs("quotes")],
)
def quotes_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.quotes = extract_quotes(doc, state)
    return doc
