"""Quantities: counts and shares in the text ("two", "dozens", "more than 120,000", "half the population",
"40 percent", "18 million people"), with qualifier, unit, what they count (killed, displaced, …) and who gives them.

Read from the dependency parse: a run of number tokens (digits or number words), the qualifier words before it,
the noun it counts (its `nummod` head or the object of "dozens of"), and the verb or noun that says what happened to
them ("were killed", "evacuating", "the dead"). Dates, times, ages, years and ordinals are not quantities; money
only when it is aid, funding or damage.

Values: counts as numbers (`18 million` -> 18000000); vague plurals as their lower bound with qualifier "at least"
("dozens" -> 24); percentages as the number with unit "percent" (`40 percent` -> 40); fractions of a whole as a
share in 0–1 with unit "share" (`half the population` -> 0.5); vague counts of people ("a number of", "several")
with value None.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.extract.actors import token_arrays, token_lowers
from newsledger.extract.lexicon.numbers import SCALE_WORDS, TENS_WORDS, UNIT_WORDS
from newsledger.extract.syntax import governing_verb
from newsledger.model import REPORTER, Event, Fatalities, Quantity, Quote
from newsledger.nlp.state import DocState, doc_text, get_state, records_attrs

CASUALTY_CATEGORIES = frozenset({"killed", "injured", "casualties", "arrested", "kidnapped", "missing"})
# Figures of people moved by an event ("evacuating 120,000 people"): attached to the event in their own sentence.
MOVEMENT_CATEGORIES = frozenset({"displaced", "evacuated", "rescued"})
_VIOLENT_EVENT_TYPES = frozenset({"ASSAULT", "COERCE"})
_SCALE_ABBREVIATIONS = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
# Vague plurals: their lower bound, read with qualifier "at least".
_VAGUE_PLURALS = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "millions": 2_000_000,
}
_FRACTIONS = {
    "half": 0.5,
    "one-half": 0.5,
    "a third": 1 / 3,
    "one-third": 1 / 3,
    "one third": 1 / 3,
    "two-thirds": 2 / 3,
    "two thirds": 2 / 3,
    "a quarter": 0.25,
    "one-quarter": 0.25,
    "one quarter": 0.25,
    "three-quarters": 0.75,
    "three quarters": 0.75,
}
# Counts without a number; kept only when they count people (otherwise "some missions" would be a quantity).
_FRACTION_WORDS = frozenset(w for phrase in _FRACTIONS for w in phrase.replace("-", " ").split()) - {"a", "one"}
_VAGUE_COUNTS = ("a number of", "a large number of", "a handful of", "several", "a few", "many", "scores of", "some")
# Qualifier phrases before a number, longest first, mapped to the contract's words.
_QUALIFIERS = {
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "up to": "up to",
    "as many as": "up to",
    "at most": "at most",
    "no more than": "at most",
    "a maximum of": "at most",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "an approximate": "about",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "exactly": "exactly",
    "only": "exactly",
}
_PERSON_NOUNS = frozenset(
    """people person persons civilian civilians soldier soldiers troops fighter fighters militant militants rebel
    rebels insurgent insurgents member members child children woman women man men boy boys girl girls resident
    residents villager villagers worker workers staff officer officers policeman policemen police commander
    commanders official officials protester protesters protestors demonstrator demonstrators student students
    journalist journalists refugee refugees migrant migrants passenger passengers prisoner prisoners detainee
    detainees hostage hostages victim victims citizen citizens national nationals brother brothers colleague
    colleagues comrade comrades guard guards personnel recruit recruits patient patients survivor survivors
    inhabitant inhabitants family families individual individuals adult adults teenager teenagers dead wounded
    leader leaders militiaman militiamen gunman gunmen attacker attackers bomber bombers settler settlers
    pilgrim pilgrims doctor doctors nurse nurses farmer farmers miner miners employee employees volunteer
    volunteers supporter supporters opponent opponents others trainee trainees worshipper worshippers suspect
    suspects sailor sailors seaman seamen crew locals local activist activists tourist tourists pilgrim
    fisherman fishermen driver drivers bystander bystanders parishioner parishioners congregant congregants
    cadet cadets peacekeeper peacekeepers population populace""".split()
)
# What a figure counts, from the lemma of the verb, adjective or noun that governs it.
CATEGORY_OF_WORD = {
    **dict.fromkeys(
        "kill die dead death fatality toll slay execute massacre behead murder shoot_dead lose life perish".split(),
        "killed",
    ),
    **dict.fromkeys("injure wound hurt injury maim wounded injured".split(), "injured"),
    **dict.fromkeys("casualty".split(), "casualties"),
    **dict.fromkeys("arrest detain imprison jail apprehend capture round_up".split(), "arrested"),
    **dict.fromkeys("displace uproot flee refugee homeless".split(), "displaced"),
    **dict.fromkeys("evacuate airlift".split(), "evacuated"),
    **dict.fromkeys("rescue".split(), "rescued"),
    **dict.fromkeys("kidnap abduct hostage".split(), "kidnapped"),
    **dict.fromkeys("missing".split(), "missing"),
    **dict.fromkeys("affect".split(), "affected"),
}
# Verbs whose active subject does the deed rather than suffer it.
_TRANSITIVE = frozenset(
    "kill slay execute massacre behead murder injure wound hurt maim arrest detain imprison jail apprehend capture "
    "displace uproot evacuate airlift rescue kidnap abduct affect".split()
)
# "lost two fighters" is a death only when people are lost.
_PEOPLE_ONLY = frozenset({"lose", "life"})
_MONEY_WORDS = frozenset("aid funding fund assistance donation grant pledge damage ransom loan budget".split())
_CURRENCIES = {"$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP"}
_SKIP_ENTITY_TYPES = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "LAW"})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_AGE_WORDS = frozenset({"aged", "age", "ages"})


def number_value(words: list[str]) -> float | None:
    """The value of a number phrase: ["18", "million"] -> 18e6, ["twenty-five"] -> 25, ["120,000"] -> 120000."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower().replace(",", "") if _DIGITS.match(raw) else raw.lower()
        if word in ("and", "a"):
            if word == "a":
                current = max(current, 1)
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", word):
            current += float(word)
            seen = True
        elif word in UNIT_WORDS:
            current += UNIT_WORDS[word]
            seen = True
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
            seen = True
        elif "-" in word and all(part in TENS_WORDS or part in UNIT_WORDS for part in word.split("-")):
            current += sum(TENS_WORDS.get(part, 0) + UNIT_WORDS.get(part, 0) for part in word.split("-"))
            seen = True
        elif word in SCALE_WORDS or word in _SCALE_ABBREVIATIONS:
            scale = SCALE_WORDS.get(word) or _SCALE_ABBREVIATIONS[word]
            if scale == 100:
                current = max(current, 1) * scale
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _is_number_word(token: Token) -> bool:
    return _is_number_text(token.text, token.lower_)


def _is_number_text(text: str, lower: str) -> bool:
    if _DIGITS.match(text):
        return True
    if lower in UNIT_WORDS or lower in TENS_WORDS or lower in SCALE_WORDS:
        return True
    return "-" in lower and all(part in TENS_WORDS or part in UNIT_WORDS for part in lower.split("-"))


# The first words of every phrase a quantity can start with besides a number ("dozens of", "half the", "several").
_STARTING_WORDS = frozenset(phrase.split()[0] for phrase in (*_VAGUE_PLURALS, *_FRACTIONS, *_VAGUE_COUNTS))


def _skipped(token: Token) -> bool:
    return token.ent_type_ in _SKIP_ENTITY_TYPES


def sentence_of_token(doc: Doc, index: int) -> Span:
    """The sentence of token `index`, from the one per-doc token cache (`token.sent` walks `doc.sents`)."""
    arrays = token_arrays(doc)
    return doc[arrays.sentence_start[index] : arrays.sentence_end[index]]


@functools.lru_cache(maxsize=16)
def _phrases_by_word(phrases: tuple[str, ...], *, last: bool) -> dict[str, list[tuple[str, list[str]]]]:
    """Phrases indexed by their first (or last) word, longest first."""
    index: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        words = phrase.split()
        index.setdefault(words[-1] if last else words[0], []).append((phrase, words))
    return index


def _phrase_before(doc: Doc, index: int, phrases: Iterable[str]) -> tuple[str, int] | None:
    """The longest phrase of `phrases` that ends right before token `index`: (phrase, its first token)."""
    lowers = token_lowers(doc)
    if index < 1:
        return None
    for phrase, words in _phrases_by_word(tuple(phrases), last=True).get(lowers[index - 1], ()):
        first = index - len(words)
        if first >= 0 and lowers[first:index] == words:
            return phrase, first
    return None


def _phrase_at(doc: Doc, index: int, phrases: Iterable[str]) -> tuple[str, int] | None:
    """The longest phrase of `phrases` that starts at token `index`: (phrase, token after it)."""
    lowers = token_lowers(doc)
    for phrase, words in _phrases_by_word(tuple(phrases), last=False).get(lowers[index], ()):
        end = index + len(words)
        if end <= len(lowers) and lowers[index:end] == words:
            return phrase, end
    return None


def _counted_noun(doc: Doc, first: int, last: int) -> Token | None:
    """The noun a number phrase doc[first:last] counts: "18 million people", "dozens of people", "two of them"."""
    for token in doc[first:last]:
        if token.dep_ == "nummod" and token.head.i >= last and token.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return token.head
    tail = doc[last - 1]
    if tail.lower_ == "of":  # "a number of officers"
        objects = [c for c in tail.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    if tail.i + 1 < len(doc) and doc[tail.i + 1].lower_ == "of":
        objects = [c for c in doc[tail.i + 1].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    if last < len(doc) and doc[last].pos_ in ("NOUN", "PROPN") and doc[last].head.i >= last:
        return doc[last] if doc[last].head.i == last or doc[last].dep_ != "compound" else doc[last].head
    if last < len(doc) and doc[last].pos_ == "ADJ":  # "two dear brothers"
        head = doc[last].head
        if head.i > last and head.pos_ in ("NOUN", "PROPN"):
            return head
    return None


def _is_people(noun: Token | None) -> bool:
    if noun is None:
        return False
    if noun.lower_ in _PERSON_NOUNS or noun.lemma_.lower() in _PERSON_NOUNS or noun.ent_type_ == "NORP":
        return True
    # "activists", "Filipinos", "Afghans": nouns of people by their ending
    return noun.tag_ == "NNS" and noun.lower_.endswith(("ists", "ians", "inos", "eans", "ans"))


def _unit(noun: Token | None, category: str | None) -> str | None:
    if _is_people(noun):
        return "people"
    if noun is not None:
        if noun.lower_ in ("percent", "per", "%", "pc"):
            return "percent"
        return noun.lower_
    if category is not None and category not in ("affected",):
        return "people"
    return None


def _category(head: Token, *, people: bool) -> str | None:
    """What happened to the counted things: the first governing word with a category, up the parse.

    The counted thing must be the one it happened to: "bombers killed 22 worshippers" counts the dead worshippers,
    not the bombers (the active subject of a transitive verb is its doer).
    """

    def of_word(token: Token) -> str | None:
        lemma = token.lemma_.lower()
        category = CATEGORY_OF_WORD.get(lemma) or CATEGORY_OF_WORD.get(token.lower_)
        if category and lemma in _PEOPLE_ONLY and not people:
            return None
        return category

    if of_word(head):
        return of_word(head)
    for child in head.children:  # "people killed", "people who were killed", "18 million people affected"
        if child.dep_ in ("acl", "relcl", "amod") and of_word(child):
            return of_word(child)
    token = head
    for _ in range(3):  # "were killed", "evacuating more than 120,000 people", "the deaths of two people"
        if token.head.i == token.i:
            break
        if token.dep_ in ("conj",) and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
            continue
        relation = token.dep_
        token = token.head
        if of_word(token):
            if relation in ("nsubj", "agent") and token.lemma_.lower() in _TRANSITIVE:
                # "gunmen killed", "bombers have killed 22": the doers; "two others (were) injured": the victims
                if token.tag_ != "VBN" or any(c.dep_ == "dobj" for c in token.children):
                    return None
            return of_word(token)
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                # "the death toll rose to 30": the verb's subject says what is counted
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != head.i:
                    if of_word(child) or any(of_word(c) for c in child.children if c.dep_ == "compound"):
                        return of_word(child) or next(
                            of_word(c) for c in child.children if c.dep_ == "compound" and of_word(c)
                        )
                # "were shot dead", "are confirmed dead", "suffered injuries"
                if child.dep_ in ("acomp", "oprd", "advmod", "xcomp", "dobj") and of_word(child):
                    if child.dep_ == "dobj" and relation != "nsubj":
                        continue
                    return of_word(child)
            break
    return None


def _according_to(start: int, end: int, quotes: list[Quote]) -> str | None:
    """The speaker of the statement the figure sits in; the reporter when it sits in none."""
    inside = [q for q in quotes if q.start <= start and end <= q.end]
    if not inside:
        return REPORTER
    innermost = min(inside, key=lambda q: q.end - q.start)
    if innermost.speaker is not None:
        return innermost.speaker
    return next((q.speaker for q in inside if q.speaker is not None), None)


def _extent(doc: Doc, first: int, noun: Token | None) -> int:
    """Where the quantity's text ends: after its counted noun and the nouns conjoined with it."""
    if noun is None or noun.i < first:
        return first
    end = noun.i + 1
    for conj in sorted(noun.conjuncts, key=lambda t: t.i):
        between = doc[end : conj.i]
        # "Americans, Afghans, and others" is one count; "18 million people, or half the population" is two
        if conj.i < end or conj.i - end > 4 or conj.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(_is_number_word(t) or t.lower_ in _FRACTION_WORDS or t.lower_ == "or" for t in between):
            break
        end = conj.i + 1
    return end


def extract_quantities(doc: Doc, state: DocState) -> list[Quantity]:
    found: list[Quantity] = []
    taken: set[int] = set()
    arrays = token_arrays(doc)
    lowers, words = arrays.lowers, arrays.words
    # a word's number test, once per distinct word (its lowered form is the word's own: one per spelling)
    numeric: dict[str, bool] = {}
    i = 0
    while i < len(doc):
        # Most tokens can start no quantity: skip them on their text alone (from the per-doc arrays: a Token
        # object per word cost more than the test), before any phrase lookup.
        if lowers[i] not in _STARTING_WORDS:
            word = words[i]
            is_number = numeric.get(word)
            if is_number is None:
                is_number = numeric[word] = _is_number_text(word, lowers[i])
            if not is_number:
                i += 1
                continue
        record = _quantity_at(doc, i, state, taken)
        if record is None:
            i += 1
            continue
        quantity, last = record
        found.append(quantity)
        taken.update(range(i, last))
        i = last
    found.sort(key=lambda q: q.start)
    return [_with_id(q, n) for n, q in enumerate(found, start=1)]


def _with_id(quantity: Quantity, number: int) -> Quantity:
    from dataclasses import replace

    return replace(quantity, id=f"n{number}")


def _quantity_at(doc: Doc, i: int, state: DocState, taken: set[int]) -> tuple[Quantity, int] | None:
    """The quantity starting at token i (its number or vague phrase), and the token after its number phrase."""
    if i in taken or _skipped(doc[i]):
        return None
    value: float | None
    qualifier: str | None = None
    unit: str | None = None
    share = False
    vague = _phrase_at(doc, i, _VAGUE_PLURALS)
    fraction = _phrase_at(doc, i, _FRACTIONS)
    vague_count = _phrase_at(doc, i, _VAGUE_COUNTS)
    if vague is not None and (vague[1] < len(doc) and doc[vague[1]].lower_ == "of"):
        value, qualifier, number_end = float(_VAGUE_PLURALS[vague[0]]), "at least", vague[1]
    elif fraction is not None and fraction[1] < len(doc) and doc[fraction[1]].lower_ in ("of", "the", "its", "their"):
        value, number_end, share = _FRACTIONS[fraction[0]], fraction[1], True
    elif _is_number_word(doc[i]) and not (doc[i].lower_ == "one" and i + 1 < len(doc) and doc[i + 1].lower_ == "of"):
        number_end = i + 1
        while number_end < len(doc) and (
            _is_number_word(doc[number_end])
            or (doc[number_end].lower_ in _SCALE_ABBREVIATIONS and doc[number_end - 1].like_num)
            or (doc[number_end].lower_ == "and" and number_end + 1 < len(doc) and _is_number_word(doc[number_end + 1]))
        ):
            if _skipped(doc[number_end]):
                break
            number_end += 1
        value = number_value([t.text for t in doc[i:number_end]])
        if value is None:
            return None
    elif vague_count is not None:
        value, number_end = None, vague_count[1]
        qualifier = vague_count[0]
    else:
        return None
    if _is_age_or_year(doc, i, number_end, value):
        return None
    first = i
    before = _phrase_before(doc, i, _QUALIFIERS) if vague_count is None or value is not None else None
    if before is not None and qualifier is None:
        qualifier = _QUALIFIERS[before[0]]
        first = before[1]
    noun = None if share else _counted_noun(doc, i, number_end)
    if share:  # "half the population", "a third of the residents"
        noun = next((t for t in doc[number_end : number_end + 4] if t.pos_ in ("NOUN", "PROPN")), None)
    people = _is_people(noun)
    if vague_count is not None and value is None and not people:
        return None
    if doc[i].lower_ in ("one", "a") and number_end == i + 1 and not share:
        # "one official" is an article, not a figure; "one was killed" still counts
        if _category(noun if noun is not None else doc[i], people=True) is None:
            return None
    # percent and currency
    if (number_end < len(doc) and doc[number_end].lower_ in ("percent", "%", "pc")) or (
        number_end + 1 < len(doc) and doc[number_end].lower_ == "per" and doc[number_end + 1].lower_ == "cent"
    ):
        unit = "percent"
        noun = None
        number_end += 2 if doc[number_end].lower_ == "per" else 1
    currency = _currency(doc, i, number_end)
    category = _category(noun if noun is not None else doc[number_end - 1], people=people or noun is None)
    if noun is not None and not people and noun.lemma_.lower() not in CATEGORY_OF_WORD:
        # "three grenade attacks", "73 airstrikes": things are not killed or wounded
        category = None
    if noun is not None and noun.pos_ == "PROPN" and not people:
        return None  # "280 Eastbound", "Apollo 11": part of a name
    if currency is not None:
        if not _money_matters(doc, i, number_end):
            return None
        unit, category = currency, category or "money"
        if i > 0 and doc[i - 1].text in _CURRENCIES:
            first = min(first, i - 1)
    if unit is None:
        unit = "share" if share else _unit(noun, category)
    if share and noun is not None:
        unit = "share"
    if value is None and not people:
        return None
    if unit is None and category is None and doc[i].ent_type_ not in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
        return None
    last_token = _extent(doc, number_end, noun if unit != "percent" else None)
    last_token = max(last_token, number_end)
    start, end = doc[first].idx, doc[last_token - 1].idx + len(doc[last_token - 1])
    quantity = Quantity(
        id="",
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        value=value,
        qualifier=qualifier,
        unit=unit,
        according_to=_according_to(start, end, state.quotes),
        category=category,
    )
    return quantity, last_token


def _is_age_or_year(doc: Doc, first: int, end: int, value: float | None) -> bool:
    if value is None:
        return False
    if first > 0 and doc[first - 1].lower_ in _AGE_WORDS:
        return True
    following = " ".join(t.lower_ for t in doc[end : end + 3])
    if following.startswith(("year old", "years old", "-year-old", "- year - old", "year-old")):
        return True
    span_text = doc[first:end].text
    return bool(re.fullmatch(r"(1[5-9]|20)\d\d", span_text)) and (end - first) == 1


def _currency(doc: Doc, first: int, end: int) -> str | None:
    if first > 0 and doc[first - 1].text in _CURRENCIES:
        return _CURRENCIES[doc[first - 1].text]
    if end < len(doc) and doc[end].lower_ in _CURRENCIES:
        return _CURRENCIES[doc[end].lower_]
    return None


def _money_matters(doc: Doc, first: int, end: int) -> bool:
    """Money is kept when it is aid, funding, damage or ransom, said within a few words of it."""
    sentence = sentence_of_token(doc, first)
    window = doc[max(sentence.start, first - 6) : min(sentence.end, end + 6)]
    return any(t.lemma_.lower() in _MONEY_WORDS for t in window)


def sentence_of(doc: Doc, quantity: Quantity) -> Span:
    """The sentence a quantity sits in."""
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    assert span is not None
    return sentence_of_token(doc, span.start)


# --- casualties ------------------------------------------------------------------------------------------------


def attach_casualties(doc: Doc, state: DocState) -> tuple[list[Quantity], list[Event]]:
    """Each casualty figure to its event: `Quantity.event`, and the event's `fatalities` for deaths.

    Where several sources give figures for one event, every Quantity keeps its own figure and source; the event's
    `fatalities` shows the first one attributed to it (the others stay findable through `Quantity.event`).
    """
    events = list(state.events)
    quantities = []
    for quantity in state.quantities:
        event = None
        if quantity.category in CASUALTY_CATEGORIES or quantity.category in MOVEMENT_CATEGORIES:
            event = _event_of_quantity(doc, quantity, events, state)
        if event is None:
            quantities.append(quantity)
            continue
        quantities.append(dataclasses.replace(quantity, event=event.id))
        if quantity.category == "killed" and event.fatalities is None:
            count = int(quantity.value) if quantity.value is not None and quantity.unit == "people" else None
            fatalities = Fatalities(count=count, text=quantity.text, according_to=quantity.according_to)
            events[events.index(event)] = dataclasses.replace(event, fatalities=fatalities)
    return quantities, events


def _event_of_quantity(doc: Doc, quantity: Quantity, events: list[Event], state: DocState) -> Event | None:
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None:
        return None
    sentence = sentence_of_token(doc, span.start)
    in_sentence = [e for e in events if e.sentence.start <= span.start_char < e.sentence.end or _in(e, sentence)]
    verb = governing_verb(span, max_hops=4, auxiliaries=False, inside=True, root=True)
    if verb is not None and in_sentence:
        # "killed in fighting": the fighting is the event the deaths belong to
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = _event_at(in_sentence, obj)
                if found is not None:
                    return found
        found = _event_at(in_sentence, verb)
        if found is not None:
            return found
    if quantity.category in MOVEMENT_CATEGORIES:
        return min(in_sentence, key=lambda e: abs(e.trigger.start - quantity.start), default=None)
    violent = [e for e in in_sentence if e.type in _VIOLENT_EVENT_TYPES]
    if violent:
        return min(violent, key=lambda e: abs(e.trigger.start - quantity.start))
    # "we lost two fighters today. A, …, and B, …": the people named after the count, and the event that killed them
    named = _people_named_after(doc, span, state)
    if named:
        best: tuple[int, bool, int] | None = None
        chosen = None
        for event in events:
            if event.type not in _VIOLENT_EVENT_TYPES or event.trigger.start >= quantity.start:
                continue
            event_span = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
            if event_span is None:
                continue
            shared = len(named & {state.entity_of_token.get(t.i) for t in event_span})
            if not shared:
                continue
            # most of the named dead in the sentence, then a killing word, then the nearest
            killing = CATEGORY_OF_WORD.get(event.trigger.text.lower()) == "killed" or _lemma_is_killing(doc, event)
            score = (shared, killing, event.trigger.start)
            if best is None or score > best:
                best, chosen = score, event
        if chosen is not None:
            return _prefer_fighting(doc, chosen, events)
    return None


def _lemma_is_killing(doc: Doc, event: Event) -> bool:
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return trigger is not None and CATEGORY_OF_WORD.get(trigger.root.lemma_.lower()) == "killed"


def _in(event: Event, sentence: Span) -> bool:
    """The event is reported in the sentence: by its trigger, or by a later mention of the same happening ("Two
    more were wounded", "the blast"), whose figures are the event's."""
    return any(sentence.start_char <= m.start < sentence.end_char for m in (event.trigger, *event.mentions))


def _event_at(events: Iterable[Event], token: Token) -> Event | None:
    start, end = token.idx, token.idx + len(token)
    return next((e for e in events if any(m.start < end and start < m.end for m in (e.trigger, *e.mentions))), None)


def _people_named_after(doc: Doc, span: Span, state: DocState) -> set[str]:
    """PERSON entities named right after a count (in the same or the next sentence)."""
    sentence = sentence_of_token(doc, span.start)
    stop = sentence.end
    if stop < len(doc):
        stop = sentence_of_token(doc, stop).end
    names = set()
    for token in doc[span.end : stop]:
        entity_id = state.entity_of_token.get(token.i)
        entity = state.entity(entity_id)
        if entity is not None and entity.type == "PERSON":
            names.add(entity.id)
    return names


def _prefer_fighting(doc: Doc, event: Event, events: list[Event]) -> Event:
    """Of a killing and the fighting it happened in (same sentence), the fighting carries the deaths."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if trigger is None:
        return event
    for prep in (c for c in trigger.root.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "amid")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = _event_at(events, obj)
            if found is not None:
                return found
    return event


# --- the component ---------------------------------------------------------------------------------------------


@Language.component(
    "newsledger_quantities",
    requires=["token.dep", "token.lemma", *records_attrs("entities", "quotes", "events")],
    # casualty figures set their events' fatalities
    assigns=["doc._.newsledger", *records_attrs("quantities", "events")],
)
def quantities_component(doc: Doc) -> Doc:
    state = get_state(doc)
    state.quantities = extract_quantities(doc, state)
    state.quantities, state.events = attach_casualties(doc, state)
    return doc
