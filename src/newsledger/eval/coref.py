"""`newsledger eval coref`: cross-document event coreference on ECB+ (gold event mentions), scored with MUC, B³,
CEAF-e and their CoNLL average.

Every annotated event mention (ACTION_* and NEG_ACTION_*) of the topics found is clustered; gold clusters come
from CROSS_DOC_COREF and INTRA_DOC_COREF relations, every other mention is a singleton (no sentence selection
is applied: the release's selected-sentences list is not in the folder). Mentions are clustered within their
topic with the ledger's own clustering code (`resolve/cluster.py`, average link). Two mentions can only link
when their trigger lemmas match (or share a 5-letter stem: "shooting"/"shoot"); how much such a pair counts is
learned from pair features of the kind the ledger has: the participants, time and place words of the two
sentences, whether the two documents tell the same story (TF-IDF cosine within the topic), same document or
sentence, how common the lemma is in the topic. The pair model (gradient-boosted trees) and the clustering
threshold are fitted on training topics and applied to held-out topics (k-fold cross-validation over topics),
and the output says so. The standard same-lemma baseline (one cluster per trigger lemma within a topic) is
printed beside it.
"""

from __future__ import annotations

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
from newsledger.eval.report import emit
from newsledger.resolve.cluster import cluster_matrix

EVENT_TAG = re.compile(r"^(NEG_)?ACTION_")
PARTICIPANT_TAG = re.compile(r"^(HUMAN_PART|NON_HUMAN_PART)")
STOP_LEMMAS = frozenset(
    "be have do the a an of to in on at for and or but that this it its he she they we you i his her their our "
    "who which what by with from as is was were are been not no".split()
)
FOLDS = 5

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
    doc.mentions.sort(key=lambda m: m.token_ids)
    return doc


def read_corpus(path: Path, *, limit: int | None = None) -> list[Document]:
    folders = topic_folders(path)
    if limit is not None:
        folders = folders[:limit]
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


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def same_stem(a: str, b: str) -> bool:
    return a != b and len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]


def document_similarity(documents: Sequence[Document]) -> dict[tuple[str, str], float]:
    """TF-IDF cosine of every pair of documents in one topic (their content-word lemmas)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [
        " ".join(lemma for lemma in doc.lemmas.values() if lemma not in STOP_LEMMAS and lemma.isalpha())
        for doc in documents
    ]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    similarity = (matrix @ matrix.T).toarray()
    return {(a.name, b.name): float(similarity[i, j]) for i, a in enumerate(documents) for j, b in enumerate(documents)}


def pair_features(a: Mention, b: Mention, *, doc_similarity: float, lemma_count: int) -> list[float]:
    same_doc = a.doc == b.doc
    return [
        float(a.lemma == b.lemma),
        float(same_stem(a.lemma, b.lemma)),
        _jaccard(a.participants, b.participants),
        _jaccard(a.times, b.times),
        _jaccard(a.places, b.places),
        float(same_doc),
        float(same_doc and a.sentence == b.sentence),
        doc_similarity,
        math.log(lemma_count),
        float(bool(a.participants | b.participants)),
        float(bool(a.times | b.times)),
        float(bool(a.places | b.places)),
        float(abs(a.sentence - b.sentence)) if same_doc else -1.0,
        float(min(a.sentence, b.sentence)),
    ]


@dataclass
class TopicData:
    mentions: list[Mention]
    pairs: np.ndarray  # (k, 2) indices into mentions: the candidate pairs (same lemma or stem)
    features: np.ndarray  # (k, n_features)
    same_event: np.ndarray  # (k,) gold label of each candidate pair


def prepare(documents: Sequence[Document]) -> dict[str, TopicData]:
    by_topic: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        by_topic[doc.topic].append(doc)
    prepared = {}
    for topic, docs in by_topic.items():
        mentions = [m for doc in docs for m in doc.mentions]
        similarity = document_similarity(docs)
        lemma_counts = Counter(m.lemma for m in mentions)
        pairs, features, labels = [], [], []
        for i, a in enumerate(mentions):
            for j in range(i + 1, len(mentions)):
                b = mentions[j]
                if a.lemma != b.lemma and not same_stem(a.lemma, b.lemma):
                    continue  # no lexical link: without word vectors we do not guess synonyms
                pairs.append((i, j))
                features.append(
                    pair_features(a, b, doc_similarity=similarity[(a.doc, b.doc)], lemma_count=lemma_counts[a.lemma])
                )
                labels.append(a.gold == b.gold)
        prepared[topic] = TopicData(
            mentions=mentions,
            pairs=np.array(pairs, dtype=int).reshape(-1, 2),
            features=np.array(features, dtype=float).reshape(-1, N_FEATURES),
            same_event=np.array(labels, dtype=bool),
        )
    return prepared


N_FEATURES = 14
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)


def system_clusters(data: TopicData, probabilities: np.ndarray, *, threshold: float) -> list[Cluster]:
    n = len(data.mentions)
    scores = np.zeros((n, n))
    if len(data.pairs):
        scores[data.pairs[:, 0], data.pairs[:, 1]] = probabilities
        scores[data.pairs[:, 1], data.pairs[:, 0]] = probabilities
    return [[data.mentions[i].id for i in c] for c in cluster_matrix(scores, threshold=threshold)]


def lemma_baseline(data: TopicData) -> list[Cluster]:
    clusters: dict[str, Cluster] = defaultdict(list)
    for mention in data.mentions:
        clusters[mention.lemma].append(mention.id)
    return list(clusters.values())


def gold_clusters(mentions: Iterable[Mention]) -> list[Cluster]:
    clusters: dict[str, Cluster] = defaultdict(list)
    for mention in mentions:
        clusters[mention.gold].append(mention.id)
    return list(clusters.values())


# --- metrics ---------------------------------------------------------------------------------------


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


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


# --- cross-validation ------------------------------------------------------------------------------


def cross_validated(
    prepared: dict[str, TopicData], *, folds: int = FOLDS
) -> tuple[list[Cluster], list[dict[str, Any]]]:
    """For each fold of topics: the pair model and the threshold are fitted on the other topics only."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    topics = sorted(prepared, key=lambda t: int(t) if t.isdigit() else math.inf)
    k = max(1, min(folds, len(topics)))
    fold_of = {topic: i % k for i, topic in enumerate(topics)}
    predicted: list[Cluster] = []
    chosen: list[dict[str, Any]] = []
    for fold in range(k):
        test = [t for t in topics if fold_of[t] == fold]
        train = [t for t in topics if fold_of[t] != fold] or test  # one topic only: nothing else to learn from
        features = np.vstack([prepared[t].features for t in train])
        labels = np.concatenate([prepared[t].same_event for t in train])
        if len(set(labels.tolist())) < 2:
            model = None
        else:
            # One thread: on a shared machine OpenMP threads contend and the fit runs 20x slower.
            with threadpool_limits(1):
                model = HistGradientBoostingClassifier(max_iter=150, random_state=0).fit(features, labels)

        def probabilities(topic: str, model: Any = model) -> np.ndarray:
            data = prepared[topic]
            if model is None or not len(data.features):
                return data.features[:, 0] if len(data.features) else np.zeros(0)
            with threadpool_limits(1):
                return np.asarray(model.predict_proba(data.features)[:, 1])

        train_probabilities = {t: probabilities(t) for t in train}
        train_key = [c for t in train for c in gold_clusters(prepared[t].mentions)]
        best = max(
            THRESHOLDS,
            key=lambda threshold: score_clusters(
                train_key,
                [c for t in train for c in system_clusters(prepared[t], train_probabilities[t], threshold=threshold)],
            )["conll_f1"],
        )
        chosen.append({"fold": fold, "test_topics": test, "threshold": best})
        predicted.extend(c for t in test for c in system_clusters(prepared[t], probabilities(t), threshold=best))
    return predicted, chosen


def evaluate(path: Path, *, limit: int | None = None, folds: int = FOLDS) -> dict[str, Any]:
    documents = read_corpus(path, limit=limit)
    add_lemmas(documents)
    prepared = prepare(documents)
    mentions = [m for data in prepared.values() for m in data.mentions]
    key = gold_clusters(mentions)
    predicted, chosen = cross_validated(prepared, folds=folds)
    baseline = [c for data in prepared.values() for c in lemma_baseline(data)]
    thresholds = Counter(c["threshold"] for c in chosen)
    return {
        "task": "coref",
        "path": str(path),
        "n": len(mentions),
        "metrics": score_clusters(key, predicted),
        "baselines": {"same_lemma": score_clusters(key, baseline)},
        "notes": [
            f"{len(prepared)} topics, {len(documents)} documents, {len(mentions)} gold event mentions "
            f"in {len(key)} gold clusters (singletons included; all annotated sentences)",
            f"cross-validated: the pair model and the clustering threshold are fitted on the other topics in "
            f"{len(chosen)}-fold cross-validation over topics; thresholds chosen: "
            + ", ".join(f"{t} x{n}" for t, n in thresholds.most_common()),
            "features: trigger lemma (or 5-letter stem), participant/time/place words of the sentence, TF-IDF "
            "similarity of the two documents, same document/sentence, lemma frequency; no gold subtopic, entity "
            "coreference or sentence selection is used",
        ],
    }


def command(
    path: Path = typer.Argument(..., help="ECB+ folder (the one holding ECB+/<topic>/*.xml)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N topics."),
) -> None:
    """Cross-document event coreference on ECB+: MUC, B³, CEAF-e and CoNLL F1, same-lemma baseline beside ours."""
    from newsledger.cli.common import fail

    try:
        result = evaluate(path, limit=limit)
    except NewsledgerError as exc:
        raise fail(exc) from None
    emit(result, as_json=json_out)
