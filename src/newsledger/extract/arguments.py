"""Per-mention arguments: who and where each word reporting an event names, in its own sentence.

An event keeps one source, one target and one place, but a happening told over several sentences ("A bomb
exploded in the market … Three soldiers were wounded") has in each sentence its own words for them, and a
later sentence may name victims of its own. For each word of the event (its trigger and its `mentions`) this
module reads the arguments that word's own clause gives (the same rules as the event's, `event_actors`), falls
back to the event's where the sentence names them, and records the words that name each one: the phrase in
the sentence ("she", "three soldiers") with the entity or place it stands for. Coordinated phrases ("eight
women, a girl and four men were injured") are each an argument of the role.

A group of victims is never a source, and a place is an argument only where the word's sentence names it (a
dateline or a speaker's country is the record's coding of the event, not what the sentence says).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar

from spacy.tokens import Doc, Token

from newsledger.extract import event_lexicon as lexicon
from newsledger.extract.argument_actors import (
    ACTOR_NOUNS,
    CURRENT_RESOLVER,
    PAGE_FURNITURE,
    VICTIM_NOUNS,
    is_device_subject,
)
from newsledger.extract.arguments_linker import (
    CANDIDATE_POS,
    USE_LINKER,
    LinkerModel,
    Scored,
    add_rule_role,
    candidates,
    choose,
    in_a_place_mention,
    shipped_linker,
)
from newsledger.extract.datelines import find_dateline
from newsledger.extract.entities import heading_lines
from newsledger.extract.places import event_place
from newsledger.extract.syntax import is_reduced_passive
from newsledger.model import Event, EventArgument, Mention
from newsledger.nlp.arrays import doc_arrays, sentence_of
from newsledger.nlp.state import DocState, doc_text, get_state

SOURCE, TARGET, PLACE = "source", "target", "place"
ActorsOf = Callable[[Token, DocState], tuple[str | None, str | None]]
# Left modifiers that belong to the words naming an argument ("three other Russian soldiers", "Syria's army").
_PHRASE_LEFT = frozenset({"compound", "amod", "nummod", "nmod", "poss", "case", "quantmod"})
# A name in one of these slots may stand for the noun it modifies ("six U.S. service members").
_NAMING_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
# Pronouns that stand for people whether or not the document names them before ("I", "they"); a common noun
# with no entity is as often a thing ("fraud", "the vote") as a participant, and "it" as often no one.
PERSONAL_PRONOUNS = frozenset("i me we us you he him she her they them".split())
# Verbs whose subject, with no object, is the one harmed ("three soldiers died", "five were killed").
HARMED_SUBJECT_VERBS = lexicon.CASUALTY_VERBS | lexicon.HARM_VERBS
# Most coordinated phrases read as arguments of one role ("gunmen and suicide bombers attacked").
MAX_CONJUNCTS = 8
# For the cross-validated evaluation: by article source, the linker of the fold that did not learn from it.
HELD_OUT_LINKERS: ContextVar[Mapping[str, LinkerModel] | None] = ContextVar("newsledger_held_out_linkers", default=None)


def event_arguments(
    doc: Doc,
    state: DocState,
    event: Event,
    trigger: Token,
    words: Sequence[Token],
    *,
    trigger_actors: ActorsOf,
    mention_actors: ActorsOf,
) -> tuple[EventArgument, ...]:
    """The arguments of each word of `event`: `trigger` (its trigger) and `words` (its other mentions, in the
    order of `event.mentions`). `trigger_actors` and `mention_actors` are the event rules' readings of a
    trigger's and of a further mention's own (source, target)."""
    out: list[EventArgument] = []
    ordered = sorted(set(words), key=lambda t: t.i)
    pairs = [(trigger, event.trigger), *zip(ordered, event.mentions, strict=False)]
    model = _linker_for(state) if USE_LINKER.get() else None
    headings = heading_lines(doc)
    for index, (word, of) in enumerate(pairs):
        ruled = _rule_arguments(doc, state, event, word, of, trigger_actors if index == 0 else mention_actors)
        arguments = ruled if model is None else _linked(state, event, word, of, ruled, model)
        if any(start <= word.i < end for start, end in headings):
            # a heading capitalises every word, so its parse cannot tell a name from a phrase ("Alleged Clash
            # Leaves Students Hurt"): only what names a named entity or a place is an argument there
            arguments = [a for a in arguments if a.place is not None or _a_named_entity(state, a.entity)]
        out.extend(arguments)
    return tuple(_distinct(out))


def _a_named_entity(state: DocState, entity_id: str | None) -> bool:
    """An entity the text names, not an actor of a kind ("students", "police"), whose name is in lower case."""
    entity = state.entity(entity_id)
    return entity is not None and entity.name[:1].isupper()


def _governed_by(state: DocState, word: Token, entity_id: str, other_words: set[int]) -> bool:
    """Whether the words naming the entity in the word's sentence hang on another word of the same event."""
    head = _naming_token(state, word, entity_id, TARGET)
    return head is not None and _hangs_on_another_word(word, head, other_words)


def _hangs_on_another_word(word: Token, token: Token, other_words: set[int]) -> bool:
    """Whether the token hangs on another word of the word's event (by their character offsets), one not
    coordinated with the word ("shot and killed Terence Crutcher": his too)."""
    governor = token.head
    return governor.i != word.i and governor.idx in other_words and governor not in word.conjuncts


def _linker_for(state: DocState) -> LinkerModel | None:
    held_out, source = HELD_OUT_LINKERS.get(), state.article.source
    if held_out is not None and source is not None and source in held_out:
        return held_out[source]
    return shipped_linker()


def _rule_arguments(
    doc: Doc, state: DocState, event: Event, word: Token, of: Mention, actors_of: ActorsOf
) -> list[EventArgument]:
    """The arguments the rules give one word: its own clause's, else the event's where its sentence names them
    and no other word of the event governs them."""
    out: list[EventArgument] = []
    own_source, own_target = actors_of(word, state)
    own_target = own_target or _shared_patient(state, word)
    own_place = event.place if of == event.trigger else _sentence_place(doc, word)
    given: dict[str, list[tuple[Mention, str | None]]] = {}
    other_words = {event.trigger.start, *(m.start for m in event.mentions)} - {of.start}
    for role, own, fallback in ((SOURCE, own_source, event.source), (TARGET, own_target, event.target)):
        found: list[tuple[Mention, str | None]] = list(_entity_arguments(state, word, role, own))
        if not found and fallback is not None and fallback != own:
            found = list(_entity_arguments(state, word, role, fallback))
            if role == TARGET and _governed_by(state, word, fallback, other_words):
                # "the blast which injured several people": the injured are the target "injured" gives, not
                # words "blast" says anything of (the event's one target stays theirs)
                found = []
        given[role] = found
    for role in (SOURCE, TARGET):
        if not given[role]:
            taken = {m.start for found in given.values() for m, _ in found}
            given[role] = _unnamed_argument(state, word, role, taken)
        out.extend(EventArgument(role, mention, of, entity=entity_id) for mention, entity_id in given[role])
    place = _place_argument(state, word, own_place) or _place_argument(state, word, event.place)
    if place is not None:
        out.append(EventArgument(PLACE, place[0], of, place=place[1]))
    return out


def _linked(
    state: DocState, event: Event, word: Token, of: Mention, ruled: list[EventArgument], model: LinkerModel
) -> list[EventArgument]:
    """The learned linker's arguments of one word (`arguments_linker`), the rules' filling a source or target it
    leaves empty. It reads every candidate with what the rules made of it; for each role the likeliest candidate
    above the model's threshold is the argument, with the members of a list it opens ("eight women, a girl and
    four men"). A victim noun, the harmed subject of a harm verb or the noun a harm participle describes ("two
    others injured"), and the members of their lists, are never a source, the rules' either; the rules' place is not
    used (on the read parts it was more often a place the sentence merely names), nor anything in the dateline.
    What the parse says outright comes after the model: a "between X and Y" list gives a doer and a target, an event
    noun in a list is no participant, a site "at" an event noun and a reflexive are no target; what the event was
    aimed at fills an empty target (`_aimed_at`) and a site an empty place (`_site_of`)."""
    tokens, scored = linker_candidates(state, event, word, ruled, model)
    out: list[EventArgument] = []
    chosen = choose(scored, model.thresholds)
    for role, index, member in chosen:
        token = tokens[index] if member < 0 else _listed_with(tokens[index])[member]
        if role != PLACE:
            token = _named_in_apposition(state, token) or token
        mention = argument_phrase(state, token)
        first = _first_of_list(token)
        if role in (SOURCE, TARGET) and _between_on(word, first):
            # "a battle between troops and gunmen", "clashes between police and protesters": the first side is
            # the doer, the others its target (as the event's own actors are read), however the list was found
            role = SOURCE if token.i == first.i else TARGET
        if member >= 0 and token.pos_ == "NOUN" and _names_an_event(token):
            continue  # "attacks on security forces and assassinations": a second event, not a second target
        if role == TARGET and (_at_a_site(state, word, token) or token.lower_ in _REFLEXIVES):
            # "the explosions at Baker Street": where they happened (the site rule below), not whom; "a suicide
            # bomber blew himself up": the doer, not a target
            continue
        if role == PLACE:
            out.append(EventArgument(PLACE, mention, of, place=_place_at(state, mention)))
        else:
            out.append(EventArgument(role, mention, of, entity=_entity_of_token(state, token)))
    # the rules' target too: "explosions at Baker Street" were not done to the street
    ruled = [a for a in ruled if a.role != TARGET or not _at_a_site(state, word, _root_of(word.doc, a.mention))]
    given = {a.role for a in out}
    used = {(a.mention.start, a.mention.end) for a in out}
    aimed = _aimed_at(word) if TARGET not in given else None
    if aimed is not None:
        mention = argument_phrase(state, aimed)
        if (mention.start, mention.end) not in used:
            out.append(EventArgument(TARGET, mention, of, entity=_entity_of_token(state, aimed)))
            given.add(TARGET)
            used.add((mention.start, mention.end))
    site = _site_of(state, word, tokens, violent=event.type == "ASSAULT") if PLACE not in given else None
    if site is not None:
        mention = argument_phrase(state, site)
        if (mention.start, mention.end) not in used:  # not words the linker gave another role
            out.append(EventArgument(PLACE, mention, of, place=_place_at(state, mention)))
            given.add(PLACE)
            used.add((mention.start, mention.end))
    harmed = not_a_source(scored)
    for argument in ruled:
        span = (argument.mention.start, argument.mention.end)
        if argument.role != PLACE and argument.role not in given and span not in used:
            if argument.role != SOURCE or (model.rule_sources and span not in harmed):
                out.append(argument)
    return out


_SITE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
# "on" leads to a site only for a way or a span ("on the road"): a verb "calls on" an office, "agrees on" a border.
_ON_SITES = frozenset({"street", "streets", "road", "roads", "highway", "bridge", "square"})
_PLACE_ENTITY_TYPES = frozenset({"GPE", "LOC", "FAC"})


# Verbs an event noun as their subject happens by, and verbs whose subject, a place, saw events as their object.
_HAPPENING_VERBS = frozenset({"happen", "occur", "erupt", "unfold", "rage", "continue", "spread"})
_SEEING_VERBS = frozenset({"see", "witness", "experience"})
# Nouns of a run of events ("a wave of shooting", "a series of explosions").
_RUNS_OF_EVENTS = frozenset({"wave", "spate", "series", "string", "round", "burst", "outbreak", "surge", "spree"})
# Common nouns of a realm that sees events ("the republic has seen numerous bombings").
_REALMS = frozenset({"republic", "country", "state", "region", "province", "capital", "nation", "territory"})
_TIME_UNITS = frozenset("second minute hour day week month year decade century".split())
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself"})
# Verbs an event is "aimed" by: "bombings targeted at the military", "attacks aimed at civilians".
_AIMING_VERBS = frozenset({"target", "aim", "direct"})
# Verbs whose object an event noun as their subject hits: "the explosion targeted a bakery", "the blast hit a bus".
_HITTING_VERBS = frozenset({"target", "hit", "strike", "destroy", "damage", "wreck"})


def _aimed_at(word: Token) -> Token | None:
    """What the words around an event say it was aimed at or hit: the object of a verb of hitting the event noun is
    the subject of ("the explosion targeted a bakery"), the object of "at"/"against" of a verb of aiming that
    describes it ("bombings targeted at the military", "the bombings, which seemed to be aimed at civilians"),
    the site an attack was "on" ("an attack on the Christmas market"), and the X of "anti-X" on a protest or
    accusation ("anti-government protests")."""
    if word.pos_ != "NOUN":
        return None
    if word.dep_ == "nsubj" and word.head.lemma_.lower() in _HITTING_VERBS:
        return next((c for c in word.head.children if c.dep_ == "dobj"), None)
    clauses = [c for c in word.children if c.dep_ in ("acl", "relcl")]
    for _ in range(3):  # "which seemed to be aimed at": down a verb's infinitive
        for verb in clauses:
            if verb.lemma_.lower() in _AIMING_VERBS:
                for preposition in verb.children:
                    if preposition.dep_ == "prep" and preposition.lower_ in ("at", "against"):
                        found = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                        if found is not None:
                            return found
        clauses = [c for verb in clauses for c in verb.children if c.dep_ == "xcomp"]
    if lexicon.noun_trigger_type(word) == "ASSAULT":
        for preposition in word.children:
            if preposition.dep_ == "prep" and preposition.lower_ in ("on", "against"):
                found = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                if found is not None and found.lemma_.lower() in lexicon.ATTACKABLE_PLACES | lexicon.SITE_NOUNS:
                    return found  # "an attack on the Christmas market", "the assault on the base"
    doc = word.doc
    for child in word.lefts:
        # "anti - government" (three tokens) or "anti-government"
        if child.i >= 2 and doc[child.i - 1].text == "-" and doc[child.i - 2].lower_ == "anti":
            return child
    return None


def _named_in_apposition(state: DocState, token: Token) -> Token | None:
    """The name a description or a count is set beside ("the alleged killer, Omar Haddad", "One of them, Mr
    William Craig"): the words that name the participant."""
    if token.pos_ not in ("NOUN", "NUM", "PRON"):
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            entity = state.entity(state.entity_of_token.get(child.i))
            if entity is not None and entity.type in ("PERSON", "ORG", "NORP"):
                return child
    return None


def _between_on(word: Token, token: Token) -> bool:
    """The token opens the list of a "between" phrase on the event word ("clashes between X and Y")."""
    preposition = token.head
    return token.dep_ == "pobj" and preposition.lower_ == "between" and preposition.head.i == word.i


def _at_a_site(state: DocState, word: Token, token: Token) -> bool:
    """A site or named place in a phrase of place ("at", "in", "near"…) on an event noun: "the blast at the
    station", "explosions at Baker Street and the Harrow Road" happened there. (A verb may aim "at" it: "fired
    at the station".)"""
    first = _first_of_list(token)
    preposition = first.head
    return (
        word.pos_ == "NOUN"
        and first.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.head.i == word.i
        and preposition.lower_ in _SITE_PREPOSITIONS
        and _is_a_site(state, token)
    )


def _root_of(doc: Doc, mention: Mention) -> Token:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[0]


def _is_a_site(state: DocState, token: Token) -> bool:
    """A common noun of a site ("the station") or a named place ("Kunar Province"), whatever the tagger typed a
    name that ends in a site ("Baker Street", "the Harrow Road")."""
    if token.pos_ == "PROPN":
        return (
            token.ent_type_ in _PLACE_ENTITY_TYPES
            or token.lower_ in lexicon.SITE_NOUNS
            or in_a_place_mention(token.doc, state.places, token.idx)
        )
    return token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.SITE_NOUNS


def _site_of(state: DocState, word: Token, tokens: list[Token], *, violent: bool = False) -> Token | None:
    """A site the word happened at, nearest first: the object of a preposition of place ("in", "at", "near"…)
    that is a common noun of a site ("the explosion at the station", "detained in a hospital") or a named place
    ("explosions at Baker Street"), hung on the word itself, on the copula it is the subject of ("the worst
    explosion was at the bus station") or on what it was done to ("attacked a camp in Kunar Province", "kills a
    general in Syria": where they were is where it happened); the site a "where" clause of the word hangs on ("the
    bus station, where six people were killed"), the realm that saw it ("the republic has seen bombings"), and for
    violence the site of the harm it did ("exploded, wounding 13 people on a busy street")."""
    holders = {word.i}
    phrase = word
    if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() in _RUNS_OF_EVENTS:
        phrase = word.head.head  # "a wave of shooting", "a series of explosions": the phrase's own slot
        holders.add(phrase.i)
    if phrase.dep_ == "nsubj" and (phrase.head.lemma_ == "be" or _happens(phrase.head)):
        holders.add(phrase.head.i)  # "the worst explosion was at", "a wave of shooting broke out in"
    if word.dep_ == "dobj" and word.head.lemma_.lower() in _SEEING_VERBS:
        # "the republic has seen numerous bombings", "Dagestan sees frequent attacks": where they happened
        seer = next((c for c in word.head.children if c.dep_ == "nsubj"), None)
        if seer is not None and (_is_a_site(state, seer) or seer.lemma_.lower() in _REALMS or seer.ent_type_ == "GPE"):
            return seer
    if word.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in word.children):
        if _is_a_site(state, word.head):
            return word.head  # "the bus station, where at least six people were killed"
    holders.update(c.i for c in word.children if c.dep_ in ("dobj", "nsubjpass"))
    if violent and word.lemma_.lower() in HARMED_SUBJECT_VERBS:
        # "killed in today's attack near Bagram Airfield": where the act that killed them was
        holders.update(
            pobj.i
            for prep in word.children
            if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
            for pobj in prep.children
            if pobj.dep_ == "pobj" and _names_an_event(pobj)
        )
    if violent:
        # "a device exploded, wounding 13 people on a busy street": where its harm was done, it was
        holders.update(
            c.i
            for c in word.children
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in HARMED_SUBJECT_VERBS
        )
    for token in sorted(tokens, key=lambda t: abs(t.i - word.i)):
        preposition, lemma = token.head, token.lemma_.lower()
        if token.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.i not in holders:
            continue
        if not _is_a_site(state, token):
            continue
        if preposition.lower_ in _SITE_PREPOSITIONS or (
            preposition.lower_ == "on" and (lemma in _ON_SITES or token.ent_type_ == "FAC")
        ):
            return token
    return None


def _happens(verb: Token) -> bool:
    """A verb an event noun happens by: "occurred", "took place", "broke out", "erupted"."""
    lemma = verb.lemma_.lower()
    if lemma in _HAPPENING_VERBS:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj")}
    return (lemma == "break" and "out" in particles) or (lemma == "take" and "place" in particles)


def not_a_source(scored: list[Scored]) -> set[tuple[int, int]]:
    """The phrases the linker's candidates say are harmed or victims: the rules' filling never makes them a source."""
    out = {candidate.phrase for candidate in scored if not candidate.may_be_source}
    for candidate in scored:
        out.update(p for p, ok in zip(candidate.listed, candidate.listed_may_be_source, strict=True) if not ok)
    return out


def linker_candidates(
    state: DocState, event: Event, word: Token, ruled: list[EventArgument], model: LinkerModel | None
) -> tuple[list[Token], list[Scored]]:
    """The word's candidates (none in the dateline, where the report was filed), each with its features (as
    `Scored.probabilities` when there is no model, for training) and what the decision needs to know of it."""
    rule_role = {(a.mention.start, a.mention.end): a.role for a in ruled}
    dateline = find_dateline(doc_text(word.doc))
    after_dateline = dateline.end() if dateline is not None else -1
    harm_word = word.lemma_.lower() in HARMED_SUBJECT_VERBS
    harmed_subject = harm_word and not any(c.dep_ == "dobj" for c in word.children)
    # the noun a harm participle modifies is the harmed ("six soldiers killed", "two others injured")
    participle = is_reduced_passive(word) or (word.dep_ == "amod" and word.tag_ == "VBN")
    harmed_head = word.head.i if harm_word and participle else -1
    # (a past form: the parser reads "with two Americans injured" as VBN or VBD; "with gunmen killing" is a doer)
    harmed_with = _harmed_with(word) if harm_word and word.tag_ in ("VBN", "VBD") else set()
    undergoer = _undergoer(word)
    tokens: list[Token] = []
    scored: list[Scored] = []
    kept = [(token, found) for token, found in candidates(state, word, event.type) if token.idx >= after_dateline]
    phrases = [argument_phrase(state, token) for token, _ in kept]
    for (_, found), mention in zip(kept, phrases, strict=True):
        add_rule_role(found, rule_role.get((mention.start, mention.end), "none"), event.type)
    founds = [found for _, found in kept]
    # one call for all the word's candidates
    probabilities = model.probabilities_of(founds) if model is not None else founds
    for (token, _), mention, probability in zip(kept, phrases, probabilities, strict=True):
        members = _listed_with(token)[:MAX_CONJUNCTS]
        listed = tuple((m.start, m.end) for m in (argument_phrase(state, t) for t in members))
        first = _first_of_list(token)
        harmed = (
            first.i == harmed_head
            or first.i in harmed_with
            or first.i == undergoer
            or (harmed_subject and first.dep_ in ("nsubj", "nsubjpass"))
            or (first.head.i == word.i and is_device_subject(first))  # "the bomb exploded": no doer
        )
        tokens.append(token)
        scored.append(
            Scored(
                phrase=(mention.start, mention.end),
                probabilities=probability,
                may_be_source=token.lower_ not in VICTIM_NOUNS and not harmed,
                listed=listed,
                # the members of a list of the harmed are harmed too
                listed_may_be_source=tuple(t.lower_ not in VICTIM_NOUNS and not harmed for t in members),
            )
        )
    return tokens, scored


def _undergoer(word: Token) -> int:
    """The subject of a verb of undergoing whose object is the event word or holds it under a preposition ("the
    mayor suffered injuries in the blast", "the president survived an attack", "the minister came under
    criticism"), or of a verb held "on" an accusation ("the mayor is awaiting trial on corruption charges"): the
    one it is done to; else -1."""
    holder = lexicon.held_on(word)
    if holder is not None:
        return next((c.i for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), -1)
    verb = word.head
    coming_under = False
    if word.dep_ == "pobj" and verb.dep_ == "prep":
        coming_under = lexicon.comes_under(verb)
        verb = verb.head
        if verb.dep_ == "dobj" and verb.head.lemma_.lower() in lexicon.UNDERGOING_VERBS:
            verb = verb.head  # "suffered injuries in the blast"
    elif word.dep_ != "dobj":
        return -1
    undergoing = verb.lemma_.lower() in lexicon.UNDERGOING_VERBS or coming_under
    answering = verb.lemma_.lower() in lexicon.ANSWERING_VERBS and _accusation(word)  # "he denied the charges"
    if not (undergoing or answering):
        return -1
    return next((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), -1)


def _accusation(word: Token) -> bool:
    return word.pos_ == "NOUN" and lexicon.noun_trigger_type(word) == "ACCUSE"


def _harmed_with(word: Token) -> set[int]:
    """The harmed of a harm participle in the absolute "with" ("…, with two Afghans and three Americans injured"),
    where the parser hung "with" on the clause's verb and the participle beside it: the object of a "with" that
    ends just before the participle (an adverb between: "with two people slightly injured")."""
    out: set[int] = set()
    doc = word.doc
    before = word.i - 1
    while before >= 0 and doc[before].pos_ == "ADV":
        before -= 1
    if before < 0:
        return out
    for token in doc[before].sent:
        if token.dep_ == "pobj" and token.head.lower_ == "with" and token.right_edge.i == before:
            out.add(token.i)
    return out


def _place_at(state: DocState, mention: Mention) -> str | None:
    for place in state.places:
        if any(m.start <= mention.start < m.end or mention.start <= m.start < mention.end for m in place.mentions):
            return place.id
    return None


def _distinct(arguments: list[EventArgument]) -> list[EventArgument]:
    """One argument per role and words for each mention; a source and target on the same words is neither."""
    seen: set[tuple[str, int, int, int]] = set()
    out = []
    for argument in arguments:
        key = (argument.role, argument.of.start, argument.mention.start, argument.mention.end)
        if key not in seen:
            seen.add(key)
            out.append(argument)
    both = {
        (a.of.start, a.mention.start)
        for a in out
        if a.role == SOURCE
        and any(b.role == TARGET and (b.of.start, b.mention.start) == (a.of.start, a.mention.start) for b in out)
    }
    return [a for a in out if a.role == PLACE or (a.of.start, a.mention.start) not in both]


def _sentence_place(doc: Doc, word: Token) -> str | None:
    return event_place(doc, sentence_of(word), word)


# --- the words naming an argument ------------------------------------------------------------------------


def _entity_arguments(state: DocState, word: Token, role: str, entity_id: str | None) -> list[tuple[Mention, str]]:
    """The phrase of `word`'s sentence that names the entity, nearest the word in the parse, and the phrases
    coordinated with it, each with its entity."""
    if entity_id is None:
        return []
    head = _naming_token(state, word, entity_id, role)
    if head is None:
        return []
    found = [(argument_phrase(state, head), entity_id)]
    for other in _listed_with(head)[:MAX_CONJUNCTS]:
        if role == SOURCE and other.lower_ in VICTIM_NOUNS:
            continue
        other_id = _entity_of_token(state, other)
        if other_id is not None:
            found.append((argument_phrase(state, other), other_id))
    return found


def _unnamed_argument(state: DocState, word: Token, role: str, taken: set[int]) -> list[tuple[Mention, str | None]]:
    """The words the verb's own clause gives a role when the rules found no entity for it: a personal pronoun
    with no antecedent in reach ("He pledged", "I've met with"), or "it" for a body that says what it did (the
    doer of an event noun a light verb carries out: "the ministry said it had opened a probe"). The subject of an
    active verb is the doer, its object or passive subject the one acted on; not the subject of a verb of harm or
    death with no object (the harmed)."""
    if (
        role == SOURCE
        and word.pos_ == "NOUN"
        and word.dep_ == "dobj"
        and word.head.lemma_.lower() in lexicon.LIGHT_VERBS
        and word.lower_ not in lexicon.CASUALTY_NOUNS  # "for me to give a toll" does no harm
    ):
        word = word.head  # "it has opened a probe": the subject of the verb that carries the event noun out
    elif word.pos_ != "VERB":
        return []
    lemma = word.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children)
    has_object = any(c.dep_ == "dobj" for c in word.children)
    if role == SOURCE:
        if passive or (lemma in HARMED_SUBJECT_VERBS and not has_object):
            return []
        deps: tuple[str, ...] = ("nsubj",)
    else:
        deps = ("dobj", "nsubjpass")
    for child in word.children:
        if child.dep_ not in deps or child.idx in taken:
            continue
        if child.lower_ not in PERSONAL_PRONOUNS and not (child.lower_ == "it" and _it_for_a_body(state, child)):
            continue
        if role == SOURCE and is_device_subject(child):
            continue  # "they exploded one a minute": the bombs
        mention = argument_phrase(state, child)
        if mention.start in taken:
            continue
        return [(mention, _entity_of_token(state, child))]
    return []


def _it_for_a_body(state: DocState, it: Token) -> bool:
    """ "it" as the subject of what a body says it did ("the authority announced that it has opened a probe",
    "the ministry said it had launched an inquiry"): the body, whose words "it" are."""
    clause = it.head
    if it.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return False
    speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return False
    entity = state.entity(state.entity_of_token.get(speaker.i))
    return (entity is not None and entity.type == "ORG") or speaker.lemma_.lower() in _BODY_NOUNS


def _listed_with(head: Token) -> list[Token]:
    """The other members of a list the head opens: its conjuncts, and an appositive that continues the list
    ("eight women, a girl and four men" is often parsed as "women" with the appositive "girl" and its conjunct)."""
    arrays = doc_arrays(head.doc)
    dep = arrays.dep
    if dep[head.i] != "conj" and not any(dep[c] in ("conj", "appos") for c in arrays.children[head.i]):
        return []  # speed: no conjunct (Token.conjuncts starts at a conj's head or at a word with conj children)
    members = list(head.conjuncts)
    for child in head.children:
        if child.dep_ == "appos" and child.conjuncts:
            members.extend(t for t in (child, *child.conjuncts) if t not in members and t != head)
    first = _first_of_list(head)
    if first.dep_ == "appos" and (members or first != head) and first.head.pos_ in ("NOUN", "PROPN"):
        members.insert(0, first.head)  # the same list seen from a later member ("eight women, a girl and four men")
    # a verb or adjective the parser coordinated with the head ("the warning, given ... and police") names no one,
    # nor a span of time it ran on into ("the police, newspapers and the Samaritans at least thirty minutes before")
    return [t for t in members if t.pos_ in CANDIDATE_POS and not _a_time(t)]


def _a_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in _TIME_UNITS


def _first_of_list(token: Token) -> Token:
    """The word a list member is coordinated with first ("soldiers" of "soldiers, police and medics")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _shared_patient(state: DocState, word: Token) -> str | None:
    """The target a verb shares with the passive verb it is coordinated with when it has no subject of its own:
    "she was arrested and charged" charges her too."""
    if word.dep_ != "conj" or word.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):
        return None
    patient = next((c for c in word.head.children if c.dep_ == "nsubjpass"), None)
    return _entity_of_token(state, patient) if patient is not None else None


def _entity_of_token(state: DocState, token: Token) -> str | None:
    if token.i in state.entity_of_token:
        return state.entity_of_token[token.i]
    resolver = CURRENT_RESOLVER.get()
    return resolver.resolve(token) if resolver is not None else None


def _naming_token(state: DocState, word: Token, entity_id: str, role: str) -> Token | None:
    resolver = CURRENT_RESOLVER.get()
    resolved = resolver.resolved if resolver is not None else {}
    sentence, doc, entity_of_token = sentence_of(word), word.doc, state.entity_of_token
    candidates = [  # a Token only for the words of the entity (speed)
        doc[i]
        for i in range(sentence.start, sentence.end)
        if entity_of_token.get(i) == entity_id or resolved.get(i) == entity_id
    ]
    if not candidates:
        return None
    best = min(candidates, key=lambda t: (_tree_distance(word, t), abs(t.i - word.i)))
    if best.i in state.entity_of_token:
        # the root of the name the token is part of ("Gladkikh" in "Vyacheslav Gladkikh")
        while best.head.i != best.i and state.entity_of_token.get(best.head.i) == entity_id:
            best = best.head
    head = best.head
    if (
        best.dep_ in _NAMING_MODIFIERS
        and head.i != word.i
        and head.pos_ == "NOUN"
        and head.i not in state.entity_of_token
        and not _names_an_event(head)
        and (role != SOURCE or best.dep_ != "poss" or head.lower_ in _PEOPLE_NOUNS)
    ):
        # a name modifying a noun ("six U.S. service members", "the Republican nominee", "the country's nuclear
        # test") stands for what the noun names: the words of the argument are the whole phrase. But a doer's
        # possessor is the doer unless the noun is people ("the senator's campaign"): "the mayor's eyes welled …
        # and she urged voters" was the mayor.
        return head
    return best


# Bodies that speak of what they did as "it" ("the ministry said it had opened an inquiry").
_BODY_NOUNS = frozenset(
    "authority ministry agency office department commission committee council court government administration "
    "army military police company group organization organisation party union board prosecutor".split()
)
# Words for people and the bodies they form, besides the actor lexicon's kinds of actors.
_PEOPLE_NOUNS = (
    frozenset(ACTOR_NOUNS)
    | VICTIM_NOUNS
    | frozenset(
        "member members body bodies administration campaign campaigns patrol patrols convoy convoys unit units "
        "delegation delegations staff crew crews team teams relatives nationals envoy envoys diplomats diplomat "
        "agents agent agency agencies council committee party parties company companies firm firms lawyer lawyers "
        "partner partners head chief allies ally executives executive advisers adviser aides aide fundraisers "
        "representatives representative negotiators".split()
    )
)


def _names_an_event(token: Token) -> bool:
    """An event noun ("Russia's invasion", "police killings"): its modifier is that event's doer, not words for
    something the modifier names."""
    return lexicon.noun_trigger_type(token) is not None


def _tree_distance(a: Token, b: Token) -> int:
    head = doc_arrays(a.doc).head
    up_a = _up_from(a.i, head)
    depth_in_a = {t: n for n, t in enumerate(up_a)}
    for n, token in enumerate(_up_from(b.i, head)):
        if token in depth_in_a:
            return n + depth_in_a[token]
    return len(up_a) + 50


def _up_from(i: int, head: list[int]) -> list[int]:
    """The token index and its ancestors' (`Token.ancestors`: up the heads until a root, at most once round the
    doc), nearest first, from the per-doc arrays."""
    up = [i]
    while head[up[-1]] != up[-1] and len(up) <= len(head):
        up.append(head[up[-1]])
    return up


def argument_phrase(state: DocState, head: Token) -> Mention:
    """The words naming an argument: the entity mention holding its head, else the head with the modifiers
    right before it."""
    text = doc_text(head.doc)
    entity = state.entity(state.entity_of_token.get(head.i))
    if entity is not None:
        for mention in entity.mentions:
            if mention.start <= head.idx < mention.end:
                return mention
    start = head.i
    for child in reversed(list(head.lefts)):
        # a left modifier right before the head or before what is already taken ("Syria's army": "'s" ends
        # the possessor's own words)
        if child.dep_ not in _PHRASE_LEFT or child.right_edge.i != start - 1 or child.lower_ in PAGE_FURNITURE:
            break
        start = child.left_edge.i if child.left_edge.i < child.i else child.i
    low, high = head.doc[start].idx, head.idx + len(head.text)
    return Mention(low, high, text[low:high])


def _place_argument(state: DocState, word: Token, place_id: str | None) -> tuple[Mention, str] | None:
    if place_id is None:
        return None
    place = next((p for p in state.places if p.id == place_id), None)
    if place is None:
        return None
    sentence = sentence_of(word)
    inside = [m for m in place.mentions if sentence.start_char <= m.start and m.end <= sentence.end_char]
    if not inside:
        return None
    return min(inside, key=lambda m: abs(m.start - word.idx)), place_id


def linker_rows(doc: Doc) -> list[tuple[tuple[int, int], Scored]]:
    """For training the linker: (event word span, candidate with its features in `probabilities`) for each
    candidate of each word of the doc's events, the doc having been run with the linker off."""
    state = get_state(doc)
    rows = []
    for event in state.events:
        for of in (event.trigger, *event.mentions):
            span = doc.char_span(of.start, of.end, alignment_mode="expand")
            if span is None:
                continue
            ruled = [a for a in event.arguments if a.of == of]
            for candidate in linker_candidates(state, event, span.root, ruled, None)[1]:
                rows.append(((of.start, of.end), candidate))
    return rows
