"""Claims: who asserts, denies or leaves unverified which proposition, and which claims contradict which.

Runs after events and quantities (`newsledger_claims`), and makes one claim per asserted, denied or unverified
proposition:
- statements (`state.quotes`, direct or reported) whose cue asserts, claims, confirms, denies or dismisses a
  factual clause ("the group says X", "Y denied that X", "Z dismissed the claim as false");
- events whose status is claimed, denied or unverified (`Event.claim` points at the claim);
- reporter-voiced hedges: "unverified footage shows X" (stance unverified), "there are conflicting reports
  regarding X" (stance uncertain, disputing the claim it is about).
Claims that contradict each other are linked both ways through `disputes`: a denial whose object names another
claim or its claimant ("the X claim of victory"), or opposite stances on overlapping content. Each side keeps its
own figure and evidence; nothing is collapsed.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.actors import token_arrays, token_lowers
from newsledger.extract.lexicon.reporting import UNCOMPARED_REPORTING_WORDS
from newsledger.model import REPORTER, Claim, ClaimStance, Event, Mention, Quote
from newsledger.nlp.arrays import doc_arrays
from newsledger.nlp.state import DocState, doc_text, get_state, records_attrs, span_text

# Quote cue polarity (extract/quoting/lexicon.py) -> claim stance. "say" statements are claims when they assert a
# fact (a finite clause that is not about the future); pledges, urges and warnings are not claims.
STANCE_OF_POLARITY: dict[str, ClaimStance] = {
    "say": "asserts",
    "claim": "asserts",
    "confirm": "asserts",
    "deny": "denies",
    "dismiss": "denies",
}
# Event status -> claim stance.
STANCE_OF_STATUS: dict[str, ClaimStance] = {"claimed": "asserts", "denied": "denies", "unverified": "unverified"}
_FUTURE_OR_MODAL = frozenset({"will", "would", "shall", "should", "could", "may", "might", "must", "can", "ca"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_LIGHT_LEMMAS = (
    frozenset(
        "be have do statement official officials spokesman spokeswoman spokesperson also still there here now just "
        "even false true".split()
    )
    | UNCOMPARED_REPORTING_WORDS
)
_PROPOSITION_WORDS = 24


@lru_cache(maxsize=1)
def claim_lexicon() -> dict[str, tuple[str, ...]]:
    """The stance lexicon shared with the headline stance classifier (eval/stance.py)."""
    raw = json.loads((resources.files("newsledger") / "data" / "stance" / "lexicon.json").read_text(encoding="utf-8"))
    return {key: tuple(v.lower() for v in values) for key, values in raw.items() if isinstance(values, list)}


@dataclass
class _Draft:
    """A claim under construction, with what linking needs and the record has no room for."""

    claimant: str
    stance: ClaimStance
    proposition: str
    evidence: list[Mention]
    start: int  # where the claim is made (for ordering and nearness)
    sentence: int  # index of its sentence
    paragraph: int
    content: set[str]  # content lemmas of the proposition, names of actors and places left out
    mentioned: set[str]  # entity ids inside the proposition
    about_claim: bool = False  # the proposition is itself a claim ("the X claim of victory")
    competing_accounts: bool = False  # a reporter's hedge about accounts that differ ("conflicting reports")
    events: set[str] = field(default_factory=set)
    disputes: set[int] = field(default_factory=set)


# --- the component ---------------------------------------------------------------------------------------------


@Language.component(
    "newsledger_claims",
    requires=["token.dep", "token.lemma", *records_attrs("entities", "quotes", "events")],
    assigns=["doc._.newsledger", *records_attrs("claims", "events")],  # an event's claim
)
def claims_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.claims, state.events = extract_claims(doc, state)
    return doc


# --- claims ----------------------------------------------------------------------------------------------------


def extract_claims(doc: Doc, state: DocState) -> tuple[list[Claim], list[Event]]:
    sentences, paragraphs = _sentences(doc)
    drafts: list[_Draft] = []
    for quote in state.quotes:
        draft = _claim_of_quote(doc, quote, state, sentences, paragraphs)
        if draft is not None:
            _add(drafts, draft)
    for sentence_index, sentence in enumerate(sentences):
        hedge = _reporter_hedge(sentence)
        if hedge is not None:
            draft = _claim_of_hedge(doc, sentence, sentence_index, hedge, state, paragraphs)
            earlier = [d for d in drafts if d.sentence < sentence_index and d.claimant != REPORTER]
            # "The claim could not be verified" qualifies an assertion, not the denial that may follow it
            earlier = [d for d in earlier if d.stance == "asserts"] or earlier
            if hedge[0] == "unverified" and len(draft.proposition.split()) <= 3 and earlier:
                # "The claim could not be verified": the proposition is the claim just made
                previous = max(earlier, key=lambda d: d.start)
                draft.proposition, draft.content = previous.proposition, set(previous.content)
            _add(drafts, draft)
    events = list(state.events)
    for event in events:
        if event.status in STANCE_OF_STATUS:
            owner = _claim_covering(drafts, event)
            if owner is None:
                made = _claim_of_event(doc, event, state, sentences, paragraphs)
                owner = _add(drafts, made) if made is not None else None
            if owner is not None:
                owner.events.add(event.id)
    drafts.sort(key=lambda d: d.start)
    _link_disputes(drafts, state)
    ids = {id(d): f"c{n}" for n, d in enumerate(drafts, start=1)}
    claims = [
        Claim(
            id=ids[id(d)],
            claimant=d.claimant,
            stance=d.stance,
            proposition=d.proposition,
            evidence=tuple(d.evidence),
            disputes=tuple(sorted((ids[id(drafts[i])] for i in d.disputes), key=lambda c: int(c[1:]))),
        )
        for d in drafts
    ]
    claim_of_event = {event_id: ids[id(d)] for d in drafts for event_id in d.events}
    events = [
        dataclasses.replace(e, claim=claim_of_event[e.id]) if e.id in claim_of_event and e.claim is None else e
        for e in events
    ]
    return claims, events


def _add(drafts: list[_Draft], draft: _Draft) -> _Draft:
    """Statements of one claimant with one stance in one sentence are one claim with several pieces of evidence."""
    for other in drafts:
        if other.sentence == draft.sentence and other.claimant == draft.claimant and other.stance == draft.stance:
            for mention in draft.evidence:
                if any(m.start <= mention.start and mention.end <= m.end for m in other.evidence):
                    continue
                other.evidence = [m for m in other.evidence if not (mention.start <= m.start and m.end <= mention.end)]
                other.evidence.append(mention)
            other.evidence.sort(key=lambda m: m.start)
            other.content |= draft.content
            other.mentioned |= draft.mentioned
            other.about_claim |= draft.about_claim
            other.start = min(other.start, draft.start)
            return other
    drafts.append(draft)
    return draft


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """spaCy's sentences, cut again at line breaks (a closing quotation mark at the end of a paragraph often hides
    the boundary), with the paragraph of each."""
    sentences: list[Span] = []
    paragraphs: list[int] = []
    paragraph = 0
    # Line breaks from the per-doc token cache (a token's trailing whitespace is at most one space, so a line
    # break is always in a token's own text): walking every sentence makes a Token object per word.
    line_break = token_arrays(doc).newline_after
    for sentence in doc.sents:
        start = sentence.start
        for i in range(sentence.start, sentence.end):
            if line_break[i]:
                if i + 1 > start and not doc[i].is_space:
                    sentences.append(doc[start : i + 1])
                    paragraphs.append(paragraph)
                elif i > start:
                    sentences.append(doc[start:i])
                    paragraphs.append(paragraph)
                start = i + 1
                paragraph += 1
        if start < sentence.end:
            sentences.append(doc[start : sentence.end])
            paragraphs.append(paragraph)
    return sentences, paragraphs


def _sentence_index(sentences: list[Span], char: int) -> int:
    for index, sentence in enumerate(sentences):
        if sentence.start_char <= char < sentence.end_char + 1:
            return index
    return len(sentences) - 1


def _claim_of_quote(
    doc: Doc, quote: Quote, state: DocState, sentences: list[Span], paragraphs: list[int]
) -> _Draft | None:
    if quote.kind == "partial":
        return None
    hedged = _unverified_words(doc, quote)
    stance = STANCE_OF_POLARITY.get(quote.polarity or "") or ("unverified" if hedged else None)
    content_end = quote.end
    for inside in (quote.speaker_start, quote.cue_start):
        # a quotation whose span runs on over its own attribution ('"…," Ryan said'): the content stops before it
        if inside is not None and quote.start < inside < content_end and not quote.parts:
            content_end = inside
    content = doc.char_span(quote.start, content_end, alignment_mode="expand")
    if content is None:
        return None
    refutes = _refutes_a_claim(content)
    if refutes:  # "said the reports were baseless", "called the allegations lies": whatever the cue, a denial
        stance = "denies"
    if stance is None:
        return None
    claimant = quote.speaker
    if hedged:
        claimant, stance = REPORTER, "unverified"
    if claimant is None:
        return None
    cue = None
    if quote.cue_start is not None and quote.cue_end is not None:
        cue = doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    about_claim = _names_a_claim(content) or refutes
    if stance == "denies" and not about_claim and cue is not None and _refuses_an_offer(cue, content):
        return None  # "rejected a proposal for a debate": an act (the event's REJECT), not a denial of what is said
    if stance == "asserts" and not hedged and not _asserts_a_fact(content, cue, plain=quote.polarity == "say"):
        return None
    statement_start = min(x for x in (quote.start, quote.cue_start, quote.speaker_start) if x is not None)
    statement_end = max(x for x in (quote.end, quote.cue_end, quote.speaker_end) if x is not None)
    evidence = [Mention(statement_start, statement_end, doc_text(doc)[statement_start:statement_end])]
    if cue is not None and _is_object_content(content) and not hedged:
        proposition = _short(f"{span_text(cue)} {span_text(content)}")
    elif hedged:
        proposition = _short(_without_words(doc_text(doc)[statement_start:statement_end], hedged))
    else:
        proposition = _short(span_text(content))
    sentence = _sentence_index(sentences, quote.cue_start if quote.cue_start is not None else quote.start)
    return _Draft(
        claimant=claimant,
        stance=stance,
        proposition=proposition,
        evidence=evidence,
        start=statement_start,
        sentence=sentence,
        paragraph=paragraphs[sentence],
        content=_content_lemmas(_up_to_saying(content)),
        mentioned=_entities_in(_up_to_saying(content), state),
        about_claim=about_claim,
    )


def _up_to_saying(content: Span) -> Span:
    """The statement without its trailing "…, saying …" (a second statement the proposition leaves out too)."""
    for token in content[3:]:
        if token.lower_ == "saying":
            return content.doc[content.start : token.i]
    return content


def _asserts_a_fact(content: Span, cue: Span | None, *, plain: bool = False) -> bool:
    """A finite clause about the past or present: "X has fled", "Y is captured" (not "to do", "will do").

    After a plain "say" the clause must report something that happened ("X was killed", "Y has fled", "Z is
    captured"): "she's a disgrace" is an opinion, not a claim to dispute.
    """
    if span_text(content).lstrip().lower().startswith("to "):
        return False
    arrays = doc_arrays(content.doc)
    verbs = [
        content.doc[i]
        for i in range(content.start, content.end)
        if arrays.pos[i] in ("VERB", "AUX") and arrays.dep[i] in ("ROOT", "ccomp", "relcl", "conj", "advcl")
    ]
    root = content.root
    main = root if root.pos_ in ("VERB", "AUX") else (verbs[0] if verbs else None)
    if main is None:
        # an object ("declared victory over X") asserts when the cue itself declares or claims
        return cue is not None and cue.lemma_.lower() in claim_lexicon()["claim_verbs"]
    if any(c.lower_ in _FUTURE_OR_MODAL for c in main.children if c.dep_ == "aux"):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in main.children)
    if plain:
        happened = main.tag_ in ("VBD", "VBN") or any(
            c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in main.children
        )
        return has_subject and happened and main.lemma_.lower() != "be"
    return has_subject or main.tag_ in ("VBD", "VBZ", "VBP", "VBN")


def _is_object_content(content: Span) -> bool:
    root = content.root
    dep = doc_arrays(content.doc).dep
    return root.pos_ not in ("VERB", "AUX") and not any(
        dep[i] in ("nsubj", "nsubjpass") for i in range(content.start, content.end)
    )


# Cues that refuse something offered as well as deny something said: with a plain object that is no claim
# ("rejected the proposal", "turned down the invitation") they report the refusal, not a statement.
_REFUSING_CUES = frozenset({"reject", "refuse", "decline", "spurn", "rebuff"})


# Objects that are something said even when they are no claim noun: "rejected that argument" denies it.
_SAID_THINGS = frozenset(
    "argument notion idea suggestion characterization characterisation premise view theory criticism accusation "
    "charge comparison description assessment conclusion interpretation".split()
)


def _refuses_an_offer(cue: Span, content: Span) -> bool:
    return (
        _is_object_content(content)
        and content.root.lemma_.lower() not in _SAID_THINGS
        and any(t.lemma_.lower() in _REFUSING_CUES for t in cue)
    )


def _refutes_a_claim(content: Span) -> bool:
    """The statement calls a claim, report or allegation false ("the reports were baseless")."""
    lexicon = claim_lexicon()
    words = set(token_lowers(content.doc)[content.start : content.end])
    return bool(words & set(lexicon["claim_nouns"])) and bool(words & set(lexicon["refuting"]) - {"deny", "denied"})


def _names_a_claim(content: Span) -> bool:
    nouns = set(claim_lexicon()["claim_nouns"])
    return any(word in nouns for word in token_lowers(content.doc)[content.start : content.end])


def _unverified_words(doc: Doc, quote: Quote) -> list[str]:
    """Unverified-lexicon words in the statement's speaker phrase or cue ("the unverified footage shows")."""
    start = min(x for x in (quote.speaker_start, quote.cue_start, quote.start) if x is not None)
    end = max(x for x in (quote.speaker_end, quote.cue_end) if x is not None) if quote.cue_end else quote.start
    text = doc_text(doc)[start:end].lower()
    if _any_unverified_pattern().search(text) is None:
        return []
    return [w for w in claim_lexicon()["unverified"] if _has_phrase(text, w)]


@lru_cache(maxsize=1)
def _any_unverified_pattern() -> re.Pattern[str]:
    # One search says whether any of the ~20 phrases is there (mostly none), before a search per phrase; the
    # word-boundary test before them is made once per position, as in `_any_hedge_pattern`.
    phrases = claim_lexicon()["unverified"]
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(phrase) for phrase in phrases) + r")(?![\w-])")


def _has_phrase(text: str, phrase: str) -> bool:
    return _phrase_pattern(phrase).search(text) is not None


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def _without_words(text: str, words: list[str]) -> str:
    for word in words:
        text = re.sub(rf"(?i)(?<![\w-]){re.escape(word)}\s*", "", text)
    text = re.sub(r"(?i)^(the|a|an)\s+", "", text.strip())
    return text


@lru_cache(maxsize=1)
def _any_hedge_pattern() -> re.Pattern[str]:
    # Every phrase `_reporter_hedge` looks for, in one pattern: most sentences hold none, and one search then
    # tells so where a search per phrase took ~20. The word-boundary test before the phrases is made once per
    # position, not once per phrase: 13 times faster on news sentences, the same sentences found.
    lexicon = claim_lexicon()
    phrases = [*lexicon["uncertain"], *(p for p in lexicon["unverified"] if " " in p)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(phrase) for phrase in phrases) + r")(?![\w-])")


def _reporter_hedge(sentence: Span) -> tuple[ClaimStance, str] | None:
    """("uncertain"|"unverified", the phrase) when the reporter hedges the sentence's content."""
    text = doc_text(sentence.doc)[sentence.start_char : sentence.end_char].lower()  # Span.text, from the cache
    if _any_hedge_pattern().search(text) is None:
        return None
    lexicon = claim_lexicon()
    for phrase in lexicon["uncertain"]:
        if _has_phrase(text, phrase):
            return "uncertain", phrase
    for phrase in lexicon["unverified"]:
        if " " in phrase and _has_phrase(text, phrase):  # "could not be verified"; single words ride on statements
            return "unverified", phrase
    return None


def _claim_of_hedge(
    doc: Doc, sentence: Span, index: int, hedge: tuple[ClaimStance, str], state: DocState, paragraphs: list[int]
) -> _Draft:
    stance, phrase = hedge
    text = sentence.text.strip()
    lower = text.lower()
    at = lower.find(phrase)
    topic = text[at + len(phrase) :].strip(" .,:;")
    for lead in ("regarding ", "about ", "over ", "on ", "as to ", "concerning ", "of ", "whether ", "if "):
        if topic.lower().startswith(lead):
            topic = topic[len(lead) :]
            break
    proposition = _short(topic if stance == "uncertain" and topic else _without_words(text, [phrase]))
    start = sentence.start_char
    topic_span = doc.char_span(start + at, sentence.end_char, alignment_mode="expand") or sentence
    return _Draft(
        claimant=REPORTER,
        stance=stance,
        proposition=proposition,
        evidence=[Mention(start, start + len(text), text)],
        start=start,
        sentence=index,
        paragraph=paragraphs[index],
        content=_content_lemmas(topic_span),
        mentioned=_entities_in(topic_span, state),
        competing_accounts=phrase in claim_lexicon()["competing_accounts"],
    )


def _claim_covering(drafts: list[_Draft], event: Event) -> _Draft | None:
    for draft in drafts:
        if any(m.start <= event.trigger.start and event.trigger.end <= m.end for m in draft.evidence):
            return draft
    return None


def _claim_of_event(
    doc: Doc, event: Event, state: DocState, sentences: list[Span], paragraphs: list[int]
) -> _Draft | None:
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None:
        return None
    index = _sentence_index(sentences, trigger.start_char)
    sentence = sentences[index]
    clause = _clause_of(trigger.root)
    # inside a statement, the proposition is what the statement says (the clause may run on into its attribution)
    quote = min(
        (
            q
            for q in state.quotes
            if q.start <= trigger.start_char and trigger.end_char <= q.end and q.kind != "partial"
        ),
        key=lambda q: q.end - q.start,
        default=None,
    )
    if quote is not None:
        said = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if said is not None and len(said) < len(clause) + 40:
            clause = said
    clause = clause if clause.start >= sentence.start else doc[sentence.start : clause.end]
    claimant = event.according_to or REPORTER
    return _Draft(
        claimant=claimant,
        stance=STANCE_OF_STATUS[event.status],
        proposition=_short(clause.text),
        evidence=[Mention(sentence.start_char, sentence.end_char, sentence.text)],
        start=sentence.start_char,
        sentence=index,
        paragraph=paragraphs[index],
        content=_content_lemmas(clause),
        mentioned=_entities_in(clause, state),
    )


def _clause_of(token: Token) -> Span:
    """The clause a trigger heads: its subtree, or its verb's subtree when the trigger is a noun."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    doc = token.doc
    return doc[head.left_edge.i : head.right_edge.i + 1]


# Words that say the same thing of a place or of people: a town that "fell" was "captured"; people "killed"
# are "dead". A denial of one is a denial of the other.
_SAME_MEANING = {
    **dict.fromkeys("capture recapture retake seize overrun take fall liberate control".split(), "(control)"),
    **dict.fromkeys("kill die dead death".split(), "(death)"),
}


def _content_lemmas(span: Span) -> set[str]:
    """What a proposition is about, in words: actors and places are compared through entity ids instead, so two
    statements that merely name the same group do not read as the same proposition."""
    return {
        _SAME_MEANING.get(t.lemma_.lower(), t.lemma_.lower())
        for t in span
        if t.pos_ in _CONTENT_POS
        and t.pos_ != "PROPN"
        and not t.ent_type_
        and not t.is_stop
        and t.lemma_.lower() not in _LIGHT_LEMMAS
        and len(t.text) > 1
    }


def _entities_in(span: Span, state: DocState) -> set[str]:
    return {state.entity_of_token[t.i] for t in span if t.i in state.entity_of_token}


_TRAILING_ATTRIBUTION = re.compile(
    r"""[,.!?]?\s*(?:["”]|'')\s*,?\s+(?:\w+\.?\s+){0,3}(?:said|says|added|adds|told|asked|wrote)\b.*$"""
)


# a full stop that ends a sentence, not an initial ("Paul D. Ryan") or a title ("Mr. Smith")
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)\. (?=[A-Z“\"])"
)


def _short(text: str) -> str:
    """A proposition is short: the text up to a clause break, at most a couple of dozen words."""
    text = " ".join(text.split())
    text = _TRAILING_ATTRIBUTION.sub("", text)  # '… a fun event," he said'
    text = text.strip(" “”\"'.,;:")
    if text.lower().startswith("that "):
        text = text[5:]
    for stop in (", saying ", " saying ", "; ", " — "):
        cut = text.find(stop)
        if cut > 20:
            text = text[:cut]
    sentence_break = _SENTENCE_BREAK.search(text, 20)
    if sentence_break is not None:
        text = text[: sentence_break.start() + 1]
    words = text.split()
    if len(words) > _PROPOSITION_WORDS:
        text = " ".join(words[:_PROPOSITION_WORDS]) + " …"
    return text


# --- disputes --------------------------------------------------------------------------------------------------


def _claimant_group(claimant: str, state: DocState) -> set[str]:
    """A claimant and the organization it speaks for (a spokesman speaks for the group)."""
    group = {claimant}
    entity = state.entity(claimant)
    if entity is not None and entity.affiliation:
        group.add(entity.affiliation)
    return group


def _link_disputes(drafts: list[_Draft], state: DocState) -> None:
    def link(a: int, b: int) -> None:
        if a != b:
            drafts[a].disputes.add(b)
            drafts[b].disputes.add(a)

    for i, denial in enumerate(drafts):
        if denial.stance == "denies":
            for j in _denied(i, drafts, state):
                link(i, j)
        elif denial.stance == "uncertain" and denial.competing_accounts:
            nearest = _nearest_asserted(i, drafts)
            if nearest is not None:
                link(i, nearest)
        elif denial.stance == "uncertain":
            # an open question ("it is unclear whether X") contradicts only a claim that answers it in its words
            for j in _answered(i, drafts):
                link(i, j)
    # opposite stances on the same event
    for i, a in enumerate(drafts):
        for j in range(i + 1, len(drafts)):
            b = drafts[j]
            if a.events & b.events and {a.stance, b.stance} == {"asserts", "denies"}:
                link(i, j)
    # an assertion made in the same breath as a denial ("dismissed X as false, insisting Y") contradicts X too
    for i, a in enumerate(drafts):
        if a.stance != "asserts":
            continue
        for denial in drafts:
            if denial.stance == "denies" and denial.sentence == a.sentence and denial.claimant == a.claimant:
                for k in list(denial.disputes):
                    if drafts[k].claimant != a.claimant:
                        link(i, k)


# How many paragraphs apart a denial and a claim may stand when only their actors and a few words tie them.
NEAR_PARAGRAPHS = 3


def _denied(i: int, drafts: list[_Draft], state: DocState) -> list[int]:
    """The claims a denial contradicts: those it names ("the X claim of victory") or whose content it negates."""
    denial = drafts[i]
    mine = _claimant_group(denial.claimant, state)
    targets = []
    for j, other in enumerate(drafts):
        if j == i or other.stance not in ("asserts", "unverified") or _claimant_group(other.claimant, state) & mine:
            continue
        overlap = len(denial.content & other.content)
        named_claimant = bool(_claimant_group(other.claimant, state) & denial.mentioned)
        shared_actors = bool(denial.mentioned & other.mentioned) or named_claimant
        if denial.about_claim and denial.mentioned:
            # "the X claim of victory": X's claims about the same thing
            if named_claimant and (overlap >= 1 or denial.mentioned & other.mentioned):
                targets.append(j)
        else:
            # "denied that X": the same words as X, and most of the words, or the same actors close by (a denial
            # far from a claim that shares with it only the article's people and a couple of its words, "support"
            # and "win" in an election report, is about something else)
            share = overlap / max(1, min(len(denial.content), len(other.content)))
            whole = overlap == len(denial.content)  # every word of what is denied is in the claim
            near = abs(denial.paragraph - other.paragraph) <= NEAR_PARAGRAPHS
            if overlap >= 2 and share >= 0.4 and ((shared_actors and near) or whole or (overlap >= 3 and share >= 0.6)):
                targets.append(j)
    if not targets and denial.about_claim:
        # "dismissed the claim as false" with no word in common: the nearest earlier claim of the named claimant
        named = [
            j
            for j, other in enumerate(drafts)
            if j < i and other.stance == "asserts" and _claimant_group(other.claimant, state) & denial.mentioned
        ]
        if named:
            targets.append(named[-1])
        elif not denial.mentioned:
            # "the reports were baseless": the assertion just made by someone else
            recent = [
                j
                for j, other in enumerate(drafts)
                if j < i
                and other.stance == "asserts"
                and denial.sentence - other.sentence <= 2
                and not (_claimant_group(other.claimant, state) & mine)
            ]
            if recent:
                targets.append(recent[-1])
    return targets


def _answered(i: int, drafts: list[_Draft]) -> list[int]:
    """The nearby claims that state as fact what a reporter's open question asks: most of the question's content
    words, not just its topic ("unclear whether X was ready" is no dispute of a quote that merely names X)."""
    question = drafts[i]
    answers = []
    for j, d in enumerate(drafts):
        if j == i or d.claimant == REPORTER or d.stance != "asserts" or abs(d.sentence - question.sentence) > 2:
            continue
        overlap = len(question.content & d.content)
        if overlap >= 2 and overlap / max(1, len(question.content)) >= 0.5:
            answers.append(j)
    return answers


def _nearest_asserted(i: int, drafts: list[_Draft]) -> int | None:
    """The claim a reporter's "conflicting reports" are about: content overlap first, else the nearest in the
    paragraph (the next sentence's claim, then the previous one's)."""
    hedge = drafts[i]
    candidates = [
        j
        for j, d in enumerate(drafts)
        if j != i
        and d.claimant != REPORTER
        and d.stance in ("asserts", "denies")
        and abs(d.sentence - hedge.sentence) <= 2
    ]
    same_paragraph = [j for j in candidates if drafts[j].paragraph == hedge.paragraph] or candidates
    if not same_paragraph:
        return None
    overlapping = [j for j in same_paragraph if drafts[j].content & hedge.content]
    if overlapping:
        return min(overlapping, key=lambda j: abs(drafts[j].sentence - hedge.sentence))
    return min(
        same_paragraph, key=lambda j: (abs(drafts[j].sentence - hedge.sentence), drafts[j].sentence < hedge.sentence)
    )
