"""Training the argument linker (`extract/arguments_linker.py`) and its grouped cross-validation.

    python -m newsledger.eval.arguments_training ../shared/eval/events [--cv]

reads the first three quarters of WikiEvents dev (`wikievents/dev.jsonl`, with its coreference clusters) and of
RAMS dev (`rams/dev.jsonlines`); their last quarters stay unread, the gate of `newsledger eval arguments --part
last`. Every document runs through the whole pipeline with the linker off, so each candidate carries what the
rules made of it. A candidate of an event word that overlaps a mapped gold trigger is labelled with the family
of the gold argument whose head it shares (any mention of its coreference cluster on WikiEvents), else "none";
words that overlap no gold trigger teach nothing. The model is a multinomial logistic regression (C = 0.3),
written to `data/events/argument_linker.json` (weights under 1e-4 dropped, four decimals), with its decision
settings: a threshold per role and whether the rules' source fills a word the linker gives none, the ones of a
small grid that give the best mean argument F1 of the grouped cross-validation below (so the CV figures printed
are those of the chosen settings, a little optimistic; the unread quarters are the check). `--cv` scores the
linker end to end, five folds grouped by document over both read parts, with the arguments scorer, before
the model is written. The five fold linkers are written beside it (`data/events/argument_linker_folds.json`,
each with the ids of the documents it left out): `newsledger eval arguments` reads a training document with
the linker that did not learn from it.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsledger.eval.argument_types import PARTY
from newsledger.eval.arguments import (
    FOLDS_ARTIFACT,
    GoldDocument,
    PredictedEvent,
    head_start,
    linker_sha256,
    overlaps,
    read_rams,
    read_wikievents,
    score_rams,
    score_wikievents,
    select_part,
)
from newsledger.model import ArticleRecord

C = 0.3
THRESHOLD = 0.3
FOLDS = 5
ROLES = ("source", "target", "place")
Span = tuple[int, int]
Row = tuple[Span, Any, str | None]  # event word, candidate (`Scored`, features as its probabilities), label


def labelled(document: GoldDocument, rows: Sequence[tuple[Span, Any]]) -> list[Row]:
    out: list[Row] = []
    text = document.text
    for word, candidate in rows:
        phrase = candidate.phrase
        gold = [g for g in document.events if g.mapping is not None and overlaps(g.trigger, word)]
        label: str | None = None
        if gold:
            label = "none"
            head = head_start(text, phrase)
            for event in gold:
                for argument in event.arguments:
                    if head in {head_start(text, m) for m in argument.mentions}:
                        label = "source" if argument.family == PARTY else argument.family
        out.append((word, candidate, label))
    return out


def run_pipeline(documents: list[GoldDocument]) -> Iterator[tuple[ArticleRecord, list[Row]]]:
    """Each document's record (linker off) and its labelled candidate rows."""
    from newsledger.extract.arguments import linker_rows
    from newsledger.extract.arguments_linker import USE_LINKER
    from newsledger.model import Article
    from newsledger.nlp import load_nlp
    from newsledger.nlp.pipeline import pipeline_version
    from newsledger.nlp.process import PIPE_BATCH_SIZE, record_from_doc
    from newsledger.nlp.state import attach_article

    nlp = load_nlp()
    version = pipeline_version(nlp)
    token = USE_LINKER.set(False)
    try:
        articles = (Article.from_text(d.text, source=d.doc_id) for d in documents)
        docs = (attach_article(nlp.make_doc(a.text), a) for a in articles)
        for document, doc in zip(documents, nlp.pipe(docs, batch_size=PIPE_BATCH_SIZE), strict=True):
            yield record_from_doc(doc, version), labelled(document, linker_rows(doc))
    finally:
        USE_LINKER.reset(token)


def fit(rows: list[Row]) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [(candidate.probabilities, label) for _, candidate, label in rows if label is not None]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([found for found, _ in train])
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(matrix, [label for _, label in train])
    return vectorizer, model


def to_linker(vectorizer: Any, model: Any) -> Any:
    from newsledger.extract.arguments_linker import LinkerModel

    weights: dict[str, tuple[float, ...]] = {}
    for index, name in enumerate(vectorizer.get_feature_names_out()):
        row = tuple(round(float(model.coef_[k][index]), 4) for k in range(len(model.classes_)))
        if any(abs(w) >= 1e-4 for w in row):
            weights[str(name)] = row
    return LinkerModel(
        classes=tuple(str(c) for c in model.classes_),
        intercepts=tuple(round(float(b), 4) for b in model.intercept_),
        weights=weights,
        threshold=THRESHOLD,
    )


def decode(record: ArticleRecord, rows: list[Row], linker: Any) -> list[PredictedEvent]:
    """What the pipeline's `_linked` does, on rows already built (`choose`, then the rules' source and target
    where the linker gives none, no harmed candidate a source)."""

    from newsledger.extract.arguments import not_a_source
    from newsledger.extract.arguments_linker import choose

    by_word: dict[Span, list[Any]] = defaultdict(list)
    for word, candidate, _ in rows:
        by_word[word].append(
            dataclasses.replace(candidate, probabilities=linker.probabilities(candidate.probabilities))
        )
    out = []
    for event in record.events:
        for of in (event.trigger, *event.mentions):
            key = (of.start, of.end)
            scored = by_word.get(key, [])
            arguments: list[tuple[str, Span]] = []
            for role, index, member in choose(scored, linker.thresholds):
                arguments.append((role, scored[index].phrase if member < 0 else scored[index].listed[member]))
            given = {r for r, _ in arguments}
            used = {s for _, s in arguments}
            harmed = not_a_source(scored)
            for argument in event.arguments:
                span = (argument.mention.start, argument.mention.end)
                if argument.of == of and argument.role not in ("place", *given) and span not in used:
                    if argument.role != "source" or (linker.rule_sources and span not in harmed):
                        arguments.append((argument.role, span))
            out.append(PredictedEvent(event.type, key, tuple(arguments), event.mode))
    return out


Folders = dict[str, tuple[list[GoldDocument], list[tuple[ArticleRecord, list[Row]]]]]


def fold_linkers(folders: Folders) -> list[tuple[Any, list[tuple[str, int]]]]:
    """Five linkers, each trained on the documents of four folds grouped by document, with the (dataset, index)
    of the documents it left out."""
    from sklearn.model_selection import GroupKFold

    keys = [(name, i) for name, (documents, _) in folders.items() for i in range(len(documents))]
    out = []
    for train, test in GroupKFold(n_splits=FOLDS).split(keys, groups=list(range(len(keys)))):
        rows = [row for k in train for row in folders[keys[k][0]][1][keys[k][1]][1]]
        out.append((to_linker(*fit(rows)), [keys[k] for k in test]))
    return out


def cross_validate(folders: Folders, folds: list[tuple[Any, list[tuple[str, int]]]]) -> dict[str, Any]:
    predicted: dict[tuple[str, int], list[PredictedEvent]] = {}
    for linker, left_out in folds:
        for name, i in left_out:
            record, doc_rows = folders[name][1][i]
            predicted[(name, i)] = decode(record, doc_rows, linker)
    out = {}
    for name, (documents, _) in folders.items():
        scorer = score_rams if name == "rams" else score_wikievents
        out[name] = scorer(documents, [predicted[(name, i)] for i in range(len(documents))])
    return out


# The decision settings tried: a threshold per role, and whether the rules' source fills a word the linker gives
# none. Chosen by the grouped cross-validation (the mean of its WikiEvents and RAMS argument F1), never on the
# unread quarters.
SOURCE_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
TARGET_THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.5)
PLACE_THRESHOLDS = (0.3, 0.4, 0.5)


def decision_settings(folders: Folders, folds: list[tuple[Any, list[tuple[str, int]]]]) -> tuple[dict[str, Any], float]:
    best: tuple[float, dict[str, Any]] | None = None
    for rule_sources in (True, False):
        for source, target, place in itertools.product(SOURCE_THRESHOLDS, TARGET_THRESHOLDS, PLACE_THRESHOLDS):
            settings = {
                "role_thresholds": {"source": source, "target": target, "place": place},
                "rule_sources": rule_sources,
            }
            tried = [(dataclasses.replace(linker, **settings), left_out) for linker, left_out in folds]
            figures = cross_validate(folders, tried)
            mean = sum(metrics["arg_f1"] for metrics in figures.values()) / len(figures)
            if best is None or mean > best[0] + 1e-9:
                best = (mean, settings)
    assert best is not None
    return best[1], best[0]


def folds_json(folders: Folders, folds: list[tuple[Any, list[tuple[str, int]]]], linker_sha: str) -> str:
    """The fold linkers with the ids of the documents each left out, tied to the shipped linker by its hash."""
    data = {
        "linker_sha256": linker_sha,
        "folds": [
            {
                "documents": sorted(folders[name][0][i].doc_id for name, i in left_out),
                "model": json.loads(linker.to_json()),
            }
            for linker, left_out in folds
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    from newsledger.extract.arguments_linker import ARTIFACT

    root = Path(argv[0]) if argv else Path("../shared/eval/events")
    wikievents = select_part(read_wikievents(root / "wikievents" / "dev.jsonl"), "first")
    rams = select_part(read_rams(root / "rams" / "dev.jsonlines"), "first")
    folders = {
        "wikievents": (wikievents, list(run_pipeline(wikievents))),
        "rams": (rams, list(run_pipeline(rams))),
    }
    folds = fold_linkers(folders)
    settings, tuned = decision_settings(folders, folds)
    folds = [(dataclasses.replace(linker, **settings), left_out) for linker, left_out in folds]
    print(f"decision settings (best mean argument F1 of the cross-validation): {settings}, {tuned:.3f}")
    if "--cv" in argv:
        for name, metrics in cross_validate(folders, folds).items():
            figures = {k: round(v, 3) for k, v in metrics.items() if k.startswith("arg_")}
            print(f"{name} (5-fold CV grouped by document, first three quarters): {figures}")
    rows = [row for _, records in folders.values() for _, doc_rows in records for row in doc_rows]
    linker = dataclasses.replace(to_linker(*fit(rows)), **settings)
    _write(ARTIFACT, linker.to_json())
    _write(FOLDS_ARTIFACT, folds_json(folders, folds, linker_sha256(ARTIFACT)))
    print(f"wrote {ARTIFACT} ({ARTIFACT.stat().st_size:,} bytes, {len(linker.weights):,} features)")
    print(f"wrote {FOLDS_ARTIFACT} ({FOLDS_ARTIFACT.stat().st_size:,} bytes, {len(folds)} folds)")
    return 0


def _write(path: Path, text: str) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)  # never a half-written model


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
