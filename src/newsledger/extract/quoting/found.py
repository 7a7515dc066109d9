"""A statement found on the parse before it becomes a `Quote`, and what both readers (quotations in marks,
reported speech without them) use to find one: what a cue is, paragraphs, and who speaks."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsledger.extract.actors import token_arrays
from newsledger.extract.lexicon.reporting import REPORTING_VERBS
from newsledger.extract.quoting.lexicon import QUOTATION_ONLY, STANCE_VERBS
from newsledger.extract.quoting.speakers import subject_of
from newsledger.model import QuoteKind
from newsledger.nlp.arrays import doc_arrays


@dataclass
class Found:
    start: int
    end: int
    kind: QuoteKind
    cue: Token | None = None
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None  # token range of the speaker phrase
    speaker_entity: str | None = None
    relay: Token | None = None  # the source a statement is reported through
    parts: list[tuple[int, int]] = field(default_factory=list)  # character spans of a broken quotation
    cue_span: tuple[int, int] | None = None  # character span when the cue is not one token ("― Name", ":")
    embedded: bool = False  # the quotation is a phrase inside a sentence, not a sentence of its own
    continues: bool = False  # no attribution of its own: it goes on with the quotation before it


def is_cue(token: Token, *, quotation: bool = False) -> bool:
    """A reporting verb ("said"), or a reporting noun with a clause ("the Taliban claim he has fled")."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according" or not (lemma in REPORTING_VERBS or (lemma in STANCE_VERBS and not quotation)):
        return False
    if lemma in QUOTATION_ONLY and not quotation:
        return False
    if quotation and lemma == "know":
        return False  # "known as “rabbit patches”" names something; "knew “…”" quotes no one
    if token.pos_ in ("VERB", "AUX"):
        return True
    return token.pos_ == "NOUN" and any(child.dep_ == "ccomp" for child in token.children)


def paragraph_numbers(doc: Doc) -> list[int]:
    """Paragraph number of every token: the parser may run a sentence over a line break, we never do."""
    numbers, current = [0] * len(doc), 0
    # From the per-doc token cache (a token's trailing whitespace is at most one space, so a line break is always
    # in a token's own text): walking the Doc makes a Token object per word.
    for i, line_break in enumerate(token_arrays(doc).newline_after):
        numbers[i] = current
        if line_break:
            current += 1
    return numbers


def speaker_of(doc: Doc, cue: Token, paragraph: list[int], quote_of_token: list[int]) -> Token | None:
    """The subject of the cue, from the cue's own paragraph; else the nearest entity before the cue in it."""
    subject = subject_of(cue)
    if subject is not None and paragraph[subject.i] == paragraph[cue.i]:
        return subject
    if subject is None:
        inverted = _speaker_after_quotation(doc, cue, quote_of_token)
        if inverted is not None:
            return inverted
        named = _name_just_before(doc, cue, paragraph, quote_of_token)
        if named is not None:
            return named
    if subject is None and cue.dep_ not in ("advcl", "xcomp", "pcomp", "conj", "acl"):
        return None
    # the parser ran the sentence over a paragraph break: the nearest subject of the cue's paragraph
    mine = paragraph[cue.i]
    arrays = doc_arrays(doc)
    subjects = [
        t
        for t in (
            doc[i]
            for i in range(max(0, cue.i - 40), min(len(doc), cue.i + 40))
            if paragraph[i] == mine
            and arrays.dep[i] in ("nsubj", "nsubjpass")
            and paragraph[arrays.head[i]] == mine
            and quote_of_token[i] == -1
        )
        if not cue.is_ancestor(t)  # a subject inside what the cue reports is content, not its speaker
    ]
    if subjects:
        return min(subjects, key=lambda t: abs(t.i - cue.i))
    i = cue.i - 1
    while i >= 0 and paragraph[i] == paragraph[cue.i]:
        if doc[i].ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and quote_of_token[i] == -1:
            return doc[i]
        i -= 1
    return None


def _name_just_before(doc: Doc, cue: Token, paragraph: list[int], quote_of_token: list[int]) -> Token | None:
    """ "In a statement to the X, her adviser, Jo Lee, said:": the parser hung the name on something else, but
    a name right before a verb with no subject is who speaks."""
    i = cue.i - 1
    while i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or paragraph[i] != paragraph[cue.i] or quote_of_token[i] != -1:
        return None
    if doc[i].ent_type_ in ("PERSON", "ORG", "NORP") or doc[i].pos_ == "PROPN":
        return doc[i]
    return None


def _speaker_after_quotation(doc: Doc, cue: Token, quote_of_token: list[int]) -> Token | None:
    """ "“…,” Brent Bozell III, founder of X, tells …": the parser hung the name on the quotation."""
    i = cue.i - 1
    while i >= 0 and cue.i - i <= 20 and quote_of_token[i] == -1:
        if doc[i].pos_ in ("VERB", "AUX") or "\n" in doc[i].text_with_ws:
            return None
        i -= 1
    if i < 0 or quote_of_token[i] == -1 or i == cue.i - 1:
        return None
    for token in doc[i + 1 : cue.i]:
        if token.pos_ in ("PROPN", "PRON", "NOUN"):
            head = token
            while head.head.i != head.i and i < head.head.i < cue.i and head.dep_ in ("compound", "flat", "det"):
                head = head.head
            return head
    return None
