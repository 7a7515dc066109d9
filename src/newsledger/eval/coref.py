"""`newsledger eval coref`: cross-document event coreference (ECB+, MEANTIME) scored with MUC, B³, CEAF-e and their
CoNLL average, made by the resolver the ledger runs (`resolve/events.py`: the same blocking, evidence, vetoes,
pair model file and threshold).

Every annotated event mention (ACTION_* and NEG_ACTION_*) becomes a report: its trigger and lemma, its sentence,
the participant, place and time words annotated in that sentence (a year among them becomes the report's date),
and its document's text. All topics go into one stream with no topic given, as the ledger meets its reports;
the topic-oracle figure (clusters never crossing a gold topic) is printed beside it, with the cross-topic
false-link rate (the share of predicted cross-document links that join documents of different gold topics).

ECB+ topics are split by number: the first three quarters are development topics (the pair model is built from
them, `scripts/train_coref.py`), the last quarter is a gate the build never reads. On development topics the
figure is cross-validated: folds of topics, and every pair is scored by a model fitted on topics of neither of
its two mentions' folds; the threshold is chosen on the training folds. The gate is scored with the shipped
model as it is. MEANTIME was never used to build anything and is scored with the shipped model.
`--entities`: the same for person participants (HUMAN_PART_PER) with the ledger's actor resolution.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import typer

from newsledger.errors import Errors, NewsledgerError
from newsledger.eval.metrics import f1_of
from newsledger.eval.report import emit
from newsledger.resolve.events import (
    FEATURES,
    EventReport,
    Evidence,
    PairModel,
    bounds_of,
    gather_evidence,
    group_indices,
    load_pair_model,
    shipped_pair_model_path,
)

EVENT_TAG = re.compile(r"^(NEG_)?ACTION_")
PERSON_TAG = "HUMAN_PART_PER"
PARTICIPANT_TAG = re.compile(r"^(HUMAN_PART|NON_HUMAN_PART)")
STOP_LEMMAS = frozenset(
    "be have do the a an of to in on at for and or but that this it its he she they we you i his her their our "
    "who which what by with from as is was were are been not no".split()
)
FOLDS = 5
GATE_SHARE = 0.25  # the last quarter of the topics by number: unread while building, a keep/drop gate

Cluster = list[str]


@dataclass
class Mention:
    id: str
    topic: str
    doc: str
    sentence: int
    token_ids: tuple[int, ...]
    text: str
    gold: str
    lemma: str = ""
    participants: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()


@dataclass
class Document:
    name: str
    topic: str
    tokens: dict[int, tuple[str, int]] = field(default_factory=dict)  # t_id -> (text, sentence)
    mentions: list[Mention] = field(default_factory=list)
    arguments: list[tuple[str, int, tuple[int, ...]]] = field(default_factory=list)  # (tag, sentence, tokens)
    lemmas: dict[int, str] = field(default_factory=dict)
    people: list[Mention] = field(default_factory=list)  # HUMAN_PART_PER mentions, for `--entities`


# --- reading ECB+ ----------------------------------------------------------------------------------


def topic_folders(path: Path) -> list[Path]:
    root = path / "ECB+" if (path / "ECB+").is_dir() else path
    folders = [p for p in root.iterdir() if p.is_dir() and p.name.isdigit()] if root.is_dir() else []
    return sorted(folders, key=lambda p: int(p.name))


def read_document(path: Path, topic: str) -> Document:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=str(exc))) from None
    doc = Document(name=path.stem, topic=topic)
    for token in root.iter("token"):
        doc.tokens[int(token.get("t_id", "0"))] = (token.text or "", int(token.get("sentence", "0")))
    markables = root.find("Markables")
    relations = root.find("Relations")
    anchored: dict[str, tuple[str, tuple[int, ...]]] = {}
    instance_of: dict[str, str] = {}
    for markable in markables if markables is not None else []:
        m_id = markable.get("m_id", "")
        anchors = tuple(int(a.get("t_id", "0")) for a in markable.findall("token_anchor"))
        if anchors:
            anchored[m_id] = (markable.tag, anchors)
        elif markable.get("instance_id"):
            instance_of[m_id] = str(markable.get("instance_id"))
    chain_of: dict[str, str] = {}
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        target_id = target.get("m_id", "") if target is not None else ""
        if relation.tag == "CROSS_DOC_COREF":
            chain = instance_of.get(target_id) or relation.get("note") or f"{doc.name}:x{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{doc.name}:intra:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chain_of[source.get("m_id", "")] = chain
    for m_id, (tag, anchors) in anchored.items():
        sentence = doc.tokens.get(anchors[0], ("", 0))[1]
        if EVENT_TAG.match(tag):
            text = " ".join(doc.tokens.get(t, ("", 0))[0] for t in anchors)
            gold = chain_of.get(m_id, f"{doc.name}:singleton:{m_id}")
            doc.mentions.append(Mention(f"{doc.name}:{m_id}", topic, doc.name, sentence, anchors, text, gold))
        else:
            doc.arguments.append((tag, sentence, anchors))
            if tag == PERSON_TAG:
                text = " ".join(doc.tokens.get(t, ("", 0))[0] for t in anchors)
                gold = chain_of.get(m_id, f"{doc.name}:singleton:{m_id}")
                doc.people.append(Mention(f"{doc.name}:{m_id}", topic, doc.name, sentence, anchors, text, gold))
    doc.mentions.sort(key=lambda m: m.token_ids)
    return doc


def read_corpus(path: Path, *, limit: int | None = None, topics: Sequence[str] | None = None) -> list[Document]:
    """The documents of the topics found (the first `limit`, or only those named in `topics`)."""
    folders = topic_folders(path)
    if limit is not None:
        folders = folders[:limit]
    if topics is not None:
        folders = [f for f in folders if f.name in set(topics)]
    documents = [read_document(f, folder.name) for folder in folders for f in sorted(folder.glob("*.xml"))]
    if not documents:
        raise NewsledgerError(Errors.E201.format(path=path))
    return documents


# --- features --------------------------------------------------------------------------------------


def add_lemmas(documents: Sequence[Document]) -> None:
    """Lemmas from the English model (through newsledger.nlp; only its tagger and lemmatizer are needed)."""
    from newsledger.nlp import load_nlp

    nlp = load_nlp(components=())
    texts, offsets = [], []
    for doc in documents:
        pieces, starts, position = [], {}, 0
        for t_id, (text, _sentence) in sorted(doc.tokens.items()):
            starts[position] = t_id
            pieces.append(text)
            position += len(text) + 1
        texts.append(" ".join(pieces))
        offsets.append(starts)
    needed = [p for p in nlp.pipe_names if p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")]
    with nlp.select_pipes(enable=needed):
        for doc, starts, parsed in zip(documents, offsets, nlp.pipe(texts, batch_size=32), strict=True):
            for token in parsed:
                token_id = starts.get(token.idx)
                if token_id is not None and token_id not in doc.lemmas:
                    doc.lemmas[token_id] = token.lemma_.lower()
    for doc in documents:
        for mention in doc.mentions:
            mention.lemma = head_lemma(doc, mention)
        add_arguments(doc)


def head_lemma(doc: Document, mention: Mention) -> str:
    lemmas = [doc.lemmas.get(t, doc.tokens[t][0].lower()) for t in mention.token_ids if t in doc.tokens]
    content = [lemma for lemma in lemmas if lemma not in STOP_LEMMAS and re.search(r"[a-z]", lemma)]
    return (content or lemmas or [mention.text.lower()])[-1 if len(content) != 1 else 0]


def add_arguments(doc: Document) -> None:
    words_by_sentence: dict[tuple[int, str], set[str]] = defaultdict(set)
    for tag, sentence, anchors in doc.arguments:
        kind = "time" if tag.startswith("TIME") else "place" if tag.startswith("LOC") else "participant"
        if kind == "participant" and not PARTICIPANT_TAG.match(tag):
            continue
        for t_id in anchors:
            lemma = doc.lemmas.get(t_id, doc.tokens.get(t_id, ("", 0))[0].lower())
            if lemma not in STOP_LEMMAS and re.search(r"[a-z0-9]", lemma):
                words_by_sentence[(sentence, kind)].add(lemma)
    for mention in doc.mentions:
        mention.participants = frozenset(words_by_sentence[(mention.sentence, "participant")])
        mention.times = frozenset(words_by_sentence[(mention.sentence, "time")])
        mention.places = frozenset(words_by_sentence[(mention.sentence, "place")])


def gold_clusters(mentions: Iterable[Mention]) -> list[Cluster]:
    clusters: dict[str, Cluster] = defaultdict(list)
    for mention in mentions:
        clusters[mention.gold].append(mention.id)
    return list(clusters.values())


# --- metrics ---------------------------------------------------------------------------------------


def _f1(p: float, r: float) -> float:
    return f1_of(p, r)


def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    def score(a: list[Cluster], b: list[Cluster]) -> float:
        where = {m: i for i, cluster in enumerate(b) for m in cluster}
        numerator = denominator = 0
        for cluster in a:
            partitions = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(partitions)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    def score(a: list[Cluster], b: list[Cluster]) -> float:
        where = {m: set(cluster) for cluster in b for m in cluster}
        total = sum(len(c) for c in a)
        value = sum(len(set(c) & where.get(m, {m})) / len(c) for c in a for m in c)
        return value / total if total else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f1(p, r)


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """CEAF-e (Luo 2005, entity similarity phi4). The optimal alignment is solved separately in each group of
    key and response clusters connected by shared mentions, which gives the same total as one global
    assignment (clusters that share no mention have similarity 0) at a fraction of the cost."""
    from scipy.optimize import linear_sum_assignment

    key_sets, response_sets = [set(c) for c in key], [set(c) for c in response]
    response_of: dict[str, int] = {m: j for j, cluster in enumerate(response_sets) for m in cluster}
    parent = list(range(len(key_sets) + len(response_sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, cluster in enumerate(key_sets):
        for m in cluster:
            if m in response_of:
                parent[find(i)] = find(len(key_sets) + response_of[m])
    components: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(key_sets)):
        components[find(i)][0].append(i)
    for j in range(len(response_sets)):
        components[find(len(key_sets) + j)][1].append(j)
    total = 0.0
    for key_ids, response_ids in components.values():
        if not key_ids or not response_ids:
            continue
        similarity = np.array(
            [
                [
                    2 * len(key_sets[i] & response_sets[j]) / (len(key_sets[i]) + len(response_sets[j]))
                    for j in response_ids
                ]
                for i in key_ids
            ]
        )
        rows, cols = linear_sum_assignment(-similarity)
        total += float(similarity[rows, cols].sum())
    r = total / len(key_sets) if key_sets else 0.0
    p = total / len(response_sets) if response_sets else 0.0
    return p, r, _f1(p, r)


def score_clusters(key: list[Cluster], response: list[Cluster]) -> dict[str, float]:
    mp, mr, mf = muc(key, response)
    bp, br, bf = b_cubed(key, response)
    cp, cr, cf = ceaf_e(key, response)
    return {
        "muc_p": mp,
        "muc_r": mr,
        "muc_f1": mf,
        "b3_p": bp,
        "b3_r": br,
        "b3_f1": bf,
        "ceafe_p": cp,
        "ceafe_r": cr,
        "ceafe_f1": cf,
        "conll_f1": (mf + bf + cf) / 3,
    }


# --- reports for the resolver -----------------------------------------------------------------------

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass
class Stream:
    """Gold mentions as the resolver's reports, with their documents' texts and gold topics."""

    mentions: list[Mention]
    reports: list[EventReport]
    documents: dict[str, str]

    def subset(self, topics: Iterable[str]) -> Stream:
        wanted = set(topics)
        keep = [k for k, m in enumerate(self.mentions) if m.topic in wanted]
        return Stream(
            mentions=[self.mentions[k] for k in keep],
            reports=[self.reports[k] for k in keep],
            documents={d: t for d, t in self.documents.items() if any(self.mentions[k].doc == d for k in keep)},
        )


def ecb_stream(documents: Sequence[Document]) -> Stream:
    mentions: list[Mention] = []
    reports: list[EventReport] = []
    texts: dict[str, str] = {}
    for doc in documents:
        sentences: dict[int, list[str]] = defaultdict(list)
        for _t_id, (text, sentence) in sorted(doc.tokens.items()):
            sentences[sentence].append(text)
        texts[doc.name] = " ".join(" ".join(words) for _s, words in sorted(sentences.items()))
        for mention in doc.mentions:
            years = sorted({t for t in mention.times if YEAR.match(t)})
            mentions.append(mention)
            reports.append(
                EventReport(
                    pk=len(reports),
                    article_id=doc.name,
                    outlet=None,
                    type="",
                    date=years[0] if len(years) == 1 else None,
                    trigger=mention.text,
                    lemma=mention.lemma,
                    sentence=" ".join(sentences.get(mention.sentence, [])),
                    actor_words=mention.participants,
                    place_words=mention.places,
                )
            )
    return Stream(mentions=mentions, reports=reports, documents=texts)


def split_topics(topics: Iterable[str]) -> tuple[list[str], list[str]]:
    """(development, gate): the last quarter of the topics by number is the gate."""
    ordered = sorted(set(topics), key=lambda t: int(t) if t.isdigit() else math.inf)
    n_gate = int(len(ordered) * GATE_SHARE) if len(ordered) >= 4 else 0
    return ordered[: len(ordered) - n_gate], ordered[len(ordered) - n_gate :]


# --- the pair model: fitting and cross-validation ---------------------------------------------------

THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)


def fit_pair_model(features: np.ndarray, labels: np.ndarray, *, threshold: float = 0.5) -> PairModel:
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    if len(set(labels.tolist())) < 2:
        return PairModel(coefficients={}, intercept=0.0 if labels.any() else -5.0, threshold=threshold)
    with threadpool_limits(1):
        regression = LogisticRegression(C=1.0, max_iter=2000).fit(features, labels)
    coefficients = dict(zip(FEATURES, (float(w) for w in regression.coef_[0]), strict=True))
    return PairModel(coefficients=coefficients, intercept=float(regression.intercept_[0]), threshold=threshold)


def _pair_labels(stream: Stream, evidence: Evidence) -> np.ndarray:
    gold = [m.gold for m in stream.mentions]
    return np.array([gold[i] == gold[j] for i, j in evidence.pairs.tolist()], dtype=bool)


def _restricted(evidence: Evidence, keep_pair: np.ndarray) -> Evidence:
    unsupported = evidence.unsupported[keep_pair] if evidence.unsupported is not None else None
    return Evidence(evidence.pairs[keep_pair], evidence.features[keep_pair], evidence.vetoed[keep_pair], unsupported)


def clusters_of(stream: Stream, evidence: Evidence, scores: np.ndarray, threshold: float) -> list[Cluster]:
    groups = group_indices(
        len(stream.reports), evidence, scores, threshold=threshold, bounds=[bounds_of(r) for r in stream.reports]
    )
    return [[stream.mentions[i].id for i in group] for group in groups]


def best_threshold(stream: Stream, evidence: Evidence, scores: np.ndarray, members: np.ndarray) -> float:
    """The threshold with the best pooled CoNLL F1 on the reports in `members` (their pairs only)."""
    inside = members[evidence.pairs[:, 0]] & members[evidence.pairs[:, 1]]
    sub = _restricted(evidence, inside)
    key = gold_clusters(m for k, m in enumerate(stream.mentions) if members[k])
    kept = {m.id for k, m in enumerate(stream.mentions) if members[k]}

    def conll(threshold: float) -> float:
        response = [c for c in clusters_of(stream, sub, scores[inside], threshold) if c[0] in kept]
        return score_clusters(key, response)["conll_f1"]

    return max(THRESHOLDS, key=conll)


def cross_validated_scores(
    stream: Stream, evidence: Evidence, *, folds: int = FOLDS
) -> tuple[np.ndarray, float, list[dict[str, Any]]]:
    """Each pair scored by a model fitted on topics of neither of its two mentions' folds; the threshold is
    the median of the thresholds chosen on each fold's training topics."""
    topics = sorted({m.topic for m in stream.mentions}, key=lambda t: int(t) if t.isdigit() else math.inf)
    k = max(1, min(folds, len(topics)))
    fold_of_topic = {topic: i % k for i, topic in enumerate(topics)}
    fold = np.array([fold_of_topic[m.topic] for m in stream.mentions], dtype=int)
    labels = _pair_labels(stream, evidence)
    usable = evidence.linkable()
    pair_a, pair_b = fold[evidence.pairs[:, 0]], fold[evidence.pairs[:, 1]]
    scores = np.zeros(len(evidence.pairs))
    chosen: list[dict[str, Any]] = []
    for f1 in range(k):
        for f2 in range(f1, k):
            target = ((pair_a == f1) & (pair_b == f2)) | ((pair_a == f2) & (pair_b == f1))
            train = usable & ~np.isin(pair_a, (f1, f2)) & ~np.isin(pair_b, (f1, f2))
            if k == 1:
                train = usable
            model = fit_pair_model(evidence.features[train], labels[train])
            if target.any():
                scores[target] = model.probability(evidence.features[target])
            if f1 == f2:
                members = ~np.isin(fold, (f1,)) if k > 1 else np.ones(len(fold), bool)
                in_sample = model.probability(evidence.features)
                threshold = best_threshold(stream, evidence, in_sample, members)
                chosen.append({"fold": f1, "threshold": threshold})
    threshold = float(np.median([c["threshold"] for c in chosen]))
    return scores, threshold, chosen


def train_pair_model(stream: Stream, *, folds: int = FOLDS) -> tuple[PairModel, dict[str, Any]]:
    """The shipped model: fitted on every usable pair of the stream, with the threshold the cross-validation
    chose; and the cross-validated figures that go with it."""
    evidence = gather_evidence(stream.reports, stream.documents)
    scores, threshold, _chosen = cross_validated_scores(stream, evidence, folds=folds)
    key = gold_clusters(stream.mentions)
    cv = score_clusters(key, clusters_of(stream, evidence, scores, threshold))
    labels = _pair_labels(stream, evidence)
    usable = evidence.linkable()
    model = fit_pair_model(evidence.features[usable], labels[usable], threshold=threshold)
    return model, {"cv_conll_f1": round(cv["conll_f1"], 4), "cv_threshold": threshold}


# --- scoring -----------------------------------------------------------------------------------------


def false_link_rate(stream: Stream, clusters: list[Cluster]) -> float:
    return false_link_rate_of(stream.mentions, clusters)


def false_link_rate_of(mentions: Sequence[Mention], clusters: list[Cluster]) -> float:
    """Share of predicted cross-document mention links that join documents of different gold topics."""
    where = {m.id: m for m in mentions}
    cross_document = cross_topic = 0
    for cluster in clusters:
        members = [where[m] for m in cluster]
        n = len(members)
        pairs = n * (n - 1) // 2
        by_doc = Counter(m.doc for m in members)
        by_topic = Counter(m.topic for m in members)
        cross_document += pairs - sum(c * (c - 1) // 2 for c in by_doc.values())
        cross_topic += pairs - sum(c * (c - 1) // 2 for c in by_topic.values())
    return cross_topic / cross_document if cross_document else 0.0


def _same_topic(stream: Stream, evidence: Evidence) -> np.ndarray:
    topic = [m.topic for m in stream.mentions]
    return np.array([topic[i] == topic[j] for i, j in evidence.pairs.tolist()], dtype=bool)


def score_stream(stream: Stream, evidence: Evidence, scores: np.ndarray, threshold: float) -> dict[str, float]:
    key = gold_clusters(stream.mentions)
    pooled = clusters_of(stream, evidence, scores, threshold)
    inside = _same_topic(stream, evidence)
    oracle = clusters_of(stream, _restricted(evidence, inside), scores[inside], threshold)
    metrics = {k: round(v, 4) for k, v in score_clusters(key, pooled).items()}
    metrics["conll_f1_topic_oracle"] = round(score_clusters(key, oracle)["conll_f1"], 4)
    metrics["false_link_rate"] = round(false_link_rate(stream, pooled), 4)
    return metrics


def lemma_baselines(stream: Stream) -> dict[str, dict[str, float]]:
    key = gold_clusters(stream.mentions)
    pooled: dict[str, Cluster] = defaultdict(list)
    by_topic: dict[tuple[str, str], Cluster] = defaultdict(list)
    for mention, report in zip(stream.mentions, stream.reports, strict=True):
        pooled[report.key].append(mention.id)
        by_topic[(mention.topic, report.key)].append(mention.id)
    pooled_metrics = {k: round(v, 4) for k, v in score_clusters(key, list(pooled.values())).items()}
    pooled_metrics["false_link_rate"] = round(false_link_rate(stream, list(pooled.values())), 4)
    return {
        "same_lemma_pooled": pooled_metrics,
        "same_lemma_topic_oracle": {k: round(v, 4) for k, v in score_clusters(key, list(by_topic.values())).items()},
    }


def evaluate_ecb(path: Path, *, limit: int | None = None, folds: int = FOLDS) -> dict[str, Any]:
    documents = read_corpus(path, limit=limit)
    add_lemmas(documents)
    stream = ecb_stream(documents)
    development, gate = split_topics(m.topic for m in stream.mentions)
    dev = stream.subset(development)
    evidence = gather_evidence(dev.reports, dev.documents)
    scores, threshold, chosen = cross_validated_scores(dev, evidence, folds=folds)
    metrics = score_stream(dev, evidence, scores, threshold)
    result: dict[str, Any] = {
        "task": "coref",
        "path": str(path),
        "n": len(dev.mentions),
        "metrics": metrics,
        "baselines": lemma_baselines(dev),
    }
    notes = [
        f"development topics {development[0]}-{development[-1]} pooled into one stream (no topic given): "
        f"{len({m.doc for m in dev.mentions})} documents, {len(dev.mentions)} gold event mentions in "
        f"{len(gold_clusters(dev.mentions))} gold clusters (singletons included; all annotated sentences)",
        f"cross-validated: {len(chosen)} folds of topics; each pair is scored by a pair model fitted on the topics "
        f"of neither mention's fold; threshold {threshold} (median of those chosen on each fold's training topics)",
        "resolver: resolve/events.py as the ledger runs it (blocking, evidence, vetoes, average link); "
        "no gold subtopic, entity coreference or sentence selection is used",
    ]
    if gate:
        gate_stream = stream.subset(gate)
        gate_model = _shipped_model()
        gate_evidence = gather_evidence(gate_stream.reports, gate_stream.documents)
        if gate_model is not None:
            gate_scores = gate_model.probability(gate_evidence.features)
            result["gate"] = {
                "topics": f"{gate[0]}-{gate[-1]}",
                "n": len(gate_stream.mentions),
                "metrics": score_stream(gate_stream, gate_evidence, gate_scores, gate_model.threshold),
            }
            notes.append(
                f"gate: topics {gate[0]}-{gate[-1]} (last quarter by number, never read by the build), pooled, "
                f"scored with the shipped model as is (threshold {gate_model.threshold})"
            )
    result["notes"] = notes
    return result


def _shipped_model() -> PairModel | None:
    return load_pair_model() if shipped_pair_model_path().is_file() else None


# --- MEANTIME ----------------------------------------------------------------------------------------


def meantime_folder(path: Path) -> Path | None:
    for candidate in (path, path / "MEANTIME-prep" / "output_data" / "en", path / "output_data" / "en"):
        if (candidate / "event_mentions.json").is_file() and (candidate / "meantime.conll").is_file():
            return candidate
    return None


def meantime_stream(folder: Path) -> Stream:
    sentences: dict[tuple[str, int], list[str]] = defaultdict(list)
    with (folder / "meantime.conll").open(encoding="utf-8") as handle:
        for line in handle:
            columns = line.rstrip("\n").split("\t")
            if len(columns) >= 4 and not line.startswith("#"):
                sentences[(columns[0], int(columns[1]))].append(columns[3])
    texts: dict[str, str] = defaultdict(str)
    for (doc, _sentence), words in sorted(sentences.items()):
        texts[doc] += " ".join(words) + " "
    entity_words: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for entity in json.loads((folder / "entities_mentions.json").read_text(encoding="utf-8")):
        kind = "place" if str(entity.get("mention_type", "")).startswith("LOC") else "actor"
        for word in str(entity.get("tokens_str", "")).lower().split():
            if word not in STOP_LEMMAS and re.search(r"[a-z0-9]", word):
                entity_words[(entity["conll_doc_key"], int(entity["sent_id"]), kind)].add(word)
    mentions: list[Mention] = []
    reports: list[EventReport] = []
    for item in json.loads((folder / "event_mentions.json").read_text(encoding="utf-8")):
        doc, sentence = item["conll_doc_key"], int(item["sent_id"])
        words = sentences.get((doc, sentence), [])
        years = sorted({w for w in words if YEAR.match(w)})
        mention = Mention(
            id=item["mention_id"],
            topic=str(item["topic"]),
            doc=doc,
            sentence=sentence,
            token_ids=tuple(item["tokens_number"]),
            text=item["tokens_str"],
            gold=item["coref_chain"],
            lemma=str(item.get("mention_head_lemma") or item["tokens_str"]).lower(),
        )
        mentions.append(mention)
        reports.append(
            EventReport(
                pk=len(reports),
                article_id=doc,
                outlet=None,
                type="",
                date=years[0] if len(years) == 1 else None,
                trigger=mention.text,
                lemma=mention.lemma,
                sentence=" ".join(words),
                actor_words=frozenset(entity_words[(doc, sentence, "actor")]),
                place_words=frozenset(entity_words[(doc, sentence, "place")]),
            )
        )
    return Stream(mentions=mentions, reports=reports, documents=dict(texts))


def evaluate_meantime(folder: Path) -> dict[str, Any]:
    stream = meantime_stream(folder)
    model = _shipped_model()
    if model is None:
        raise NewsledgerError(Errors.E201.format(path=shipped_pair_model_path()))
    evidence = gather_evidence(stream.reports, stream.documents)
    metrics = score_stream(stream, evidence, model.probability(evidence.features), model.threshold)
    return {
        "task": "coref",
        "path": str(folder),
        "n": len(stream.mentions),
        "metrics": metrics,
        "baselines": lemma_baselines(stream),
        "notes": [
            f"MEANTIME: {len(stream.documents)} documents in {len({m.topic for m in stream.mentions})} topics, "
            f"{len(stream.mentions)} gold event mentions, pooled into one stream (no topic given)",
            "scored with the shipped pair model as is (built from ECB+ development topics, never from MEANTIME)",
        ],
    }


def evaluate(path: Path, *, limit: int | None = None, folds: int = FOLDS, entities: bool = False) -> dict[str, Any]:
    if entities:
        from newsledger.eval.coref_entities import evaluate_entities

        return evaluate_entities(path, limit=limit)
    folder = meantime_folder(path)
    if folder is not None:
        return evaluate_meantime(folder)
    return evaluate_ecb(path, limit=limit, folds=folds)


def command(
    path: Path = typer.Argument(..., help="ECB+ folder (the one holding ECB+/<topic>/*.xml) or MEANTIME folder."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N topics."),
    entities: bool = typer.Option(False, "--entities", help="Person participants (HUMAN_PART_PER) instead."),
) -> None:
    """Cross-document event coreference, pooled (no topic given), with the ledger's resolver: MUC, B³, CEAF-e
    and CoNLL F1, the topic-oracle figure and the cross-topic false-link rate."""
    from newsledger.cli.common import fail

    try:
        result = evaluate(path, limit=limit, entities=entities)
    except NewsledgerError as exc:
        raise fail(exc) from None
    emit(result, as_json=json_out)
