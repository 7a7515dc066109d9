"""Reported speech without marks: a reporting verb or noun and its content ("X says that …", "X denied
there were …", "according to X, …"), statements held or implied ("her decision to run", "reportedly"), and
paragraphs labelled with their speaker ("WALLACE: …")."""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span, Token

from newsledger.extract.actors import token_lowers
from newsledger.extract.entities import headline_region
from newsledger.extract.event_lexicon import ATTACKABLE_PLACES
from newsledger.extract.lexicon.reporting import REPORTING_VERBS, SPOKEN_POLARITIES
from newsledger.extract.quoting.found import Found, is_cue, speaker_of
from newsledger.extract.quoting.lexicon import (
    ADDRESSEE_VERBS,
    ALSO_VIOLENCE,
    ATTITUDE_ADJECTIVES,
    ATTITUDE_NOUNS,
    CLAUSE_ONLY,
    MESSAGE_NOUNS,
    NAMING_VERBS,
    OBJECT_CONTENT,
    ROLE_NOUNS,
    SEEING_AS_VERBS,
    SEEMING_VERBS,
    STANCE_VERBS,
    TOPIC_PREPOSITIONS,
)
from newsledger.extract.quoting.speakers import subject_of
from newsledger.nlp.arrays import doc_arrays

_OBJECT_PREPS = {"as", "of", "for", "about", "against", "on", "over", "to"}
_CONTRAST_MARKS = frozenset({"while", "whereas", "though", "although", "however"})
_ASIDE_WORDS = frozenset({"which", "who", "whom", "when", "where"})
_HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "rumoredly"})
_ATTITUDE_PREPS = frozenset({"of", "about", "that", "to", "with", "in", "on", "over"})
_FINDINGS_NOUNS = frozenset({"poll", "survey", "study"})
_LABEL_MAX_WORDS = 5  # "Sen. Elizabeth Warren (D-Mass.):" is about as long as a speaker label gets
# a label holding these is a headline's phrase ("Stealth Over Health:", "X Wades In:"), not a name
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "ADV", "PRON", "SCONJ"})
# the same in title case, where the tagger often takes every word for a proper noun
_HEADLINE_WORDS = frozenset(
    "over in on at to for from with by into out up down about after before under against vs versus is are was "
    "were will can not no how why what when".split()
)
# Labels that open a paragraph with a colon but name no speaker ("UPDATE:", "Photo:", "READ MORE:")
_NOT_SPEAKER_LABELS = frozenset(
    "update updated note editor correction clarification breaking exclusive opinion analysis related watch live "
    "read more see also photo photos video videos image images source sources credit click subscribe follow "
    "advertisement warning spoiler disclosure byline q look stat".split()
)


def reported_speech(doc: Doc, quote_of_token: list[int], direct: list[Found], paragraph: list[int]) -> list[Found]:
    quoted_chars = [(f.start, f.end) for f in direct if f.kind == "direct"]
    used_cues = {f.cue.i for f in direct if f.cue is not None and f.kind == "direct"}
    candidates: list[Found] = []
    according: list[Found] = []
    findings: list[Found] = []
    for i in _worth_a_look(doc, quote_of_token):
        token = doc[i]
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
            if not _covered(around, quoted_chars) and speaker_of(doc, token, paragraph, quote_of_token) is not None:
                around.speaker = speaker_of(doc, token, paragraph, quote_of_token)
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
            candidates.append(Found(start_char, end_char, "indirect", cue=token))
            continue
        speaker = speaker_of(doc, token, paragraph, quote_of_token)
        if speaker is not None and speaker.dep_ == "nsubjpass" and speaker.head.i == token.i:
            # "Trump is expected to attend": an expectation with no one named who holds it; what is expected
            # is the subject doing the rest
            if paragraph[speaker.left_edge.i] == paragraph[token.i] and speaker.left_edge.i < start:
                start_char = doc[speaker.left_edge.i].idx
                candidates.append(Found(start_char, end_char, "indirect", cue=token))
            continue
        if speaker is None:
            continue
        candidates.append(Found(start_char, end_char, "indirect", cue=token, speaker=speaker))
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
        reported = [
            c for c in reported if c.cue is not None and REPORTING_VERBS.get(c.cue.lemma_.lower()) in SPOKEN_POLARITIES
        ]
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


def _covered(found: Found, quoted_chars: list[tuple[int, int]]) -> bool:
    """Half or more of the statement is a quotation in marks, or it starts inside one: the quotation has it."""
    spans = found.parts or [(found.start, found.end)]
    length = sum(b - a for a, b in spans)
    covered = sum(max(0, min(end, b) - max(start, a)) for start, end in spans for a, b in quoted_chars)
    return covered * 2 >= length or any(a <= found.start < b for a, b in quoted_chars)


def _parenthetical(doc: Doc, cue: Token, paragraph: list[int]) -> Found | None:
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
    found = Found(parts[0][0], parts[1][1], "indirect", cue=cue)
    found.parts = parts
    return found


def _seeming(doc: Doc, verb: Token, paragraph: list[int]) -> Found | None:
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
    found = Found(parts[0][0], parts[-1][1], "indirect", cue=verb)
    if len(parts) > 1:
        found.parts = parts
    return found


def _attitude(doc: Doc, noun: Token, paragraph: list[int]) -> Found | None:
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
    return Found(start, end, "indirect", cue=noun, speaker=holder)


def _content_in_paragraph(doc: Doc, content: Token, cue: Token, paragraph: list[int]) -> tuple[int, int] | None:
    """The token range of what `content` heads, trimmed and stopped before an aside, if it stays in the cue's
    paragraph."""
    span = _trim(doc, content.left_edge.i, _end_before_aside(doc, content.left_edge.i, content.right_edge.i + 1))
    if span is None or paragraph[span[0]] != paragraph[cue.i] or paragraph[span[1] - 1] != paragraph[cue.i]:
        return None
    return span


def _attitude_of_subject(doc: Doc, adjective: Token, paragraph: list[int], quote_of_token: list[int]) -> Found | None:
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
    holder = speaker_of(doc, adjective.head, paragraph, quote_of_token)
    if holder is None or holder.i > adjective.i:
        return None
    start, end = _chars(doc, *span)
    return Found(start, end, "indirect", cue=adjective, speaker=holder)


def _made_clear(doc: Doc, verb: Token, paragraph: list[int], quote_of_token: list[int]) -> Found | None:
    """ "The mayor made (it) clear that the port would stay open": the clause is what the subject said."""
    clear = next((c for c in verb.children if c.lower_ in ("clear", "plain") and c.i > verb.i), None)
    if clear is None:
        return None
    clauses = [c for c in (*verb.children, *clear.children) if c.i > clear.i and c.dep_ in ("ccomp", "advcl")]
    if not clauses:
        return None
    span = _trim(doc, clauses[0].left_edge.i, clauses[0].right_edge.i + 1)
    speaker = speaker_of(doc, verb, paragraph, quote_of_token)
    if span is None or speaker is None or paragraph[span[1] - 1] != paragraph[verb.i]:
        return None
    start, end = _chars(doc, *span)
    return Found(start, end, "indirect", cue=verb, speaker=speaker)


def _reportedly(doc: Doc, adverb: Token, paragraph: list[int]) -> Found | None:
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
    found = Found(parts[0][0], parts[-1][1], "indirect", cue=adverb)
    if len(parts) > 1:
        found.parts = parts
    return found


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


# What a word outside quotation marks must be for the scan in `reported_speech` to do anything with it: one of
# these words or lemmas, or a verb with a that-clause; the scan reads the rest of each test from the Token itself.
_LOOKED_AT_WORDS = frozenset({"according", "in", *_HEARSAY_ADVERBS, *ATTITUDE_ADJECTIVES})


@functools.cache
def _looked_at_lemmas() -> frozenset[str]:
    return frozenset({"make", *SEEMING_VERBS, *ATTITUDE_NOUNS, *REPORTING_VERBS, *STANCE_VERBS})


def _worth_a_look(doc: Doc, quote_of_token: list[int]) -> list[int]:
    """The tokens `reported_speech` may act on, in text order, found from the per-doc arrays: walking every
    Token of the doc and reading its attributes cost more than everything the scan then does."""
    arrays, lowers = doc_arrays(doc), token_lowers(doc)
    lemmas = _looked_at_lemmas()
    that_clause_heads = {
        arrays.head[arrays.head[i]]
        for i, dep in enumerate(arrays.dep)
        if dep == "mark" and lowers[i] == "that" and arrays.dep[arrays.head[i]] == "ccomp"
    }
    return [
        i
        for i, (lower, lemma) in enumerate(zip(lowers, arrays.lemma_lower, strict=True))
        if quote_of_token[i] == -1 and (lower in _LOOKED_AT_WORDS or lemma in lemmas or i in that_clause_heads)
    ]


def _labelled_paragraphs(doc: Doc, quote_of_token: list[int], paragraph: list[int]) -> list[Found]:
    """ "WALLACE: Let me ask you …" (a transcript) and "Poll: Voters abandon …" (a headline): a paragraph that
    opens with a name and a colon is what the name said."""
    found: list[Found] = []
    is_space = doc_arrays(doc).is_space
    starts = [i for i in range(len(doc)) if not is_space[i] and (i == 0 or paragraph[i - 1] != paragraph[i])]
    headline = headline_region(doc)
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
        if headline is not None and headline[0] <= start < headline[1] and not _names_someone(words):
            continue  # "Officials: Car Bomb Kills 20" is the outlet's headline, not what no one named said
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
        item = Found(first.idx, last.idx + len(last), "indirect", speaker=head, speaker_span=(words[0].i, colon))
        item.cue_span = (doc[colon].idx, doc[colon].idx + 1)
        found.append(item)
    return found


def _names_someone(words: list[Token]) -> bool:
    """A headline's label names its source only with a name beside any title or role ("Governor McKenna:") or a
    document that speaks ("Poll:", "Report:"); in title case "Officials", "Police" or "Witnesses" look like
    names but name no one."""
    if words[-1].lemma_.lower() in MESSAGE_NOUNS or words[-1].lower_ in MESSAGE_NOUNS:
        return True
    return any(t.pos_ == "PROPN" and t.lemma_.lower() not in ROLE_NOUNS | MESSAGE_NOUNS for t in words)


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


def _cue_token(doc: Doc, found: Found) -> int:
    if found.cue_span is None:
        return 0
    span = doc.char_span(found.cue_span[0], found.cue_span[1], alignment_mode="expand")
    return span.start if span is not None else 0


def _within(found: Found, char: int) -> bool:
    """The character lies in the statement's content (in one of its parts, when it has a gap)."""
    return any(a <= char < b for a, b in found.parts) if found.parts else found.start <= char < found.end


def _cue_char(found: Found) -> int:
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
    if lemma in ALSO_VIOLENCE and any(c.dep_ == "dobj" and _is_physical_target(c) for c in cue.children):
        return None  # "Gunmen attacked a police checkpoint on Sunday": the act itself, reporting nothing
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


def _is_physical_target(token: Token) -> bool:
    """ "a police checkpoint", "the town", or "Kabul" when no named person attacks it: what one attacks with arms.
    A person attacking a named place ("Trump attacked Mexico") is taken to use words, and a name the model
    misreads as a place ("attacked Machado in tweets") stays a statement."""
    if token.lemma_.lower() in ATTACKABLE_PLACES:
        return True
    by_person = any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in token.head.children)
    return token.ent_type_ in ("GPE", "LOC", "FAC") and not by_person


def _end_before_aside(doc: Doc, start: int, end: int) -> int:
    """Where the content stops before the writer's aside that closes the sentence after a comma: a relative
    clause on its last words ("…, which would give police more time"), an apposition ("…, an offer the
    leaders rebuffed"). The aside is the writer's, not part of what was reported."""
    dep = doc_arrays(doc).dep
    # only a relative clause or an apposition can be an aside: the other words need no Token object
    for token in (doc[i] for i in range(start, end) if dep[i] in ("relcl", "appos")):
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


def _in_findings(doc: Doc, prep: Token) -> Found | None:
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
    found = Found(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", speaker=source)
    found.cue_span = (prep.idx, prep.idx + len(prep))
    return found


def _according_to(doc: Doc, according: Token) -> Found | None:
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
    found = Found(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", speaker=source)
    found.cue_span = (according.idx, to.idx + len(to))
    return found
