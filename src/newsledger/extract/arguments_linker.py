"""Features of the candidate arguments of an event word, for a learned argument linker.

A candidate is a noun, proper noun, pronoun or number heading a phrase in the sentence of a word that reports
an event (its trigger or a later mention). Its features say how it hangs on the word (the dependency path,
the preposition on it, the side and distance), what it is (part of speech, entity type and kind, a place, a
victim noun, a pronoun) and what the event is (its PLOVER type, the word's lemma and voice). Only plain values
leave this module: character spans and feature dicts.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from newsledger.extract.argument_actors import ACTOR_NOUNS, VICTIM_NOUNS
from newsledger.model import Place
from newsledger.nlp.arrays import DocArrays, doc_arrays, sentence_of
from newsledger.nlp.state import DocState

CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Modifier slots: the phrase's head stands for it ("Syrian" in "Syrian forces" is not itself a candidate).
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "det", "quantmod", "case", "punct"})
# Modifiers of the event word that may name a participant or a place.
_OWN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_NAMED_MODIFIER_TYPES = frozenset({"NORP", "GPE", "ORG", "LOC", "FAC"})
_ACTOR_ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MAX_PATH = 4
_PLACE_SPANS_KEY = "newsledger_place_spans"
Features = dict[str, float]


def candidates(state: DocState, word: Token, event_type: str) -> list[tuple[Token, Features]]:
    """The candidate heads of the word's sentence with their features."""
    doc = word.doc
    places = _PlaceSpans.of_doc(doc, state.places)
    context = _WordContext.of(word)
    arrays = context.arrays
    pos, dep, head = arrays.pos, arrays.dep, arrays.head
    entity_of_token = state.entity_of_token
    sentence = sentence_of(word)
    out = []
    # The sentence is scanned in the per-doc arrays; a Token is made only for the candidates kept.
    ent_type = arrays.ent_type
    for i in range(sentence.start, sentence.end):
        if i == word.i:
            continue
        if pos[i] not in CANDIDATE_POS or dep[i] in _MODIFIER_DEPS:
            # a name or nationality modifying the event word itself names who did it, or where ("Russian
            # airstrikes", "a coalition strike", "the Orlando shooting")
            if not (
                head[i] == word.i
                and dep[i] in _OWN_MODIFIER_DEPS
                and (pos[i] in ("NOUN", "PROPN") or ent_type[i] in _NAMED_MODIFIER_TYPES)
            ):
                continue
        if pos[i] == "PROPN" and entity_of_token.get(head[i]) == entity_of_token.get(i):
            if head[i] != i and i in entity_of_token:
                continue  # inside a name: its root stands for it
        token = doc[i]
        out.append((token, features(state, word, token, event_type, places, context)))
    return out


@dataclass(frozen=True)
class _WordContext:
    """What the features need of the event word itself, read once for all its candidates."""

    up_word: list[int]  # the word's index and its ancestors', nearest first
    position: dict[int, int]  # token index -> its place in `up_word`
    passive: bool
    lemma: str
    pos: str
    arrays: DocArrays

    @classmethod
    def of(cls, word: Token) -> _WordContext:
        arrays = doc_arrays(word.doc)
        head = arrays.head
        up_word = [word.i]
        # Token.ancestors: up the heads to the root (a root is its own head), at most once round the doc
        while head[up_word[-1]] != up_word[-1] and len(up_word) <= len(head):
            up_word.append(head[up_word[-1]])
        return cls(
            up_word=up_word,
            position={t: n for n, t in enumerate(up_word)},
            passive=any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children),
            lemma=word.lemma_.lower(),
            pos=word.pos_,
            arrays=arrays,
        )


@dataclass(frozen=True)
class _PlaceSpans:
    """The character spans of the doc's place mentions, merged where they overlap, for a search by offset."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, places: Sequence[Place]) -> _PlaceSpans:
        merged: list[list[int]] = []
        for low, high in sorted((m.start, m.end) for p in places for m in p.mentions):
            if low >= high:
                continue  # an empty span holds no offset
            if merged and low <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        return cls([low for low, _ in merged], [high for _, high in merged])

    @classmethod
    def of_doc(cls, doc: Doc, places: Sequence[Place]) -> _PlaceSpans:
        """`of(places)`, kept in the doc's user_data while the same place records are asked for (every word of
        every event asks)."""
        key = tuple(map(id, places))
        cached = doc.user_data.get(_PLACE_SPANS_KEY)
        if cached is not None and cached[0] == key:
            spans: _PlaceSpans = cached[1]
            return spans
        spans = cls.of(places)
        # the records themselves are kept too, so that the ids in the key stay theirs
        doc.user_data[_PLACE_SPANS_KEY] = (key, spans, tuple(places))
        return spans

    def __contains__(self, offset: int) -> bool:
        at = bisect.bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.ends[at]


def in_a_place_mention(doc: Doc, places: Sequence[Place], offset: int) -> bool:
    """Whether a character offset falls inside a mention of one of the doc's places (spans kept per doc)."""
    return offset in _PlaceSpans.of_doc(doc, places)


def features(
    state: DocState,
    word: Token,
    token: Token,
    event_type: str,
    places: _PlaceSpans,
    context: _WordContext | None = None,
) -> Features:
    context = context or _WordContext.of(word)
    arrays = context.arrays
    i = token.i
    dep, pos, lower = arrays.dep[i], arrays.pos[i], arrays.lower[i]
    path, preposition, governor = _path(word, token, context)
    distance = i - word.i
    entity_id = state.entity_of_token.get(i)
    entity = state.entity(entity_id) if entity_id is not None else None
    in_place = token.idx in places
    passive = context.passive
    lemma = context.lemma
    word_pos = context.pos
    entity_type = entity.type if entity is not None else arrays.ent_type[i] or "-"
    found: Features = {
        "bias": 1.0,
        f"dep={dep}": 1.0,
        f"pos={pos}": 1.0,
        f"path={path}": 1.0,
        f"prep={preposition}": 1.0,
        f"side={'left' if distance < 0 else 'right'}": 1.0,
        f"dist={_bucket(distance)}": 1.0,
        f"ent={entity_type}": 1.0,
        f"kind={entity.kind if entity is not None and entity.kind else ACTOR_NOUNS.get(lower, ('-',))[0]}": 1.0,
        f"place={in_place}": 1.0,
        f"victim={lower in VICTIM_NOUNS}": 1.0,
        f"type={event_type}": 1.0,
        f"tpos={word_pos}": 1.0,
        f"voice={'passive' if passive else 'active'}": 1.0,
        f"type|path={event_type}|{path}": 1.0,
        f"type|dep={event_type}|{dep}": 1.0,
        f"type|prep={event_type}|{preposition}": 1.0,
        f"voice|dep={passive}|{dep}": 1.0,
        f"tpos|path={word_pos}|{path}": 1.0,
        f"lemma|dep={lemma}|{dep}": 1.0,
        f"lemma|prep={lemma}|{preposition}": 1.0,
        f"place|prep={in_place}|{preposition}": 1.0,
        f"ent|type={entity_type}|{event_type}": 1.0,
    }
    # What may do something at all: a person, group, organisation or country, a word for a kind of actor, a
    # pronoun. Times, things and places named as nouns ("at least 30 minutes' warning") are rarely a source.
    actor = entity_type in _ACTOR_ENTITY_TYPES or lower in ACTOR_NOUNS or pos == "PRON"
    found[f"actor|type={actor}|{event_type}"] = 1.0
    found[f"actor|dep={actor}|{dep}"] = 1.0
    # The preposition with the path: "after the explosion, the minister said" is no doer ("^pobj/^prep/vnsubj"
    # through "after"), "responsibility for the attack" may be.
    found[f"path|prep={path}|{preposition}"] = 1.0
    if governor is not None:
        # The word the candidate hangs on when it is not the event word itself: "X claimed responsibility for the
        # attack" may name the doer, "X responded to the attack" or "X suffered injuries" does not.
        found[f"gov={governor}"] = 1.0
        found[f"gov|dep={governor}|{dep}"] = 1.0
    if pos == "NOUN":
        # a common noun's lemma: words for people the actor lexicon lacks ("individuals", "delegates")
        found[f"noun={arrays.lemma_lower[i]}"] = 1.0
    if pos == "PRON":
        found[f"pron={lower}"] = 1.0
    return found


def add_rule_role(found: Features, rule_role: str, event_type: str) -> None:
    """What the rules made of the candidate (source, target, place or none): the linker learns when to trust them."""
    found[f"rule={rule_role}"] = 1.0
    found[f"rule|type={rule_role}|{event_type}"] = 1.0


def _bucket(distance: int) -> str:
    size = abs(distance)
    label = str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "far"
    return ("-" if distance < 0 else "+") + label


def _path(word: Token, token: Token, context: _WordContext | None = None) -> tuple[str, str, str | None]:
    """The dependency path from the word to the token ("^nsubj" up, "vdobj" down), the preposition on it, and the
    lemma of the word where it turns down when that is above the event word (the verb or noun the candidate hangs
    on: "claimed responsibility for", "responded to", "suffered injuries"), else None."""
    context = context or _WordContext.of(word)
    arrays = context.arrays
    head, dep = arrays.head, arrays.dep
    up_word, position = context.up_word, context.position
    down: list[int] = []
    current = token.i
    while current not in position:
        down.append(current)
        if head[current] == current:
            return "far", "-", None
        current = head[current]
    governor = arrays.lemma_lower[current] if current != word.i else None
    ups = up_word[: position[current]]
    steps = [f"^{dep[t]}" for t in ups] + [f"v{dep[t]}" for t in reversed(down)]
    preposition = next((arrays.lower[t] for t in [*ups, *down] if dep[t] in ("prep", "agent")), "-")
    if len(steps) > MAX_PATH:
        return "long", preposition, governor
    return "/".join(steps) or "self", preposition, governor


# --- the shipped model -----------------------------------------------------------------------------------

# A multinomial logistic regression over the features above, trained by `newsledger.eval.arguments_training`
# on the first three quarters of WikiEvents dev and RAMS dev (their last quarters kept unread as the gate).
ARTIFACT = Path(__file__).resolve().parent.parent / "data" / "events" / "argument_linker.json"
# Whether event words get the linker's arguments (training switches it off: the linker learns from the rules').
USE_LINKER: ContextVar[bool] = ContextVar("newsledger_argument_linker", default=True)


@dataclass(frozen=True)
class LinkerModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class
    threshold: float  # the least probability of a role that makes a candidate its argument
    # Per role, where it differs from `threshold` (chosen by the training's cross-validation).
    role_thresholds: dict[str, float] = field(default_factory=dict)
    # Whether the rules' source fills a word the linker gives none (chosen by the cross-validation too).
    rule_sources: bool = True

    @property
    def thresholds(self) -> dict[str, float]:
        return {role: self.role_thresholds.get(role, self.threshold) for role in ROLES}

    def probabilities(self, found: Features) -> dict[str, float]:
        return self.probabilities_of([found])[0]

    def probabilities_of(self, founds: Sequence[Features]) -> list[dict[str, float]]:
        """`probabilities` of each feature dict, in one gather and one running sum over all of them."""
        if not founds:
            return []
        index, table = self._table
        # Row 1 holds the intercepts; a feature the model does not know takes row 0, zeros, which leave a sum as it is.
        row_of = index.get
        rows = [[1, *map(row_of, found, itertools.repeat(0))] for found in founds]
        values = [[1.0, *found.values()] for found in founds]
        width = max(len(row) for row in rows)
        for row, value in zip(rows, values, strict=True):
            row.extend([0] * (width - len(row)))
            value.extend([0.0] * (width - len(value)))
        terms = table[np.array(rows, dtype=np.intp)] * np.array(values)[:, :, None]
        # A running sum adds the terms one by one in the features' order, as a loop over them would: the scores,
        # and so every probability and every decision at the threshold, are the same to the last bit.
        scores = np.add.accumulate(terms, axis=1)[:, -1, :].tolist()
        return [self._softmax(row) for row in scores]

    def _softmax(self, scores: list[float]) -> dict[str, float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    @functools.cached_property
    def _table(self) -> tuple[dict[str, int], np.ndarray]:
        """Feature -> row of one weight matrix (row 0 zeros, row 1 the intercepts)."""
        index = {name: n for n, name in enumerate(self.weights, start=2)}
        table = np.zeros((len(self.weights) + 2, len(self.classes)))
        table[1] = self.intercepts
        for name, row in self.weights.items():
            table[index[name]] = row
        return index, table

    def to_json(self) -> str:
        data = {
            "classes": list(self.classes),
            "intercepts": list(self.intercepts),
            "threshold": self.threshold,
            "role_thresholds": dict(sorted(self.role_thresholds.items())),
            "rule_sources": self.rule_sources,
            "weights": {k: list(v) for k, v in sorted(self.weights.items())},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinkerModel:
        data = json.loads(text)
        return cls(
            classes=tuple(data["classes"]),
            intercepts=tuple(data["intercepts"]),
            weights={k: tuple(v) for k, v in data["weights"].items()},
            threshold=float(data["threshold"]),
            role_thresholds={str(k): float(v) for k, v in data.get("role_thresholds", {}).items()},
            rule_sources=bool(data.get("rule_sources", True)),
        )


@functools.cache
def shipped_linker() -> LinkerModel | None:
    """The model shipped in the package, or None where it is missing or unreadable (the rules alone then)."""
    try:
        return LinkerModel.from_json(ARTIFACT.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Scored:
    """A candidate as the decision sees it: its phrase, the model's probabilities, whether it may be a doer (no
    victim noun, not the harmed subject of a harm verb) and the phrases of the list it opens."""

    phrase: tuple[int, int]
    probabilities: dict[str, float]
    may_be_source: bool
    listed: tuple[tuple[int, int], ...] = ()
    listed_may_be_source: tuple[bool, ...] = ()


def choose(scored: list[Scored], thresholds: Mapping[str, float]) -> list[tuple[str, int, int]]:
    """(role, candidate index, list member index or -1): for each role the likeliest candidate at or above the
    role's threshold that no other role took, and the members of the list it opens."""
    chosen: list[tuple[str, int, int]] = []
    used: set[tuple[int, int]] = set()
    for role in ROLES:
        options = [
            (candidate.probabilities.get(role, 0.0), index)
            for index, candidate in enumerate(scored)
            if candidate.probabilities.get(role, 0.0) >= thresholds[role]
            and candidate.phrase not in used
            and (role != "source" or candidate.may_be_source)
        ]
        if not options:
            continue
        _, best = max(options)
        used.add(scored[best].phrase)
        chosen.append((role, best, -1))
        if role == "place":
            continue
        for member, phrase in enumerate(scored[best].listed):
            if phrase in used or (role == "source" and not scored[best].listed_may_be_source[member]):
                continue
            used.add(phrase)
            chosen.append((role, best, member))
    return chosen


ROLES = ("source", "target", "place")
