"""Claims across articles: a claim that takes the opposite side of another article's claim about the same thing
is linked to it as a dispute, once per pair."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

STOPWORDS = frozenset(
    """the a an of to in on at by for with from and or but not no nor was were is are be been being has have had
    it its this that these those they them their he she his her we our you your i as into over after before
    than then there here which who whom whose what when where why how said says say claim claimed claims deny
    denied denies did does do will would could should may might""".split()
)


@dataclass(frozen=True)
class ClaimRef:
    pk: int
    article_id: str
    outlet: str | None
    stance: str
    proposition: str
    cluster_id: int | None = None
    claimant: str = ""  # an entity id, or "reporter" for the outlet's own voice


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 3 and w not in STOPWORDS)


_NAME = re.compile(r"\b[A-Z][A-Za-z'’-]+")


def named_words(text: str) -> frozenset[str]:
    """Capitalised words (names, possessives stripped): who or what a proposition is about."""
    words = (re.sub(r"['’]s?$", "", w).lower() for w in _NAME.findall(text))
    return frozenset(w for w in words if len(w) > 1 and w not in STOPWORDS)


def about_the_same(a: ClaimRef, b: ClaimRef, shared: frozenset[str]) -> bool:
    """Two claims can only be about the same thing when they share two content words or more (one verb alone,
    "released", says nothing of what was released) and a named subject, or tell of one event cluster."""
    if len(shared) < MIN_SHARED_WORDS:
        return False
    same_cluster = a.cluster_id is not None and a.cluster_id == b.cluster_id
    return same_cluster or bool(named_words(a.proposition) & named_words(b.proposition))


def proposition_similarity(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


OPPOSED = frozenset({("asserts", "denies"), ("denies", "asserts")})
TAKES_A_SIDE = frozenset({"asserts", "denies"})  # "uncertain" and "unverified" dispute nothing
MIN_SHARED_WORDS = 2
SAME_CLUSTER_SIMILARITY = 0.2  # one event already: a little shared subject is enough
OTHER_SIMILARITY = 0.5
RELATED_PROBABILITY = 0.5
DISAGREE_PROBABILITY = 0.6


class StanceJudge(Protocol):
    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]: ...


def cross_article_disputes(
    claims: Sequence[ClaimRef],
    *,
    stance_model: StanceJudge | None = None,
    min_similarity: float = OTHER_SIMILARITY,
    involving: Collection[int] | None = None,
) -> list[tuple[int, int, float]]:
    """(disputing claim pk, disputed claim pk, score), each pair once, between claims of different articles.

    First: are the two about the same thing? Their propositions share two content words or more and a named
    subject (or tell of one event cluster), enough of their words (less is needed inside one event cluster),
    and the stance model, when given, finds them related. A denial in the outlet's own voice disputes nothing.
    Then: do they take opposite sides? One asserts what the other denies, or (both asserting) the stance model
    finds that the second disagrees. A claim that is uncertain or unverified takes no side, and a "discuss"
    takes none either.

    `involving` (claim pks): only pairs with one of these claims are judged (a scoped resolve; each pair is
    judged on its own two claims, so the pairs judged come out as in a run over all of them)."""
    # The outlet's own negation of a background fact ("the courts dismissed the cases") is nobody's denial.
    sided = [c for c in claims if c.stance in TAKES_A_SIDE and not (c.stance == "denies" and c.claimant == "reporter")]
    # Copies of one claim (the same proposition and side, as wire copy repeats it) are judged once: the words,
    # the names and the stance model see only their text, so what differs between copies (article, cluster)
    # is checked pair by pair when a judged pair of texts is expanded. The work grows with the distinct claims.
    copies: dict[tuple[str, str], list[ClaimRef]] = defaultdict(list)
    for claim in sorted(sided, key=lambda c: c.pk):
        copies[(claim.proposition, claim.stance)].append(claim)
    texts = list(copies)
    words = [content_words(proposition) for proposition, _stance in texts]
    names = [named_words(proposition) for proposition, _stance in texts]
    clusters = [{c.cluster_id for c in copies[text]} - {None} for text in texts]
    by_word: dict[str, list[int]] = defaultdict(list)
    for g, group_words in enumerate(words):
        for word in group_words:
            by_word[word].append(g)
    candidates: dict[tuple[int, int], float] = {}
    for g, group_words in enumerate(words):
        for word in group_words:
            for h in by_word[word]:
                if h < g or (g, h) in candidates:
                    continue
                shared = group_words & words[h]
                if len(shared) < MIN_SHARED_WORDS:
                    continue
                similarity = len(shared) / len(group_words | words[h])
                named = bool(names[g] & names[h])
                if (named and similarity >= min_similarity) or (
                    similarity >= SAME_CLUSTER_SIMILARITY and clusters[g] & clusters[h]
                ):
                    candidates[(g, h)] = similarity
    if not candidates:
        return []
    judged = list(candidates)
    # Who disagrees with whom: both ways (which claim comes first depends on the copies paired).
    asked = [(texts[g][0], texts[h][0]) for g, h in judged] + [(texts[h][0], texts[g][0]) for g, h in judged]
    related, stance = np.ones(len(asked)), np.zeros((len(asked), 3))
    if stance_model is not None:
        related, stance = stance_model.probabilities(asked)
    links: dict[tuple[int, int], float] = {}
    for k, (g, h) in enumerate(judged):
        forward = (related[k], stance[k])
        backward = (related[k + len(judged)], stance[k + len(judged)])
        sides = (texts[g][1], texts[h][1])
        disagreeing = stance_model is not None and max(forward[1][1], backward[1][1]) >= DISAGREE_PROBABILITY
        if max(forward[0], backward[0]) < RELATED_PROBABILITY or not (sides in OPPOSED or disagreeing):
            continue  # no copy of one disputes a copy of the other: they need not be paired
        similarity = candidates[(g, h)]
        named = bool(names[g] & names[h])
        for x in copies[texts[g]]:
            for y in copies[texts[h]]:
                a, b, (relatedness, ab), ba = (
                    (x, y, forward, backward[1]) if x.pk < y.pk else (y, x, backward, forward[1])
                )
                if relatedness < RELATED_PROBABILITY or a.pk == b.pk or a.article_id == b.article_id:
                    continue  # within one article the extractor's own `disputes` say it
                if involving is not None and a.pk not in involving and b.pk not in involving:
                    continue
                same_cluster = a.cluster_id is not None and a.cluster_id == b.cluster_id
                if not (same_cluster or named):
                    continue
                if similarity < (SAME_CLUSTER_SIMILARITY if same_cluster else min_similarity):
                    continue
                if (a.stance, b.stance) in OPPOSED:
                    disputing, disputed = (a, b) if a.stance == "denies" else (b, a)
                elif stance_model is not None and a.stance == b.stance == "asserts" and ab[1] >= DISAGREE_PROBABILITY:
                    disputing, disputed = b, a
                elif stance_model is not None and a.stance == b.stance == "asserts" and ba[1] >= DISAGREE_PROBABILITY:
                    disputing, disputed = a, b
                else:
                    continue
                links[(disputing.pk, disputed.pk)] = round(float(similarity), 3)
    return [(a, b, s) for (a, b), s in sorted(links.items())]
