"""Claims across articles: a claim that denies what another article's claim asserts (about the same clustered
event, or with nearly the same proposition) is linked to it as a dispute."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

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


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 3 and w not in STOPWORDS)


def proposition_similarity(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def cross_article_disputes(claims: Sequence[ClaimRef], *, min_similarity: float = 0.5) -> list[tuple[int, int, float]]:
    """(disputing claim pk, disputed claim pk, score): a denial in one article against an assertion in another,
    about the same event cluster (score 1) or with similar propositions (score = word overlap)."""
    words = {claim.pk: content_words(claim.proposition) for claim in claims}
    assertions = [c for c in claims if c.stance == "asserts"]
    by_word: dict[str, list[ClaimRef]] = defaultdict(list)
    by_cluster: dict[int, list[ClaimRef]] = defaultdict(list)
    for claim in assertions:
        for word in words[claim.pk]:
            by_word[word].append(claim)
        if claim.cluster_id is not None:
            by_cluster[claim.cluster_id].append(claim)
    links: dict[tuple[int, int], float] = {}
    for denial in (c for c in claims if c.stance == "denies"):
        candidates: dict[int, ClaimRef] = {}
        for word in words[denial.pk]:
            for claim in by_word.get(word, ()):
                candidates[claim.pk] = claim
        if denial.cluster_id is not None:
            for claim in by_cluster.get(denial.cluster_id, ()):
                candidates[claim.pk] = claim
        for claim in candidates.values():
            if claim.article_id == denial.article_id:
                continue  # within one article the extractor's own `disputes` say it
            if denial.cluster_id is not None and denial.cluster_id == claim.cluster_id:
                score = 1.0
            else:
                a, b = words[denial.pk], words[claim.pk]
                score = len(a & b) / len(a | b) if a and b else 0.0
            if score >= min_similarity:
                links[(denial.pk, claim.pk)] = round(score, 3)
    return [(a, b, s) for (a, b), s in sorted(links.items())]
