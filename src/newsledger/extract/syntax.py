"""Reading the dependency parse: what more than one extractor asks of it."""

from __future__ import annotations

from spacy.tokens import Span, Token


def governing_verb(
    span: Span, *, max_hops: int = 12, auxiliaries: bool = True, inside: bool = False, root: bool = False
) -> Token | None:
    """The verb a span depends on: up the dependency tree from the span's root, at most `max_hops` heads.

    A time expression (the defaults) is placed by its clause's verb however deep it sits in prepositional
    phrases ("on the morning of the second day of the talks"): 12 heads only stops the walk; an auxiliary or a
    copula places it too ("was on Monday"), and the span's own words never do.
    A casualty count (`max_hops=4, auxiliaries=False, inside=True, root=True`) belongs to the event of the verb
    right above it ("two people were killed", "killing 12"): four heads reach that verb, while further up is
    the clause that reports the count ("officials said"), not the event it counts; a headline with no verb
    ("Two dead in attack") has its root instead.
    """
    token = span.root
    for _ in range(max_hops):
        is_verb = token.pos_ == "VERB" or (auxiliaries and token.pos_ == "AUX")
        if (is_verb and (inside or token not in span)) or (root and token.dep_ == "ROOT"):
            return token
        if token.head.i == token.i:
            return token if is_verb else None
        token = token.head
    return None


def is_reduced_passive(token: Token) -> bool:
    """A past participle modifying a noun ("the six soldiers killed in the attack", "the prisoners released"):
    the noun undergoes it. The tagger often calls such a participle a past tense (VBD) when nothing follows it;
    a clause that modifies a noun (`acl`) has no finite verb of its own, so either tag reads as the participle."""
    return token.dep_ == "acl" and token.tag_ in ("VBN", "VBD")
