"""Quotations in marks: the cue and speaker of each quoted span, whether it is direct or partial, and a
quotation broken by its attribution or continued in the next paragraph joined into one statement."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.extract.actors import token_arrays
from newsledger.extract.lexicon.reporting import REPORTING_VERBS
from newsledger.extract.quoting.found import Found, is_cue, speaker_of
from newsledger.extract.quoting.lexicon import STANCE_VERBS
from newsledger.extract.quoting.marks import QuotedSpan
from newsledger.model import QuoteKind
from newsledger.nlp.arrays import doc_arrays
from newsledger.nlp.state import doc_text

_DASH_CHARS = "―—–-"
_PARTIAL_MAX_WORDS = 4
_TITLE_MAX_WORDS = 6
_BEFORE_TITLES = frozenset(
    "on of in at for from with titled called dubbed named entitled about "
    # a work named right after its kind: "his book “The Art of the Deal”", "the reality show “The Apprentice”"
    "book books memoir novel show shows program programme series film movie documentary song album play "
    "newspaper magazine column podcast slogan motto hat hats".split()
)


def token_range(doc: Doc, span: QuotedSpan) -> tuple[int, int]:
    """Tokens from the opening mark to the closing mark, inclusive."""
    chars = doc.char_span(span.open_start, span.close_end, alignment_mode="expand")
    if chars is None:  # only for text spaCy could not tokenize around; fall back on a scan
        first = next((t.i for t in doc if t.idx + len(t) > span.open_start), len(doc))
        last = next((t.i for t in doc if t.idx >= span.close_end), len(doc))
        return first, max(first, last)
    return chars.start, chars.end


def attribute_quotation(
    doc: Doc, span: QuotedSpan, tokens: tuple[int, int], quote_of_token: list[int], paragraph: list[int]
) -> Found:
    first, last = tokens
    found = Found(span.start, span.end, "direct")
    inside = range(first, last)
    near = {paragraph[first], paragraph[max(first, last - 1)]} if first < len(doc) else set()
    if first > 0 and doc[first - 1].is_space and doc[first - 2 if first >= 2 else 0].text == ":":
        near.add(paragraph[first - 2])  # "X said:" closing the paragraph before the quotation
    cue = None
    arrays = doc_arrays(doc)
    # 1. the reporting verb that governs the quotation
    for i in inside:
        if arrays.head[i] in inside:
            continue
        token = doc[i]
        ancestor, steps, attached = token.head, 0, token
        while steps < 5:
            if (
                attached.dep_ not in ("nsubj", "nsubjpass")
                and quote_of_token[ancestor.i] == -1
                and paragraph[ancestor.i] in near
                and is_cue(ancestor, quotation=True)
                and speaker_of(doc, ancestor, paragraph, quote_of_token) is not None
            ):
                cue = ancestor
                break
            if ancestor.head.i == ancestor.i:
                break
            ancestor, steps, attached = ancestor.head, steps + 1, ancestor
        if cue is not None:
            break
    # 2. the nearest reporting verb with a subject in the sentences the quotation touches
    if cue is None and first < len(doc):
        sentence_start, sentence_end = token_arrays(doc).sentence_start, token_arrays(doc).sentence_end
        window = {sentence_start[first], sentence_start[max(first, last - 1)]}
        sentences = [doc[start : sentence_end[start]] for start in sorted(window)]
        if sentences and sentences[0].start >= first and sentences[0].start > 0:
            before = doc[sentences[0].start - 1].sent
            if before[-1].text in (":", ","):  # "X said:" then the quotation as its own sentence
                sentences.insert(0, before)
        closing = doc_text(doc)[span.start : span.end].rstrip()
        if sentences and last < len(doc) and sentences[-1].end <= last + 1 and sentences[-1].end < len(doc):
            after = doc[sentences[-1].end].sent
            follows = doc[last] if last < len(doc) else None
            if closing.endswith(",") or (follows is not None and (follows.is_lower or follows.pos_ == "PROPN")):
                sentences.append(after)  # “…,” then the attribution, split off by the sentence splitter
        # only the words is_cue can take (a reporting verb's lemma) become Token objects
        candidates = [
            t
            for s in sentences
            for t in (doc[i] for i in range(s.start, s.end) if arrays.lemma_lower[i] in REPORTING_VERBS)
            if quote_of_token[t.i] == -1
            and paragraph[t.i] in near
            and is_cue(t, quotation=True)
            and speaker_of(doc, t, paragraph, quote_of_token) is not None
        ]
        if candidates:
            cue = min(candidates, key=lambda t: min(abs(t.i - first), abs(t.i - last)))
    if cue is not None:
        found.cue = cue
        found.speaker = speaker_of(doc, cue, paragraph, quote_of_token)
    else:
        _attribute_by_punctuation(doc, found, span, first)
    found.kind = _kind(doc, found, first, last)
    if _is_title(doc, first, last):
        found.cue = found.speaker = found.cue_span = None
        found.kind, found.embedded = "partial", True
    return found


def _is_title(doc: Doc, first: int, last: int) -> bool:
    """ "on “Sunday Morning Futures,”", "his book “The Art of the Deal”": a short quotation in title case after
    a preposition or a possessive names a show, a book or a slogan; no one is quoted."""
    if first == 0:
        return False
    before = doc[first - 1]
    if before.lower_ not in _BEFORE_TITLES and before.text not in ("’s", "'s"):
        return False
    words = [t for t in doc[first:last] if t.is_alpha]
    if not words or len(words) > _TITLE_MAX_WORDS:
        return False
    return all(t.text[0].isupper() for t in words if len(t) > 3 or t.i == words[0].i)


def _attribute_by_punctuation(doc: Doc, found: Found, span: QuotedSpan, first: int) -> None:
    """ "Trump: ‘…’" (colon before the quotation) and "“…” ― Sonya Herridge" (dash after it).

    The dash is found on the characters: spaCy may glue it to the closing mark ("”―") as one token.
    """
    if first >= 2 and doc[first - 1].text == ":" and doc[first - 2].pos_ in ("PROPN", "NOUN", "PRON"):
        colon = doc[first - 1]
        found.speaker = doc[first - 2]
        found.cue_span = (colon.idx, colon.idx + 1)
        return
    text = doc_text(doc)
    dash_start = span.close_end
    while dash_start < len(text) and text[dash_start] in " \t":
        dash_start += 1
    dash_end = dash_start
    while dash_end < len(text) and text[dash_end] in _DASH_CHARS:
        dash_end += 1
    if dash_end == dash_start or dash_end - dash_start > 2:
        return
    name_i = next((t.i for t in doc[first:] if t.idx >= dash_end and not t.is_space), None)
    if name_i is None or "\n" in text[dash_end : doc[name_i].idx]:
        return
    name = doc[name_i]
    if name.pos_ == "PROPN" or name.ent_type_ in ("PERSON", "ORG"):
        head = name
        while head.head.i != head.i and head.head.pos_ == "PROPN" and name_i < head.head.i <= name_i + 3:
            head = head.head
        found.speaker = head
        found.cue_span = (dash_start, dash_end)


def _kind(doc: Doc, found: Found, first: int, last: int) -> QuoteKind:
    """Partial when the quotation is a phrase inside someone else's sentence, direct otherwise."""
    words = [t for t in doc[first:last] if t.is_alpha]
    before = doc[first - 1] if first > 0 else None
    after = doc[last] if last < len(doc) else None
    embedded_before = (
        before is not None
        and before.sent.start == doc[first].sent.start
        and (before.is_alpha or before.text in ("’s", "'s"))
        and not (is_cue(before) and before.lemma_.lower() not in STANCE_VERBS)  # "seeking “…”" embeds a phrase
    )
    ends_clause = after is None or not after.is_alpha or after.sent.start != doc[max(first, last - 1)].sent.start
    if before is not None and (before.text == ":" or (found.cue is not None and before.i == found.cue.i)):
        if ends_clause:
            return "direct"  # right after its reporting verb or a colon, and all of what was said
    cue_after = found.cue is not None and last <= found.cue.i <= last + 6
    if found.cue is not None and found.speaker is not None and last <= found.cue.i:
        # "“…,” Mary Olsen, director of the X Center at Y University, said": only the speaker lies between
        speaker = found.speaker
        cue_after = cue_after or (speaker.left_edge.i <= last + 1 and speaker.right_edge.i >= found.cue.i - 2)
    embedded_after = (
        after is not None
        and after.is_alpha
        and after.sent.start == doc[max(first, last - 1)].sent.start
        and not cue_after
        and found.cue_span is None
    )
    found.embedded = embedded_before or embedded_after
    if found.embedded:
        return "partial"
    if found.cue is None and found.cue_span is None and len(words) <= _PARTIAL_MAX_WORDS:
        return "partial"
    return "direct"


def continue_speakers(doc: Doc, found: list[Found]) -> None:
    """A quotation with no attribution of its own, right after an attributed one, continues it.

    "“…,” Barkley said. “This is …”" is one statement in two parts: the second part joins the first (at most
    one paragraph break and the first one's attribution may lie between them).
    """
    for k in range(1, len(found)):
        current, previous = found[k], found[k - 1]
        if current.speaker is not None or current.cue_span is not None or current.embedded:
            continue
        if previous.speaker is None or previous.kind != "direct":
            continue
        gap = doc_text(doc)[previous.end : current.start]
        words = [w for w in gap.split() if any(c.isalpha() for c in w)]
        said_between = previous.cue is not None and previous.end <= previous.cue.idx < current.start
        if gap.count("\n") > 2 or (words and not (said_between and ("\n" not in gap or len(words) <= 8))):
            continue
        current.speaker, current.relay, current.kind = previous.speaker, previous.relay, "direct"
        current.cue, current.continues = previous.cue, True  # one statement in parts, merged by merge_broken


def _index(token: Token | None) -> int:
    return -1 if token is None else token.i


def merge_broken(doc: Doc, found: list[Found]) -> list[Found]:
    """“…,” he said, “…”: quotations of one attribution, next to each other, are one quote in parts."""
    merged: list[Found] = []
    for item in found:
        if merged:
            previous = merged[-1]
            same = (
                previous.cue is not None
                and item.cue is not None
                and item.cue.i == previous.cue.i
                and _index(item.speaker) == _index(previous.speaker)
            )
            if same and previous.kind == item.kind == "direct":
                between = doc_text(doc)[previous.end : item.start]
                if ("\n" not in between or item.continues) and len(between) < 200:
                    previous.parts = previous.parts or [(previous.start, previous.end)]
                    previous.parts.append((item.start, item.end))
                    previous.end = item.end
                    continue
        merged.append(item)
    return merged


def embed_in_reported(direct: list[Found], indirect: list[Found]) -> None:
    """ "X says no matter what Y does, “…”", "X says the tweets were “unhinged”": the quotation ends a clause
    the cue reports, which began before it; the clause, up to the closing mark, is the statement and the
    quotation a partial quote inside it."""
    for reported in indirect:
        if reported.cue is None:
            continue
        for quoted in direct:
            if quoted.parts or quoted.cue is None or quoted.cue.i != reported.cue.i:
                continue
            if reported.start < quoted.start <= reported.end + 2:
                reported.end = max(reported.end, quoted.end)
                quoted.kind, quoted.embedded = "partial", True
