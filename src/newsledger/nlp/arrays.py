"""A Doc's token attributes as plain Python lists, read once per doc, for the extractors' scans.

Each `for token in doc` makes a new Token object per word, and every `token.dep_` or `token.head` another
look-up (a profile of the whole pipeline counted 1.8 million Token objects for 46,000 words). A scan that only
needs words, tags and the parse reads them here by index, and makes a Token only for the few words it keeps.
Each list holds what the Token attribute of the same name gives (`lower[i] == doc[i].lower_`,
`head[i] == doc[i].head.i`, `children[i] == [c.i for c in doc[i].children]`), and is read from the Doc the first
time a component asks for it; no component changes a Doc's annotations after spaCy's own pipes, so one read per
doc serves every component.
"""

from __future__ import annotations

import bisect
from functools import cached_property

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, IS_SPACE, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

_KEY = "newsledger_arrays"


_ATTRS = (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_SPACE, IS_ALPHA, HEAD, SENT_START)


class DocArrays:
    def __init__(self, doc: Doc) -> None:
        # The table is read from the Doc at once (in C); a column becomes Python values when first asked for. The
        # Doc itself is not kept: this object lives in the Doc's user_data.
        self.length = len(doc)
        self._table = doc.to_array(list(_ATTRS)) if self.length else numpy.zeros((0, len(_ATTRS)), dtype="uint64")
        self._strings = doc.vocab.strings

    def _column(self, attr: int, *, lowered: bool = False) -> list[str]:
        if not self.length:
            return []
        distinct, where = numpy.unique(self._table[:, _ATTRS.index(attr)], return_inverse=True)
        # one look-up per distinct value, then spread over the column by numpy
        names = [self._strings[key] if key else "" for key in distinct.tolist()]
        if lowered:
            names = [name.lower() for name in names]
        column: list[str] = numpy.array(names, dtype=object)[where.reshape(-1)].tolist()
        return column

    @cached_property
    def lower(self) -> list[str]:
        return self._column(LOWER)

    @cached_property
    def lemma_lower(self) -> list[str]:
        """token.lemma_.lower()"""
        return self._column(LEMMA, lowered=True)

    @cached_property
    def pos(self) -> list[str]:
        return self._column(POS)

    @cached_property
    def tag(self) -> list[str]:
        return self._column(TAG)

    @cached_property
    def dep(self) -> list[str]:
        return self._column(DEP)

    @cached_property
    def ent_type(self) -> list[str]:
        return self._column(ENT_TYPE)

    @cached_property
    def is_space(self) -> list[bool]:
        return self._table[:, _ATTRS.index(IS_SPACE)].astype(bool).tolist()

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._table[:, _ATTRS.index(IS_ALPHA)].astype(bool).tolist()

    @cached_property
    def head(self) -> list[int]:
        """The absolute index of each token's head; a root is its own head."""
        relative = self._table[:, _ATTRS.index(HEAD)].astype(numpy.int64)
        heads: list[int] = (numpy.arange(self.length) + relative).tolist()
        return heads

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The index of each sentence's first token, as `Doc.sents` splits them (a token whose sent_start is 1)."""
        flags = self._table[:, _ATTRS.index(SENT_START)].astype(numpy.int64)
        starts: list[int] = numpy.flatnonzero(flags == 1).tolist()
        return starts if starts[:1] == [0] else [0, *starts]

    @cached_property
    def children(self) -> list[list[int]]:
        """Each token's children in text order, as Token.children gives them."""
        children: list[list[int]] = [[] for _ in range(self.length)]
        for i, head in enumerate(self.head):
            if head != i:
                children[head].append(i)
        return children


def doc_arrays(doc: Doc) -> DocArrays:
    """The doc's DocArrays, made on first use and kept in `doc.user_data`."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, DocArrays) and cached.length == len(doc):
        return cached
    arrays = doc.user_data[_KEY] = DocArrays(doc)
    return arrays


def sentence_of(token: Token) -> Span:
    """`token.sent`, found in the doc's sentence starts read once (`Token.sent` scans the doc on every call)."""
    doc = token.doc
    starts = doc_arrays(doc).sentence_starts
    at = bisect.bisect_right(starts, token.i) - 1
    end = starts[at + 1] if at + 1 < len(starts) else len(doc)
    return doc[starts[at] : end]
