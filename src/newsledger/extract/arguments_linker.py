"""Features of the candidate arguments of an event word, for a learned argument linker.

A candidate is a noun, proper noun, pronoun or number heading a phrase in the sentence of a word that reports
an event (its trigger or a later mention). Its features say how it hangs on the word (the dependency path,
the preposition on it, the side and distance), what it is (part of speech, entity type and kind, a place, a
victim noun, a pronoun) and what the event is (its PLOVER type, the word's lemma and voice). Only plain values
leave this module: character spans and feature dicts.
"""

from __future__ import annotations

import functools
import json
import math
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from newsledger.extract.argument_actors import ACTOR_NOUNS, VICTIM_NOUNS
from newsledger.nlp.state import DocState

CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Modifier slots: the phrase's head stands for it ("Syrian" in "Syrian forces" is not itself a candidate).
_MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "det", "quantmod", "case", "punct"})
MAX_PATH = 4
Features = dict[str, float]


def candidates(state: DocState, word: Token, event_type: str) -> list[tuple[Token, Features]]:
    """The candidate heads of the word's sentence with their features."""
    places = _place_starts(state)
    context = _WordContext.of(word)
    out = []
    for token in word.sent:
        if token.i == word.i or token.pos_ not in CANDIDATE_POS or token.dep_ in _MODIFIER_DEPS:
            continue
        if token.pos_ == "PROPN" and state.entity_of_token.get(token.head.i) == state.entity_of_token.get(token.i):
            if token.head.i != token.i and token.i in state.entity_of_token:
                continue  # inside a name: its root stands for it
        out.append((token, features(state, word, token, event_type, places, context)))
    return out


@dataclass(frozen=True)
class _WordContext:
    """What the features need of the event word itself, read once for all its candidates."""

    up_word: list[Token]  # the word and its ancestors, nearest first
    position: dict[int, int]  # token index -> its place in `up_word`
    passive: bool
    lemma: str

    @classmethod
    def of(cls, word: Token) -> _WordContext:
        up_word = [word, *word.ancestors]
        return cls(
            up_word=up_word,
            position={t.i: n for n, t in enumerate(up_word)},
            passive=any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children),
            lemma=word.lemma_.lower(),
        )


def _place_starts(state: DocState) -> list[tuple[int, int]]:
    return [(m.start, m.end) for p in state.places for m in p.mentions]


def features(
    state: DocState,
    word: Token,
    token: Token,
    event_type: str,
    places: list[tuple[int, int]],
    context: _WordContext | None = None,
) -> Features:
    context = context or _WordContext.of(word)
    path, preposition = _path(word, token, context)
    distance = token.i - word.i
    entity_id = state.entity_of_token.get(token.i)
    entity = state.entity(entity_id) if entity_id is not None else None
    in_place = any(low <= token.idx < high for low, high in places)
    passive = context.passive
    lemma = context.lemma
    found: Features = {
        "bias": 1.0,
        f"dep={token.dep_}": 1.0,
        f"pos={token.pos_}": 1.0,
        f"path={path}": 1.0,
        f"prep={preposition}": 1.0,
        f"side={'left' if distance < 0 else 'right'}": 1.0,
        f"dist={_bucket(distance)}": 1.0,
        f"ent={entity.type if entity is not None else token.ent_type_ or '-'}": 1.0,
        f"kind={entity.kind if entity is not None and entity.kind else ACTOR_NOUNS.get(token.lower_, ('-',))[0]}": 1.0,
        f"place={in_place}": 1.0,
        f"victim={token.lower_ in VICTIM_NOUNS}": 1.0,
        f"type={event_type}": 1.0,
        f"tpos={word.pos_}": 1.0,
        f"voice={'passive' if passive else 'active'}": 1.0,
        f"type|path={event_type}|{path}": 1.0,
        f"type|dep={event_type}|{token.dep_}": 1.0,
        f"type|prep={event_type}|{preposition}": 1.0,
        f"voice|dep={passive}|{token.dep_}": 1.0,
        f"tpos|path={word.pos_}|{path}": 1.0,
        f"lemma|dep={lemma}|{token.dep_}": 1.0,
        f"lemma|prep={lemma}|{preposition}": 1.0,
        f"place|prep={in_place}|{preposition}": 1.0,
        f"ent|type={entity.type if entity is not None else token.ent_type_ or '-'}|{event_type}": 1.0,
    }
    if token.pos_ == "PRON":
        found[f"pron={token.lower_}"] = 1.0
    return found


def add_rule_role(found: Features, rule_role: str, event_type: str) -> None:
    """What the rules made of the candidate (source, target, place or none): the linker learns when to trust them."""
    found[f"rule={rule_role}"] = 1.0
    found[f"rule|type={rule_role}|{event_type}"] = 1.0


def _bucket(distance: int) -> str:
    size = abs(distance)
    label = str(size) if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "far"
    return ("-" if distance < 0 else "+") + label


def _path(word: Token, token: Token, context: _WordContext | None = None) -> tuple[str, str]:
    """The dependency path from the word to the token ("^nsubj" up, "vdobj" down), and the preposition on it."""
    context = context or _WordContext.of(word)
    up_word, position = context.up_word, context.position
    down: list[Token] = []
    current = token
    while current.i not in position:
        down.append(current)
        if current.head.i == current.i:
            return "far", "-"
        current = current.head
    ups = up_word[: position[current.i]]
    steps = [f"^{t.dep_}" for t in ups] + [f"v{t.dep_}" for t in reversed(down)]
    preposition = next((t.lower_ for t in [*ups, *down] if t.dep_ in ("prep", "agent")), "-")
    if len(steps) > MAX_PATH:
        return "long", preposition
    return "/".join(steps) or "self", preposition


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

    def probabilities(self, found: Features) -> dict[str, float]:
        scores = list(self.intercepts)
        for name, value in found.items():
            row = self.weights.get(name)
            if row is not None:
                for k, weight in enumerate(row):
                    scores[k] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> str:
        data = {
            "classes": list(self.classes),
            "intercepts": list(self.intercepts),
            "threshold": self.threshold,
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


def choose(scored: list[Scored], threshold: float) -> list[tuple[str, int, int]]:
    """(role, candidate index, list member index or -1): for each role the likeliest candidate at or above the
    threshold that no other role took, and the members of the list it opens."""
    chosen: list[tuple[str, int, int]] = []
    used: set[tuple[int, int]] = set()
    for role in ROLES:
        options = [
            (candidate.probabilities.get(role, 0.0), index)
            for index, candidate in enumerate(scored)
            if candidate.probabilities.get(role, 0.0) >= threshold
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
