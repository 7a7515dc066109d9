"""spaCy's attribute ruler and rule lemmatizer, the same rules and the same answers, as array operations.

The English model ends its tagging with two rule pipes that work one token at a time in Python: the attribute ruler
runs its 179 patterns (tag -> part of speech and morphology, plus exceptions such as "gonna" or an auxiliary's
part of speech) through spaCy's Matcher, and the lemmatizer looks up each token's lemma. Together they cost about
18 ms of the ~115 ms spaCy spends on a 1,400-word report, more than any newsledger stage but events. Here each
pattern is a boolean mask over the doc's attribute table (`Doc.to_array`), applied in the ruler's own order (a
later pattern overrides an earlier one, as spaCy sorts its matches), and the lemmatizer is asked once per distinct
(word, part of speech, morphology). Nothing is hand-written: the patterns are read from the loaded model's ruler,
and a pattern of a kind this module does not know keeps spaCy's own pipe (`compile_ruler` returns None).
`tests/nlp/test_token_rules.py` checks, word by word, that both give what spaCy's own pipes give.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

RULER_NAME = "newsledger_attribute_ruler"
LEMMATIZER_NAME = "newsledger_lemmatizer"

# What a pattern may set, and test (strings and flags, read before any pattern writes, as the Matcher reads the doc
# before the ruler writes). Values a pattern writes are spaCy's normalised ids: string hashes, part-of-speech ids.
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)
_STRING_ATTRS = frozenset((ORTH, LOWER, NORM, TAG, DEP, LEMMA))
_FLAG_ATTRS = frozenset(value for name, value in IDS.items() if name.startswith(("IS_", "LIKE_")) and 0 < value < 64)


@dataclass(frozen=True, eq=False)
class _Test:
    """One attribute test of one pattern token: which attribute, and which of its values pass: one of `values`
    (or none of them, `negated`), or, for a regular expression, those whose string it finds in."""

    attr: int
    values: numpy.ndarray  # uint64 values (string hashes, flags)
    negated: bool = False
    regex: re.Pattern[str] | None = None

    @property
    def key(self) -> tuple[object, ...]:
        return (self.attr, tuple(self.values.tolist()), self.negated, self.regex.pattern if self.regex else None)

    @cached_property
    def wanted(self) -> frozenset[int] | None:
        """The values one of which a token must have to pass; None for a negated or regular-expression test."""
        return None if self.regex is not None or self.negated else frozenset(self.values.tolist())

    def mask(self, column: numpy.ndarray, strings: StringStore, verdicts: dict[int, bool]) -> numpy.ndarray:
        """Which tokens pass, given the doc's column of this attribute."""
        if self.regex is None:
            passes = column == self.values[0] if len(self.values) == 1 else numpy.isin(column, self.values)
            return ~passes if self.negated else passes
        distinct, where = numpy.unique(column, return_inverse=True)
        found = numpy.empty(len(distinct), dtype=bool)
        for position, value in enumerate(distinct.tolist()):  # a few patterns; each distinct word tested once
            verdict = verdicts.get(value)
            if verdict is None:
                verdict = verdicts[value] = bool(self.regex.search(strings[value] if value else ""))
            found[position] = verdict
        return found[where.reshape(-1)]


@dataclass(frozen=True)
class _Rule:
    tokens: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token of the pattern
    index: int  # which token of the match takes the attributes (may be negative, from the end)
    writes: tuple[tuple[int, int], ...]  # (column of _WRITE, value)


def _test(vocab: Vocab, key: str, spec: object) -> _Test | None:
    """A Matcher token test as a test of the attribute's stored values; None for one this module does not know."""
    attr = IDS.get(key.upper()) if isinstance(key, str) else None
    if attr not in _STRING_ATTRS and attr not in _FLAG_ATTRS:
        return None
    if attr in _FLAG_ATTRS:
        return _Test(attr, numpy.array([int(spec)], dtype=numpy.uint64)) if isinstance(spec, bool) else None
    strings = vocab.strings

    def hashes(names: list[str]) -> numpy.ndarray:
        return numpy.array([strings.add(name) if name else 0 for name in names], dtype=numpy.uint64)

    if isinstance(spec, str):
        return _Test(attr, hashes([spec]))
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    ((operator, operand),) = spec.items()
    if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(s, str) for s in operand):
        return _Test(attr, hashes(operand), negated=operator == "NOT_IN")
    if operator == "REGEX" and isinstance(operand, str):
        return _Test(attr, numpy.zeros(0, dtype=numpy.uint64), regex=re.compile(operand))
    return None


def compile_ruler(ruler: AttributeRuler) -> list[_Rule] | None:
    """The ruler's patterns as rules, in its order; None if any pattern uses what this module does not handle."""
    rules: list[_Rule] = []
    distinct: dict[tuple[object, ...], _Test] = {}
    for attr_id, attrs in enumerate(ruler.attrs):
        if "_" in attrs or any(name not in _WRITE for name in attrs):
            return None
        writes = tuple((_WRITE.index(name), int(value)) for name, value in attrs.items())
        _key, patterns = ruler.matcher.get(str(attr_id))
        for pattern in patterns:
            tokens: list[tuple[_Test, ...]] = []
            for token_spec in pattern:
                tests = [_test(ruler.vocab, key, spec) for key, spec in token_spec.items()]
                if not token_spec or any(test is None for test in tests):
                    return None  # an empty spec matches any token, and an operator ("OP") changes the length
                # one object per distinct test, so that a doc computes each distinct test's mask once
                tokens.append(tuple(distinct.setdefault(t.key, t) for t in tests if t is not None))
            index = ruler.indices[attr_id]
            if not -len(tokens) <= index < len(tokens):
                return None
            rules.append(_Rule(tuple(tokens), index, writes))
    return rules


class ArrayAttributeRuler:
    """`AttributeRuler.__call__` on a doc's attribute table: every pattern tested on the values the doc had before
    any pattern wrote, then the writes in pattern order, so a later pattern's value wins."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self.reads: list[int | str] = sorted({test.attr for rule in rules for tests in rule.tokens for test in tests})
        self._verdicts: dict[int, dict[int, bool]] = {}  # per regex test: {word hash: found}

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length or not self.rules:
            return doc
        table = doc.to_array(self.reads)
        columns = {attr: table[:, position] for position, attr in enumerate(self.reads)}
        masks: dict[int, numpy.ndarray] = {}  # per test, which tokens pass it
        written = doc.to_array(list(_WRITE))
        strings = doc.vocab.strings
        # Most patterns test for one word or tag the doc does not hold: a set look-up rules them out before numpy.
        present = {attr: set(column.tolist()) for attr, column in columns.items()}
        for rule in self.rules:
            span = len(rule.tokens)
            if span > length or any(
                test.wanted is not None and present[test.attr].isdisjoint(test.wanted)
                for tests in rule.tokens
                for test in tests
            ):
                continue
            starts: numpy.ndarray | None = None
            for offset, tests in enumerate(rule.tokens):
                for test in tests:
                    mask = masks.get(id(test))
                    if mask is None:
                        verdicts = self._verdicts.setdefault(id(test), {})
                        mask = masks[id(test)] = test.mask(columns[test.attr], strings, verdicts)
                    part = mask[offset : offset + length - span + 1]
                    starts = part if starts is None else starts & part
            if starts is None or not starts.any():
                continue
            targets = numpy.flatnonzero(starts) + (rule.index if rule.index >= 0 else span + rule.index)
            for column, value in rule.writes:
                written[targets, column] = value
        doc.from_array(list(_WRITE), written)  # type: ignore[arg-type]  # uint64, as to_array gives
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class ArrayLemmatizer:
    """`Lemmatizer.__call__` (rule mode, overwrite off): each token without a lemma gets the lemmatizer's first
    lemma, asked once per distinct (word, part of speech, morphology): its rules read nothing else of a token."""

    MAX_KNOWN = 500_000  # distinct (word, tag, morphology) keys kept; a long-running worker clears them past this

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._known: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> object:
        """The lemmatizer's tables (the entities component reads its word index as a list of English words)."""
        return self.lemmatizer.lookups

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        missing = numpy.flatnonzero(table[:, 3] == 0)
        if not len(missing):
            return doc
        known = self._known
        if len(known) > self.MAX_KNOWN:
            known.clear()
        add = doc.vocab.strings.add
        lemmas = table[:, 3]
        for i, orth, pos, morph in zip(
            missing.tolist(), *(table[missing, column].tolist() for column in range(3)), strict=True
        ):
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64, as to_array gives
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def make_array_attribute_ruler(nlp: Language, name: str, source: str) -> ArrayAttributeRuler:
    ruler = nlp.get_pipe(source)
    rules = compile_ruler(ruler) if isinstance(ruler, AttributeRuler) else None
    if rules is None:
        raise ValueError(f"{name}: the patterns of {source} use what ArrayAttributeRuler does not handle")
    return ArrayAttributeRuler(rules)


def make_array_lemmatizer(nlp: Language, name: str, source: str) -> ArrayLemmatizer:
    lemmatizer = nlp.get_pipe(source)
    if not isinstance(lemmatizer, Lemmatizer):
        raise ValueError(f"{name}: {source} is no spaCy Lemmatizer")
    return ArrayLemmatizer(lemmatizer)


# spaCy validates factory arguments from real annotations, not the strings `from __future__` leaves.
make_array_attribute_ruler.__annotations__ = {
    "nlp": Language,
    "name": str,
    "source": str,
    "return": ArrayAttributeRuler,
}
make_array_lemmatizer.__annotations__ = {"nlp": Language, "name": str, "source": str, "return": ArrayLemmatizer}
Language.factory(RULER_NAME, assigns=["token.pos", "token.morph", "token.lemma"], func=make_array_attribute_ruler)
Language.factory(LEMMATIZER_NAME, assigns=["token.lemma"], func=make_array_lemmatizer)


def use_array_rules(nlp: Language) -> None:
    """Put the array versions in place of the model's attribute ruler and rule lemmatizer, under the same names
    (code that looks for "attribute_ruler" still finds it). A pipe they cannot stand for stays spaCy's own."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler) and compile_ruler(ruler) is not None:
            nlp.add_pipe(
                RULER_NAME, name="array_attribute_ruler", before="attribute_ruler", config={"source": "attribute_ruler"}
            )
            nlp.remove_pipe("attribute_ruler")
            nlp.rename_pipe("array_attribute_ruler", "attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
            nlp.add_pipe(LEMMATIZER_NAME, name="array_lemmatizer", before="lemmatizer", config={"source": "lemmatizer"})
            nlp.remove_pipe("lemmatizer")
            nlp.rename_pipe("array_lemmatizer", "lemmatizer")
