"""Who an event's argument is, read through the document: pronouns and descriptions to the entity the report
names, and generic actors ("police", "protesters", "a soldier") to actors of a kind with their country.

A pronoun ("he", "they") takes the nearest compatible actor before it within a few sentences: a person for "he"
and "she", a group (an organisation, a nationality, a generic group) for "they". A description ("the group",
"the organisation") takes the nearest organisation named before it. A noun of the actor lexicon becomes one
generic actor per kind, wording and country in the article (every "police" of a report is one actor), of the
country its own words give ("Nigerian police", "Kenya's army"), else of the report's dateline or, failing that,
of the country its places name most. Generic actors are made only when an event needs them, so the entity list
does not fill with every "people" of the text.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsledger.model import Entity, Mention, Quote
from newsledger.nlp.arrays import sentence_of
from newsledger.nlp.state import DocState, doc_text

# plural or collective noun -> (kind, entity type). General English words for the sides of political violence,
# protest and law enforcement, and for the people they act on.
_STATE_FORCES = (
    "police policeman policemen policewoman officer officers troops soldier soldiers army military forces force "
    "servicemen serviceman personnel guards guard gendarmes gendarmerie commandos marines paratroopers sailors "
    "airmen navy"
)
_ARMED_GROUPS = (
    "militants militant insurgents insurgent rebels rebel gunmen gunman fighters fighter jihadists jihadist "
    "terrorists terrorist attackers attacker assailants assailant extremists extremist militia militias "
    "militiamen militiaman bomber bombers kidnappers kidnapper bandits bandit pirates guerrillas guerrilla "
    "separatists separatist raiders shooter shooters"
)
_PROTESTERS = "protesters protester protestors protestor demonstrators demonstrator marchers rioters rioter strikers"
_CIVILIANS = (
    "civilians civilian residents resident villagers villager people persons children child women woman men man "
    "boy boys girl girls students student workers worker employees employee passengers passenger worshippers "
    "pilgrims journalists journalist reporters farmers farmer refugees refugee migrants migrant tourists tourist "
    "pedestrians bystanders patients doctors nurses teachers traders shoppers family families victims victim "
    "prisoners prisoner detainees detainee inmates hostages hostage driver drivers voters citizens activists "
    "activist opponents supporters"
)
_GROUPS = "coalition alliance group groups factions faction opposition hackers tribes tribesmen clans gangs gang"
_OFFICIALS = (
    "officials official general generals commander commanders leader leaders minister ministers governor "
    "mayor president spokesman spokeswoman authorities government regime administration"
)
ACTOR_NOUNS: dict[str, tuple[str, str]] = {}
for _words, _kind, _type in (
    (_STATE_FORCES, "state forces", "ORG"),
    (_ARMED_GROUPS, "armed group", "ORG"),
    (_PROTESTERS, "protesters", "NORP"),
    (_CIVILIANS, "civilians", "NORP"),
    (_OFFICIALS, "officials", "ORG"),
    (_GROUPS, "group", "ORG"),
):
    for _word in _words.split():
        ACTOR_NOUNS[_word] = (_kind, _type)
# People harmed are never the doer of the harm.
# Words of a web page's furniture that scraped text runs into the sentence beside them ("Caption People took to
# the streets", "View Photos Thousands have been arrested"): never part of the words naming an actor.
PAGE_FURNITURE = frozenset("caption photo photos image images video file advertisement copyright".split())
VICTIM_NOUNS = frozenset("victims victim dead casualties wounded injured hostages hostage".split())
# Quantity words whose "of" phrase names the people ("dozens of protesters", "one of the soldiers").
_QUANTITY_HEADS = frozenset(
    "dozens hundreds thousands scores tens millions some many several most all one two three four five few "
    "number group groups crowd crowds".split()
)
# Words that count people with no noun after them ("five were wounded", "scores died", "killing 20 others").
_COUNTED_PEOPLE = frozenset({"others", "more", "scores", "dozens", "hundreds", "thousands", "several", "many"})
_HARMED_BY = frozenset({"kill", "wound", "injure", "die", "hurt", "maim", "arrest", "detain", "abduct", "kidnap"})
_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them"})
_FIRST_PERSON_SINGULAR = frozenset({"i", "me", "myself"})
_GROUP_DESCRIPTIONS = frozenset({"group", "organisation", "organization", "movement", "outfit", "faction"})
_SENTENCES_BACK = 3


@dataclass
class ArgumentResolver:
    """Per-doc resolution of argument phrases to entity ids; creates generic actors on first need."""

    doc: Doc
    state: DocState
    _generic: dict[tuple[str, str | None], str] = field(default_factory=dict)
    _default_country: str | None = None
    _country_known: bool = False
    # token index -> the entity its phrase was last resolved to: where in a sentence an argument was found
    resolved: dict[int, str] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        return self.state.entity(entity_id)  # (the state remembers where each id stands)

    def resolve(self, head: Token) -> str | None:
        found = self._resolve(head)
        if found is not None:
            self.resolved[head.i] = found
        return found

    def _resolve(self, head: Token) -> str | None:
        lower = head.lower_
        if lower in _FIRST_PERSON_SINGULAR:
            # "They have tried to assassinate me," the president said: the speaker of the quotation
            quote = quote_around(head, self.state.quotes)
            return quote.speaker if quote is not None else None
        if lower in _PERSON_PRONOUNS and head.pos_ == "PRON":
            return self._antecedent(head, persons=True)
        if lower in _GROUP_PRONOUNS:
            return self._antecedent(head, persons=False)
        if head.lemma_.lower() in _GROUP_DESCRIPTIONS and any(c.lower_ == "the" for c in head.children):
            return self._named_before(head, ("ORG",))
        if lower in _QUANTITY_HEADS or head.pos_ == "NUM" or lower in _COUNTED_PEOPLE:
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                return self.state.entity_of_token.get(pobj.i) or self.resolve(pobj)
            if head.dep_ in ("nsubjpass", "dobj", "nsubj") and head.head.lemma_.lower() in _HARMED_BY:
                return self.generic(head, as_word="people")  # "five were wounded", "killing three"
            return None
        if self._modifier_of_type(head, ("ORG", "PERSON")):
            return None  # "Taliban forces", "Hamas fighters": the organisation the phrase names is the actor
        if lower in ACTOR_NOUNS and head.pos_ in ("NOUN", "PROPN"):
            return self.generic(head)
        if head.tag_ == "NNS" and self._modifier_of_type(head, ("NORP",)):
            return self.generic(head, as_word=lower, kind=("group", "NORP"))  # "Syrian hackers", "Sunni clerics"
        return None

    def _modifier_of_type(self, head: Token, types: tuple[str, ...]) -> bool:
        """Whether a name of one of these types modifies the noun: a nationality or community says whose people
        a plural noun means ("Sunni groups"), an organisation or person who the actor is ("Hamas fighters")."""
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i in self.state.entity_of_token:
                entity = self.entity(self.state.entity_of_token[child.i])
                if entity is not None and entity.type in types:
                    return True
        return False

    def is_victim(self, head: Token) -> bool:
        return head.lower_ in VICTIM_NOUNS

    # --- pronouns and descriptions ---------------------------------------------------------------------

    def _window_start(self, token: Token) -> int:
        sentence = sentence_of(token)
        for _ in range(_SENTENCES_BACK - 1):
            if sentence.start == 0:
                break
            sentence = sentence_of(self.doc[sentence.start - 1])
        return sentence.start

    def _antecedent(self, pronoun: Token, *, persons: bool) -> str | None:
        lowest = self._window_start(pronoun)
        # "They have tried to assassinate me today," the president said: a speaker's "they" stands for whom his own
        # words name, not for a group the narrative named before the quotation opened
        quote = quote_around(pronoun, self.state.quotes) if not persons else None
        for index in range(pronoun.i - 1, lowest - 1, -1):
            if quote is not None and self.doc[index].idx < quote.start:
                break
            entity_id = self.state.entity_of_token.get(index)
            if entity_id is not None:
                entity = self.entity(entity_id)
                if entity is None:
                    continue
                if persons and entity.type == "PERSON":
                    return entity_id
                if not persons and entity.type in ("ORG", "NORP") and not self._is_modifier(self.doc[index]):
                    return entity_id
                continue
            token = self.doc[index]
            if (
                not persons
                and token.lower_ in ACTOR_NOUNS
                and token.tag_ in ("NNS", "NNPS")
                and token.dep_ != "compound"
            ):
                return self.generic(token)
        return None

    def _named_before(self, token: Token, types: tuple[str, ...]) -> str | None:
        for index in range(token.i - 1, -1, -1):
            entity_id = self.state.entity_of_token.get(index)
            entity = self.entity(entity_id)
            if entity is not None and entity.type in types:
                return entity_id
        return None

    @staticmethod
    def _is_modifier(token: Token) -> bool:
        """A name used as a modifier ("Kenyan police", "the U.S. embassy") is not the actor itself."""
        return token.dep_ in ("amod", "compound", "nmod", "poss") and token.head.pos_ in ("NOUN", "PROPN")

    # --- generic actors --------------------------------------------------------------------------------

    def generic(self, head: Token, *, as_word: str | None = None, kind: tuple[str, str] | None = None) -> str:
        word = as_word or head.lower_
        kind_name, entity_type = kind or ACTOR_NOUNS[word]
        country = self._country_of_phrase(head) or self._article_country()
        key = (as_word or head.lemma_.lower(), country)
        start = min(
            (
                c.idx
                for c in head.lefts
                if c.dep_ in ("amod", "compound", "nmod") and c.i == head.i - 1 and c.lower_ not in PAGE_FURNITURE
            ),
            default=head.idx,
        )
        mention = Mention(start, head.idx + len(head.text), doc_text(self.doc)[start : head.idx + len(head.text)])
        entity_id = self._generic.get(key)
        if entity_id is None:
            entity_id = f"e{len(self.state.entities) + 1}"
            while any(e.id == entity_id for e in self.state.entities):
                entity_id = f"{entity_id}x"
            self._generic[key] = entity_id
            self.state.entities.append(
                Entity(
                    id=entity_id,
                    name=as_word or (head.lemma_.lower() if head.tag_ != "NNS" else head.lower_),
                    type=entity_type,
                    mentions=(mention,),
                    kind=kind_name,
                    country=country,
                )
            )
            return entity_id
        index = next(i for i, e in enumerate(self.state.entities) if e.id == entity_id)
        entity = self.state.entities[index]
        if all(m.start != mention.start for m in entity.mentions):
            mentions = tuple(sorted((*entity.mentions, mention), key=lambda m: m.start))
            self.state.entities[index] = dataclasses.replace(entity, mentions=mentions)
        return entity_id

    def _country_of_phrase(self, head: Token) -> str | None:
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                for token in child.subtree:
                    entity = self.entity(self.state.entity_of_token.get(token.i))
                    if entity is not None and entity.country:
                        return entity.country
        return None

    def _article_country(self) -> str | None:
        if not self._country_known:
            self._country_known = True
            dateline = next((p for p in self.state.places if p.dateline and p.country), None)
            if dateline is not None:
                self._default_country = dateline.country
            else:
                counts = Counter(p.country for p in self.state.places if p.country for _ in p.mentions)
                self._default_country = counts.most_common(1)[0][0] if counts else None
        return self._default_country


CURRENT_RESOLVER: ContextVar[ArgumentResolver | None] = ContextVar("newsledger_argument_resolver", default=None)


# Verbs whose subject, with no object, is the device ("the bomb exploded", "the device detonated", "it went off").
_DEVICE_VERBS = frozenset({"explode", "detonate", "go", "blow"})
# Who may set a device off himself ("the bomber detonated"): a person or a group, by name.
_DOER_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def is_device_subject(subject: Token) -> bool:
    """The subject of an explosion verb with no object that is the device, not who set it off: "the bomb
    exploded", "they exploded at one a minute" (a thing explodes), "it went off"; where "the suicide bomber
    detonated" names a doer (a name, or a word for a kind of actor)."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_.lower() not in _DEVICE_VERBS:
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False  # "militants detonated a car bomb", "he blew himself up"
    if verb.lemma_.lower() == "explode":
        return True
    return not (subject.ent_type_ in _DOER_ENTITY_TYPES or subject.lower_ in ACTOR_NOUNS)


def quote_around(token: Token, quotes: Sequence[Quote]) -> Quote | None:
    """The innermost quotation holding the token."""
    inside = [q for q in quotes if q.start <= token.idx < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None
