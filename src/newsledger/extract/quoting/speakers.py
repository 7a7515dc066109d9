"""Who is speaking: from the subject of a reporting verb to an entity of the article.

A speaker can be named ("Mujahid"), described ("Taliban spokesman", "the UN official", "One X official"), a
pronoun ("he", "they": the nearest compatible earlier mention, preferring subjects, across sentences), a message
("a statement by X", "the statement" → its author), or a group named earlier ("the group", "the alliance" → the
entity the article described with that noun, or the last group that was a subject).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.extract.actors import token_lowers
from newsledger.extract.quoting.lexicon import GROUP_NOUNS, MESSAGE_NOUNS, ROLE_NOUNS, SPEAKER_PRONOUNS
from newsledger.model import Entity
from newsledger.nlp.arrays import doc_arrays

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_RELATIVE = {"who", "that", "which", "whom"}
_PERSON_TYPES = {"PERSON"}
_GROUP_TYPES = {"ORG", "NORP", "GPE"}
_LOOKBACK_SENTENCES = 4


@dataclass(frozen=True)
class _Mention:
    token: int
    entity: str
    type: str
    sentence: int
    subject: int  # 3 subject of a main clause, 2 subject of another clause, 1 inside a subject, 0 not a subject


class SpeakerResolver:
    """Resolves speaker phrases of one doc to entity ids; built once per doc (a few linear passes)."""

    def __init__(self, doc: Doc, entities: list[Entity], entity_of_token: dict[int, str]) -> None:
        self.doc = doc
        self.entity_of_token = entity_of_token
        self.types = {e.id: e.type for e in entities}
        self.sentence_of = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            self.sentence_of[sent.start : sent.end] = [k] * (sent.end - sent.start)
        self.full_name = _full_names(entities)
        # Read from the per-doc arrays, making a Token only where one is needed: a Token per word, twice over,
        # was most of this set-up's cost.
        arrays = doc_arrays(doc)
        dep, head_of, lemma_of = arrays.dep, arrays.head, arrays.lemma_lower
        in_subject = [0] * len(doc)
        for i, relation in enumerate(dep):
            if relation in SUBJECT_DEPS:
                subject = doc[i]
                for k in range(subject.left_edge.i, subject.right_edge.i + 1):
                    in_subject[k] = max(in_subject[k], 1)
                head = head_of[i]
                main = dep[head] == "ROOT" or (dep[head] == "conj" and dep[head_of[head]] == "ROOT")
                for k in [i] + [c for c in arrays.children[i] if dep[c] in ("compound", "flat")]:
                    in_subject[k] = 3 if main else 2
        self.mentions: list[_Mention] = []
        self.described: list[tuple[int, str, str]] = []  # (token, noun lemma, entity): "Taliban spokesman X"
        self.message_authors: list[tuple[int, str]] = []  # (token, entity) for "a statement by X"
        previous = None
        for i, lower in enumerate(token_lowers(doc)):
            entity_id = self._entity_at_index(i) if i in entity_of_token else None
            if entity_id is None and lower in ("he", "she", "they") and in_subject[i]:
                entity_id = self._antecedent(doc[i])
            if entity_id is not None and entity_id != previous:
                self.mentions.append(
                    _Mention(i, entity_id, self.types.get(entity_id, ""), self.sentence_of[i], in_subject[i])
                )
            previous = entity_id
            if entity_id is not None:
                for related in (head_of[i], *arrays.children[i]):
                    lemma = lemma_of[related]
                    if dep[related] in ("appos", "compound") or dep[i] in ("appos", "compound"):
                        if lemma in ROLE_NOUNS or lemma in GROUP_NOUNS:
                            self.described.append((i, lemma, entity_id))
            if entity_id is not None and self.entity_of_token.get(i + 1) != entity_id:
                noun = _apposed_noun(doc, i + 1)
                if noun is not None:
                    self.described.append((i, noun, entity_id))
            if lemma_of[i] in MESSAGE_NOUNS:
                author = self._message_author(doc[i])
                if author is not None:
                    self.message_authors.append((i, author))

    # --- public ------------------------------------------------------------------------------------------

    def resolve(self, head: Token, *, depth: int = 0) -> str | None:
        """The entity id the speaker phrase headed by `head` refers to, or None."""
        if depth > 3:
            return None
        entity_id = self._entity_at(head)
        if entity_id is not None:
            return self._prefer_full(entity_id)
        lower = head.lower_
        if lower in _RELATIVE and head.head.dep_ == "relcl":
            return self.resolve(head.head.head, depth=depth + 1)
        if lower in SPEAKER_PRONOUNS:
            return self._antecedent(head)
        lemma = head.lemma_.lower()
        if lemma in MESSAGE_NOUNS:
            author = self._message_author(head)
            if author is not None:
                return author
            if _definite(head):
                earlier = [e for i, e in self.message_authors if i < head.i]
                if earlier:
                    return earlier[-1]
            if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX"):
                subject = subject_of(head.head)
                if subject is not None:
                    return self.resolve(subject, depth=depth + 1)
        inside = self._entities_in_phrase(head)
        if inside:
            return self._prefer_full(inside[0])
        if (lemma in ROLE_NOUNS or lemma in GROUP_NOUNS) and _definite(head):
            described = [e for i, word, e in self.described if i < head.i and word == lemma]
            if described:
                return self._prefer_full(described[-1])
            if lemma in GROUP_NOUNS:
                return self._last_subject(head, _GROUP_TYPES)
        if head.dep_ == "pobj" and head.head.lower_ in ("with", "of", "for", "from", "by"):
            return None
        for child in head.children:
            if child.dep_ in ("prep", "acl"):
                for grandchild in child.subtree:
                    if grandchild.dep_ == "pobj" and grandchild.i != head.i:
                        found = self.resolve(grandchild, depth=depth + 1)
                        if found is not None:
                            return found
        return None

    # --- helpers -----------------------------------------------------------------------------------------

    def _entity_at(self, token: Token) -> str | None:
        return self._entity_at_index(token.i)

    def _entity_at_index(self, i: int) -> str | None:
        entity_id = self.entity_of_token.get(i)
        if entity_id is None:
            return None
        first = i
        while first > 0 and self.entity_of_token.get(first - 1) == entity_id:
            first -= 1
        # "an anti-X alliance" names the opponents of X, not X
        lower = token_lowers(self.doc)
        if first >= 2 and lower[first - 1] == "-" and lower[first - 2] in ("anti", "pro", "non"):
            return None
        if lower[first].startswith(("anti-", "pro-", "non-")) or lower[first] in ("anti", "pro"):
            return None
        return entity_id

    def _prefer_full(self, entity_id: str) -> str:
        return self.full_name.get(entity_id, entity_id)

    def _entities_in_phrase(self, head: Token) -> list[str]:
        """Entities inside the noun phrase (compounds, possessives, appositions, of/for/from phrases), persons first."""
        found: list[tuple[int, int, str]] = []
        for token in head.subtree:
            if token.i == head.i:
                continue
            # stay out of clauses hanging off the phrase ("the man who met Putin")
            path, ok = token, True
            while path.i != head.i:
                if path.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj", "cc"):
                    ok = False
                    break
                if path.dep_ == "pobj" and path.head.lower_ not in ("of", "for", "from", "by", "at", "with"):
                    ok = False
                    break
                path = path.head
            entity_id = self._entity_at(token) if ok else None
            if entity_id is not None:
                # persons first; then the name the phrase is set beside ("Nigeria's agency, NEMA," is NEMA, not
                # Nigeria); then the rest in text order
                appositive = any(t.dep_ == "appos" and t.head.i == head.i for t in (token, *token.ancestors))
                rank = 0 if self.types.get(entity_id) in _PERSON_TYPES else (1 if appositive else 2)
                found.append((rank, token.i, entity_id))
        found.sort()
        return [entity_id for _rank, _i, entity_id in found]

    def _message_author(self, noun: Token) -> str | None:
        for child in noun.children:
            if child.dep_ == "poss":
                return self.resolve(child, depth=2)
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.resolve(pobj, depth=2)
        for child in noun.children:
            if child.dep_ == "compound":
                entity_id = self._entity_at(child)
                if entity_id is not None:
                    return self._prefer_full(entity_id)
        return None

    def _antecedent(self, pronoun: Token) -> str | None:
        kind = SPEAKER_PRONOUNS.get(pronoun.lower_)
        if kind == "person":
            types = _PERSON_TYPES
        elif kind == "group":
            types = _GROUP_TYPES
        elif kind == "thing":
            types = {"ORG", "GPE"}
        else:
            return None
        here = self.sentence_of[pronoun.i]
        earlier = [m for m in self.mentions if m.token < pronoun.i and m.type in types]
        for sentence in range(here, max(-1, here - _LOOKBACK_SENTENCES), -1):
            in_sentence = [m for m in earlier if m.sentence == sentence]
            subjects = [m for m in in_sentence if m.subject]
            if subjects:
                return max(reversed(subjects), key=lambda m: m.subject).entity
            if in_sentence and sentence != here:
                return in_sentence[-1].entity
        return earlier[-1].entity if earlier else None

    def _last_subject(self, token: Token, types: set[str]) -> str | None:
        here = self.sentence_of[token.i]
        near = [
            m
            for m in self.mentions
            if m.token < token.i and m.sentence >= here - _LOOKBACK_SENTENCES and m.subject and m.type in types
        ]
        if not near:
            return None
        return max(reversed(near), key=lambda m: (m.subject >= 2, m.sentence, m.token)).entity


def subject_of(verb: Token, *, depth: int = 0) -> Token | None:
    """The subject of a reporting verb, looking through conjunctions and participles ("…, saying")."""
    if depth > 4:
        return None
    subjects = [child for child in verb.children if child.dep_ in SUBJECT_DEPS]
    if subjects:
        # a dateline parsed as a second subject ("LAGOS – The rebels have declared") is farther away
        return min(subjects, key=lambda child: abs(child.i - verb.i))
    if verb.pos_ == "NOUN":
        # "The Taliban claim he has fled": the noun's owner speaks
        owners = [c for c in verb.children if c.dep_ in ("poss", "compound") and c.i < verb.i]
        return owners[-1] if owners else None
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth=depth + 1)
    if verb.tag_ == "VBG" or verb.dep_ in ("xcomp", "advcl", "pcomp"):
        if verb.dep_ == "acl":
            # "a statement saying", "Smith, saying": the noun speaks; other nouns pass it to their verb
            if head.lemma_.lower() in MESSAGE_NOUNS or head.pos_ == "PROPN" or head.ent_type_:
                return head
        climb = head
        for _ in range(4):
            if climb.pos_ in ("VERB", "AUX") and climb.i != verb.i:
                return subject_of(climb, depth=depth + 1)
            if climb.head.i == climb.i:
                break
            climb = climb.head
    return None


def _apposed_noun(doc: Doc, i: int) -> str | None:
    """ "X (Y), an alliance of …" / "X, the group that …": the role or group noun set beside a name."""
    while i < len(doc) and doc[i].text in (")", "]"):
        i += 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("a", "an", "the"):
        return None
    for token in doc[i + 2 : i + 6]:
        lemma = token.lemma_.lower()
        if lemma in ROLE_NOUNS or lemma in GROUP_NOUNS:
            return lemma
        if token.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB", "CCONJ"):
            return None
    return None


def _definite(noun: Token) -> bool:
    return any(
        child.dep_ in ("det", "poss") and child.lower_ in ("the", "this", "that", "these", "those")
        for child in noun.children
    ) or any(child.dep_ == "nummod" or child.lower_ == "one" for child in noun.children)


def _full_names(entities: list[Entity]) -> dict[str, str]:
    """A person named by surname alone is the person named in full earlier ("Haddad" → "Omar Haddad")."""
    full: dict[str, str] = {}
    persons = [e for e in entities if e.type == "PERSON"]
    for entity in persons:
        words = entity.name.split()
        if len(words) != 1:
            continue
        for other in persons:
            other_words = other.name.split()
            if len(other_words) > 1 and other_words[-1] == words[0]:
                full[entity.id] = other.id
                break
    return full
