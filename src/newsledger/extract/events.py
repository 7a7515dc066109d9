"""Events: who did what to whom, where, when, and on whose word.

Each verb or event noun of the PLOVER trigger lexicon (`event_lexicon`) becomes an `Event`, read off the
dependency parse:
- type and mode from the trigger's lemma, refined by its context (a "strike" of workers is a protest; "resumed
  humanitarian flights" is aid; "ready to stop fighting" is an offer, not fighting);
- source and target from the trigger's subject/agent and object/patient ("with X" for clashes and meetings,
  "between X and Y", the possessor of an event noun, the subject of a light verb: "X held a meeting");
- place and date from the places and times extractors' helpers;
- status from the quote the trigger sits in and the words that govern it: reporting verbs (claim, deny),
  negation, modal verbs, future and planning ("will", "is expected to"), promises, conditions and hedges;
- for political violence, protest and strategic developments, the ACLED type and sub-type from the sub-type
  classifier (`event_classifier`), run once per candidate sentence in one batch.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from newsledger.extract import event_classifier
from newsledger.extract import event_lexicon as lexicon
from newsledger.extract.argument_actors import (
    CURRENT_RESOLVER,
    VICTIM_NOUNS,
    ArgumentResolver,
    is_device_subject,
    quote_around,
)
from newsledger.extract.arguments import event_arguments
from newsledger.extract.arguments_linker import in_a_place_mention
from newsledger.extract.entities import heading_lines
from newsledger.extract.event_classifier import shipped_classifier, shows_violence
from newsledger.extract.event_factuality import PROJECTILES, unreported
from newsledger.extract.places import event_place
from newsledger.extract.syntax import is_reduced_passive
from newsledger.extract.times import event_when
from newsledger.model import ACLED_OF_SUBTYPE, REPORTER, Event, EventStatus, Mention, Quote, TextSpan, TimeRef
from newsledger.nlp.arrays import doc_arrays, sentence_of
from newsledger.nlp.state import DocState, doc_text, get_state, records_attrs

# PLOVER types whose events ACLED codes, and the CASE-2021 sub-types each may take.
_BATTLE_AND_VIOLENCE = {
    "ARMED_CLASH",
    "GOV_REGAINS_TERIT",
    "NON_STATE_ACTOR_OVERTAKES_TER",
    "CHEM_WEAP",
    "AIR_STRIKE",
    "SUIC_BOMB",
    "ART_MISS_ATTACK",
    "REM_EXPLOS",
    "GRENADE",
    "SEX_VIOL",
    "ATTACK",
    "ABDUCT_DISSAP",
    "MOB_VIOL",
    "PROPERTY_DISTRUCT",
    "FORCE_AGAINST_PROTEST",
}
ACLED_SUBTYPES_OF_TYPE: dict[str, set[str]] = {
    "ASSAULT": _BATTLE_AND_VIOLENCE,
    "PROTEST": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"},
    "COERCE": {
        "ARREST",
        "PROPERTY_DISTRUCT",
        "DISR_WEAP",
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "GOV_REGAINS_TERIT",
        "PROTEST_WITH_INTER",
        "OTHER",
    },
    "MOBILIZE": {"CHANGE_TO_GROUP_ACT", "HQ_ESTABLISHED", "OTHER"},
    "RETREAT": {"NON_VIOL_TERRIT_TRANSFER", "AGREEMENT", "CHANGE_TO_GROUP_ACT", "OTHER"},
}
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "appos", "punct", "cc", "prep"}
# Violence whose author a group may claim ("an attack claimed by X", "X claimed responsibility for the attack").
CLAIMABLE_TYPES = frozenset({"ASSAULT", "COERCE"})
_TARGET_PREPOSITIONS = ("against", "with", "on", "at", "to", "for", "into")
_SOURCE_PREPOSITIONS = ("by", "from")
# A noun event under a verb's preposition has the verb's subject for its doer only where the preposition puts the
# subject in it ("X is in talks", "X left for a visit", "X went on strike", "X responded with attacks"); one
# that only relates the subject to it ("responded to the bombing", "heard bangs during the raids", "after the
# attacks, X kept the country safe") does not. "to" takes part with a verb of going ("X travelled to the
# summit"), and "during" with a meeting, where who speaks is among those meeting ("X said during talks").
_TAKING_PART_PREPOSITIONS = frozenset({"in", "for", "on", "at", "into", "with"})
_GOING_VERBS = frozenset({"go", "come", "travel", "head", "fly", "return", "arrive"})
# How sure a trigger is an event of its type: plain verbs, event nouns, and readings that needed context.
VERB_CONFIDENCE = 0.75
NOUN_CONFIDENCE = 0.6
CONTEXT_CONFIDENCE = 0.55
# How many sentences back a casualty word with no violence of its own may find the violence it reports.
CASUALTY_REACH = 2
PROTEST_SUBJECTS = frozenset("worker teacher doctor nurse union employee miner driver student farmer staff".split())


@dataclass
class _Trigger:
    token: Token
    type: str
    mode: str | None
    confidence: float
    mentions: list[Token] = field(default_factory=list)  # other words of the sentence reporting the same event


def extract_events(doc: Doc, state: DocState) -> list[Event]:
    """All events of the doc in text order, ids ev1, ev2, …"""
    run = _EventRun(doc, state)
    while run.request is not None:
        run.answer(event_classifier.embed_sentences(run.request))
    return run.events


# What `_extract_events` asks of its caller mid-way: the sentences to embed (MiniLM), answered with their vectors
# (a row per sentence) or None (no model). Asked at most once per doc, so that a batch of docs is embedded at once.
EmbeddingRequest = list[str]
_EventSteps = Generator[EmbeddingRequest, "np.ndarray | None", list[Event]]


class _EventRun:
    """One doc's `_extract_events`, run up to its request for embeddings and resumed with the answer; each step
    with the doc's own argument resolver as the current one."""

    def __init__(self, doc: Doc, state: DocState) -> None:
        self.resolver = ArgumentResolver(doc, state)
        self.steps: _EventSteps = _extract_events(doc, state)
        self.request: EmbeddingRequest | None = None
        self.events: list[Event] = []
        self._step(None)

    def answer(self, vectors: np.ndarray | None) -> None:
        self._step(vectors)

    def _step(self, vectors: np.ndarray | None) -> None:
        reset = CURRENT_RESOLVER.set(self.resolver)
        try:
            self.request = self.steps.send(vectors) if self.request is not None else next(self.steps)
        except StopIteration as done:
            self.request, self.events = None, done.value
        finally:
            CURRENT_RESOLVER.reset(reset)


def extract_events_of_batch(docs: list[Doc]) -> None:
    """`extract_events` for each doc, setting its state's events, with the sentences the docs need embedded
    embedded in one MiniLM call: on 1-3 sentences a doc its matrix products run well below the speed of a larger
    batch, and a sentence's vector does not depend on the sentences packed with it (bitwise)."""
    runs = [(doc, _EventRun(doc, get_state(doc))) for doc in docs]
    asking = [run for _, run in runs if run.request is not None]
    while asking:
        texts = [text for run in asking for text in run.request or ()]
        vectors = event_classifier.embed_sentences(texts)
        at = 0
        for run in asking:
            count = len(run.request or ())
            run.answer(None if vectors is None else vectors[at : at + count])
            at += count
        asking = [run for run in asking if run.request is not None]
    for doc, run in runs:
        get_state(doc).events = run.events


def _extract_events(doc: Doc, state: DocState) -> _EventSteps:
    sentences = list(doc.sents)
    claimants: dict[int, str] = {}  # sentence start -> who claimed the violence it reports
    recent: list[tuple[int, _Trigger]] = []  # (sentence number, trigger) of the violence reported so far
    numbered: list[tuple[int, Span, _Trigger]] = []
    text = doc_text(doc)
    links = link_paragraphs(text)
    for number, sentence in enumerate(sentences):
        if in_editorial_note(text, sentence.start_char):
            continue
        unattached: list[Token] = []
        found = sentence_triggers(sentence, state, unattached=unattached)
        if links:
            found = [t for t in found if not any(a <= t.token.idx < b for a, b in links)]
            unattached = [t for t in unattached if not any(a <= t.idx < b for a, b in links)]
        # "A bomb exploded in the market. Three people died": the toll of the violence just reported
        last = recent[-1] if recent else None
        if unattached and last is not None and number - last[0] <= CASUALTY_REACH:
            last[1].mentions.extend(unattached)
            recent.append((number, last[1]))  # the story is still on that toll ("… None of the injuries were …")
        for trigger in found:
            numbered.append((number, sentence, trigger))
            if trigger.type in VIOLENT_TYPES:
                recent.append((number, trigger))
        if any(t.type in CLAIMABLE_TYPES for t in found):
            following = sentences[number + 1 : number + 2]
            claimant = _responsibility_claimant(sentence, state) or next(
                (c for c in (_responsibility_claimant(s, state) for s in following) if c), None
            )
            if claimant is not None:
                claimants[sentence.start] = claimant
    triggers = [(sentence, trigger) for _, sentence, trigger in one_per_happening(doc, state, numbered)]
    subtypes = yield from _acled_subtypes(triggers)
    events = []
    for number, (sentence, trigger) in enumerate(triggers, start=1):
        token = trigger.token
        source, target = event_actors(token, state)
        for word in trigger.mentions:  # "exploded, killing five": the toll's victims are the attack's targets
            if target is not None and source is not None:
                break
            other_source, other_target = _mention_actors(word, state)
            if _gathering(token) and _lemma_in(word, lexicon.CASUALTY_VERBS | lexicon.HARM_VERBS):
                other_target = None  # who died in the protests is not what the protest was against
            source = source or other_source
            target = target or other_target
        if source is None and trigger.type in CLAIMABLE_TYPES:
            # "… The attack was claimed by X": a claim of any sentence that reports the happening
            starts = [sentence.start, *(sentence_of(word).start for word in trigger.mentions)]
            source = next((claimants[s] for s in starts if s in claimants), None)
        status, according_to = event_status(token, sentence, state)
        subtype = subtypes.get(token.i)
        acled = ACLED_OF_SUBTYPE.get(subtype) if subtype else None
        start, end = _trigger_extent(token, state)
        mentions = []
        for word in sorted(set(trigger.mentions), key=lambda t: t.i):
            low, high = _trigger_extent(word, state)
            mentions.append(Mention(low, high, text[low:high]))
        events.append(
            Event(
                id=f"ev{number}",
                type=trigger.type,
                mode=trigger.mode,
                acled_type=acled[0] if acled else None,
                acled_subtype=acled[1] if acled else None,
                trigger=Mention(start, end, text[start:end]),
                sentence=TextSpan(sentence.start_char, sentence.end_char),
                source=source,
                target=target if target != source else None,
                place=_merged_place(doc, sentences, sentence, trigger),
                when=_event_date(doc, sentence, token),
                status=status,
                according_to=according_to,
                confidence=trigger.confidence,
                mentions=tuple(mentions),
            )
        )
        # what each word of the event names in its own sentence (per-mention arguments, extract/arguments.py)
        events[-1] = dataclasses.replace(
            events[-1],
            arguments=event_arguments(
                doc,
                state,
                events[-1],
                token,
                trigger.mentions,
                trigger_actors=event_actors,
                mention_actors=_mention_actors,
            ),
        )
    return events


def _merged_place(doc: Doc, sentences: list[Span], sentence: Span, trigger: _Trigger) -> str | None:
    """The place of one happening reported by several words: the trigger's own, else the first later word's
    ("A bomb exploded on Sunday. … The blast in Kandahar killed five"). Words whose places differ never merge
    (`_compatible`), so the first place found is the happening's."""
    place = event_place(doc, sentence, trigger.token)
    if place is not None:
        return place
    starts = [s.start for s in sentences]
    for word in sorted(set(trigger.mentions), key=lambda t: t.i):
        place = event_place(doc, sentences[bisect.bisect_right(starts, word.i) - 1], word)
        if place is not None:
            return place
    return None


# --- one happening, several sentences ----------------------------------------------------------------------

# How many sentences back a later mention ("the attack", "two more were wounded") may find the happening it
# takes up again.
REPEAT_REACH = 4
# Determiners that take up a happening already told ("the attack", "this bombing"), unlike "an attack".
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
# Modifiers that pick one happening out of several rather than take up the one just told.
_SELECTING = frozenset(
    "first second third fourth last latest previous earlier other another next new recent separate similar".split()
)
# The types whose happenings are taken up again by a noun or a toll in later sentences.
_REPEATED_TYPES = frozenset({"ASSAULT", "PROTEST"})
# An outlet's note about the report, not a report: "Editor's note: …", "Disclosure: …", "Correction: …".
_EDITORIAL_NOTE = re.compile(
    r"[\W_]*(?:editors?[’']?s?[’']?\s+note|note\s+to\s+(?:readers|editors)|disclaimer|disclosure|correction|"
    r"clarification)\s*[:\-–—]",
    re.IGNORECASE,
)


def in_editorial_note(text: str, offset: int) -> bool:
    """Whether the offset lies in a paragraph the outlet opens with an editor's-note label; such notes repeat from
    report to report and tell of no happening the report covers."""
    paragraph = text.rfind("\n", 0, offset) + 1
    return _EDITORIAL_NOTE.match(text, paragraph) is not None


# A line that links to another report rather than tells this one: "[Venezuela's crisis deepens]", "Read more:
# …", "Related: …", and the link sections a wiki page ends with ("== See also ==").
_LINK_LABEL = re.compile(
    r"[\W_]*(?:read more|read also|also read|related(?: stories| articles| coverage| content)?|see also|more on this"
    r"(?: story)?)\s*[:\-–—]",
    re.IGNORECASE,
)
_SECTION_HEADING = re.compile(r"^[ \t]*(={2,})[ \t]*([^=\n]+?)[ \t]*\1[ \t]*$", re.MULTILINE)
_LINK_SECTIONS = frozenset({"see also", "references", "external links", "further reading", "notes", "sources"})


def link_paragraphs(text: str) -> list[tuple[int, int]]:
    """The character ranges of lines that link to other reports: a bracketed line, a line opened by a link label,
    and a wiki page's link sections (from their heading to the next heading). Their happenings are other
    stories' (a list of earlier bombings under "See also" is no report of them)."""
    ranges = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if (stripped.startswith("[") and stripped.endswith("]")) or _LINK_LABEL.match(stripped):
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    if "==" in text:
        headings = list(_SECTION_HEADING.finditer(text))
        for number, heading in enumerate(headings):
            if heading.group(2).strip().lower() in _LINK_SECTIONS:
                end = headings[number + 1].start() if number + 1 < len(headings) else len(text)
                ranges.append((heading.start(), end))
    return ranges


def one_per_happening(
    doc: Doc, state: DocState, numbered: list[tuple[int, Span, _Trigger]]
) -> list[tuple[int, Span, _Trigger]]:
    """Later words that take up a happening already reported become its mentions, so one bombing is one event
    with one set of figures: a definite event noun ("the attack", "the bombing") or a verb of harm with no doer
    of its own ("two more were wounded") a few sentences after violence of its type, and a headline's report of
    the happening the body opens with (a section heading's, of the one its section opens with). Not when the
    later words give it a time, a year, a place, a doer or a weapon of their own that differ from the first
    report's: those report another happening."""
    kept: list[tuple[int, Span, _Trigger]] = []
    headings = heading_lines(doc)
    headline: list[tuple[int, Span, _Trigger]] = []
    for item in numbered:
        trigger = item[2]
        token = trigger.token
        if trigger.type in _REPEATED_TYPES and any(start <= token.i < end for start, end in headings):
            headline.append(item)
            continue
        if trigger.type in _REPEATED_TYPES and not _takes_ground(token):
            earlier = _taken_up(doc, state, kept, item)
            if earlier is not None:
                earlier[2].mentions.extend([token, *trigger.mentions])
                continue
        kept.append(item)
    for item in headline:
        # a headline sums up the story, a heading its section: the first report of its type in the sentences
        # after it is it
        body = next(
            (k for k in kept if k[2].type == item[2].type and k[2].token.i > item[2].token.i and k[0] - item[0] <= 3),
            None,
        )
        if body is not None and _compatible(doc, state, (body[1], body[2]), (item[1], item[2])):
            body[2].mentions.extend([item[2].token, *item[2].mentions])
        else:
            kept.append(item)
    kept.sort(key=lambda k: k[2].token.i)
    return kept


def _taken_up(
    doc: Doc, state: DocState, kept: list[tuple[int, Span, _Trigger]], item: tuple[int, Span, _Trigger]
) -> tuple[int, Span, _Trigger] | None:
    """The earlier report of the happening a later word takes up: among the compatible reports of its type within
    reach, one already called by the same word ("the explosion" after "an explosion"), else the nearest."""
    number, sentence, trigger = item
    lemma = trigger.token.lemma_.lower()
    earlier = [k for k in reversed(kept) if k[2].type == trigger.type]
    if trigger.token.pos_ == "VERB":
        earlier = earlier[:1]  # a toll belongs to the violence told just before it, if to any
    candidates = [
        k
        for k in earlier
        if k[2].type == trigger.type
        and number - k[0] <= REPEAT_REACH
        and not _takes_ground(k[2].token)
        and _takes_up(trigger, k[2], number - k[0])
        and _compatible(doc, state, (k[1], k[2]), (sentence, trigger))
    ]
    same_word = [k for k in candidates if lemma in {w.lemma_.lower() for w in (k[2].token, *k[2].mentions)}]
    chosen = same_word or candidates
    return chosen[0] if chosen else None


def _takes_ground(token: Token) -> bool:
    return bool(lexicon.TRIGGER_SUBTYPES.get(token.lemma_.lower(), set()) & TERRITORY_SUBTYPES)


def _takes_up(trigger: _Trigger, earlier: _Trigger, distance: int) -> bool:
    token = trigger.token
    if any(c.ent_type_ in ("DATE", "TIME") or _YEAR.match(c.text) for c in token.subtree):
        return False  # "the 2015 attacks", "an attack last year": a happening of its own time
    if is_background(token):
        return False
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ in ("compound", "nummod") and c.pos_ in ("NUM", "PROPN") for c in token.children):
            return False  # "the 9/11 attacks", "the Oklahoma City bombing": a happening with a name of its own
        if any(c.dep_ == "amod" and c.lower_ in _SELECTING for c in token.children):
            return False  # "the first attack", "the latest bombing": one picked out of several
        return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in token.children)
    if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.HARM_VERBS and distance <= CASUALTY_REACH:
        # the toll of an act told just before ("A bomb exploded … Two more were wounded"); a killing after a
        # killing may be another one, of other people
        act = earlier.token.lemma_.lower() not in lexicon.HARM_VERBS | lexicon.CASUALTY_VERBS
        return act and not any(c.dep_ in ("nsubj", "agent") for c in token.children)
    return False


def _compatible(doc: Doc, state: DocState, first: tuple[Span, _Trigger], later: tuple[Span, _Trigger]) -> bool:
    (first_sentence, first_trigger), (later_sentence, later_trigger) = first, later
    if first_trigger.mode and later_trigger.mode and first_trigger.mode != later_trigger.mode:
        return False  # "gunmen opened fire … the bombing": two weapons, two happenings
    first_source = event_actors(first_trigger.token, state)[0]
    later_source = event_actors(later_trigger.token, state)[0]
    if first_source and later_source and first_source != later_source:
        return False
    factual = {"reported", "claimed", "unverified"}
    first_status = event_status(first_trigger.token, first_sentence, state)[0]
    later_status = event_status(later_trigger.token, later_sentence, state)[0]
    if (first_status in factual) != (later_status in factual):
        return False  # a happening told as fact is not one only supposed, planned or denied
    first_place = event_place(doc, first_sentence, first_trigger.token)
    later_place = event_place(doc, later_sentence, later_trigger.token)
    return not (first_place and later_place and first_place != later_place)


# --- dates ------------------------------------------------------------------------------------------------

_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Words that set an event before the story's own time ("previously", "years ago", "once").
_EARLIER_ADVERBS = frozenset({"previously", "formerly", "once", "ago"})


def _event_date(doc: Doc, sentence: Span, token: Token) -> TimeRef:
    """The date of the event, not of the report (ACLED's rule): a time expression of its own; the year that
    names it ("the 2015 attacks"); else, for an event the story recalls as background, unknown (no value, no
    precision), and only for the story's own events the publication date, marked as defaulted."""
    when = event_when(doc, sentence, token)
    if when.time is not None:
        return when
    year = next((c for c in token.children if _YEAR.match(c.text) and c.dep_ in ("nummod", "compound", "amod")), None)
    if year is not None:
        return TimeRef(value=year.text, precision=3, time=None)
    if is_background(token):
        return TimeRef(value=None, precision=None, time=None)
    return when


def is_background(token: Token) -> bool:
    """Whether the trigger's clause recalls an earlier happening rather than reporting the story's own: a past
    perfect the reporter tells ("the group had attacked the town"; in reported speech it is only the tense of
    the report), or an adverb of earlier time ("previously", "years ago")."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    if any(c.lower_ in _EARLIER_ADVERBS for c in verb.subtree if c.dep_ in ("advmod", "npadvmod", "prep")):
        return True
    past_perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)
    return past_perfect and _governing_speech_verb(verb) is None and verb.dep_ not in ("ccomp", "advcl")


# --- detection and typing ------------------------------------------------------------------------------


def _span_text(span: Span) -> str:
    # `Span.text` joins a new Token object per word on every access; the cached text holds the same characters.
    return doc_text(span.doc)[span.start_char : span.end_char]


def sentence_triggers(sentence: Span, state: DocState, *, unattached: list[Token] | None = None) -> list[_Trigger]:
    """The event triggers of one sentence, in text order. Casualty words the sentence reports no violence for
    go to `unattached` (a caller may give them to the violence of the sentences before)."""
    found: dict[int, _Trigger] = {}
    casualties: list[Token] = []
    doc, arrays = sentence.doc, doc_arrays(sentence.doc)
    pos, lemma_lower, lower, ent_type = arrays.pos, arrays.lemma_lower, arrays.lower, arrays.ent_type
    for i in range(sentence.start, sentence.end):
        if pos[i] not in _TRIGGER_POS:
            continue  # speed: a word no test below can take (see `_may_report`)
        if lemma_lower[i] not in _REPORTING_WORDS and lower[i] not in _REPORTING_WORDS and pos[i] != "PROPN":
            continue  # (the same, at the cost of two set look-ups)
        if not _may_report(pos[i], lemma_lower[i], lower[i], ent_type[i]):
            continue
        token = doc[i]
        if token.i in state.entity_of_token and token.pos_ != "VERB" and not _names_an_event(token, state):
            continue  # part of a name ("National Resistance Front", "Operation X")
        if _reports_casualties(token):
            casualties.append(token)
            continue
        trigger = _verb_trigger(token) if token.pos_ in ("VERB", "AUX") else None
        if trigger is None and token.pos_ == "ADJ":
            trigger = _intent_trigger(token)
        if trigger is None and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ in ("", "EVENT"):
            trigger = _noun_trigger(token)
        if trigger is not None and not _ends_or_averts(token):
            sensed = word_sense(trigger, sentence, state)
            if sensed is not None and unreported(sensed.token, sensed.type, state) is None:
                found[token.i] = sensed
    # An event noun inside the phrase of another trigger is part of that event ("pledged to keep assistance
    # flowing", "welcomed proposals to end the fighting"), not an event of its own.
    kept = []
    for _index, trigger in sorted(found.items()):
        # ... and so is an infinitive of aim under a trigger of its own type ("fighting to topple the government";
        # not "pledged to release the prisoners", where the release is what was promised)
        token = trigger.token
        aim = (
            token.dep_ in ("xcomp", "advcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            and token.head.i in found
            and found[token.head.i].type == trigger.type
        )
        absorbable = token.pos_ in ("NOUN", "PROPN") or trigger.confidence <= CONTEXT_CONFIDENCE or aim
        absorber = _absorber(token, found)
        accusations = [
            found[a.i]
            for a in _ancestors_in(token)
            if a.i in found and found[a.i].type == "ACCUSE" and found[a.i].mode != "investigate"
        ]
        known = _told_as_happened(token, state)
        if not known and any(_alleged(token, accusation.token) for accusation in accusations):
            continue  # "accused the army of killing and torturing": a grievance, not a new report of violence
        if absorber is not None and absorber.type != trigger.type and _own_happening(token, absorber, known):
            absorber = None
        if absorbable and trigger.type != "AGREE" and absorber is not None:
            if absorber.type == trigger.type:  # "killed in attacks": one happening, reported twice
                absorber.mentions.append(token)
            continue
        kept.append(trigger)
    # "died", "the dead", "injuries": the casualties of the violence the sentence reports, never an event alone
    kept = _harm_as_mentions(kept)
    violent = [t for t in kept if t.type in VIOLENT_TYPES]
    for token in casualties:
        if _caused_by_nature(token) or _background_death(token) or _denied_toll(token):
            continue
        if violent:
            min(violent, key=lambda t: abs(t.token.i - token.i)).mentions.append(token)
        elif unattached is not None:
            unattached.append(token)
    return kept


# The parts of speech of casualty words and triggers (verbs, auxiliaries, intent adjectives, nouns, names).
_TRIGGER_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})
# The lemmas for which `_verb_trigger` can give a trigger: its own tests' words and the verb lexicon's.
_VERB_TRIGGER_LEMMAS = frozenset(
    {"call", "blow", "go", "set", "charge", "take", "hit"}
    | lexicon.AID_CARRIER_VERBS
    | lexicon.MANHUNT_VERBS
    | lexicon.RAMMING_VERBS
    | lexicon.COERCING_VERBS
    | set(lexicon.VERB_TRIGGERS)
)


# Every word `_may_report` can accept, as its lemma or its form, whatever the part of speech (a name's plural
# aside: "Shootings", "Clashes").
_REPORTING_WORDS = frozenset(
    {"strike", "fire", "warning", "strikes"}
    | lexicon.CASUALTY_VERBS
    | _VERB_TRIGGER_LEMMAS
    | lexicon.CASUALTY_NOUNS
    | lexicon.INTENT_ADJECTIVES
    | set(lexicon.NOUN_TRIGGERS)
)


def _may_report(pos: str, lemma: str, lower: str, ent_type: str) -> bool:
    """Speed: whether `sentence_triggers` can make the word a casualty word or a trigger, read from the per-doc
    arrays before any Token is made. A superset of what `_reports_casualties`, `_verb_trigger`, `_intent_trigger`
    and `_noun_trigger` accept (an auxiliary is none of them); the tests themselves decide."""
    if pos == "VERB":
        return lemma in lexicon.CASUALTY_VERBS or lemma in _VERB_TRIGGER_LEMMAS
    if pos in ("NOUN", "ADJ") and (lemma in lexicon.CASUALTY_NOUNS or lower in lexicon.CASUALTY_NOUNS):
        return True
    if pos == "ADJ":
        return lower in lexicon.INTENT_ADJECTIVES
    if pos in ("NOUN", "PROPN") and ent_type in ("", "EVENT"):
        nouns = lexicon.NOUN_TRIGGERS
        return (
            lemma in ("strike", "fire", "warning")
            or lower == "strikes"
            or lower in nouns
            or lemma in nouns
            or (pos == "PROPN" and lower.endswith("s") and (lower[:-1] in nouns or lower[:-2] in nouns))
        )
    return False


# Events whose toll a casualty word reports ("died in the protests" belongs to the protests).
VIOLENT_TYPES = frozenset({"ASSAULT", "PROTEST"})


def _absorber(token: Token, found: dict[int, _Trigger]) -> _Trigger | None:
    """The trigger whose phrase holds this one. Not across a relative clause ("X, who carried out the bombing,
    accused …") nor from under a verb that carries the event out ("carried out the bombing", "launched an
    offensive"): there the noun reports its own event."""
    below = token
    for ancestor in _ancestors_in(token):
        if below.dep_ in ("relcl", "ccomp", "parataxis") and below is not token:
            return None
        if below.dep_ == "dobj" and ancestor.lemma_.lower() in lexicon.LIGHT_VERBS and below is token:
            return None
        if ancestor.i in found:
            return found[ancestor.i]
        below = ancestor
    return None


# Triggers whose object is a happening they react to, not one they ask, promise or threaten: "condemned the
# bombing", "welcomed the release of the hostages", "discussed the attack", "investigating the killing".
REACTING_TYPES = frozenset({"ACCUSE", "SUPPORT", "CONSULT"})


def _told_as_happened(token: Token, state: DocState) -> bool:
    """An event noun the reader is taken to know of: definite ("the bombing", "his arrest"), named ("the Boston
    Marathon bombing") or dated ("the 2015 attacks"). What an accusation or a reaction is about then happened;
    an indefinite or verbal one ("accused the army of killing protesters") is only alleged."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in _DEFINITE:
            return True
        if child.dep_ == "poss":
            return True
        if child.dep_ in ("compound", "nummod", "npadvmod") and (
            child.i in state.entity_of_token or child.ent_type_ in ("DATE", "GPE", "LOC", "FAC", "EVENT")
        ):
            return True
    return False


def _own_happening(token: Token, absorber: _Trigger, known: bool) -> bool:
    """An event noun inside another trigger's phrase that reports a happening of its own: one that only dates
    the other ("demanded his resignation following the killing of seven protesters", "talks resumed after the
    attack"), or a known happening another act reacts to ("condemned the bombing")."""
    for ancestor in _ancestors_in(token):
        if ancestor.i == absorber.token.i:
            break
        if ancestor.dep_ == "prep" and ancestor.lower_ in lexicon.TEMPORAL_PREPOSITIONS:
            return True
    return known and absorber.type in REACTING_TYPES


def _alleged(token: Token, accusation: Token) -> bool:
    """The trigger is what an accusation or complaint is about ("accused X of killing", "blamed Y for attacks")."""
    for ancestor in _ancestors_in(token):
        if ancestor.i == accusation.i:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("of", "for", "over", "about"):
            # "accused X of killing": the parse may hang "of" from the verb or from its object
            owner = ancestor.head
            if owner == accusation or (owner.dep_ == "dobj" and owner.head == accusation):
                return True
    return False


def _denied_toll(token: Token) -> bool:
    """ "There were no casualties", "no deaths were reported": a toll the sentence says there was none of."""
    return token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _background_death(token: Token) -> bool:
    """ "X, who died in 2013": a death the text dates to another time, told as background."""
    in_relative_clause = token.dep_ == "relcl" or any(a.dep_ == "relcl" for a in token.ancestors)
    return in_relative_clause and any(t.ent_type_ == "DATE" for t in token.subtree)


def _names_an_event(token: Token, state: DocState) -> bool:
    """The head word of an event's name ("the Boston Marathon bombing") reports that event."""
    entity_id = state.entity_of_token[token.i]
    entity = state.entity(entity_id)
    return entity is not None and entity.type == "EVENT" and state.entity_of_token.get(token.i + 1) != entity_id


def _reports_casualties(token: Token) -> bool:
    arrays, i = doc_arrays(token.doc), token.i  # speed: every candidate word of every sentence asks
    lemma, pos = arrays.lemma_lower[i], arrays.pos[i]
    if pos == "VERB":
        return lemma in lexicon.CASUALTY_VERBS
    if pos in ("NOUN", "ADJ"):
        return lemma in lexicon.CASUALTY_NOUNS or arrays.lower[i] in lexicon.CASUALTY_NOUNS
    return False


_LEAVING_VERBS = frozenset({"leave"})


def _harm_as_mentions(kept: list[_Trigger]) -> list[_Trigger]:
    """ "A bomb exploded, killing five": the killing is the explosion's toll, one happening. A verb of harm with
    no doer of its own, joined to another violent act ("exploded, killing", "attacked … and wounded"), becomes a
    mention of that act."""
    acts = [t for t in kept if t.type == "ASSAULT" and t.token.lemma_.lower() not in lexicon.HARM_VERBS]
    if not acts:
        return kept
    out = []
    for trigger in kept:
        token = trigger.token
        # ("and five wounded": the subject of a harm participle is the harmed, no doer of its own)
        own_doer = any(c.dep_ == "agent" or (c.dep_ == "nsubj" and token.tag_ != "VBN") for c in token.children)
        if trigger in acts or trigger.type != "ASSAULT" or token.pos_ != "VERB" or own_doer:
            out.append(trigger)
            continue
        joined = [t for t in acts if token.head.i == t.token.i and token.dep_ in ("advcl", "conj", "xcomp")]
        if not joined and _lemma_in(token.head, _LEAVING_VERBS):
            # "the blast left three soldiers dead and five wounded": the toll of what left them so
            doers = [c.i for c in token.head.children if c.dep_ == "nsubj"]
            joined = [t for t in acts if t.token.i in doers]
        if not joined:
            out.append(trigger)
            continue
        joined[0].mentions.extend([token, *trigger.mentions])
    return out


def _verbal_or_physical(trigger: _Trigger, sentence: Span) -> _Trigger:
    """ "The senator attacked the bill" criticizes (ACCUSE); "gunmen attacked a bus" assaults. An attack named by
    a noun ("Saturday's attack") is physical unless words of speech say otherwise ("a scathing attack on")."""
    token = trigger.token
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in lexicon.VERBAL_ATTACK_TRIGGERS:
        return trigger
    if any(o.lemma_.lower() in lexicon.POLICY_WORDS for o in _struggle_objects(token)):
        return _Trigger(token, "ACCUSE", "disapprove", CONTEXT_CONFIDENCE)
    told = _without_grounds_and_descriptions(sentence, token)
    if lexicon.VIOLENT_CONTEXT.search(told) or _shows_violence_besides_rallies(told):
        return trigger
    if any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.ATTACKABLE_PLACES for c in token.children):
        return trigger  # "an attempt to attack merchant vessels", "attacked a checkpoint": no one criticises a ship
    if any(
        o.lemma_.lower() in lexicon.ATTACKABLE_PLACES | _BUILDINGS or o.ent_type_ in ("FAC", "GPE", "LOC")
        for o in _struggle_objects(token)
        if o.dep_ != "dobj" or token.pos_ in ("NOUN", "PROPN")
    ):
        return trigger  # "a lone-wolf attack on an Orlando nightclub", "the attack on the embassy": a place attacked
    if token.pos_ in ("NOUN", "PROPN") and not lexicon.SPEECH_CONTEXT.search(_span_text(sentence)):
        if not any(c.lower_ in lexicon.VERBAL_MODIFIERS for c in token.children):
            return trigger
    return _Trigger(token, "ACCUSE", "disapprove", CONTEXT_CONFIDENCE)


def _without_grounds_and_descriptions(sentence: Span, token: Token) -> str:
    """The sentence's text with blanks where words say why one attacked or who the attacked is, and what was said
    with it: "attacked Clinton [for her support of military action], [saying ...]", "an attack on Sen. McCain,
    [a former prisoner of war]". Their violence is the subject of the words, not the act reported."""
    text = _span_text(sentence)
    offset = sentence.start_char
    blanked = list(text)
    spans: list[Token] = [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "over")]
    spans += [
        c
        for c in token.children
        if c.dep_ in ("advcl", "ccomp") and c.tag_ == "VBG" and c.lemma_.lower() in lexicon.SPEECH_VERBS
    ]
    for aimed in _struggle_objects(token):
        spans += [c for c in aimed.children if c.dep_ in ("appos", "relcl", "acl")]
    for head in spans:
        low = head.left_edge.idx - offset
        high = head.right_edge.idx + len(head.right_edge.text) - offset
        blanked[max(low, 0) : max(high, 0)] = " " * (max(high, 0) - max(low, 0))
    return "".join(blanked)


def word_sense(trigger: _Trigger, sentence: Span, state: DocState) -> _Trigger | None:
    """The trigger's sense, read from the semantic class of what it acts on; None when it reports no event.
    Violence needs a target one can hurt: a measure, a text or an idea is rejected ("killed the bill", "shot down
    the proposal") or criticised ("attacked the plan"); a struggle over one is a dispute ("a battle over the
    budget", "fight for higher wages"), and one of words, law or money by its modifier ("a media attack", "a legal
    battle", "a trade war"). A person, the press or a rival attacked, or someone "under attack", with no weapon,
    casualty, armed actor or place in the sentence, is attacked in words."""
    token = trigger.token
    lemma = token.lemma_.lower()
    if trigger.type == "RETREAT" and trigger.mode == "release":
        return trigger if _releases_people(token, state) else None
    direct = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if (
        trigger.type == "RETREAT"
        and lemma == "withdraw"
        and any(_lemma_in(o, lexicon.WITHDRAWN_HOLDINGS) for o in direct)
    ):
        return None  # "withdraw money from ATMs": a bank's customers, not a force pulling back
    if trigger.type == "SANCTION" and any(_lemma_in(o, lexicon.OWN_OPERATIONS) for o in direct):
        return None  # "the company halted operations": a stoppage of one's own work, no one is penalised
    if trigger.type == "AID" and lemma in _POLITICAL_MONEY_WORDS and _about_political_money(sentence):
        return None  # "the only campaign donation the company made", "how he is funding his campaign"
    if trigger.type != "ASSAULT":
        return trigger
    if _figurative(trigger) or _generic_you(token):
        return None
    verbal = lemma in lexicon.VERBAL_ATTACK_TRIGGERS
    rejecting = lemma in lexicon.REJECTING_STRUGGLES
    if lemma == "beat" and _beats_in_a_contest(token, sentence, state):
        return None  # "she can't beat this guy", "Alabama beat Clemson": a contest won
    if not (verbal or rejecting or lemma in lexicon.FIGURATIVE_STRUGGLES or lemma == "fire"):
        return trigger
    in_words = _Trigger(token, "ACCUSE", "disapprove", CONTEXT_CONFIDENCE)
    if lemma == "strike" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
        return _Trigger(token, "REJECT", None, CONTEXT_CONFIDENCE)  # "the court could strike them down": a ruling
    if lemma == "strike" and any(_lemma_in(o, lexicon.AGREEMENT_WORDS) for o in direct):
        return _Trigger(token, "AGREE", None, CONTEXT_CONFIDENCE)  # "struck a deal"
    if lemma == "strike" and any(_lemma_in(o, lexicon.STRUCK_FIGURES) for o in direct):
        return None  # "struck a measured tone", "struck a chord"
    for cognate in (o for o in direct if o.lemma_.lower() in lexicon.FIGURATIVE_STRUGGLES):
        # "fighting a legal battle", "waging a war of words": the verb has its object's sense
        sense = word_sense(_Trigger(cognate, "ASSAULT", None, NOUN_CONFIDENCE), sentence, state)
        if sense is None or sense.type != "ASSAULT":
            return in_words if verbal else None
    objects = [*direct, *_struggle_objects(token)]
    if rejecting and any(_lemma_in(o, lexicon.IDEA_WORDS) for o in _objects_of(token, "in")):
        return None  # "the people getting killed in this deal": losing out, no one hurt
    if any(_lemma_in(o, lexicon.IDEA_WORDS) and not _is_named(o, state) for o in objects):
        if rejecting and direct:
            return _Trigger(token, "REJECT", None, CONTEXT_CONFIDENCE)
        return in_words if verbal else None
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in lexicon.FIGURATIVE_MODIFIERS for c in modifiers):
        return in_words if verbal else None
    if any(
        c.dep_ == "prep" and c.lower_ == "of" and any(w.lower_ == "words" for w in c.children) for c in token.children
    ):
        return in_words  # "a war of words"
    if _violent_context(sentence, token):
        return _verbal_or_physical(trigger, sentence)
    if lemma == "fight" and token.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in token.children):
        return None  # "the companies are fighting to protect their business": striving, with nothing violent said
    stakes = [o for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "over") for o in c.children]
    if any(o.dep_ == "pobj" and not _physical_stake(o, state) for o in stakes):
        return None  # "fight for higher wages", "a battle over the budget"
    if token.dep_ == "pobj" and token.head.lower_ == "under" and not _attackable_subject(token.head.head, state):
        return None  # "the governor has been under constant attack", "came under fire from critics"
    doers = [c for c in token.children if c.dep_ in ("poss", "nsubj")]
    doers += [
        p for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") for p in c.children
    ]
    if any(_lemma_in(d, lexicon.POLITICAL_DOERS) for d in doers):
        return in_words if verbal else None  # "attacks from Republicans", "the campaign's fight"
    if verbal:
        aimed_at = objects or [c for c in token.children if c.dep_ == "poss"]
        if any(c.lower_ in lexicon.MEDIA_WORDS or _entity_type(c, state) == "PERSON" for c in aimed_at):
            return in_words  # "his attacks on a former Miss Universe", "attacked the press"
    return _verbal_or_physical(trigger, sentence)


# Words of giving money that are as often a campaign's as aid (PLOVER's AID is help to those in need).
_POLITICAL_MONEY_WORDS = frozenset(
    "donate donation donations fund funding finance contribution contributions contribute".split()
)
_POLITICAL_MONEY_CONTEXT = lexicon.CAMPAIGN_WORDS | frozenset(
    "pac pacs fundraiser fundraisers candidate candidates candidacy".split()
)


def _objects_of(token: Token, preposition: str) -> list[Token]:
    """The objects of a preposition on the token ("in this deal": deal)."""
    prepositions = [c for c in token.children if c.dep_ == "prep" and c.lower_ == preposition]
    return [o for c in prepositions for o in c.children if o.dep_ == "pobj"]


def _generic_you(token: Token) -> bool:
    """ "You walk down the street, you get shot": the generic "you" in the present simple says what happens to
    anyone, not that something happened ("you shot my son" and "they are shooting at you" do)."""
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ != "you" or _in_condition(token):
        return False  # ("if you shoot it down, …" is kept as a condition, as any event in an "if" clause)
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    # a finite present: "you die", "you get shot" ("we will not let you massacre people" speaks to someone)
    if token.tag_ == "VBP" and not auxiliaries:
        return True
    return token.tag_ == "VBN" and any(a.lemma_.lower() == "get" and a.tag_ == "VBP" for a in auxiliaries)


def _about_political_money(sentence: Span) -> bool:
    """The sentence is about a campaign's money: a campaign, a PAC, a fundraiser or a candidate is named in it."""
    return any(t.lower_ in _POLITICAL_MONEY_CONTEXT or t.lemma_.lower() in _POLITICAL_MONEY_CONTEXT for t in sentence)


def _beats_in_a_contest(token: Token, sentence: Span, state: DocState) -> bool:
    """A named side, a person word or a pronoun beaten with nothing violent in the sentence: an election or a game
    won ("can't beat this guy", "beat Clemson"), not a beating ("police beat the protesters with batons")."""
    if _violent_context(sentence, token):
        return False
    if _SCORE.search(sentence.text):
        return True  # "Alabama beat undefeated Clemson 45-40"
    beaten = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(
        _entity_type(b, state) in _GROUPS
        or b.pos_ == "PRON"
        or _lemma_in(_counted(b), lexicon.CONTESTANTS | lexicon.SURPASSED_MARKS)  # "a field of 16 candidates"
        for b in beaten
    )


# A game's score ("45-40", "2–1").
_SCORE = re.compile(r"\b\d{1,3}\s?[-–]\s?\d{1,3}\b")


def _lemma_in(token: Token, words: frozenset[str]) -> bool:
    return token.lemma_.lower() in words or token.lower_ in words


def _is_named(token: Token, state: DocState) -> bool:
    return token.i in state.entity_of_token


def _entity_type(token: Token, state: DocState) -> str | None:
    """The type of the entity the word is part of or, for a personal pronoun, PERSON."""
    if token.lower_ in ("he", "she", "him", "her", "his", "hers"):
        return "PERSON"
    entity_id = state.entity_of_token.get(token.i)
    entity = state.entity(entity_id)
    return entity.type if entity is not None else None


def _violent_context(sentence: Span, token: Token) -> bool:
    """A weapon, casualty or armed actor named in the sentence beside the trigger word itself. The word said again
    is no other sign ("if you want to beat him, go with the campaign that can beat him")."""
    lemma = token.lemma_.lower()
    text = sentence.text
    for same in (t for t in sentence if t.i == token.i or (t.lemma_.lower() == lemma and t.pos_ == token.pos_)):
        start = same.idx - sentence.start_char
        text = text[:start] + " " * len(same.text) + text[start + len(same.text) :]
    return lexicon.VIOLENT_CONTEXT.search(text) is not None or _shows_violence_besides_rallies(text)


# A rally is a gathering (a campaign's as often as a protest's): it is no sign that an attack or a fight told in
# the same sentence was physical ("At a rally in Florida, the nominee attacked the media").
_RALLY_WORDS = re.compile(r"\brall(?:y|ies|ied)\b", re.IGNORECASE)


def _shows_violence_besides_rallies(text: str) -> bool:
    return _shows_violence(_RALLY_WORDS.sub(lambda m: " " * len(m.group(0)), text))


def _physical_stake(token: Token, state: DocState) -> bool:
    """What a fight is "for" or "over" makes it physical: a named side or place, ground, or how long it lasted."""
    if token.i in state.entity_of_token or token.ent_type_ in ("DATE", "TIME"):
        return True
    stake_words = [token, *(c for c in token.children if c.dep_ == "prep" for c in c.children)]
    return any(_lemma_in(word, lexicon.PHYSICAL_STAKES) for word in stake_words)


def _attackable_subject(verb: Token, state: DocState) -> bool:
    """Whether the subject of "is under attack" is a place, post or force (physical) rather than a person."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return True
    return _entity_type(subject, state) in ("GPE", "LOC", "FAC") or _lemma_in(subject, lexicon.ATTACKABLE_PLACES)


# Who can be released: people, named or counted ("released the hostages", "freed 20", "Smith's release").
_RELEASED_PEOPLE = frozenset(
    "prisoner prisoners detainee detainees captive captives inmate inmates hostage hostages soldier soldiers "
    "fighter fighters man men woman women child children boy boys girl girls journalist journalists activist "
    "activists suspect suspects sailor sailors crew member members person people him her them".split()
)


def _releases_people(token: Token, state: DocState) -> bool:
    """ "Released the hostages" frees people; "released his tax returns", "released a video" publish things."""
    if token.pos_ in ("NOUN", "PROPN"):
        released = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if not released:
            # "their release", "the prisoner release" free people; "in a release on Tuesday", "the ministry's
            # release", "a press release" publish a statement
            owners = [c for c in token.children if c.dep_ in ("poss", "compound")]
            return any(
                o.pos_ == "PRON" or _entity_type(o, state) == "PERSON" or _lemma_in(o, _RELEASED_PEOPLE) for o in owners
            )
    else:
        released = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        released = [token.head]  # "a handout photo released by police"
    elif token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        # "the ad that Trump released", "the prisoners who were released": the relative pronoun stands for the noun
        if not released or all(w.lower_ in ("that", "which", "who", "whom") for w in released):
            released = [token.head]
    if not released:
        return True
    return any(
        _entity_type(word, state) in ("PERSON", "NORP", "ORG")
        or _lemma_in(word, _RELEASED_PEOPLE | lexicon.PEOPLE_WORDS)
        or word.pos_ == "NUM"
        for word in released
    )


def _struggle_objects(token: Token) -> list[Token]:
    """What is attacked or fought: the object, or the noun after "against", "on" or "for"."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("against", "on", "for")):
        objects += [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return objects


def _figurative(trigger: _Trigger) -> bool:
    """ "fight corruption", "the fight against the virus", "attack the problem": a struggle with something
    that is no one's side, not violence (nor any other event)."""
    token = trigger.token
    if trigger.type != "ASSAULT" or token.lemma_.lower() not in lexicon.FIGURATIVE_STRUGGLES:
        return False
    objects = _struggle_objects(token)
    return any(
        o.lemma_.lower() in lexicon.ABSTRACT_ADVERSARIES or o.lower_ in lexicon.ABSTRACT_ADVERSARIES for o in objects
    )


def _verb_trigger(token: Token) -> _Trigger | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "AUX" or lemma in lexicon.SPEECH_VERBS or token.dep_ == "amod":
        return None  # "a negotiated settlement" names no event
    if token.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and any(c.dep_ == "det" for c in token.children):
        return None  # "some of the wounded", "the dead": people, not an event
    if token.lower_ in ("alleged", "purported") and (
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj", "ccomp") for c in token.children)
        or (token.text[0].isupper() and any(start <= token.i < end for start, end in heading_lines(token.doc)))
    ):
        return None  # "Alleged Ongoing Clash Leaves Two Hurt": a hedge on a noun, however a headline parses
    if lemma == "call" and any(_calls_on(c) for c in token.children):
        return _Trigger(token, "REQUEST", None, VERB_CONFIDENCE)
    if token.lower_ == "shot" and token.i > 0 and token.nbor(-1).lower_ in lexicon.NOT_GUNSHOT_WORDS:
        return None  # "long shot Lindsey Graham", however the parser reads it
    if _detonates(token):
        return _Trigger(token, "ASSAULT", "explosives", VERB_CONFIDENCE)  # "blew himself up", "bombs went off"
    if lemma in lexicon.AID_CARRIER_VERBS and _moves_aid(token):
        return _Trigger(token, "AID", None, CONTEXT_CONFIDENCE)
    if lemma == "charge" and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        return _Trigger(token, "ACCUSE", "allege", VERB_CONFIDENCE)  # "charged with treason"
    if lemma == "take" and _takes_to_the_streets(token):
        return _Trigger(token, "PROTEST", "demo", VERB_CONFIDENCE)
    if lemma in lexicon.MANHUNT_VERBS and _hunts_offender(token):
        return _Trigger(token, "ACCUSE", "investigate", VERB_CONFIDENCE)  # "police are hunting a suspect"
    if lemma == "hit" and _hits_a_target(token):
        return _Trigger(token, "ASSAULT", None, VERB_CONFIDENCE)  # "a rocket hit the school", "troops hit gunmen"
    if lemma in lexicon.RAMMING_VERBS and _rams(token):
        return _Trigger(token, "ASSAULT", None, VERB_CONFIDENCE)  # "a suicide bomber crashed into a patrol"
    if lemma in lexicon.COERCING_VERBS and _presses_into_an_act(token):
        return _Trigger(token, "THREATEN", None, CONTEXT_CONFIDENCE)
    entry = lexicon.VERB_TRIGGERS.get(lemma)
    if entry is None:
        return None
    event_type, mode = entry
    if lemma == "block" and any(
        c.dep_ in ("dobj", "nsubjpass") and _lemma_in(c, lexicon.IDEA_WORDS) for c in token.children
    ):
        return _Trigger(token, "REJECT", None, CONTEXT_CONFIDENCE)  # "blocked the bill", as "killed the bill"
    if not _in_its_sense(token, lemma, event_type):
        return None
    if lemma == "seize":
        return _seizure(token)
    if event_type == "ASSAULT" and _caused_by_nature(token):
        return None  # "floods killed 45", "killed by an earthquake": deaths, but no one's attack
    if lemma == "strike" and _subject_lemma(token) in PROTEST_SUBJECTS:
        return _Trigger(token, "PROTEST", "boycott", CONTEXT_CONFIDENCE)
    if event_type == "ASSAULT" and _subject_lemma(token) in lexicon.PROTESTER_WORDS:
        return _Trigger(token, "PROTEST", "riot", CONTEXT_CONFIDENCE)  # "protesters clashed with police"
    if event_type == "AGREE" and lemma in lexicon.PROMISE_VERBS and _moves_aid(token):
        return _Trigger(token, "AID", None, CONTEXT_CONFIDENCE)
    if lemma == "meet" and any(c.dep_ == "auxpass" for c in token.children):
        return None  # "needs can be met"
    if lemma == "evacuate" and _object_lemma(token) in lexicon.PEOPLE_WORDS | {"american", "afghan"}:
        return _Trigger(token, "AID", "evacuate", CONTEXT_CONFIDENCE)
    return _Trigger(token, event_type, mode, VERB_CONFIDENCE)


def _hunts_offender(token: Token) -> bool:
    """What is hunted or searched for is a suspect: "hunting a suspect", "searching for a man believed to be
    responsible", not "searching for survivors"."""
    sought = [c for c in token.children if c.dep_ == "dobj"]
    sought += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children]
    return any(
        _lemma_in(o, lexicon.OFFENDER_WORDS)
        or any(c.dep_ == "acl" and c.lemma_.lower() in ("believe", "suspect") for c in o.children)
        for o in sought
    )


def _takes_to_the_streets(token: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and any(o.lemma_.lower() in ("street", "streets") for o in c.children)
        for c in token.children
    )


def _doer(verb: Token) -> Token | None:
    """The verb's subject, its passive "by" agent, or the subject of the verb it completes ("claimed to have hit")."""
    current = verb
    for _ in range(2):
        for child in current.children:
            if child.dep_ == "nsubj" and any(ch.isalpha() for ch in child.text):  # not a heading's "=="
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if current.dep_ not in ("xcomp", "conj") or current.head.i == current.i:
            return None
        current = current.head
    return None


def _hits_a_target(token: Token) -> bool:
    """ "Hit" of a weapon ("a rocket hit the school", "was hit by a missile") or of an armed side at people or a
    post ("the army hit three gunmen"); not "the storm hit the coast", "prices hit a record"."""
    doer = _doer(token)
    if doer is not None and _lemma_in(doer, lexicon.WEAPON_WORDS):
        return True
    hit = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if doer is not None and doer.pos_ == "PRON":
        # "it hit three gunmen": whoever "it" is, hitting armed men is a strike
        return any(_lemma_in(o, lexicon.OFFENDER_WORDS | lexicon.ARMED_WORDS) for o in hit)
    if doer is None or not _lemma_in(doer, lexicon.ARMED_WORDS | lexicon.OFFENDER_WORDS):
        return False
    return any(
        _is_person(o) or _lemma_in(o, lexicon.OFFENDER_WORDS | lexicon.ARMED_WORDS | lexicon.ATTACKABLE_PLACES)
        for o in hit
    )


def _rams(token: Token) -> bool:
    """A vehicle driven into people or a post by an attacker or laden with explosives: "a suicide bomber crashed
    into a patrol", "a car packed with explosives rammed the gate"; not "a truck crashed into a tree"."""
    into = any(c.dep_ == "prep" and c.lower_ == "into" for c in token.children)
    if not into and not (token.lemma_.lower() == "ram" and any(c.dep_ == "dobj" for c in token.children)):
        return False
    doer = _doer(token)
    if doer is None:
        return False
    return _lemma_in(doer, lexicon.OFFENDER_WORDS) or any(
        _lemma_in(w, lexicon.EXPLOSIVE_WORDS) for w in doer.subtree if w.i != doer.i
    )


_STATISTIC_COUNTS = frozenset({"thousands", "millions", "thousand", "million"})


def _counted_in_thousands(token: Token) -> bool:
    """ "thousands of shootings", "tens of thousands of arrests", "2,500 shootings": happenings counted by the
    thousand are a tally over a time or a place, not an event a report can date and place ("the 2001 attacks"
    are)."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in _STATISTIC_COUNTS:
        return True
    for child in token.children:
        if child.dep_ == "nummod" and child.like_num:
            # grouped by commas ("2,521"): "the 2001 attacks" are dated by their year, not counted; "nine $2,500
            # donations" are each that much
            digits = child.text.replace(",", "")
            priced = child.nbor(-1).is_currency if child.i > 0 else False
            if "," in child.text and digits.isdigit() and int(digits) >= 1000 and not priced:
                return True
            if child.lower_ in _STATISTIC_COUNTS or any(g.lower_ in _STATISTIC_COUNTS for g in child.children):
                return True
    return False


_CLINICS = frozenset({"hospital", "clinic"})


def _kept_in_hospital(token: Token) -> bool:
    """ "were detained in hospital", with no one said to detain them ("by police", "police detained")."""
    if any(c.dep_ in ("agent", "nsubj") for c in token.children):
        return False
    return any(_lemma_in(o, _CLINICS) for o in (*_objects_of(token, "in"), *_objects_of(token, "at")))


def _in_its_sense(token: Token, lemma: str, event_type: str | None = None) -> bool:
    """Whether a trigger word with another common sense is used in the one the lexicon means: "fired him" ends a
    job, "pleaded not guilty" answers a charge, "asked him whether" questions, "sought to" tries, "hosted the
    final" stages a game, "committed the attack" or "committed a crime" carries one out, "accepted
    responsibility" claims an act, "a news release" publishes. The one home of these senses: the factuality
    rules (`event_factuality`) see only candidates that passed here."""
    children = list(token.children)
    if lemma == "rally" and token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in children):
        return False  # "Sanders rallied supporters", "rallied the base": gathering support, no protest
    if lemma in ("detain", "keep", "hold") and _kept_in_hospital(token):
        return False  # "96 people were detained in hospital": kept for treatment, no arrest
    if token.pos_ in ("NOUN", "PROPN"):
        if token.tag_ in ("NNS", "NNPS") and _counted_in_thousands(token):
            return False  # "thousands of shootings in Chicago this year": a statistic, no happening of its own
        if event_type == "RETREAT":
            # "a news release", "a press release", "a data release": no one freed
            return not any(
                (
                    c.dep_ == "compound"
                    and not _is_person(c)
                    and not _lemma_in(c, _RELEASED_PEOPLE)
                    and c.ent_type_ not in _GROUPS
                )
                or (c.dep_ == "amod" and c.lower_ in _PUBLISHING_MODIFIERS)
                for c in children
            )
        if lemma == "charge":
            return _legal_charge(token)
        if lemma == "appeal":
            # "an appeal for witnesses", "issued an appeal to residents to stay home"; not "expand its appeal"
            return (
                any(c.dep_ in ("prep", "acl") and c.lower_ in ("for", "to") for c in children)
                or any(
                    c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in children
                )
                or (token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.APPEAL_MAKING_VERBS)
            )
        if lemma == "invasion" and any(
            _lemma_in(p, _UNBREAKABLE | _PRIVATE_DOMAINS)
            for c in children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
        ):
            return False  # "an invasion of privacy", "an invasion of the state regulatory domain"
        if lemma == "request" and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(p.lemma_.lower() == "comment" for p in c.children)
            for c in children
        ):
            return False  # "did not respond to a request for comment": a reporter's, no one's demand
        if lemma == "demand" and token.dep_ == "pobj" and token.head.lower_ == "in":
            return False  # "a building in demand": sought after, no one's demand
        if lemma == "support" and any(
            c.like_num or c.lower_ in ("percent", "%") or any(g.like_num for g in c.children)
            for c in (*children, token.head)
            if c.dep_ in ("nummod", "compound", "npadvmod", "appos", "amod") or c is token.head
        ):
            return False  # "34 percent support", "Clinton support 27 percent": a poll's figure, no act of support
        if lemma == "support" and token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.HELD_SUPPORT_VERBS:
            return False  # "in danger of losing the support of members", "has the support of": backing held
        return True
    if lemma == "battle":
        # "battled government troops", "battling with the police"; not "battled through pneumonia", "battling for
        # votes" (what is fought for is read by word_sense)
        opponents = [*(c for c in children if c.dep_ == "dobj")] + [
            p for c in children if c.dep_ == "prep" and c.lower_ in ("with", "against") for p in c.children
        ]
        return (
            any(
                o.ent_type_ in _GROUPS or _is_person(o) or _lemma_in(o, lexicon.ARMED_WORDS | lexicon.OFFENDER_WORDS)
                for o in opponents
            )
            or lexicon.VIOLENT_CONTEXT.search(_span_text(sentence_of(token))) is not None
        )
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children):
        objects += [c for c in children if c.dep_ == "nsubj"]  # a headline's passive: "Curfew lifted"
    preps = {c.lower_ for c in children if c.dep_ == "prep"}
    if is_reduced_passive(token):
        objects.append(token.head)  # "the atrocities committed", "the prisoners released": the noun undergoes it
    if lemma == "welcome" and "to" in preps and not any(c.dep_ in ("nsubj", "dobj") for c in children):
        return False  # "Welcome to the season of …": a greeting
    if lemma == "sign" and any(c.dep_ == "prt" and c.lower_ in ("up", "in") for c in children):
        return False  # "sign up", "sign in": to register, not to sign an agreement
    if lemma == "support" and any(_lemma_in(o, lexicon.DEPENDANTS) for o in objects):
        return False  # "support their families on a single paycheck": providing for one's own, not backing
    if lemma == "agree" and "with" in preps and not preps & {"on", "to", "upon"}:
        if not any(c.dep_ in ("xcomp", "dobj") for c in children):
            return False  # "generals who agree with him": an opinion shared, not an agreement reached
    if lemma in ("recognize", "recognise") and any(o.ent_type_ == "PERSON" or o.pos_ == "PRON" for o in objects):
        return False  # "the audience would recognize Trump in that passage": to identify, not to recognise a state
    # "recognize the importance of", "recognize that ...", "recognizes himself in": to see, not to back
    if lemma in ("recognize", "recognise") and (
        any(_lemma_in(o, _RECOGNIZED_FACTS) for o in objects)
        or any(c.dep_ == "ccomp" for c in children)
        or "in" in preps
    ):
        return False
    if lemma == "slam" and (
        preps & {"into", "on", "onto", "against", "through"}
        or any(c.dep_ == "prt" for c in children)
        or any(_lemma_in(o, lexicon.SLAMMED_THINGS) for o in objects)
    ):
        return False  # "slammed on his brakes", "slammed into a tree", "slammed the door"
    if lemma == "fire":
        aimed = any(  # at something, not "on Monday" or "in the morning"
            c.dep_ == "prep"
            and c.lower_ in ("at", "on", "upon", "into", "from", "in", "toward", "towards")
            and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children)
            for c in children
        )
        if aimed:
            return True
        if token.i > 0 and token.nbor(-1).text in ("-", "–"):
            return False  # "gas-fired power plants", "a coal-fired boiler"
        if any(c.dep_ == "auxpass" for c in children) or (token.tag_ == "VBN" and token.dep_ in ("xcomp", "conj")):
            # "shots were fired", "a missile was fired"; not "the coach was fired", "work hard or be fired"; "the
            # shots that were fired": the relative pronoun stands for the noun
            fired = [token.head if o.lower_ in ("that", "which") and token.dep_ == "relcl" else o for o in objects]
            return any(_lemma_in(o, _FIRED_THINGS) for o in fired)
        return not any(_is_person(o) for o in objects)
    if lemma == "oppose" and token.i > 0 and token.nbor(-1).lower_ == "as":
        return False  # "as opposed to": a contrast
    if lemma in ("discuss", "talk", "comment") and _speaking_unnamed(token):
        return False  # "spoke on condition of anonymity to discuss", "not authorized to discuss": a source's terms
    if lemma == "support" and any(o.lower_ in ("percent", "%") for o in objects):
        return False  # "Clinton support 27 percent" read as a verb: a poll's figure
    if lemma == "promise" and any(
        c.dep_ == "xcomp"
        and c.lemma_.lower() == "be"
        and not any(a.dep_ == "aux" and a.lower_ != "to" for a in c.children)
        for c in children
    ):
        return False  # "the debate promised to be a crucial moment": it looked likely, no one promised
    if lemma in ("seize", "pounce") and preps & {"on", "upon"} and not any(c.dep_ == "dobj" for c in children):
        return False  # "Politifact seized on Trump's claim", "Democrats seized upon his remarks": took it up
    if lemma == "demonstrate" and (
        # (a word, not a run of underscores a page uses as a rule that the parser hung on the verb)
        any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "dative") and c.text[:1].isalnum() and not _lemma_in(c, _PROTESTED)
            for c in children
        )
        or any(
            c.dep_ == "prep" and c.lower_ == "to" and any(p.ent_type_ or p.pos_ == "PRON" for p in c.children)
            for c in children
        )
    ):
        return False  # "demonstrated her skill", "demonstrating that the plan works", "demonstrate to North Korea"
    held = [
        *objects,
        *(p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children),
    ]
    if lemma == "occupy" and any(
        _lemma_in(o, _OFFICES) or (o.lower_ == "house" and any(c.lower_ == "white" for c in o.children)) for o in held
    ):
        return False  # "occupies one of the key positions", "who will occupy the White House": holds office
    if lemma in _SELF_HARM_VERBS and _only_oneself(children):
        return False  # "shot himself", "were killing themselves": self-harm, no one's attack
    if lemma == "destroy" and objects and all(_lemma_in(o, _UNBREAKABLE) for o in objects):
        return False  # "it's destroying the committee", "destroys credibility and faith": ruin, no violence
    if lemma == "plead":
        return not any(c.lower_ in ("guilty", "innocent", "contest") for c in token.subtree)
    if lemma == "ask":
        # "asked him whether", "asked about the plan": questions, not requests
        questions = any(
            c.dep_ in ("ccomp", "advcl")
            and any(m.lower_ in ("if", "whether") or m.tag_ in ("WRB", "WP", "WDT") for m in c.children)
            for c in children
        )
        return not questions and "about" not in preps
    if lemma == "seek":
        sought = [c for c in children if c.dep_ == "dobj"]
        return "from" in preps or any(_lemma_in(o, lexicon.SOUGHT_FROM_OTHERS) for o in sought)
    if lemma == "host":
        return any(
            _is_person(o) or o.ent_type_ in ("ORG", "GPE", "NORP") or _lemma_in(o, lexicon.GUEST_WORDS) for o in objects
        )
    if lemma in lexicon.OBJECT_SENSES:
        # "shared intelligence", "froze assets", "lifted the curfew", "deployed troops", "blocked the road", "helped
        # the refugees": the act the lexicon means has an object of its kind ("shares the stories", "frozen into
        # ice", "lift the cap", "deploying an adverb", "help the economy" are other senses); without an object it
        # is read as meant ("troops were deployed" has its object as subject)
        kinds = lexicon.OBJECT_SENSES[lemma]
        if lemma == "share" and "with" in preps:
            return True  # "shared the files with the police"
        if lemma == "help" and any(c.dep_ in ("xcomp", "ccomp") for c in children):
            return False  # "helped him retain credibility", "help make the case"
        if not objects and lemma in ("lift", "ease", "suspend", "freeze"):
            objects = [c for c in children if c.dep_ == "nsubj"]  # "the curfew lifted", "sanctions eased"
        if not objects:
            return lemma in ("deploy", "reinforce", "mobilize", "mobilise")  # "the army mobilized"
        return any(
            _lemma_in(o, kinds)
            or (lemma in ("help", "deploy", "mobilize", "mobilise") and (_is_person(o) or o.ent_type_ in _GROUPS))
            for o in objects
        )
    if lemma == "block":
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        blockers = lexicon.PROTESTER_WORDS | lexicon.PEOPLE_WORDS | lexicon.LABOUR_WORDS
        return (subject is not None and _lemma_in(subject, blockers)) or any(
            _lemma_in(o, lexicon.BLOCKABLE_WAYS) for o in objects
        )
    if lemma in ("explode", "detonate") and token.dep_ not in ("amod", "acl"):
        # "a bomb exploded", "the car exploded"; not "the prison population exploded", "costs exploded"
        verb = token
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head  # "the population stood at 200,000 and has since exploded"
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is None or not (
            subject.pos_ in ("NOUN", "PROPN") and _lemma_in(subject, lexicon.GROWING_QUANTITIES)
        )
    if lemma == "execute":
        # "executed the prisoners", "he was executed"; not "flawlessly executed it (a plan)", "executed a trade"
        return not objects or any(
            _is_person(o)
            or _lemma_in(o, _RELEASED_PEOPLE)
            or o.pos_ == "NUM"
            or o.ent_type_ in _GROUPS
            or any(c.dep_ == "nummod" for c in o.children)
            for o in objects
        )
    if lemma in ("commit", "accept"):
        if any(
            _lemma_in(o, lexicon.DEEDS_AND_BLAME)
            or (lemma == "commit" and lexicon.NOUN_TRIGGERS.get(o.lemma_.lower(), ("",))[0] == "ASSAULT")
            for o in objects
        ):
            return False
        return lemma != "commit" or not _commits_a_deed(token, children, objects)
    return True


# What one "recognizes" when one sees it rather than backs it.
_RECOGNIZED_FACTS = frozenset(
    "importance significance need needs fact facts value reality realities danger dangers limit limits problem "
    "problems risk risks necessity difficulty difficulties role potential truth".split()
)
# What is fired when "fire" is a shot: the factuality rules' projectiles and the weapons of the lexicon.
_FIRED_THINGS = PROJECTILES | lexicon.WEAPON_WORDS
# What is "destroyed" or "invaded" only in a figure of speech: standing, trust, an institution's work.
_UNBREAKABLE = lexicon.IDEA_WORDS | frozenset(
    "credibility faith trust reputation confidence chance chances career careers future hope hopes morale "
    "relationship relationships committee brand image legacy integrity credentials".split()
)
# (not "space": an invasion of a country's air space is one)
_PRIVATE_DOMAINS = frozenset("privacy domain jurisdiction turf".split())
# Buildings and gathering places an attack "on" is made on (beside the posts of `ATTACKABLE_PLACES`).
_BUILDINGS = frozenset(
    "nightclub club bar restaurant cafe hotel mall market marketplace shop store office offices headquarters "
    "theater theatre cinema stadium arena airport synagogue temple shrine university college clinic consulate "
    "court courthouse prison jail parliament ministry home house houses residence".split()
)
# What people "demonstrate" when they protest ("demonstrated their anger at the verdict").
_PROTESTED = frozenset("anger opposition outrage solidarity frustration displeasure rejection discontent fury".split())
# Offices one holds ("occupies the post of"), not ground one takes.
# (not "post" or "office": rebels occupy an army post, protesters a governor's office)
_OFFICES = frozenset("position positions seat seats presidency role roles chair".split())
_SELF_HARM_VERBS = lexicon.HARM_VERBS | frozenset({"shoot", "stab", "hang", "poison", "burn"})
_REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves oneself".split())


def _speaking_unnamed(token: Token) -> bool:
    """The verb says what an unnamed source may not talk about: "on (the) condition of anonymity to discuss",
    "not authorized to discuss"."""
    for ancestor in [token.head, token.head.head]:
        if ancestor.lower_ in ("anonymity", "authorized", "authorised", "allowed", "permitted", "cleared"):
            return True
    # "speaking on the condition of anonymity to discuss ...", where the parser hangs the verb on "speaking"
    return any(t.lower_ == "anonymity" for t in token.head.subtree if t.i < token.i)


def _only_oneself(children: list[Token]) -> bool:
    """The verb's only object is a reflexive pronoun, with nothing coordinated ("shot himself"; not "killed three
    people and then himself")."""
    objects = [c for c in children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in _REFLEXIVES and not o.conjuncts for o in objects)


def _legal_charge(token: Token) -> bool:
    """ "Charges of lying", "murder charges", "faces charges", "arrested on charges": an accusation at law; not "in
    charge", "a charge of $5", "the cavalry charge", "free of charge"."""
    children = list(token.children)
    amounts = [*children, *(p for c in children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)]
    if any(c.like_num or c.text == "$" or c.ent_type_ == "MONEY" for c in amounts):
        return False  # "a charge of $5", "a 10 percent charge"
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("in", "of", "at"):
        return False  # "in charge", "free of charge"
    if any(c.dep_ == "prep" and c.lower_ in ("of", "against", "over") for c in children):
        return True
    if any(c.dep_ in ("compound", "amod") and _lemma_in(c, lexicon.LEGAL_CHARGE_WORDS) for c in children):
        return True
    if token.dep_ == "pobj" and head.lower_ in ("on", "to") and head.head.pos_ == "VERB":
        return True  # "arrested on charges", "pleaded guilty to charges"
    return (
        token.lower_ == "charges"
        and token.dep_ in ("dobj", "nsubjpass")
        and (head.lemma_.lower() in lexicon.CHARGE_VERBS)
    )


# Modifiers of "release" that publish rather than free ("a media release").
_PUBLISHING_MODIFIERS = frozenset({"news", "press", "media"})
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "myself", "yourself"})


def _commits_a_deed(token: Token, children: list[Token], objects: list[Token]) -> bool:
    """ "Commit a burglary", "commit suicide": a deed done, not a pledge. A pledge commits someone "to" something,
    or commits itself, a sum, a named thing or aid ("committed $5 million", "committed 500 troops")."""
    if any(c.dep_ == "prep" and c.lower_ == "to" for c in children) or _moves_aid(token):
        return False
    deeds = [o for o in objects if o.dep_ == "dobj" and o.lower_ not in _REFLEXIVES]
    return bool(deeds) and not any(c.ent_type_ or c.like_num or c.text == "$" for d in deeds for c in d.subtree)


_GROUPS = ("PERSON", "ORG", "GPE", "NORP")


def _is_person(token: Token) -> bool:
    """A person or people: a personal pronoun, a person's name, or a word for people."""
    return (
        token.lower_ in ("me", "him", "her", "us", "them", "you", "i", "he", "she", "we", "they")
        or token.ent_type_ == "PERSON"
        or _lemma_in(token, lexicon.PEOPLE_WORDS | lexicon.EMPLOYEE_WORDS)
    )


def _seizure(token: Token) -> _Trigger:
    """ "seized the town" takes ground, "seized hostages" abducts, "seized weapons" confiscates."""
    seized = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    seized += [p for o in seized for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    if any(_is_person(o) or _lemma_in(o, lexicon.CAPTIVE_WORDS) for o in seized):
        return _Trigger(token, "ASSAULT", "abduct", VERB_CONFIDENCE)
    if any(o.ent_type_ in ("GPE", "LOC", "FAC") or _lemma_in(o, lexicon.PHYSICAL_STAKES) for o in seized):
        return _Trigger(token, "ASSAULT", None, VERB_CONFIDENCE)
    return _Trigger(token, "COERCE", "seize", VERB_CONFIDENCE)


# Causes of death that are no one's act of violence: natural hazards, disease and accidents.
NATURAL_CAUSES = frozenset(
    "flood floods flooding earthquake quake tremor temblor aftershock storm cyclone hurricane typhoon tornado "
    "landslide mudslide avalanche "
    "drought heatwave heat tsunami eruption disease cholera epidemic outbreak virus pandemic famine lightning "
    "accident crash collapse collision pileup pile-up derailment wreck capsizing".split()
)


# Words that make a harm or a blast an accident: "two accidental explosions", "the device detonated accidentally".
ACCIDENT_MODIFIERS = frozenset(
    "accidental accidentally inadvertent inadvertently unintentional unintentionally".split()
)


def _accidental(token: Token) -> bool:
    """The word, or the cause its harm came "in", "from", "of" or "by", is said to be an accident ("killed in two
    accidental explosions", "the device detonated accidentally"): no one's attack."""

    def marked(word: Token) -> bool:
        return any(c.dep_ in ("amod", "advmod") and c.lower_ in ACCIDENT_MODIFIERS for c in word.children)

    if marked(token):
        return True
    return any(
        marked(cause)
        for child in token.children
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "from", "of", "by")
        for cause in child.children
        if cause.dep_ == "pobj"
    )


def _natural(token: Token) -> bool:
    return token.lower_ in NATURAL_CAUSES or token.lemma_.lower() in NATURAL_CAUSES


def _natural_or_named_one(token: Token) -> bool:
    """A hazard, or a word set beside one ("media, a 5.6 magnitude earthquake": a headline run into the lead)."""
    return _natural(token) or any(c.dep_ == "appos" and _natural(c) for c in token.children)


def _last_subject_natural(pronoun: Token) -> bool:
    """ "A quake hit the town. It killed 612 people": "it" stands for the hazard the sentence before is about."""
    sentence = pronoun.sent
    if sentence.start == 0:
        return False
    before = pronoun.doc[sentence.start - 1].sent
    return any(t.dep_ in ("nsubj", "nsubjpass") and _natural(t) for t in before)


def _caused_by_nature(token: Token) -> bool:
    """The verb's doer (its subject, its "by" agent in the passive, or the subject it shares with the verb it is
    joined to: "Floods displaced 120,000 and killed 45") is a natural hazard or an accident, or the harm came "of",
    "from" or "in" one ("died of cholera", "deaths from the floods", "killed in the collision"), or the word or
    that cause is called accidental ("detonated accidentally, killing three")."""
    verb = token
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    verbs = [token, verb] if verb.i != token.i else [token]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in verb.children):
        verbs.append(verb.head)  # "an earthquake hit the island, killing five and injuring 40": the quake's harm
    if any(_accidental(v) for v in verbs):
        return True
    for child in [c for v in verbs for c in v.children]:
        doer = child if child.dep_ == "nsubj" else None
        if child.dep_ == "agent":
            doer = next((c for c in child.children if c.dep_ == "pobj"), None)
        if doer is not None and (_natural_or_named_one(doer) or (doer.lower_ == "it" and _last_subject_natural(doer))):
            return True
        if doer is not None and doer.lower_ in ("which", "that") and child.head.dep_ == "relcl":
            if _natural(child.head.head):
                return True  # "the quake, which struck seven km east of the town"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
            cause = next((c for c in child.children if c.dep_ == "pobj"), None)
            if cause is not None and (cause.lemma_.lower() in NATURAL_CAUSES or cause.lower_ in NATURAL_CAUSES):
                return True
    return _harm_beside_a_hazard(token, verbs)


def _harm_beside_a_hazard(token: Token, verbs: list[Token]) -> bool:
    """ "Several houses were damaged and two villagers slightly injured", in a sentence about the quake: harm with no
    doer of its own, in a sentence that names a natural hazard and no weapon, armed actor or offender."""
    for verb in verbs:
        for child in verb.children:
            # the subject of a bare participle ("two villagers slightly injured") is the one harmed, not a doer
            doer = child.dep_ == "agent" or (child.dep_ == "nsubj" and verb.tag_ != "VBN")
            if doer and child.lower_ not in ("it", "which", "that") and not _natural_or_named_one(child):
                return False
    sentence = token.sent
    if not any(_natural(t) and t.pos_ == "NOUN" for t in sentence):
        return False
    avoid = lexicon.WEAPON_WORDS | lexicon.ARMED_WORDS | lexicon.OFFENDER_WORDS
    return not any(_lemma_in(t, avoid) for t in sentence)


def _calls_on(child: Token) -> bool:
    """ "called on X to", "called for calm": not "On Friday, X called the explosion an attack", nor "called her in
    for a talk" (summoned someone) or "called him for help" (phoned someone)."""
    if child.dep_ not in ("prep", "prt") or child.lower_ not in ("on", "for", "upon") or child.i < child.head.i:
        return False
    if child.lower_ == "for" and any(c.dep_ == "dobj" and c.i < child.i for c in child.head.children):
        return False
    return not any(c.ent_type_ in ("DATE", "TIME") for c in child.children)


# Phrasal verbs of explosions, with the particle and, for "go off", what goes off.
_EXPLOSIVES = frozenset("bomb bombs device devices explosive explosives mine mines grenade grenades ied ieds".split())


def _detonates(token: Token) -> bool:
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    lemma = token.lemma_.lower()
    if lemma == "blow" and particle == "up":
        return True
    if lemma == "go" and particle == "off":
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is not None and subject.lemma_.lower() in _EXPLOSIVES
    if lemma == "set" and particle == "off":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _EXPLOSIVES for c in token.children)
    return False


# Heads that only say an event noun's modifier is the event: "shooting incidents", "a killing spree", "a bombing
# campaign", "bombing outrages".
_EVENT_HEADS = frozenset({"incident", "spree", "campaign", "outrage", "wave", "attempt"})


def _noun_trigger(token: Token) -> _Trigger | None:
    if token.dep_ in ("compound", "amod", "npadvmod") and token.head.pos_ in ("NOUN", "PROPN"):
        if token.head.lemma_.lower() not in _EVENT_HEADS:
            return None  # "aid groups", "withdrawal process": a modifier, not an event
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma == "strike" or lower == "strikes":
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
        if modifiers & lexicon.STRIKE_PROTEST_MODIFIERS or modifiers & lexicon.STRIKE_DURATIONS:
            # "a general strike", "a 48-hour strike": a stoppage of work lasts a set time
            return _Trigger(token, "PROTEST", "boycott", NOUN_CONFIDENCE)
        # a labour dispute in the sentence ("nurses went on strike over pay"), unless the report has already
        # named a strike of weapons that "the strike" takes up again ("An Israeli airstrike … the strike in Rafah")
        labour = any(t.lower_ in lexicon.LABOUR_WORDS and t.pos_ in ("NOUN", "PROPN") for t in sentence_of(token))
        if not modifiers & lexicon.STRIKE_ASSAULT_MODIFIERS and labour and not _armed_strike_before(token):
            return _Trigger(token, "PROTEST", "boycott", CONTEXT_CONFIDENCE)
        return _Trigger(token, "ASSAULT", "heavy-weapons" if modifiers else None, CONTEXT_CONFIDENCE)
    if token.dep_ == "oprd":
        return None  # "called the explosion an attack": a name for what the object reports
    if lemma == "fire" and token.dep_ == "dobj" and token.head.lemma_.lower() == "open":
        return _Trigger(token, "ASSAULT", "firearms", NOUN_CONFIDENCE)  # "opened fire on the crowd"
    if lemma == "warning" and _bomb_warning(token):
        return _Trigger(token, "THREATEN", None, CONTEXT_CONFIDENCE)
    entry = lexicon.NOUN_TRIGGERS.get(lower) or lexicon.NOUN_TRIGGERS.get(lemma)
    if entry is None and token.pos_ == "PROPN" and lower.endswith("s"):
        # a capitalised plural the tagger takes for a name keeps its plural as its lemma ("Shootings in Belfast
        # continued", "Clashes Erupt"): its singular is the word
        entry = lexicon.NOUN_TRIGGERS.get(lower[:-1]) or lexicon.NOUN_TRIGGERS.get(lower[:-2])
    if entry is None:
        return None
    event_type, mode = entry
    if lower == "march" and token.pos_ == "PROPN":
        return None  # the month
    if event_type == "AID" and token.dep_ == "pobj" and token.head.lower_ == "for":
        return None  # "reopened the airport for aid": the purpose of another event
    if event_type == "AGREE" and lemma in ("pledge", "promise") and _moves_aid(token):
        return _Trigger(token, "AID", None, CONTEXT_CONFIDENCE)
    if event_type == "CONSULT" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in lexicon.SPEAKING_VENUE_MODIFIERS for c in token.children
    ):
        return None
    if token.i + 1 < len(token.doc) and token.nbor(1).text in ("-", "–"):
        return None  # "aid-dependent"
    if event_type == "THREATEN" and _a_risk(token):
        return None
    if event_type in ("DEMAND", "REQUEST") and any(
        _lemma_in(p, lexicon.DEMANDING_DUTIES)
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children
    ):
        return None  # "the demands of the presidency": what a duty asks of one, no one's demand
    if lemma == "rally" and _campaign_rally(token):
        return None
    if event_type == "AGREE" and lemma in _AGREEMENT_NOUNS and not _agreement_made(token):
        return None  # "the Iran deal is flawed", "opposed the Paris agreement": the agreement named, not made
    if lemma == "war" and not (
        token.dep_ == "dobj" and token.head.lemma_.lower() in lexicon.LIGHT_VERBS | {"declare", "fight"}
    ):
        return None  # "launched a war in Chechnya", "declared war"; "the war in Syria" is a state, not a happening
    if lemma == "trip" and not any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
        kinds_of_trip = [c for c in token.children if c.dep_ in ("compound", "amod")]
        placed = any(c.ent_type_ in ("GPE", "LOC") for c in kinds_of_trip)
        someones = any(c.dep_ == "poss" for c in token.children) and not any(
            c.dep_ == "compound" and c.ent_type_ == "" for c in kinds_of_trip
        )
        if not placed and not someones:
            return None  # "a fishing trip", "the first trip through bankruptcy": no one's visit to a place
    if not _in_its_sense(token, lemma, event_type):
        return None
    if event_type == "ASSAULT" and _accidental(token):
        return None  # "an accidental explosion": harm, but no one's attack
    if lemma in ("support", "relief") and not any(c.dep_ in ("poss", "prep", "amod") for c in token.children):
        return None  # bare "support", "relief" are rarely an act reported
    return _Trigger(token, event_type, mode, NOUN_CONFIDENCE)


# Nouns of an agreement, which news names again and again after it is made ("the Iran deal").
_AGREEMENT_NOUNS = frozenset({"deal", "agreement", "accord", "treaty", "pact"})
# Verbs that make one: "reached a deal", "the accord adopted", "entered into an agreement", "signed the treaty".
_AGREEMENT_MAKING = frozenset(
    "reach sign strike seal conclude clinch broker negotiate adopt agree finalize finalise ink enter forge "
    "hammer cut make announce approve ratify unveil secure produce yield".split()
)


def _agreement_made(token: Token) -> bool:
    """The agreement noun is what a verb of making one acts on or is said of: its object or passive subject
    ("reached a deal", "the deal was signed"), "into"/"on" one ("entered into", "agreed on"), or a participle or
    relative clause on it ("the deal reached by", "the agreement that they signed"); a headline's or the
    sentence's own subject with such a verb ("Deal reached")."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "nsubj") and _lemma_in(head, _AGREEMENT_MAKING):
        # not "make the agreement binding", "made the deal public": a complement says what became of it; and one
        # "makes" a new deal ("made a deal with"), while "make the Paris agreement ..." does something to one made
        if head.lemma_.lower() == "make" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children
        ):
            return False
        return not any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and c.i > token.i for c in head.children)
    if token.dep_ == "pobj" and head.lower_ in ("into", "on", "to") and _lemma_in(head.head, _AGREEMENT_MAKING):
        return True
    if token.dep_ == "conj" and token.head.i != token.i:
        return _agreement_made(token.head)  # "reached a ceasefire and a deal"
    if token.dep_ == "nsubj" and head.lemma_.lower() in ("take", "come", "go", "enter"):
        # "the agreement took effect on Monday", "the accord came into force"
        if any(t.lower_ in ("effect", "force") for t in head.subtree if t.i > head.i):
            return True
    return any(c.dep_ in ("acl", "relcl", "amod") and _lemma_in(c, _AGREEMENT_MAKING) for c in token.children)


def _bomb_warning(token: Token) -> bool:
    """ "warnings were telephoned before each explosion", "the warnings which were received": a warning
    someone passed on, in a sentence about a bomb."""
    passed_on = (token.dep_ in ("nsubjpass", "dobj") and _lemma_in(token.head, lexicon.WARNING_VERBS)) or any(
        c.dep_ in ("relcl", "amod", "acl") and _lemma_in(c, lexicon.WARNING_VERBS) for c in token.children
    )
    return passed_on and any(_lemma_in(t, lexicon.BOMB_WORDS) for t in sentence_of(token))


def _presses_into_an_act(token: Token) -> bool:
    """ "pressuring public employees to vote", "were coerced into signing": someone pressed into an act, not
    prices pressuring margins."""
    pressed = any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
    into_an_act = any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ == "into" and any(p.tag_ == "VBG" for p in c.children) for c in token.children
    )
    return pressed and into_an_act


_RALLY_HOLDING_VERBS = frozenset({"hold", "headline", "stage", "host", "address", "attend", "throw"})
# What a rally held "to ..." makes it a protest for.
_PROTESTING_VERBS = frozenset({"protest", "demand", "denounce", "condemn", "oppose", "demonstrate", "call", "press"})


def _campaign_rally(token: Token) -> bool:
    """A rally of a campaign ("a campaign rally", "a Trump rally") or one a speaker addresses ("told a rally",
    "said at a rally in Ohio"), with nothing that makes it a protest ("a rally against the war", "an
    opposition rally", "anti-government rallies"): a gathering of supporters, not a demonstration."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(c.dep_ == "prep" and c.lower_ in ("against", "outside") for c in token.children) or any(
        _lemma_in(c, lexicon.PROTEST_MODIFIERS) or c.lower_.startswith(("anti", "pro-")) for c in modifiers
    ):
        return False
    if any(_lemma_in(c, lexicon.CAMPAIGN_WORDS) or c.ent_type_ == "PERSON" for c in modifiers):
        return True
    if any(t.ent_type_ == "PERSON" for c in modifiers for t in c.subtree):
        return True  # "the Bush family rally": a candidate's, named inside its modifier
    head = token.head
    if token.dep_ in ("dobj", "dative") and head.lemma_.lower() in lexicon.ADDRESSING_VERBS:
        return True  # "Maduro told a rally"
    if token.dep_ == "dobj" and head.lemma_.lower() in _RALLY_HOLDING_VERBS:
        # "Trump held a rally in Ohio", "the senator will headline a rally": a politician's own, unless it is
        # held to protest or demand something ("held a rally to demand electoral reforms")
        holders = [c for c in head.children if c.dep_ == "nsubj"]
        purposes = [c for c in head.children if c.dep_ in ("xcomp", "advcl")]
        return any(h.ent_type_ == "PERSON" or _lemma_in(h, lexicon.POLITICAL_DOERS) for h in holders) and not any(
            _lemma_in(p, _PROTESTING_VERBS) for p in purposes
        )
    if token.dep_ == "pobj" and head.lower_ in ("at", "during", "to"):
        verb = head.head
        return verb.pos_ in ("VERB", "AUX") and (
            verb.lemma_.lower() in lexicon.SPEECH_VERBS or verb.lemma_.lower() in lexicon.ADDRESSING_VERBS
        )
    return False


def _a_risk(token: Token) -> bool:
    """ "charges that carry the threat of execution", "counter the threat of terrorism": a danger someone faces,
    not a threat someone made."""
    if token.dep_ in ("dobj", "nsubjpass", "attr") and token.head.lemma_.lower() in lexicon.RISK_VERBS:
        return True
    feared = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    endangered = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children]
    return any(_lemma_in(p, lexicon.ABSTRACT_ADVERSARIES) for p in feared) or any(
        _lemma_in(p, lexicon.ENDANGERED_GOODS) for p in endangered
    )


def _armed_strike_before(token: Token) -> bool:
    for earlier in token.doc[: token.i]:
        if earlier.lower_ in ("airstrike", "airstrikes"):
            return True
        if earlier.lower_ in ("strike", "strikes") and any(
            c.lower_ in lexicon.STRIKE_ASSAULT_MODIFIERS for c in earlier.children if c.dep_ in ("compound", "amod")
        ):
            return True
    return False


def _intent_trigger(token: Token) -> _Trigger | None:
    """ "ready / willing to <act>": an expressed intent, which PLOVER codes as AGREE."""
    if token.lower_ not in lexicon.INTENT_ADJECTIVES:
        return None
    if token.head.lower_ == "at":
        return None  # "guns at the ready"
    acts = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if any(not any(a.dep_ == "auxpass" for a in act.children) for act in acts):
        return _Trigger(token, "AGREE", None, CONTEXT_CONFIDENCE)
    return None  # "14 more nominees ready to be confirmed": waiting for others' act, no intent of their own


def _moves_aid(token: Token) -> bool:
    """Whether what the verb or noun moves, gives or keeps is aid: its objects, complements or subject."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "xcomp", "ccomp", "prep", "attr", "oprd"):
            words = [t for t in child.subtree if t.dep_ not in ("relcl", "acl")]
            # Only the phrase heads near the verb count: "the safety of aid workers" is not aid.
            near = [t for t in words if t.head == child or t == child or t.head.head == child]
            if any(t.lemma_.lower() in lexicon.AID_WORDS and t.dep_ not in ("compound",) for t in near):
                return True
            if child.dep_ == "prep" and any(t.lemma_.lower() in lexicon.AID_WORDS for t in child.children):
                return True
    return False


def _ends_or_averts(token: Token) -> bool:
    """ "stop fighting", "end the attacks", "avert a catastrophe", "a ban on gatherings and protests": what is
    stopped or banned is not an event."""
    while token.dep_ == "conj" and token.pos_ == "NOUN" and token.head.pos_ == "NOUN":
        token = token.head  # "banned rallies and protests"
    head = token.head
    if token.dep_ in ("dobj", "xcomp", "pcomp") and head.lemma_.lower() in lexicon.ENDING_VERBS:
        return True
    return (
        token.dep_ == "pobj"
        and head.lower_ not in lexicon.TEMPORAL_PREPOSITIONS  # "after the strike, the government banned …"
        and head.head.lemma_.lower() in lexicon.ENDING_VERBS
    )


def _object_lemma(token: Token) -> str | None:
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return obj.lemma_.lower() if obj is not None else None


def _subject_lemma(token: Token) -> str | None:
    subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    return subject.lemma_.lower() if subject is not None else None


def _ancestors_in(token: Token) -> Iterable[Token]:
    """The trigger's governors. The parser's trees never cross its sentence boundaries, so no check is needed
    (and `token.sent` would re-scan the doc's sentences on every call)."""
    return token.ancestors


def _trigger_extent(token: Token, state: DocState) -> tuple[int, int]:
    """The trigger's characters: the word, with the modifiers that name the kind ("air strike", "peace talks")."""
    start, end = token.idx, token.idx + len(token.text)
    if token.pos_ in ("NOUN", "PROPN"):
        left = [c for c in token.lefts if c.dep_ == "compound" and c.i not in state.entity_of_token]
        if left and left[-1].i == token.i - 1:
            start = left[0].idx if all(c.i == token.i - len(left) + k for k, c in enumerate(left)) else left[-1].idx
    return start, end


# --- arguments -------------------------------------------------------------------------------------------


def event_actors(token: Token, state: DocState) -> tuple[str | None, str | None]:
    """(source, target) entity ids of the event the trigger names."""
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        return _verb_actors(token, state)
    return _noun_actors(token, state)


def _on_its_line(token: Token) -> list[Token]:
    """The trigger's dependents within its paragraph: the parser sometimes runs a headline into the first
    sentence ("Officials: Car Bomb Kills 20 / A car bomb exploded …"), and a line break ends any argument."""
    text = doc_text(token.doc)
    out = []
    for child in token.children:
        low, high = sorted((child.idx, token.idx))
        if "\n" not in text[low:high]:
            out.append(child)
    return out


def _mention_actors(word: Token, state: DocState) -> tuple[str | None, str | None]:
    """(source, target) a further mention of an event names: the subject of "died" is who died, never a doer."""
    if word.pos_ != "VERB":
        return None, None
    if word.lemma_.lower() in lexicon.CASUALTY_VERBS:
        subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
        return None, (_entity_of_phrase(subject, state) if subject is not None else None)
    return _verb_actors(word, state)


def _verb_actors(token: Token, state: DocState) -> tuple[str | None, str | None]:
    source = target = None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    # the subject nearest the verb: a parse that runs two sentences together gives a verb several
    for child in sorted(_on_its_line(token), key=lambda c: abs(c.i - token.i)):
        if child.dep_ == "nsubj" and source is None:
            # "the victims died": harmed, never the doer; "the bomb exploded": the device, never the doer
            if child.lower_ not in VICTIM_NOUNS and not is_device_subject(child):
                source = _entity_of_subject(child, token, state)
        elif child.dep_ == "nsubjpass" and target is None:
            target = _entity_of_phrase(child, state)
        elif child.dep_ == "agent" and source is None:
            source = _entity_of_pobj(child, state)
        elif child.dep_ in ("dobj", "dative") and target is None:
            target = _entity_of_phrase(child, state)
    if (
        source is not None
        and not passive
        and token.lemma_.lower() in lexicon.HARM_VERBS
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children)
    ):
        # "Iranians killed in the raid": a verb of harm with no object is a passive without its auxiliary, and
        # its subject the harmed, never the doer
        source, target = None, target or source
    if source is None and not passive and not any(c.dep_ == "nsubj" and c.pos_ != "PRON" for c in token.children):
        # (a verb with a subject of its own inherits none: "X has committed $5 million, and the Y family will
        # donate"; a pronoun may stand for the same doer: "when it signed on, the United States pledged")
        source = _inherited_subject(token, state)
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
        if is_reduced_passive(token):
            if target is None:  # "Iranians killed in the raid": the people it was done to
                target = _entity_of_phrase(token.head, state)
        elif source is None:
            source = _entity_of_phrase(token.head, state)  # "drones bombing the province"
    if target is None or source is None:
        for child in token.children:
            if child.dep_ != "prep":
                continue
            if child.lower_ in _TARGET_PREPOSITIONS and target is None:
                if not _gathered_at_a_place(token, child, state):  # "met at the cafe": where, not whom
                    target = _entity_of_pobj(child, state)
            elif child.lower_ in _SOURCE_PREPOSITIONS and passive and source is None:
                source = _entity_of_pobj(child, state)
        if passive and source is None and target is not None:
            # "X has been killed in fighting with Y": Y is the other side of the fighting
            source = _counterpart_in_prep(token, state)
    return source, target


def _counterpart_in_prep(token: Token, state: DocState) -> str | None:
    for child in token.children:
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for grand in pobj.children:
                        if grand.dep_ == "prep" and grand.lower_ in ("with", "by"):
                            found = _entity_of_pobj(grand, state)
                            if found is not None:
                                return found
    return None


def _inherited_subject(token: Token, state: DocState) -> str | None:
    """The doer an xcomp, conj or participle verb shares with its head ("X pledged to keep", "X met and agreed",
    "X exploded, killing five"). Not the object of a verb of ordering, which does the act itself ("He ordered
    them to sign": they sign); not the patient of a passive head ("Five were killed and an officer injured": the
    five did nothing); not across a clause with its own conjunction ("… since the group attacked") nor up to
    a reporting verb, whose speaker only tells of the act ("the device detonated, killing three, police said")."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "acomp", "advcl") or current.head == current:
            return None
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            return None
        head = current.head
        if current.dep_ == "advcl" and _lemma_in(current, _HARMED_BY_AN_ACT) and _violence_between(head, current):
            # "police are hunting a suspect who left a device that exploded on Friday, wounding 13 people": the
            # parser hung the wounding on the far verb; it is the explosion's toll, not the hunters' deed
            return None
        if head.lemma_.lower() in lexicon.SPEECH_VERBS and current.dep_ not in ("conj", "xcomp"):
            return None  # (but "the army claimed to have hit three gunmen": the army hit them)
        if current.dep_ == "xcomp":
            controller = next((c for c in head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                # "he ordered them to sign": they sign; "the attack left 12 people injured": they were harmed
                return None if current.tag_ == "VBN" else _entity_of_phrase(controller, state)
        subject = next((c for c in _on_its_line(head) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return None if subject.dep_ == "nsubjpass" else _entity_of_subject(subject, head, state)
        current = head
    return None


_HARMED_BY_AN_ACT = lexicon.HARM_VERBS | lexicon.CASUALTY_VERBS


def _violence_between(head: Token, participle: Token) -> bool:
    """A violent verb between a verb and the harm participle hung on it (the participle's nearer act)."""
    return not _violent_verb(head) and any(
        t.pos_ == "VERB" and _violent_verb(t) for t in head.doc[head.i + 1 : participle.i]
    )


def _violent_verb(token: Token) -> bool:
    """A verb the lexicon reads as violence ("attacked", "stormed"), or one whose object is violence ("launched
    a series of attacks", "opened fire")."""
    entry = lexicon.VERB_TRIGGERS.get(token.lemma_.lower())
    if _lemma_in(token, _HARMED_BY_AN_ACT) or (entry is not None and entry[0] == "ASSAULT"):
        return True
    return any(c.dep_ == "dobj" and lexicon.noun_trigger_type(_counted(c)) == "ASSAULT" for c in token.children)


def _counted(noun: Token) -> Token:
    """The noun a quantity phrase counts ("a series of attacks": attacks)."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return counted if counted is not None and noun.lemma_.lower() in _QUANTITY_NOUNS else noun


_QUANTITY_NOUNS = frozenset({"series", "wave", "spate", "string", "number", "campaign", "round", "field"})


def _noun_actors(token: Token, state: DocState) -> tuple[str | None, str | None]:
    source = target = None
    is_visit = token.lower_ in ("visit", "visits", "trip", "trips", "tour")
    given_by_of = lexicon.noun_trigger_type(token) == "AID"
    for child in _on_its_line(token):
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = _entity_of_phrase(child, state)
            if found is not None and _is_place_entity(found, state):
                continue  # "the Manchester bombing": where it happened, not who did it
            if is_visit and child.dep_ != "poss" and target is None:
                target = found  # "a Gulf visit": where the visit goes
            elif source is None:
                source = found
    for child in token.children:
        if child.dep_ != "prep":
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        if child.lower_ == "between":
            parties = [_entity_of_phrase(pobj, state)] + [
                _entity_of_phrase(c, state) for c in pobj.conjuncts if c.dep_ == "conj"
            ]
            named = [p for p in parties if p is not None]
            if named and source is None:
                source = named[0]
            if len(named) > 1 and target is None:
                target = named[1]
        elif (child.lower_ in _SOURCE_PREPOSITIONS or (child.lower_ == "of" and given_by_of)) and source is None:
            source = _entity_of_phrase(pobj, state)  # "the aid of Russia", "with the help of China": the giver
        elif child.lower_ in (*_TARGET_PREPOSITIONS, "of") and target is None:
            if _gathered_at_a_place(token, child, state):
                continue  # "a rally at the coliseum", "a meeting at the castle": where, not whom
            found = _entity_of_phrase(pobj, state)
            if found != source:
                target = found
    if source is None:
        source = _agent_of_a_deed(token, state)
    head = token.head
    # "X held a meeting with Y", "X completed the withdrawal", "X launched an offensive"
    if token.dep_ in ("dobj", "attr") and head.lemma_.lower() in lexicon.LIGHT_VERBS:
        if source is None:
            source = _subject_entity(head, state)
        if target is None:
            target = next(
                (_entity_of_pobj(c, state) for c in head.children if c.dep_ == "prep" and c.lower_ == "with"), None
            )
        if head.lemma_.lower() in lexicon.PASSING_VERBS:
            receiver = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if receiver is not None:
                # "he and other drivers were given an ultimatum by their bosses": the passive's subject got it
                target = target or _entity_of_phrase(receiver, state)
                source = source or _by_whom(head, state)
            elif target is None:
                target = _passed_to(head, state)  # "gave the rebels an ultimatum", "issued a warning to the police"
    elif token.dep_ == "nsubjpass" and head.lemma_.lower() in lexicon.PASSING_VERBS:
        # "warnings were given to the police by the group"
        if target is None:
            target = _passed_to(head, state)
        if source is None:
            source = _by_whom(head, state)
    elif token.dep_ == "dobj" and (
        head.lemma_.lower() in lexicon.UNDERGOING_VERBS
        or (head.lemma_.lower() in lexicon.ANSWERING_VERBS and lexicon.noun_trigger_type(token) == "ACCUSE")
    ):
        if target is None:  # "the president survived an attack", "he denied the charges": the one it was done to
            target = _subject_entity(head, state)
        if source is None and head.lemma_.lower() in lexicon.UNDERGOING_VERBS:
            source = _from_whom(head, state)  # "received an ultimatum from the union"
    elif (holder := lexicon.held_on(token)) is not None:
        # "held on charges", "awaiting trial on charges", "arrested for murder charges": who is held on them is
        # the accused, never the accuser
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if target is None and subject is not None and subject.ent_type_ not in ("GPE", "LOC", "FAC"):
            target = _entity_of_phrase(subject, state)  # (a place is where, however the parser hung it)
    elif token.dep_ == "pobj" and lexicon.comes_under(head):
        if target is None:  # "the minister came under criticism from lawmakers"
            target = _subject_entity(head.head, state)
        if source is None:
            source = _from_whom(head.head, state)
    elif source is None and token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        verb = head.head
        if verb.lemma_.lower() in lexicon.CASUALTY_VERBS | lexicon.HARM_VERBS | lexicon.UNDERGOING_VERBS:
            # "scores died in the attacks": who died is harmed, never the doer; who died in protests or at a
            # meeting is not what the protest or meeting was against or with
            if target is None and not _gathering(token):
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                target = _entity_of_phrase(subject, state) if subject is not None else None
        elif (
            head.lower_ in _TAKING_PART_PREPOSITIONS
            or (head.lower_ == "to" and verb.lemma_.lower() in _GOING_VERBS)
            or (head.lower_ == "during" and lexicon.noun_trigger_type(token) == "CONSULT")
        ):  # "X is departing for a visit", "X is in talks with Y"
            source = _subject_entity(verb, state)
    return source, target


def _passed_to(verb: Token, state: DocState) -> str | None:
    """Whom a verb of passing on gives its object to: its dative ("gave the rebels an ultimatum") or "to"."""
    for child in verb.children:
        if child.dep_ == "dative" and child.lower_ != "to":
            return _entity_of_phrase(child, state)
        if child.dep_ in ("dative", "prep") and child.lower_ == "to":
            return _entity_of_pobj(child, state)
    return None


def _by_whom(verb: Token, state: DocState) -> str | None:
    """Who a passive verb says did it: its agent ("were given an ultimatum by the army")."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return _entity_of_pobj(agent, state) if agent is not None else None


def _from_whom(verb: Token, state: DocState) -> str | None:
    """Who a verb of undergoing says it came from: "received an ultimatum from the union"."""
    return next((_entity_of_pobj(c, state) for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)


def _agent_of_a_deed(token: Token, state: DocState) -> str | None:
    """Who an event noun says did it in a passive: "attacks carried out by militants", "the bombing was
    perpetrated by X", and who took part in it: "34 people were involved in the attack"."""
    head = token.head
    if token.dep_ == "nsubjpass":
        verbs = [head]  # "the attack was carried out by X"
    else:
        verbs = [c for c in token.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")]
    for verb in verbs:
        if verb.lemma_.lower() in lexicon.LIGHT_VERBS and any(c.dep_ == "agent" for c in verb.children):
            return _by_whom(verb, state)
    phrase = head if token.dep_ == "compound" else token  # "the assassination attempt"
    preposition = phrase.head if phrase.dep_ == "pobj" else None
    if preposition is not None and preposition.lower_ == "in" and preposition.head.lemma_.lower() == "involve":
        verb = preposition.head  # "X were involved in the attack"
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            return _entity_of_phrase(subject, state)
    return None


def _gathering(token: Token) -> bool:
    """A protest or a meeting: what happens "at" a place happens there. (Shots fired "at" a building, or an
    attack "at" it, may be aimed at it.)"""
    found = lexicon.noun_trigger_type(token) if token.pos_ in ("NOUN", "PROPN") else None
    if found is None:
        entry = lexicon.VERB_TRIGGERS.get(token.lemma_.lower())
        found = entry[0] if entry is not None else None
    return found in ("PROTEST", "CONSULT")


# Explosions: what one is "at" is where it went off ("the explosions at the bus station"), never whom it aimed at.
_EXPLOSION_WORDS = frozenset({"explosion", "blast", "detonation", "bombing", "explode", "detonate"})


def _gathered_at_a_place(verb: Token, preposition: Token, state: DocState) -> bool:
    """A protest or meeting "at" a place happens there ("protested at her Brooklyn school", "met at the cafe"), and
    so does an explosion ("two explosions at the bus station")."""
    if preposition.lower_ != "at" or not (_gathering(verb) or _lemma_in(verb, _EXPLOSION_WORDS)):
        return False
    pobj = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return pobj is not None and _is_a_place_phrase(pobj, state)


def _is_a_place_phrase(head: Token, state: DocState) -> bool:
    """A phrase naming a place: a place's name (an entity of a place's type, a place the geoparser found there, a
    name with a site in it: "the Greensboro Coliseum", "the Hotel Continental") or a site ("her Brooklyn school")."""
    found = _entity_of_phrase(head, state, resolve=False) if head.i in state.entity_of_token else None
    if (found is not None and _is_place_entity(found, state)) or _lemma_in(head, lexicon.SITE_NOUNS):
        return True  # (a name ending in a site too: "Baker Street", however the tagger typed it)
    if any(c.dep_ == "compound" and _lemma_in(c, lexicon.SITE_NOUNS) for c in head.children):
        return True  # "the Hotel Continental", however its name is typed
    return in_a_place_mention(head.doc, state.places, head.idx)


def _is_place_entity(entity_id: str, state: DocState) -> bool:
    entity = state.entity(entity_id)
    return entity is not None and entity.type in ("GPE", "LOC", "FAC")


# "X claimed / took / accepted / admitted / assumed responsibility"
_RESPONSIBILITY_VERBS = frozenset({"claim", "take", "accept", "admit", "assume"})


def _responsibility_claimant(sentence: Span, state: DocState) -> str | None:
    """Who the sentence says claimed the violence: "in an attack claimed by X", "X claimed responsibility"."""
    for token in sentence:
        if token.lemma_.lower() not in _RESPONSIBILITY_VERBS:
            continue
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if token.lemma_.lower() == "claim" and agent is not None:
            found = _entity_of_pobj(agent, state)
            if found is not None:
                return found
        taken = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")]
        if taken and all(_claims_violence(c) for c in taken):
            found = _subject_entity(token, state)
            if found is not None:
                return found
    return None


def _claims_violence(responsibility: Token) -> bool:
    """ "responsibility for the attack" or for nothing named claims violence; "responsibility for my vote" does
    not."""
    claimed = _objects_of(responsibility, "for")
    return not claimed or any(
        o.pos_ == "PRON" or lexicon.noun_trigger_type(o) in CLAIMABLE_TYPES or _lemma_in(o, lexicon.BOMB_WORDS)
        for o in claimed
    )


def _entity_of_subject(subject: Token, verb: Token, state: DocState) -> str | None:
    """The entity a subject names; a relative pronoun names what its clause describes ("X, which is fighting")."""
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        return _entity_of_phrase(verb.head, state)
    if (
        _lemma_in(subject, _RELATION_NOUNS)
        and subject.i not in state.entity_of_token
        and any(
            c.dep_ in ("poss", "prep") or (c.dep_ in ("compound", "nmod") and not _lemma_in(subject, _KIN_GROUPS))
            for c in subject.children
        )
    ):
        # "the neighbours of X accused …", "X's wife pleads", "Sanders supporters threaten": other people than
        # X ("the Ricketts family will donate" is the family's)
        return None
    return _entity_of_phrase(subject, state)


def _subject_entity(verb: Token, state: DocState) -> str | None:
    subject = next((c for c in _on_its_line(verb) if c.dep_ == "nsubj"), None)
    if subject is None:
        return _inherited_subject(verb, state)
    return _entity_of_subject(subject, verb, state)


def _entity_of_pobj(preposition: Token, state: DocState) -> str | None:
    pobj = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return _entity_of_phrase(pobj, state) if pobj is not None else None


# People named by whom they are related to: "the neighbours of X" who do something are not X.
_RELATION_NOUNS = frozenset(
    "neighbor neighbour relative family friend lawyer attorney wife husband son daughter mother father brother "
    "sister parent child colleague supporter aide spokesman spokeswoman spokesperson victim".split()
)
_KIN_GROUPS = frozenset({"family", "clan"})


def _entity_of_phrase(head: Token, state: DocState, *, resolve: bool = True) -> str | None:
    """The entity a noun phrase names: its head's entity; a pronoun's or description's antecedent, or a generic
    actor ("Kenyan police"), through the document (`argument_actors`); else the first entity inside the phrase
    proper (compounds, possessors, "of"/"from" phrases), never inside a clause attached to it."""
    described = state.entity_of_token.get(head.head.i) if head.dep_ == "appos" else None
    if described is not None and _entity_type(head.head, state) == "PERSON" and _entity_type(head, state) != "PERSON":
        return described  # "X, the British-Libyan who carried out the bombing": X
    if head.i in state.entity_of_token:
        return state.entity_of_token[head.i]
    resolver = CURRENT_RESOLVER.get() if resolve else None
    if resolver is not None:
        found = resolver.resolve(head)
        if found is not None:
            return found
    queue = [head]
    seen = {head.i}
    while queue:
        token = queue.pop(0)
        for child in token.children:
            if child.i in seen or child.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "punct", "cc", "conj"):
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "from"):
                continue
            if child.i in state.entity_of_token:
                return state.entity_of_token[child.i]
            seen.add(child.i)
            queue.append(child)
    return None


# --- status ----------------------------------------------------------------------------------------------


def event_status(token: Token, sentence: Span, state: DocState) -> tuple[EventStatus, str]:
    """(status, according_to) of the event at `token`: see the module docstring for the cues."""
    quote = quote_around(token, state.quotes)
    reporting = _governing_speech_verb(token)
    according_to = _according_to(quote, reporting, state)
    chain = [token, *_clause_chain(token)]
    if _negated(token, chain):
        return "negated", according_to
    polarity = quote.polarity if quote is not None else None
    reporting_lemma = reporting.lemma_.lower() if reporting is not None else None
    if polarity in lexicon.DENY_POLARITIES or reporting_lemma in lexicon.DENY_VERBS:
        return "denied", according_to
    if _in_condition(token):
        return "hypothetical", according_to
    if _conditional(token, chain, sentence):
        return "conditional", according_to
    if any(_has_aux(t, lexicon.HYPOTHETICAL_MODALS) for t in chain) and reporting is None:
        return "hypothetical", according_to
    if token.lemma_.lower() in lexicon.PROMISE_VERBS or token.lower_ in ("pledge", "promise", "pledges", "promises"):
        return "promised", according_to
    if any(
        t.lemma_.lower() in lexicon.PROMISE_VERBS and _in_its_sense(t, t.lemma_.lower())
        for t in chain[1:]
        if t.pos_ in ("VERB", "ADJ")
    ):
        return "promised", according_to  # not "committed the attack", which carries it out
    if _requested(token):
        return "hypothetical", according_to
    if _planned(token, chain):
        return "planned", according_to
    if lexicon.UNVERIFIED_HEDGES.search(_span_text(sentence)):
        return "unverified", according_to
    claimed_by_party = according_to != REPORTER and (
        polarity in lexicon.CLAIM_POLARITIES or reporting_lemma in lexicon.CLAIM_VERBS
    )
    if claimed_by_party:
        return "claimed", according_to
    return "reported", according_to


def _clause_chain(token: Token) -> list[Token]:
    """The verbs and nouns that govern the trigger, up to (not including) the reporting verb of its sentence."""
    chain = []
    current = token
    for ancestor in _ancestors_in(token):
        if ancestor.lemma_.lower() in lexicon.SPEECH_VERBS and ancestor.pos_ == "VERB":
            break
        if current.dep_ in ("relcl", "advcl", "parataxis") or current.lower_ in lexicon.TEMPORAL_PREPOSITIONS:
            break  # a clause or phrase that only describes or dates the trigger's governor
        if current.dep_ == "acl" and current.tag_ in ("VBN", "VBG"):
            break  # "the two men accused of the bombing": a description of a noun, whatever its sentence denies
        low, high = sorted((current.i, ancestor.i))
        if any(t.text == ";" for t in token.doc[low:high]):
            break  # "Airstrike kills 9; Hamas vows response": two statements, whatever the parse joins
        chain.append(ancestor)
        current = ancestor
    return chain


def _governing_speech_verb(token: Token) -> Token | None:
    """The reporting verb whose content holds the trigger. A trigger reached through the verb's subject is in
    the speaker's description ("said Amira Osman, a student who joined the rally"), which the reporter tells."""
    below = token
    for ancestor in _ancestors_in(token):
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in lexicon.SPEECH_VERBS | lexicon.DENY_VERBS:
            return None if below.dep_ in ("nsubj", "nsubjpass", "agent") else ancestor
        below = ancestor
    return None


def _according_to(quote: Quote | None, reporting: Token | None, state: DocState) -> str:
    if quote is not None and quote.speaker:
        return quote.speaker
    if reporting is not None:
        # the speaker: the active subject, or the agent of a passive ("is reported by X"), never the topic
        subject = next((c for c in reporting.children if c.dep_ == "nsubj"), None)
        agent = next((c for c in reporting.children if c.dep_ == "agent"), None)
        found = None
        if subject is not None:
            found = _entity_of_phrase(subject, state, resolve=False)
        elif agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            found = _entity_of_phrase(pobj, state, resolve=False) if pobj is not None else None
        if found is not None:
            return found
    return REPORTER


def _negated(token: Token, chain: list[Token]) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("no", "without") for c in token.children):
        return True
    for governing in chain:
        if governing.lemma_.lower() == "plead" or governing.head.lemma_.lower() == "plead":
            break  # "pleaded not guilty to charges": the plea answers the charges, it does not deny they were made
        if governing.pos_ in ("VERB", "AUX", "ADJ") and any(c.dep_ == "neg" for c in governing.children):
            return True
        if governing.lower_ == "without":
            return True
    return False


def _has_aux(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


def _in_condition(token: Token) -> bool:
    """The trigger sits inside an "if"/"unless" clause: the event is a supposition."""
    for ancestor in [token, *_ancestors_in(token)]:
        if any(c.dep_ == "mark" and c.lower_ in lexicon.CONDITIONAL_MARKERS for c in ancestor.children):
            return True
    return False


def _conditional(token: Token, chain: list[Token], sentence: Span) -> bool:
    """The trigger's clause carries a condition: "ready to stop fighting on condition that …", "will … if …"."""
    for governing in [token, *chain]:
        for child in governing.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in lexicon.CONDITIONAL_MARKERS for m in child.children
            ):
                return True
    match = lexicon.CONDITIONAL_PHRASES.search(_span_text(sentence))
    if match is None:
        return False
    # The condition binds the clause it is attached to: the trigger, or a complement below the trigger
    # within the same statement ("ready [to stop fighting [on condition that …]]").
    condition = token.doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end())
    if condition is None:
        return False
    attached = condition.root.head
    if attached == token or attached in chain:
        return True
    for ancestor in [attached, *_ancestors_in(attached)]:
        if ancestor == token:
            return True
        if ancestor.dep_ in ("ccomp", "advcl", "parataxis", "relcl") or ancestor.lemma_.lower() in lexicon.SPEECH_VERBS:
            return False
    return False


def _requested(token: Token) -> bool:
    """ "urged residents to protest", "called on Muslims to take up arms", "ordered the troops to attack": an act
    someone is asked, urged or ordered to do, which the sentence does not report as done."""
    verb = token
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "to take up arms and fight"
    if verb.dep_ != "xcomp" or verb.pos_ not in ("VERB", "AUX"):
        return False
    asker = verb.head
    lemma = asker.lemma_.lower()
    if lemma == "call":
        return any(_calls_on(c) for c in asker.children)
    entry = lexicon.VERB_TRIGGERS.get(lemma)
    return entry is not None and entry[0] in ("REQUEST", "DEMAND")


def _planned(token: Token, chain: list[Token]) -> bool:
    if any(_has_aux(t, lexicon.FUTURE_AUXILIARIES) for t in [token, *chain]):
        return True
    if any(c.dep_ == "amod" and c.lower_ in lexicon.PLANNING_ADJECTIVES for c in token.children):
        return True
    below = token
    for governing in chain[:3]:
        if governing.i == token.i:
            continue  # "bombs had gone off": the trigger is no plan of its own
        lemma = governing.lemma_.lower()
        planned_thing = below.dep_ not in ("prep", "agent", "advmod", "npadvmod")  # not "bond set on the charge"
        if lemma in lexicon.PLANNING_VERBS and governing.pos_ in ("VERB", "AUX", "ADJ") and planned_thing:
            return True
        below = governing
        if lemma == "be" and token.dep_ == "xcomp":  # "is to visit"
            return True
    return False


# --- ACLED sub-types -------------------------------------------------------------------------------------


def _acled_subtypes(
    triggers: list[tuple[Span, _Trigger]],
) -> Generator[EmbeddingRequest, np.ndarray | None, dict[int, str]]:
    """Trigger token index -> CASE-2021 sub-type, for the event types ACLED codes. One classifier call; the
    sentences MiniLM must read are asked of the caller (`EmbeddingRequest`)."""
    wanted: dict[int, Span] = {}
    asked: dict[int, list[tuple[int, str, set[str]]]] = {}  # sentence start -> (trigger, type, words)
    violent: dict[int, bool] = {}
    for sentence, trigger in triggers:
        if trigger.type in ACLED_SUBTYPES_OF_TYPE:
            if sentence.start not in violent:
                violent[sentence.start] = _shows_violence(_span_text(sentence))
            if not violent[sentence.start]:
                continue
            wanted[sentence.start] = sentence
            # the trigger and the words right under it ("killed in fighting")
            token = trigger.token
            near = [token, *token.children]
            near += [grand for child in token.children if child.dep_ == "prep" for grand in child.children]
            lemmas = {t.lemma_.lower() for t in near}
            asked.setdefault(sentence.start, []).append((token.i, trigger.type, lemmas))
    if not wanted:
        return {}
    classifier = shipped_classifier()
    if classifier is None:
        return {}
    starts = sorted(wanted)
    texts = [wanted[s].text for s in starts]
    scores = classifier.cheap_scores(texts)
    classes = classifier.classes
    cheap_ranking = classifier.ranked(scores)
    # MiniLM only where it can change the answer: neither the trigger's own word nor a clear lead among the
    # sub-types the event's type allows decides it (the CASE-2021 figures of the cascade hold for every
    # sentence; this only skips embeddings whose result would be thrown away).
    unsure = [
        row
        for row, start in enumerate(starts)
        if any(
            _preferred_choice(cheap_ranking[row], event_type, lemmas) is None
            and not _clear_lead(scores[row], classes, ACLED_SUBTYPES_OF_TYPE[event_type], classifier.margin_threshold)
            for _, event_type, lemmas in asked[start]
        )
    ]
    if unsure and classifier.parts.get("regression") is not None:
        # `classifier.refine(texts, unsure, scores)`, with the embeddings of the unsure rows from the caller
        vectors = yield [texts[row] for row in unsure]
        if vectors is not None:
            given = np.zeros((len(texts), vectors.shape[1]), dtype=vectors.dtype)
            given[unsure] = vectors
            classifier.refine(texts, unsure, scores, embeddings=given)
    out: dict[int, str] = {}
    for start, labels in zip(starts, classifier.ranked(scores), strict=True):
        for token_index, event_type, lemmas in asked[start]:
            choice = _choice(_with_their_cues(labels, _span_text(wanted[start])), event_type, lemmas)
            if choice in TERRITORY_SUBTYPES:
                choice = _territory_by_doer(wanted[start].doc[token_index]) or choice
            if choice is not None:
                out[token_index] = choice
    return out


TERRITORY_SUBTYPES = frozenset({"NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT"})
_PRONOUNS = frozenset({"it", "they", "we", "he", "she"})


def _doer_phrase(token: Token) -> list[Token] | None:
    """The words naming who did it: the verb's subject (a relative pronoun's noun, a pronoun's speaker: "the army
    said it had recaptured …"), or a noun trigger's possessor or modifier ("the rebels' offensive")."""
    if token.pos_ in ("NOUN", "PROPN"):
        owners = [t for c in token.children if c.dep_ in ("poss", "compound", "amod") for t in c.subtree]
        return owners or None
    verb = token
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    while subject is None and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        described = verb.head
        return [t for t in described.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
    if subject.lower_ in _PRONOUNS:
        speech = _governing_speech_verb(token)
        speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None) if speech is not None else None
        return list(speaker.subtree) if speaker is not None else None
    return list(subject.subtree)


def _territory_by_doer(token: Token) -> str | None:
    """Who took ground decides between ACLED's two territory sub-types: the army's recapture is the government
    regaining territory, the rebels' is a non-state actor's; the classifier weighs the whole sentence instead."""
    subject = _doer_phrase(token)
    if subject is None:
        return None
    phrase = " ".join(t.lower_ for t in subject)
    state = any(p.search(phrase) for p in lexicon.COMPILED_ACLED_CUES["state_actor"])
    nonstate = any(p.search(phrase) for p in lexicon.COMPILED_ACLED_CUES["nonstate_actor"])
    if state and not nonstate:
        return "GOV_REGAINS_TERIT"
    if nonstate and not state:
        return "NON_STATE_ACTOR_OVERTAKES_TER"
    return None


def _shows_violence(text: str) -> bool:
    return shows_violence(text)


# Sub-types that a sentence must name in words: the classifier, trained on 503 snippets, sometimes ranks them
# first for text that says nothing of the kind ("accused infiltrators of attacking police stations" as sexual
# violence). Without its cue such a label is passed over for the next one.
CUED_SUBTYPES: dict[str, re.Pattern[str]] = {
    "SEX_VIOL": re.compile(r"\b(?:rap(?:e|ed|es|ing|ist)|sexual(?:ly)?|molest\w*)\b", re.IGNORECASE),
    "CHEM_WEAP": re.compile(r"\b(?:chemical|sarin|chlorine|nerve agent|mustard gas|toxic gas)\b", re.IGNORECASE),
    "SUIC_BOMB": re.compile(r"\bsuicide\b", re.IGNORECASE),
    "GRENADE": re.compile(r"\bgrenades?\b", re.IGNORECASE),
    "AIR_STRIKE": re.compile(
        r"\b(?:air ?strikes?|air raids?|air attacks?|drones?|warplanes?|jets?|bombers?|aircraft|helicopters?|"
        r"air force|bombed from the air)\b",
        re.IGNORECASE,
    ),
    "ABDUCT_DISSAP": re.compile(r"\b(?:abduct\w*|kidnap\w*|disappear\w*|hostages?|captive)\b", re.IGNORECASE),
}


def _with_their_cues(labels: list[str], text: str) -> list[str]:
    return [label for label in labels if label not in CUED_SUBTYPES or CUED_SUBTYPES[label].search(text)]


def _preferred_choice(labels: list[str], event_type: str, lemmas: set[str]) -> str | None:
    """The trigger's own word decides the family ("fighting" is a clash even in a sentence about a capture;
    "takeover" is a territory sub-type); the classifier's ranking decides within it (who took it)."""
    allowed = ACLED_SUBTYPES_OF_TYPE[event_type]
    preferred = set().union(*(lexicon.TRIGGER_SUBTYPES.get(lemma, set()) for lemma in lemmas))
    return next((label for label in labels if label in allowed and label in preferred), None)


def _choice(labels: list[str], event_type: str, lemmas: set[str]) -> str | None:
    preferred = _preferred_choice(labels, event_type, lemmas)
    if preferred is not None:
        return preferred
    allowed = ACLED_SUBTYPES_OF_TYPE[event_type]
    return next((label for label in labels[:5] if label in allowed), None)


def _clear_lead(row: np.ndarray, classes: list[str], allowed: set[str], threshold: float) -> bool:
    values = sorted((float(row[j]) for j, label in enumerate(classes) if label in allowed), reverse=True)
    return len(values) < 2 or values[0] - values[1] >= threshold


class EventsComponent:
    """The events component: one doc at a time, or a batch of docs (`nlp.pipe`) whose MiniLM sentences are
    embedded together (`extract_events_of_batch`)."""

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        state.events = extract_events(doc, state)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 4) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            extract_events_of_batch(batch)
            yield from batch


def events_factory(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()


# spaCy validates factory arguments from real annotations, not the strings `from __future__` leaves.
events_factory.__annotations__ = {"nlp": Language, "name": str, "return": EventsComponent}
Language.factory(
    "newsledger_events",
    requires=["token.dep", "token.lemma", *records_attrs("entities", "places", "times", "quotes")],
    assigns=["doc._.newsledger", *records_attrs("events")],
    func=events_factory,
)
events_component = EventsComponent()
