"""spaCy's attribute ruler and rule lemmatizer, the same rules and the same answers, as array operations.

The English model ends its tagging with two rule pipes that work one token at a time in Python: the attribute ruler
runs its 179 patterns (tag -> part of speech and morphology, plus exceptions such as "gonna" or an auxiliary's
part of speech) through spaCy's Matcher, and the lemmatizer looks up each token's lemma, testing candidate forms
against a word list. Together they cost about 18 ms of the ~115 ms spaCy spends on a 1,400-word report, more than
any newsledger stage but events. Here what the one-word patterns write is worked out once per word signature (the
values of the attributes they read) and remembered, the longer patterns are boolean masks over the doc's attribute
table (`Doc.to_array`), and the writes follow the ruler's own order (a later pattern overrides an earlier one, as
spaCy sorts its matches); the lemmatizer is asked once per distinct (word, part of speech, morphology), with its
word lists read as sets. Nothing is hand-written: the patterns are read from the loaded model's ruler, and a pattern
of a kind this module does not know keeps spaCy's own pipe (`compile_ruler` returns None).
`tests/nlp/test_token_rules.py` checks, word by word, that both give what spaCy's own pipes give.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import numpy
from spacy.attrs import DEP, IDS, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Warnings
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

RULER_NAME = "newsledger_attribute_ruler"
LEMMATIZER_NAME = "newsledger_lemmatizer"

# What a pattern may set, and test (strings and flags, read before any pattern writes, as the Matcher reads the doc
# before the ruler writes). Values a pattern writes are spaCy's normalised ids: string hashes, part-of-speech ids.
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)
_STRING_ATTRS = frozenset((ORTH, LOWER, NORM, TAG, DEP, LEMMA))
_FLAG_ATTRS = frozenset(value for name, value in IDS.items() if name.startswith(("IS_", "LIKE_")) and 0 < value < 64)


_PACKED_BITS = 60  # a signature is packed into one int64: 15 bits per attribute for the English model's four


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
        return None if self.regex is not None or self.negated else self.members

    def passes(self, value: int, strings: StringStore, verdicts: dict[int, bool]) -> bool:
        """Whether a word with this value of the attribute passes."""
        if self.regex is None:
            return (value in self.members) != self.negated
        verdict = verdicts.get(value)
        if verdict is None:
            verdict = verdicts[value] = bool(self.regex.search(strings[value] if value else ""))
        return verdict

    @cached_property
    def members(self) -> frozenset[int]:
        return frozenset(self.values.tolist())

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
    any pattern wrote, then the writes in pattern order, so a later pattern's value wins.

    What the one-word patterns write on a word depends only on the word's own values of the attributes they read
    (its "signature": tag, lowered form, dependency, space flag for the English model), so they are worked out
    once per distinct signature and remembered; the few longer patterns are masks over the doc. Where both write
    the same attribute of a word, the later pattern's value is kept, as in spaCy. Like a spaCy pipeline, one
    instance serves one thread at a time (what it remembers is not locked)."""

    MAX_SIGNATURES = 300_000  # remembered signatures; a long-running worker starts afresh past this

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self.reads: list[int | str] = sorted({test.attr for rule in rules for tests in rule.tokens for test in tests})
        self._single = [(rank, rule.tokens[0], rule.writes) for rank, rule in enumerate(rules) if len(rule.tokens) == 1]
        self._multi = [(rank, rule) for rank, rule in enumerate(rules) if len(rule.tokens) > 1]
        signature_attrs = sorted({test.attr for _rank, tests, _writes in self._single for test in tests})
        self._signature_columns = [self.reads.index(attr) for attr in signature_attrs]
        self._signature_attrs = signature_attrs
        self._room = 2 ** (_PACKED_BITS // max(1, len(signature_attrs)))  # distinct values per attribute
        # A new signature is checked only against the patterns that can match it: each one-word pattern is filed
        # under the values one of its tests requires ("TAG" = "NN"); those with no such test are always checked.
        self._filed: dict[tuple[int, int], list[tuple[int, tuple[_Test, ...], tuple[tuple[int, int], ...]]]] = {}
        self._unfiled: list[tuple[int, tuple[_Test, ...], tuple[tuple[int, int], ...]]] = []
        for rank, tests, writes in self._single:
            anchor = next((test for test in tests if test.wanted is not None), None)
            if anchor is None:
                self._unfiled.append((rank, tests, writes))
            else:
                for value in anchor.members:
                    self._filed.setdefault((anchor.attr, value), []).append((rank, tests, writes))
        # Words that no one-word pattern names ("LOWER" in ["do", "does"]) nor finds (a REGEX) are all alike to
        # them: they share one number, so that a new word rarely makes a new signature. An attribute some pattern
        # tests with NOT_IN is read as it is (each value its own number).
        self._named: list[frozenset[int] | None] = []  # per signature attribute; None: every value counts
        self._found: list[list[_Test]] = []  # per signature attribute, its regular-expression tests
        for attr in signature_attrs:
            on_attr = [test for _rank, tests, _writes in self._single for test in tests if test.attr == attr]
            self._found.append([test for test in on_attr if test.regex is not None])
            plain = any(test.negated for test in on_attr)
            self._named.append(None if plain else frozenset().union(*(t.members for t in on_attr if t.regex is None)))
        self._forget()

    def _forget(self) -> None:
        self._verdicts: dict[int, dict[int, bool]] = {}  # per regex test: {word hash: found}
        # Each signature is one integer: per attribute, a small number for each value met (`_numbers`), packed.
        self._numbers: list[dict[int, int]] = [{} for _attr in self._signature_attrs]  # 0: a value none names
        self._counts = [1 for _attr in self._signature_attrs]
        self._outcome_of: dict[int, int] = {}  # packed signature -> row of the two tables below
        self._used = 0  # rows of the tables worked out
        # per signature and written attribute: the rank of the last one-word pattern writing it (-1: none), its value
        self._ranks = numpy.full((1024, len(_WRITE)), -1, dtype=numpy.int64)
        self._values = numpy.zeros((1024, len(_WRITE)), dtype=numpy.uint64)

    def _outcome(self, signature: tuple[int, ...], strings: StringStore) -> int:
        value_of = dict(zip(self._signature_attrs, signature, strict=True))
        row = self._used
        self._used += 1
        if row == len(self._ranks):
            self._ranks = numpy.concatenate([self._ranks, numpy.full_like(self._ranks, -1)])
            self._values = numpy.concatenate([self._values, numpy.zeros_like(self._values)])
        candidates = [*self._unfiled]
        for attr, value in value_of.items():
            candidates.extend(self._filed.get((attr, value), ()))
        for rank, tests, writes in sorted(candidates, key=lambda candidate: candidate[0]):
            if all(
                test.passes(value_of[test.attr], strings, self._verdicts.setdefault(id(test), {})) for test in tests
            ):
                for column, value in writes:
                    self._ranks[row, column] = rank
                    self._values[row, column] = value
        return row

    def _number(self, position: int, value: int, strings: StringStore) -> int:
        named = self._named[position]
        if named is not None and value not in named:
            verdicts = self._verdicts
            if not any(
                test.passes(value, strings, verdicts.setdefault(id(test), {})) for test in self._found[position]
            ):
                return 0
        self._counts[position] += 1
        return self._counts[position] - 1

    def _signature_rows(self, table: numpy.ndarray, strings: StringStore, *, fresh: bool = False) -> numpy.ndarray:
        """Per word, its row of the outcome tables (worked out for a signature not met before)."""
        signatures = table[:, self._signature_columns]
        if len(self._outcome_of) > self.MAX_SIGNATURES or sum(map(len, self._numbers)) > self.MAX_SIGNATURES:
            # what is remembered (signatures, each word's number, regular-expression verdicts) grows with the words
            # met: a long-running worker starts afresh
            self._forget()
        packed = numpy.zeros(len(table), dtype=numpy.int64)
        for position in range(len(self._signature_attrs)):
            distinct, where = numpy.unique(signatures[:, position], return_inverse=True)
            numbers = self._numbers[position]
            small = []
            for value in distinct.tolist():
                number = numbers.get(value)
                if number is None:
                    number = numbers[value] = self._number(position, value, strings)
                small.append(number)
            packed = packed * self._room + numpy.array(small, dtype=numpy.int64)[where.reshape(-1)]
        if any(count >= self._room for count in self._counts):  # too many values to pack: start afresh
            self._forget()
            if not fresh:
                return self._signature_rows(table, strings, fresh=True)
            # one doc alone holds more values than a packed signature has room for: its signatures as they are
            found: dict[tuple[int, ...], int] = {}
            unpacked = [
                found[signature]
                if signature in found
                else found.setdefault(signature, self._outcome(signature, strings))
                for signature in map(tuple, signatures.tolist())
            ]
            return numpy.array(unpacked, dtype=numpy.int64)
        keys, first, where = numpy.unique(packed, return_index=True, return_inverse=True)
        outcome_of = self._outcome_of
        rows = []
        for key, word in zip(keys.tolist(), first.tolist(), strict=True):
            row = outcome_of.get(key)
            if row is None:
                row = outcome_of[key] = self._outcome(tuple(signatures[word].tolist()), strings)
            rows.append(row)
        return numpy.array(rows, dtype=numpy.int64)[where.reshape(-1)]

    def __call__(self, doc: Doc) -> Doc:
        length = len(doc)
        if not length or not self.rules:
            return doc
        table = doc.to_array(self.reads)
        strings = doc.vocab.strings
        rows = self._signature_rows(table, strings)
        ranks, values = self._ranks[rows], self._values[rows]
        if self._multi:
            self._apply_multi_word(table, strings, ranks, values)
        written = doc.to_array(list(_WRITE))
        chosen = ranks >= 0
        written[chosen] = values[chosen]
        doc.from_array(list(_WRITE), written)  # type: ignore[arg-type]  # uint64, as to_array gives
        return doc

    def _apply_multi_word(
        self, table: numpy.ndarray, strings: StringStore, ranks: numpy.ndarray, values: numpy.ndarray
    ) -> None:
        """The longer patterns, in order, over what the one-word patterns wrote: a write lands where no later
        pattern wrote the same attribute of the word."""
        length = len(table)
        columns = {attr: table[:, position] for position, attr in enumerate(self.reads)}
        present = {attr: set(column.tolist()) for attr, column in columns.items()}
        masks: dict[int, numpy.ndarray] = {}  # per test, which tokens pass it
        for rank, rule in self._multi:
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
                later = targets[ranks[targets, column] < rank]
                ranks[later, column] = rank
                values[later, column] = value

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class ArrayLemmatizer:
    """`Lemmatizer.__call__` (rule mode, overwrite off): each token without a lemma gets the lemmatizer's first
    lemma, asked once per distinct (word, part of speech, morphology): its rules read nothing else of a token."""

    MAX_KNOWN = 500_000  # distinct (word, part of speech, morphology) kept; a long-running worker clears them past this

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._known: dict[tuple[int, int, int], int] = {}
        # spaCy's `rule_lemmatize` tests each candidate form against the part of speech's word index, a list (57,528
        # nouns): up to 0.5 ms for one plural noun. `_first_lemma` is the same function over a set, used while the
        # lemmatizer's own is spaCy's (a subclass may change it: then it is called as it is).
        self._own_rules = type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize and lemmatizer.mode == "rule"
        self._tables: dict[str, tuple[bool, frozenset[str], dict[str, list[str]], list[list[str]]]] = {}

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
                token = doc[i]
                first = self._first_lemma(token) if self._own_rules else self.lemmatizer.lemmatize(token)[0]
                lemma = known[key] = add(first)
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64, as to_array gives
        return doc

    def _tables_of(self, univ_pos: str) -> tuple[bool, frozenset[str], dict[str, list[str]], list[list[str]]]:
        tables = self._tables.get(univ_pos)
        if tables is None:
            lookups = self.lemmatizer.lookups
            index = lookups.get_table("lemma_index", {}).get(univ_pos)
            exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
            rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
            known = any((index, exceptions, rules))
            tables = self._tables[univ_pos] = (known, frozenset(index or ()), exceptions or {}, rules or [])
        return tables

    def _first_lemma(self, token: Token) -> str:
        """`Lemmatizer.rule_lemmatize(token)[0]`, line for line, with the word index as a set."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)  # as spaCy warns
            return string.lower()
        if self.lemmatizer.is_base_form(token):
            return string.lower()
        known, index, exceptions, rules = self._tables_of(univ_pos)
        if not known:
            return string if univ_pos == "propn" else string.lower()
        original = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(original)
        return forms[0]

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
