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

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.datelines import find_dateline
from newsledger.extract.quoting.lexicon import (
    ADDRESSEE_VERBS,
    ATTITUDE_ADJECTIVES,
    ATTITUDE_NOUNS,
    CLAUSE_ONLY,
    MESSAGE_NOUNS,
    NAMING_VERBS,
    OBJECT_CONTENT,
    QUOTATION_ONLY,
    REPORTING_VERBS,
    ROLE_NOUNS,
    SEEING_AS_VERBS,
    SEEMING_VERBS,
    STANCE_VERBS,
    TOPIC_PREPOSITIONS,
)
from newsledger.extract.quoting.marks import QuotedSpan, find_quoted_spans
from newsledger.extract.quoting.speakers import SpeakerResolver, subject_of
from newsledger.model import Quote, TextSpan
from newsledger.nlp.state import DocState, doc_text, get_state

_DASH_CHARS = "―—–-"
_OBJECT_PREPS = {"as", "of", "for", "about", "against", "on", "over", "to"}
_PARTIAL_MAX_WORDS = 4
_TITLE_MAX_WORDS = 6
_BEFORE_TITLES = frozenset(
    "on of in at for from with titled called dubbed named entitled about "
    # a work named right after its kind: "his book “The Art of the Deal”", "the reality show “The Apprentice”"
    "book books memoir novel show shows program programme series film movie documentary song album play "
    "newspaper magazine column podcast slogan motto hat hats".split()
)
_CONTRAST_MARKS = frozenset({"while", "whereas", "though", "although", "however"})
# polarities of words spoken, which "according to" can relay; not beliefs, findings or praise
_SPEECH = frozenset({"say", "claim", "deny", "dismiss", "confirm", "warn", "urge", "ask", "pledge", "accuse"})
_ASIDE_WORDS = frozenset({"which", "who", "whom", "when", "where"})
_HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "rumoredly"})
_ATTITUDE_PREPS = frozenset({"of", "about", "that", "to", "with", "in", "on", "over"})
_FINDINGS_NOUNS = frozenset({"poll", "survey", "study"})
_LABEL_MAX_WORDS = 5  # "Sen. Elizabeth Warren (D-Mass.):" is about as long as a speaker label gets
# Labels that open a paragraph with a colon but name no speaker ("UPDATE:", "Photo:", "READ MORE:")
# a label holding these is a headline's phrase ("Stealth Over Health:", "X Wades In:"), not a name
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "ADV", "PRON", "SCONJ"})
# the same in title case, where the tagger often takes every word for a proper noun
_HEADLINE_WORDS = frozenset(
    "over in on at to for from with by into out up down about after before under against vs versus is are was "
    "were will can not no how why what when".split()
)
_NOT_SPEAKER_LABELS = frozenset(
    "update updated note editor correction clarification breaking exclusive opinion analysis related watch live "
    "read more see also photo photos video videos image images source sources credit click subscribe follow "
    "advertisement warning spoiler disclosure byline q look stat".split()
)
_DIRECT_MIN_WORDS = 4  # a shorter quotation that is all of what was reported is a name or a slogan ("voodoo economics")


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    speaker: Token | None = None
    speaker_span: tuple[int, int] | None = None  # token range of the speaker phrase
    speaker_entity: str | None = None
    relay: Token | None = None  # the source a statement is reported through
    parts: list[tuple[int, int]] = field(default_factory=list)  # character spans of a broken quotation
    cue_span: tuple[int, int] | None = None  # character span when the cue is not one token ("― Name", ":")
    embedded: bool = False  # the quotation is a phrase inside a sentence, not a sentence of its own
    continues: bool = False  # no attribution of its own: it goes on with the quotation before it


def extract_quotes(doc: Doc, state: DocState) -> list[Quote]:
    """All quotes of the doc in text order, ids q1, q2, …; unpaired quotation marks go to state.warnings."""
    spans, warnings = find_quoted_spans(doc_text(doc))
    state.warnings.extend(warnings)
    resolver = SpeakerResolver(doc, state.entities, state.entity_of_token)
    quote_of_token = [-1] * len(doc)
    token_ranges: list[tuple[int, int]] = []
    for k, span in enumerate(spans):
        first, last = _token_range(doc, span)
        token_ranges.append((first, last))
        for i in range(first, last):
            if quote_of_token[i] == -1:
                quote_of_token[i] = k
    paragraph = _paragraphs(doc)
    direct = [
        _attribute_quotation(doc, span, token_ranges[k], quote_of_token, paragraph) for k, span in enumerate(spans)
    ]
    _continue_speakers(doc, direct)
    direct = _merge_broken(doc, direct)
    indirect = _reported_speech(doc, quote_of_token, direct, paragraph)
    _embed_in_reported(direct, indirect)
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


# --- quotations in marks ----------------------------------------------------------------------------------


def _token_range(doc: Doc, span: QuotedSpan) -> tuple[int, int]:
    """Tokens from the opening mark to the closing mark, inclusive."""
    chars = doc.char_span(span.open_start, span.close_end, alignment_mode="expand")
    if chars is None:  # only for text spaCy could not tokenize around; fall back on a scan
        first = next((t.i for t in doc if t.idx + len(t) > span.open_start), len(doc))
        last = next((t.i for t in doc if t.idx >= span.close_end), len(doc))
        return first, max(first, last)
    return chars.start, chars.end


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


def _paragraphs(doc: Doc) -> list[int]:
    """Paragraph number of every token: the parser may run a sentence over a line break, we never do."""
    numbers, current = [0] * len(doc), 0
    for token in doc:
        numbers[token.i] = current
        if "\n" in token.text_with_ws:
            current += 1
    return numbers


def _speaker_of(doc: Doc, cue: Token, paragraph: list[int], quote_of_token: list[int]) -> Token | None:
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
    subjects = [
        t
        for t in doc[max(0, cue.i - 40) : min(len(doc), cue.i + 40)]
        if paragraph[t.i] == mine
        and t.dep_ in ("nsubj", "nsubjpass")
        and paragraph[t.head.i] == mine
        and quote_of_token[t.i] == -1
        and not cue.is_ancestor(t)  # a subject inside what the cue reports is content, not its speaker
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


def _attribute_quotation(
    doc: Doc, span: QuotedSpan, tokens: tuple[int, int], quote_of_token: list[int], paragraph: list[int]
) -> _Found:
    first, last = tokens
    found = _Found(span.start, span.end, "direct")
    inside = range(first, last)
    near = {paragraph[first], paragraph[max(first, last - 1)]} if first < len(doc) else set()
    if first > 0 and doc[first - 1].is_space and doc[first - 2 if first >= 2 else 0].text == ":":
        near.add(paragraph[first - 2])  # "X said:" closing the paragraph before the quotation
    cue = None
    # 1. the reporting verb that governs the quotation
    for token in doc[first:last]:
        if token.head.i in inside:
            continue
        ancestor, steps, attached = token.head, 0, token
        while steps < 5:
            if (
                attached.dep_ not in ("nsubj", "nsubjpass")
                and quote_of_token[ancestor.i] == -1
                and paragraph[ancestor.i] in near
                and is_cue(ancestor, quotation=True)
                and _speaker_of(doc, ancestor, paragraph, quote_of_token) is not None
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
        window = {doc[first].sent.start, doc[max(first, last - 1)].sent.start}
        sentences = [s for s in doc.sents if s.start in window]
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
        candidates = [
            t
            for s in sentences
            for t in s
            if quote_of_token[t.i] == -1
            and paragraph[t.i] in near
            and is_cue(t, quotation=True)
            and _speaker_of(doc, t, paragraph, quote_of_token) is not None
        ]
        if candidates:
            cue = min(candidates, key=lambda t: min(abs(t.i - first), abs(t.i - last)))
    if cue is not None:
        found.cue = cue
        found.speaker = _speaker_of(doc, cue, paragraph, quote_of_token)
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


def _attribute_by_punctuation(doc: Doc, found: _Found, span: QuotedSpan, first: int) -> None:
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


def _kind(doc: Doc, found: _Found, first: int, last: int) -> str:
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


def _continue_speakers(doc: Doc, found: list[_Found]) -> None:
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
        current.cue, current.continues = previous.cue, True  # one statement in parts, merged below


def _index(token: Token | None) -> int:
    return -1 if token is None else token.i


def _merge_broken(doc: Doc, found: list[_Found]) -> list[_Found]:
    """“…,” he said, “…”: quotations of one attribution, next to each other, are one quote in parts."""
    merged: list[_Found] = []
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


def _embed_in_reported(direct: list[_Found], indirect: list[_Found]) -> None:
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


# --- reported speech without marks ------------------------------------------------------------------------


def _reported_speech(doc: Doc, quote_of_token: list[int], direct: list[_Found], paragraph: list[int]) -> list[_Found]:
    quoted_chars = [(f.start, f.end) for f in direct if f.kind == "direct"]
    used_cues = {f.cue.i for f in direct if f.cue is not None and f.kind == "direct"}
    candidates: list[_Found] = []
    according: list[_Found] = []
    findings: list[_Found] = []
    for token in doc:
        if quote_of_token[token.i] != -1:
            continue
        if token.lower_ == "according":
            item = _according_to(doc, token)
            if item is not None:
                according.append(item)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            item = _in_findings(doc, token)
            if item is not None:
                findings.append(item)
            continue
        if token.lemma_.lower() in SEEMING_VERBS:
            seeming = _seeming(doc, token, paragraph)
            if seeming is not None and not _covered(seeming, quoted_chars):
                candidates.append(seeming)
            continue
        if token.lower_ in _HEARSAY_ADVERBS and token.dep_ == "advmod":
            hearsay = _reportedly(doc, token, paragraph)
            if hearsay is not None and not _covered(hearsay, quoted_chars):
                candidates.append(hearsay)
            continue
        if token.lemma_.lower() == "make" and token.pos_ == "VERB":
            plain = _made_clear(doc, token, paragraph, quote_of_token)
            if plain is not None and not _covered(plain, quoted_chars):
                candidates.append(plain)
            continue
        if token.pos_ in ("ADJ", "VERB") and token.dep_ == "acomp" and token.lower_ in ATTITUDE_ADJECTIVES:
            stance = _attitude_of_subject(doc, token, paragraph, quote_of_token)
            if stance is not None and not _covered(stance, quoted_chars):
                candidates.append(stance)
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in ATTITUDE_NOUNS:
            held = _attitude(doc, token, paragraph)
            if held is not None:
                if not _covered(held, quoted_chars):
                    candidates.append(held)
                continue
        if not is_cue(token) and not _takes_a_that_clause(token):
            continue
        around = _parenthetical(doc, token, paragraph)
        if around is not None:
            if not _covered(around, quoted_chars) and _speaker_of(doc, token, paragraph, quote_of_token) is not None:
                around.speaker = _speaker_of(doc, token, paragraph, quote_of_token)
                candidates.append(around)
            continue
        content = _content_tokens(doc, token)
        if content is None:
            continue
        start, end = content
        while start < end and paragraph[start] != paragraph[token.i]:
            start += 1
        while end > start and paragraph[end - 1] != paragraph[token.i]:
            end -= 1
        if end - start < 1 or not any(t.is_alpha for t in doc[start:end]):
            continue
        start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        covered = sum(max(0, min(end_char, b) - max(start_char, a)) for a, b in quoted_chars)
        if token.i in used_cues and covered * 2 >= end_char - start_char:
            continue  # the content is the direct quotation already found
        if covered * 2 >= end_char - start_char or any(a <= start_char < b for a, b in quoted_chars):
            continue
        if token.lemma_.lower() == "ask" and token.tag_ == "VBN" and not any(c.dep_ == "agent" for c in token.children):
            # "Asked whether he would resign, Lee said …", "Lee was asked if …": whoever asked is not named
            candidates.append(_Found(start_char, end_char, "indirect", cue=token))
            continue
        speaker = _speaker_of(doc, token, paragraph, quote_of_token)
        if speaker is not None and speaker.dep_ == "nsubjpass" and speaker.head.i == token.i:
            # "Trump is expected to attend": an expectation with no one named who holds it; what is expected
            # is the subject doing the rest
            if paragraph[speaker.left_edge.i] == paragraph[token.i] and speaker.left_edge.i < start:
                start_char = doc[speaker.left_edge.i].idx
                candidates.append(_Found(start_char, end_char, "indirect", cue=token))
            continue
        if speaker is None:
            continue
        candidates.append(_Found(start_char, end_char, "indirect", cue=token, speaker=speaker))
    candidates.extend(_labelled_paragraphs(doc, quote_of_token, paragraph))
    # "Sanders has sagged in the polls": the poll is the source, unless someone in the sentence says it
    for item in findings:
        sentence = doc[_cue_token(doc, item)].sent
        if not any(sentence.start_char <= _cue_char(o) < sentence.end_char for o in (*candidates, *direct, *according)):
            candidates.append(item)
    # statements relayed through a source: "According to a statement by A, B assured …"
    for item in according:
        reported = [c for c in candidates if c.cue is not None and _same_sentence(doc, c.cue.i, item.start)]
        # "According to A, B said …" relays B's words through A; in "B say …, according to a poll" the poll is
        # the source of the whole sentence, B's saying included
        reported = [c for c in reported if c.cue is not None and c.cue.idx > _cue_char(item)]
        # only words are relayed; "according to A, B decided to …" is A's account of what B did
        reported = [c for c in reported if c.cue is not None and REPORTING_VERBS.get(c.cue.lemma_.lower()) in _SPEECH]
        quoted = [q for q in direct if _same_sentence(doc, _cue_token(doc, item), q.start)]
        earlier = [q for q in quoted if q.cue is not None and q.cue.idx < _cue_char(item)]
        for quote in earlier:
            # "“…,” B said, according to A": A is the source of the sentence, B's quotation included (the
            # sentence stays A's statement too, holding the quotation)
            quote.speaker, quote.cue, quote.cue_span, quote.relay = item.speaker, None, item.cue_span, None
        if reported or any(q.cue is not None for q in quoted):
            for other in (*reported, *quoted):
                other.relay = item.speaker
            continue
        unattributed = [q for q in quoted if q.cue is None and q.speaker is None and q.cue_span is None]
        if sum(q.end - q.start for q in unattributed) * 2 >= item.end - item.start:
            for quote in unattributed:  # "According to X, “…”", "“…,” according to X"
                quote.speaker, quote.cue_span, quote.kind = item.speaker, item.cue_span, "direct"
            continue
        candidates.append(item)
    # only the outermost statement: a report inside another report's content belongs to it
    outer = [
        c
        for c in candidates
        if not any(
            o is not c
            and _within(o, _cue_char(c))
            and not _within(c, _cue_char(o))
            and (o.speaker is not None or o.cue_span is not None or c.speaker is None)
            for o in candidates
        )
    ]
    # an expectation no one holds ("X is expected to …") gives way to someone's words inside it
    outer = [
        c
        for c in outer
        if c.speaker is not None
        or c.cue_span is not None
        or not any(o.speaker is not None and _within(c, _cue_char(o)) for o in (*candidates, *direct))
    ]
    return outer


def _covered(found: _Found, quoted_chars: list[tuple[int, int]]) -> bool:
    """Half or more of the statement is a quotation in marks, or it starts inside one: the quotation has it."""
    spans = found.parts or [(found.start, found.end)]
    length = sum(b - a for a, b in spans)
    covered = sum(max(0, min(end, b) - max(start, a)) for start, end in spans for a, b in quoted_chars)
    return covered * 2 >= length or any(a <= found.start < b for a, b in quoted_chars)


def _parenthetical(doc: Doc, cue: Token, paragraph: list[int]) -> _Found | None:
    """ "The goal, he said, is to forge a truce": a reporting verb set between commas inside the clause it
    reports; the clause on both sides of it, without the verb and its subject, is the statement."""
    head = cue.head
    if cue.dep_ != "parataxis" or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children):
        return None
    if head.i < cue.i and head.right_edge.i <= cue.right_edge.i + 1:
        return None  # "The economy is strong, he said.": the clause before it, left to the usual content
    if head.left_edge.i >= cue.left_edge.i or paragraph[head.left_edge.i] != paragraph[cue.i]:
        return None
    before = _trim(doc, head.left_edge.i, cue.left_edge.i)
    after = _trim(doc, cue.right_edge.i + 1, head.right_edge.i + 1)
    if before is None or after is None:
        return None
    while after[1] > after[0] and paragraph[after[1] - 1] != paragraph[cue.i]:
        after = (after[0], after[1] - 1)
    if after[1] <= after[0]:
        return None
    parts = [_chars(doc, *before), _chars(doc, *after)]
    found = _Found(parts[0][0], parts[1][1], "indirect", cue=cue)
    found.parts = parts
    return found


def _seeming(doc: Doc, verb: Token, paragraph: list[int]) -> _Found | None:
    """ "Mr. Lane appeared to be on the upswing", "the plan seems certain to fail": how things look to the
    writer, an attribution with no one named who holds it; its content the subject and what it seems to do or
    be ("It seems that …": only the clause)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    complement = next(
        (c for c in verb.children if c.i > verb.i and c.dep_ in ("xcomp", "acomp", "oprd", "ccomp")), None
    )
    if complement is None or any(c.dep_ == "prep" and c.lower_ == "to" and c.i < complement.i for c in verb.children):
        return None  # "it seems to me that …" names who it seems to; left to the reporting verbs
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    pieces = []
    if subject is not None and not (subject.lower_ in ("it", "there") and complement.dep_ == "ccomp"):
        pieces.append(_trim(doc, subject.left_edge.i, subject.right_edge.i + 1))
    pieces.append(_trim(doc, complement.left_edge.i, complement.right_edge.i + 1))
    spans = [p for p in pieces if p is not None and paragraph[p[0]] == paragraph[verb.i]]
    if not spans or spans[-1][0] <= verb.i:
        return None
    parts = [_chars(doc, *p) for p in spans]
    found = _Found(parts[0][0], parts[-1][1], "indirect", cue=verb)
    if len(parts) > 1:
        found.parts = parts
    return found


def _attitude(doc: Doc, noun: Token, paragraph: list[int]) -> _Found | None:
    """ "Mr. Lane's claim that the vote was rigged", "her decision to run", "their opposition to the deal": a noun
    that holds someone's statement, belief or intention, its content the clause or phrase after it, its holder
    the owner ("Lane's", "her"), the author ("by X") or the subject of a verb that makes it theirs ("Republicans
    raised concerns that …"); with none of them, no one is named."""
    lemma = noun.lemma_.lower()
    content: Token | None = None
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            content = child
        elif (
            child.dep_ in ("acl", "relcl")
            and child.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        ):
            content = child
        elif child.dep_ == "prep" and child.lower_ in ATTITUDE_NOUNS[lemma]:
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if content is not None:
            break
    if content is None:
        return None
    span = _content_in_paragraph(doc, content, noun, paragraph)
    if span is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    holder = owner if owner is not None and owner.pos_ != "PRON" else None
    if holder is None:
        by = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < content.i), None
        )
        holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if holder is None:
        # "outlined a plan to …", "clings to the hope that …": whoever does it holds it ("shared her belief": the
        # subject, named, rather than the pronoun)
        verb = noun.head if noun.dep_ == "dobj" else None
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            verb = noun.head.head
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            holder = subject_of(verb)
    if holder is None:
        holder = owner
    start, end = _chars(doc, *span)
    return _Found(start, end, "indirect", cue=noun, speaker=holder)


def _content_in_paragraph(doc: Doc, content: Token, cue: Token, paragraph: list[int]) -> tuple[int, int] | None:
    """The token range of what `content` heads, trimmed and stopped before an aside, if it stays in the cue's
    paragraph."""
    span = _trim(doc, content.left_edge.i, _end_before_aside(doc, content.left_edge.i, content.right_edge.i + 1))
    if span is None or paragraph[span[0]] != paragraph[cue.i] or paragraph[span[1] - 1] != paragraph[cue.i]:
        return None
    return span


def _attitude_of_subject(doc: Doc, adjective: Token, paragraph: list[int], quote_of_token: list[int]) -> _Found | None:
    """ "Ms. Lee was confident that the bill would pass", "voters are wary of him": the subject of "be" holds
    what follows the adjective."""
    content: Token | None = None
    for child in adjective.children:
        if child.i < adjective.i:
            continue
        if child.dep_ in ("ccomp", "xcomp"):
            content = child
        elif child.dep_ == "prep" and child.lower_ in _ATTITUDE_PREPS:
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if content is not None:
            break
    if content is None:
        return None
    span = _content_in_paragraph(doc, content, adjective, paragraph)
    if span is None:
        return None
    holder = _speaker_of(doc, adjective.head, paragraph, quote_of_token)
    if holder is None or holder.i > adjective.i:
        return None
    start, end = _chars(doc, *span)
    return _Found(start, end, "indirect", cue=adjective, speaker=holder)


def _made_clear(doc: Doc, verb: Token, paragraph: list[int], quote_of_token: list[int]) -> _Found | None:
    """ "The mayor made (it) clear that the port would stay open": the clause is what the subject said."""
    clear = next((c for c in verb.children if c.lower_ in ("clear", "plain") and c.i > verb.i), None)
    if clear is None:
        return None
    clauses = [c for c in (*verb.children, *clear.children) if c.i > clear.i and c.dep_ in ("ccomp", "advcl")]
    if not clauses:
        return None
    span = _trim(doc, clauses[0].left_edge.i, clauses[0].right_edge.i + 1)
    speaker = _speaker_of(doc, verb, paragraph, quote_of_token)
    if span is None or speaker is None or paragraph[span[1] - 1] != paragraph[verb.i]:
        return None
    start, end = _chars(doc, *span)
    return _Found(start, end, "indirect", cue=verb, speaker=speaker)


def _reportedly(doc: Doc, adverb: Token, paragraph: list[int]) -> _Found | None:
    """ "The FBI is reportedly making arrangements to interview her": the clause is hearsay the writer passes on
    with no source named; its content the clause without the adverb."""
    clause = adverb.head
    if clause.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return None
    pieces = [_trim(doc, clause.left_edge.i, adverb.i), _trim(doc, adverb.i + 1, clause.right_edge.i + 1)]
    spans = [p for p in pieces if p is not None and paragraph[p[0]] == paragraph[adverb.i] == paragraph[p[1] - 1]]
    if not spans:
        return None
    parts = [_chars(doc, *p) for p in spans]
    found = _Found(parts[0][0], parts[-1][1], "indirect", cue=adverb)
    if len(parts) > 1:
        found.parts = parts
    return found


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _labelled_paragraphs(doc: Doc, quote_of_token: list[int], paragraph: list[int]) -> list[_Found]:
    """ "WALLACE: Let me ask you …" (a transcript) and "Poll: Voters abandon …" (a headline): a paragraph that
    opens with a name and a colon is what the name said."""
    found: list[_Found] = []
    starts = [t.i for t in doc if not t.is_space and (t.i == 0 or paragraph[t.i - 1] != paragraph[t.i])]
    for start in starts:
        colon = next((t.i for t in doc[start : start + _LABEL_MAX_WORDS + 1] if t.text == ":"), None)
        if colon is None or colon == start or paragraph[colon] != paragraph[start]:
            continue
        label = doc[start:colon]
        words = [t for t in label if t.is_alpha]
        if not words or any(t.lower_ in _NOT_SPEAKER_LABELS or t.pos_ in _NOT_IN_NAMES for t in words):
            continue
        if not all(t.text[0].isupper() or t.lower_ in ("of", "the", "and") for t in words):  # "McCain" too
            continue
        if any((t.pos_ == "ADP" and t.lower_ != "of") or t.lower_ in _HEADLINE_WORDS for t in words):
            continue
        head = words[-1]
        shouting = all(t.is_upper and len(t) > 1 for t in words)  # transcripts print speakers in capitals
        named = any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN" for t in label)
        if not (shouting or named or head.lemma_.lower() in ROLE_NOUNS or head.lemma_.lower() in MESSAGE_NOUNS):
            continue
        end = colon + 1
        while end < len(doc) and paragraph[end] == paragraph[start]:
            end += 1
        content = _trim(doc, colon + 1, end)
        if content is None or sum(1 for t in doc[content[0] : content[1]] if t.is_alpha) < 2:
            continue
        if _is_name_list(doc[content[0] : content[1]]):
            continue  # "Iowa: Tim Albrecht, Brad Anderson, …" lists people; it says nothing
        if quote_of_token[colon + 1] != -1 and quote_of_token[colon + 1] == quote_of_token[content[1] - 1]:
            continue  # "Name: “…”" is a quotation, attributed with its marks
        first, last = doc[content[0]], doc[content[1] - 1]
        item = _Found(first.idx, last.idx + len(last), "indirect", speaker=head, speaker_span=(words[0].i, colon))
        item.cue_span = (doc[colon].idx, doc[colon].idx + 1)
        found.append(item)
    return found


def _is_name_list(tokens: Span) -> bool:
    words = [t for t in tokens if t.is_alpha]
    commas = sum(1 for t in tokens if t.text == ",")
    return commas >= 3 and sum(1 for t in words if t.pos_ == "PROPN") * 10 >= len(words) * 8


def _takes_a_that_clause(verb: Token) -> bool:
    """ "Trump knows that …", "she learned that …": any verb with a that-clause reports a thought or a word."""
    if verb.pos_ != "VERB":
        return False
    return any(
        child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        for child in verb.children
    )


def _same_sentence(doc: Doc, token_i: int, char: int) -> bool:
    sentence = doc[token_i].sent
    return sentence.start_char <= char < sentence.end_char


def _cue_token(doc: Doc, found: _Found) -> int:
    if found.cue_span is None:
        return 0
    span = doc.char_span(found.cue_span[0], found.cue_span[1], alignment_mode="expand")
    return span.start if span is not None else 0


def _within(found: _Found, char: int) -> bool:
    """The character lies in the statement's content (in one of its parts, when it has a gap)."""
    return any(a <= char < b for a, b in found.parts) if found.parts else found.start <= char < found.end


def _cue_char(found: _Found) -> int:
    if found.cue is not None:
        return found.cue.idx
    if found.cue_span is not None:
        return found.cue_span[0]
    return found.start


def _content_tokens(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """Token range of what a reporting verb reports, or None when it reports nothing here."""
    lemma = cue.lemma_.lower()
    parts: list[Token] = []
    naming = [c for c in cue.children if c.dep_ in ("oprd", "attr")] if lemma in NAMING_VERBS else []
    if naming:
        # "called the system “rotten to the core”": what is said is the thing named and the name given
        named = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
        start = min(c.left_edge.i for c in (*named, *naming))
        return _trim(doc, start, max(c.right_edge.i for c in naming) + 1)
    if lemma in SEEING_AS_VERBS:
        # "sees the state as fertile ground": the thing and what it is taken for; anything else they see is not
        # a stance ("saw a rise in prices")
        taken = [c for c in cue.children if c.i > cue.i and c.dep_ in ("dobj", "oprd")]
        as_phrase = [c for c in cue.children if c.i > cue.i and c.dep_ == "prep" and c.lower_ == "as"]
        if not as_phrase:
            return None
        if not taken:
            # "X is widely seen as Y": the passive subject joins the "as" phrase as the content, held by no one
            passive = any(c.dep_ == "nsubjpass" for c in cue.children)
            return _trim(doc, as_phrase[-1].i, as_phrase[-1].right_edge.i + 1) if passive else None
        return _trim(doc, min(c.left_edge.i for c in taken), as_phrase[-1].right_edge.i + 1)
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp"):
            parts.append(child)
        elif (
            child.dep_ == "advcl"
            and child.i > cue.i
            and any(c.dep_ == "mark" and c.lower_ == "for" and c.i == child.left_edge.i for c in child.children)
        ):
            parts.append(child)  # "called for the president to resign": the for-to clause is what was asked
        elif lemma in TOPIC_PREPOSITIONS and child.dep_ == "prep" and child.i > cue.i:
            if child.lower_ in TOPIC_PREPOSITIONS[lemma]:
                parts.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif lemma in OBJECT_CONTENT:
            if child.dep_ in ("dobj", "oprd", "acomp") or (
                child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS and child.i > cue.i
            ):
                parts.append(child)
        elif lemma not in ADDRESSEE_VERBS and lemma not in CLAUSE_ONLY and child.dep_ == "dobj" and child.i > cue.i:
            parts.append(child)  # "predicted a Republican triumph", "said it"
    if not parts:
        colon = cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":"
        if colon:
            sentence_end = doc[cue.i].sent.end
            if sentence_end > cue.i + 2:
                return _trim(doc, cue.i + 2, sentence_end)
        if cue.dep_ == "parataxis" and cue.head.i < cue.i:
            # "The economy is strong, he said, …": the clause before the verb is its content
            head = cue.head
            start = head.left_edge.i
            end = cue.left_edge.i
            return _trim(doc, start, end) if end > start else None
        return None
    start = min(p.left_edge.i for p in parts)
    end = max(p.right_edge.i for p in parts) + 1
    if start < cue.i < end:
        # content on both sides of the cue is two complements; keep the side after it
        start = min((p.left_edge.i for p in parts if p.i > cue.i), default=start)
    for part in parts:
        end = min(end, _end_before_appended_clause(doc, part, end))
    return _trim(doc, start, _end_before_aside(doc, start, end))


def _end_before_aside(doc: Doc, start: int, end: int) -> int:
    """Where the content stops before the writer's aside that closes the sentence after a comma: a relative
    clause on its last words ("…, which would give police more time"), an apposition ("…, an offer the
    leaders rebuffed"). The aside is the writer's, not part of what was reported."""
    for token in doc[start:end]:
        if token.right_edge.i + 1 < end or not start < token.head.i < token.left_edge.i:
            continue
        first = token.left_edge
        if first.i - 1 <= start or doc[first.i - 1].text != ",":
            continue
        aside = (token.dep_ == "relcl" and first.lower_ in _ASIDE_WORDS) or (
            token.dep_ == "appos" and first.lower_ in ("a", "an", "the")
        )
        if aside and not any(t.is_quote for t in doc[first.i : end]):
            return first.i - 1
    return end


def _end_before_appended_clause(doc: Doc, head: Token, end: int) -> int:
    """Where the content stops before a contrasting clause appended to it ("…, while most want …",
    "…, though …"): the contrast is the writer's, not part of what was reported."""
    for child in head.children:
        if child.i <= head.i or child.dep_ not in ("conj", "advcl") or child.i >= end:
            continue
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in _CONTRAST_MARKS for c in child.children):
            cut = child.left_edge.i
            while cut > head.i + 1 and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc"):
                cut -= 1
            end = min(end, cut)
    return end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if not any(t.is_alpha or t.like_num for t in doc[start:end]):
        return None
    return start, end


def _in_findings(doc: Doc, prep: Token) -> _Found | None:
    """ "In a Monday poll, Lee leads by 9 points", "Lee has sagged in the polls": a poll or a study the sentence
    reports from; its content the rest of the sentence."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or source.lemma_.lower() not in _FINDINGS_NOUNS:
        return None
    sentence = prep.sent
    phrase_start, phrase_end = prep.i, source.right_edge.i + 1
    before = _trim(doc, sentence.start, phrase_start) if phrase_start > sentence.start else None
    after = _trim(doc, phrase_end, sentence.end) if phrase_end < sentence.end else None
    sides = [
        side for side in (before, after) if side is not None and sum(t.is_alpha for t in doc[side[0] : side[1]]) >= 3
    ]
    if not sides:
        return None
    start, end = max(sides, key=lambda side: side[1] - side[0])
    found = _Found(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", speaker=source)
    found.cue_span = (prep.idx, prep.idx + len(prep))
    return found


def _according_to(doc: Doc, according: Token) -> _Found | None:
    """ "according to X, …" or "…, according to X": X said the rest of the sentence."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(doc) and doc[according.i + 1].lower_ == "to":
        to = doc[according.i + 1]
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    sentence = according.sent
    phrase_start, phrase_end = according.i, max(source.right_edge.i, to.i) + 1
    before = _trim(doc, sentence.start, phrase_start) if phrase_start > sentence.start else None
    after = _trim(doc, phrase_end, sentence.end) if phrase_end < sentence.end else None
    sides = [s for s in (before, after) if s is not None]
    if not sides:
        return None
    start, end = max(sides, key=lambda s: s[1] - s[0])
    found = _Found(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", speaker=source)
    found.cue_span = (according.idx, to.idx + len(to))
    return found


# --- records ----------------------------------------------------------------------------------------------


def _speaker_phrase(doc: Doc, head: Token, found: _Found) -> tuple[int, int]:
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


def _to_quote(doc: Doc, found: _Found, resolver: SpeakerResolver, state: DocState, number: int) -> Quote:
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


@Language.component("newsledger_quotes", assigns=["doc._.newsledger"])
def quotes_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.quotes = extract_quotes(doc, state)
    return doc
