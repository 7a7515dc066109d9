"""`newsledger eval coref --entities`: cross-document person coreference on ECB+ participants (HUMAN_PART_PER),
made by the ledger's actor resolution (`resolve/actors.py`), pooled over topics with no topic given.

Each person mention written as a name (a capitalised word that is not a pronoun or a sentence-initial common
word) becomes an entity reference of its document, as the extractor's named people are; the resolver groups
them into actors. Mentions the ledger would not hold as names (pronouns, "the actress") stay singletons: the
ledger never makes an actor of them. Nothing is trained, so nothing is cross-validated; the last quarter of the
topics by number is scored apart as the gate the rules were never looked at on.

The headline scores what the corpus annotates for coreference. ECB+ linked people (across and within documents)
only where they took part in the topic's two seminal events, and only in a selection of sentences (its README:
annotation "was aimed at a selection of sentences", listed in ECBplus_coreference_sentences.csv, "so that one can
restrict the evaluation to the gold standard of only those sentences"). A person mention it left in no chain is
not annotated as a person of its own: most such names recur in their topic ("Bob Woodward" in five documents,
each unlinked), and where the annotators did annotate a one-mention person they gave it an instance of its own.
So the headline is scored on the names in a chain (a cross-document instance, even of one mention, or an
in-document chain) inside the selected sentences; the resolver still sees every name, so a link through an
unannotated one still joins what it joins. Beside it the output gives every name with unlinked ones as
singletons (`all_names`, where every true link to an unlinked name counts as a false merge), the names in a
chain in any sentence, every name of the selected sentences, every mention (pronouns and descriptions as
singletons), and the predicted links that join two gold entities, by the kind of gold each side has and by how
the two names relate: aggregate counts, so the gate can be judged without reading it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.eval.coref import (
    Cluster,
    Document,
    Mention,
    false_link_rate_of,
    gold_clusters,
    read_corpus,
    score_clusters,
    split_topics,
)
from newsledger.resolve.actors import PRONOUNS, EntityRef, name_parts, resolve_actors

SELECTED_SENTENCES = "ECBplus_coreference_sentences.csv"

_CAPITALISED = re.compile(r"^[A-Z][A-Za-z'’.-]+$")
_NOT_NAMES = PRONOUNS | frozenset("the a an mr mrs ms dr".split())


def is_name(text: str, common: frozenset[str] = frozenset(), *, sentence_initial: bool = False) -> bool:
    """Written as a name: capitalised words, not a pronoun or contraction ("I'm"), and, for one word opening a
    sentence (or in a title-cased headline, where every word opens), not a word the corpus also writes in lower
    case (a sentence-initial "Lawyer", a headline's "Woman")."""
    words = text.split()
    if any(re.search(r"['’](m|d|ll|re|ve)$", w.lower()) for w in words):
        return False
    names = [w for w in words if _CAPITALISED.match(w) and w.lower() not in _NOT_NAMES]
    if sentence_initial and len(words) == 1 and re.sub(r"['’]s?$", "", words[0]).lower() in common:
        return False
    return bool(names) and all(_CAPITALISED.match(w) or w.lower() in _NOT_NAMES for w in words)


def lower_case_words(documents: Sequence[Document]) -> frozenset[str]:
    return frozenset(text for doc in documents for text, _sentence in doc.tokens.values() if text.islower())


def sentence_openers(documents: Sequence[Document]) -> frozenset[tuple[str, int]]:
    """(document, token id) of each sentence's first token."""
    first: dict[tuple[str, int], int] = {}
    for doc in documents:
        for t_id, (_text, sentence) in doc.tokens.items():
            key = (doc.name, sentence)
            first[key] = min(first.get(key, t_id), t_id)
    return frozenset((doc, t_id) for (doc, _sentence), t_id in first.items())


def title_cased(documents: Sequence[Document]) -> frozenset[tuple[str, int]]:
    """(document, sentence) of the lines written in title case (headlines): most words capitalised."""
    words: dict[tuple[str, int], list[str]] = defaultdict(list)
    for doc in documents:
        for text, sentence in doc.tokens.values():
            if text[:1].isalpha():
                words[(doc.name, sentence)].append(text)
    return frozenset(
        key
        for key, found in words.items()
        if len(found) >= 3 and sum(1 for w in found if w[0].isupper()) >= 0.7 * len(found)
    )


@dataclass(frozen=True)
class NameTest:
    common: frozenset[str]
    openers: frozenset[tuple[str, int]]
    titles: frozenset[tuple[str, int]] = frozenset()

    def __call__(self, mention: Mention) -> bool:
        initial = bool(mention.token_ids) and (mention.doc, mention.token_ids[0]) in self.openers
        initial = initial or (mention.doc, mention.sentence) in self.titles
        return is_name(mention.text, self.common, sentence_initial=initial)


def person_clusters(mentions: list[Mention], common: NameTest) -> list[Cluster]:
    refs = [EntityRef(pk=k, article_id=m.doc, name=m.text, type="PERSON") for k, m in enumerate(mentions) if common(m)]
    clusters: list[Cluster] = [[mentions[ref.pk].id for ref in actor.members] for actor in resolve_actors(refs)]
    named = {ref.pk for ref in refs}
    clusters.extend([m.id] for k, m in enumerate(mentions) if k not in named)
    return clusters


def _scored(mentions: list[Mention], common: NameTest, *, kept: frozenset[str] | None = None) -> dict[str, float]:
    """Scores of the resolver run on `mentions`; with `kept`, only those mentions are scored (the others are
    still resolved, so a link through them still joins what it joins)."""
    scored = mentions if kept is None else [m for m in mentions if m.id in kept]
    key = gold_clusters(scored)
    response = _only(person_clusters(mentions, common), kept)
    metrics = {k: round(v, 4) for k, v in score_clusters(key, response).items()}
    by_topic: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_topic[mention.topic].append(mention)
    oracle = _only([c for group in by_topic.values() for c in person_clusters(group, common)], kept)
    metrics["conll_f1_topic_oracle"] = round(score_clusters(key, oracle)["conll_f1"], 4)
    metrics["false_link_rate"] = round(false_link_rate_of(scored, response), 4)
    return metrics


def _only(clusters: list[Cluster], kept: frozenset[str] | None) -> list[Cluster]:
    if kept is None:
        return clusters
    return [c for c in ([m for m in cluster if m in kept] for cluster in clusters) if c]


def gold_kind(mention: Mention) -> str:
    """ "linked" (in an annotated chain) or "unlinked" (a singleton of the annotation)."""
    return "unlinked" if ":singleton:" in mention.gold else "linked"


def wrong_links(mentions: list[Mention], common: NameTest) -> dict[str, int]:
    """Predicted links (mention pairs in one response cluster) that join two gold entities, counted by the gold
    kinds of the two sides, by whether they are in one document, and by how the two names relate (the same name
    parts, the same last part, or other)."""
    by_id = {m.id: m for m in mentions}
    counts: Counter[str] = Counter()
    for cluster in person_clusters(mentions, common):
        members = [by_id[i] for i in cluster]
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                if a.gold == b.gold:
                    continue
                kinds = "/".join(sorted((gold_kind(a), gold_kind(b))))
                parts_a, parts_b = name_parts(a.text), name_parts(b.text)
                names = "same_name" if parts_a == parts_b else "same_last" if parts_a[-1:] == parts_b[-1:] else "other"
                where = "in_document" if a.doc == b.doc else "across_documents"
                counts["total"] += 1
                counts[f"gold_{kinds}"] += 1
                counts[f"names_{names}"] += 1
                counts[where] += 1
    return dict(sorted(counts.items()))


def selected_sentences(path: Path) -> frozenset[tuple[str, int]] | None:
    """(document name without its topic, sentence) pairs of ECB+'s list of annotated sentences, if present."""
    listing = path / SELECTED_SENTENCES
    if not listing.is_file():
        return None
    with listing.open(encoding="utf-8", newline="") as handle:
        return frozenset((row["File"], int(row["Sentence Number"])) for row in csv.DictReader(handle))


def in_selection(mention: Mention, selected: frozenset[tuple[str, int]] | None) -> bool:
    return selected is None or (mention.doc.split("_", 1)[-1], mention.sentence) in selected


def annotated(mentions: Sequence[Mention], selected: frozenset[tuple[str, int]] | None) -> frozenset[str]:
    """The mentions ECB+ annotates coreference for: in a chain, and in a selected sentence when the list is
    present."""
    return frozenset(m.id for m in mentions if gold_kind(m) == "linked" and in_selection(m, selected))


def recurring_unlinked(mentions: Sequence[Mention], selected: frozenset[tuple[str, int]] | None) -> tuple[int, int]:
    """(unlinked names in selected sentences, those whose name another mention of their topic also carries): how
    many of the "singletons" are the same person the annotators left unlinked."""
    carried: Counter[tuple[str, tuple[str, ...]]] = Counter((m.topic, tuple(name_parts(m.text))) for m in mentions)
    unlinked = [m for m in mentions if gold_kind(m) == "unlinked" and in_selection(m, selected)]
    return len(unlinked), sum(1 for m in unlinked if carried[(m.topic, tuple(name_parts(m.text)))] > 1)


def _views(mentions: list[Mention], common: NameTest, selected: frozenset[tuple[str, int]] | None) -> dict[str, Any]:
    """The headline (annotated names) and the views beside it, for one part of the corpus; `mentions` holds every
    person mention of the part, names or not."""
    named = [m for m in mentions if common(m)]
    scored = annotated(named, selected)
    linked = frozenset(m.id for m in named if gold_kind(m) == "linked")
    result: dict[str, Any] = {
        "n": len(scored),
        "metrics": _scored(named, common, kept=scored),
        "all_names": {"n": len(named), "metrics": _scored(named, common)},
        "linked_mentions": {"n": len(linked), "metrics": _scored(named, common, kept=linked)},
    }
    if selected is not None:
        inside = frozenset(m.id for m in named if in_selection(m, selected))
        result["selected_sentences"] = {"n": len(inside), "metrics": _scored(named, common, kept=inside)}
    result["all_mentions"] = {"n": len(mentions), "metrics": _scored(mentions, common)}
    result["wrong_links"] = wrong_links(named, common)
    unlinked, recurring = recurring_unlinked(named, selected)
    result["unlinked_names_selected"] = {"total": unlinked, "name_recurs_in_topic": recurring}
    return result


def evaluate_entities(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    documents = read_corpus(path, limit=limit)
    common = NameTest(lower_case_words(documents), sentence_openers(documents), title_cased(documents))
    people = [m for doc in documents for m in doc.people]
    development, gate = split_topics(m.topic for m in people)
    dev = [m for m in people if m.topic in set(development)]
    selected = selected_sentences(path)
    views = _views(dev, common, selected)
    unlinked, recurring = views["unlinked_names_selected"].values()
    scope = "in a chain, in the corpus's selected sentences" if selected is not None else "in a chain"
    result: dict[str, Any] = {
        "task": "coref",
        "path": str(path),
        **views,
        "notes": [
            f"person participants (HUMAN_PART_PER) of topics {development[0]}-{development[-1]} pooled (no topic "
            f"given): {len(dev)} mentions, {views['all_names']['n']} written as names, {views['n']} of them "
            f"annotated for coreference ({scope}); {len(gold_clusters(dev))} gold entities (singletons included)",
            "headline: the annotated names, as ECB+ defines its coreference annotation (seminal-event participants, "
            f"selected sentences); {recurring} of the {unlinked} unlinked names in selected sentences carry a name "
            "another mention of their topic carries",
            "resolver: resolve/actors.py as the ledger runs it (rules, nothing trained), on every name; non-name "
            "mentions stay singletons",
            "beside it: all_names (unlinked names scored as singletons), linked_mentions (chains, any sentence), "
            "selected_sentences (every name there), all_mentions (pronouns and descriptions as singletons); "
            "wrong_links: predicted links joining two gold entities, by gold kind and name relation",
        ],
    }
    if gate:
        gate_mentions = [m for m in people if m.topic in set(gate)]
        result["gate"] = {"topics": f"{gate[0]}-{gate[-1]}", **_views(gate_mentions, common, selected)}
    return result
