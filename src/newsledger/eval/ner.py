"""`newsledger eval ner`: named-entity spans scored against CoNLL-2003 gold (4 columns, IOB tags).

Each gold document's text is rebuilt from its tokens (one sentence a line), run through the newsledger
pipeline, and the entity mentions it reports are compared by exact character span and type with the gold
ones. spaCy's own `doc.ents` from the same run are scored beside ours as the baseline.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from newsledger.errors import Errors, NewsledgerError
from newsledger.eval.metrics import precision_recall_f1
from newsledger.eval.report import emit

# DESIGN.md: spaCy's OntoNotes labels mapped onto CoNLL-2003's four types; others are not scored.
LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")
DOCSTART = "-DOCSTART-"
# Reuters datelines ("LONDON 1996-08-30") open a story; used to split files that lost their -DOCSTART- lines.
_DATELINE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Span = tuple[int, int, str]


@dataclass
class ConllDocument:
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)  # (token, IOB tag)

    def text_and_spans(self) -> tuple[str, set[Span]]:
        """The document text (tokens joined by spaces, sentences by newlines) and its gold entity spans."""
        pieces: list[str] = []
        spans: set[Span] = set()
        offset = 0
        for sentence in self.sentences:
            if pieces:
                pieces.append("\n")
                offset += 1
            current: list[Any] | None = None  # [start, end, type]
            for i, (token, tag) in enumerate(sentence):
                if i:
                    pieces.append(" ")
                    offset += 1
                start, end = offset, offset + len(token)
                pieces.append(token)
                offset = end
                prefix, _, label = tag.partition("-")
                continues = prefix == "I" and current is not None and current[2] == label
                if current is not None and not continues:
                    spans.add((current[0], current[1], current[2]))
                    current = None
                if prefix == "B" or (prefix == "I" and current is None):
                    current = [start, end, label]
                elif continues and current is not None:
                    current[1] = end
            if current is not None:
                spans.add((current[0], current[1], current[2]))
        return "".join(pieces), spans


def read_conll(path: Path) -> list[ConllDocument]:
    """Documents of a CoNLL-2003 file: split at -DOCSTART-, or at datelines when the file has none."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=exc)) from None
    sentences: list[list[tuple[str, str]]] = []
    starts: list[int] = []  # sentence indices where a -DOCSTART- was seen
    sentence: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        columns = line.split()
        if not columns:
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        if columns[0] == DOCSTART:
            if sentence:
                sentences.append(sentence)
                sentence = []
            starts.append(len(sentences))
            continue
        if len(columns) < 2:
            raise NewsledgerError(Errors.E202.format(path=path, reason=f"line {number} has no tag column"))
        sentence.append((columns[0], columns[-1]))
    if sentence:
        sentences.append(sentence)
    if not starts:
        starts = _dateline_starts(sentences)
    return _split(sentences, starts)


def _dateline_starts(sentences: list[list[tuple[str, str]]]) -> list[int]:
    starts = [0]
    for i, sentence in enumerate(sentences):
        # headline, then "CITY DATE": the story starts at the headline
        if 2 <= len(sentence) <= 6 and _DATELINE_DATE.match(sentence[-1][0]) and i >= 1 and i - 1 > starts[-1]:
            starts.append(i - 1)
    return starts


def _split(sentences: list[list[tuple[str, str]]], starts: list[int]) -> list[ConllDocument]:
    bounds = [*sorted(set([0, *starts])), len(sentences)]
    documents = [ConllDocument(sentences[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
    return documents


def score(gold: Iterable[set[Span]], predicted: Iterable[set[Span]]) -> dict[str, float | int]:
    """Exact-span precision, recall and F1 per type and micro-averaged over the four CoNLL types."""
    tp = dict.fromkeys(TYPES, 0)
    n_gold = dict.fromkeys(TYPES, 0)
    n_pred = dict.fromkeys(TYPES, 0)
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        for span in gold_spans:
            if span[2] in n_gold:
                n_gold[span[2]] += 1
        for span in predicted_spans:
            if span[2] in n_pred:
                n_pred[span[2]] += 1
                if span in gold_spans:
                    tp[span[2]] += 1
    metrics: dict[str, float | int] = {}
    for label in TYPES:
        metrics.update(_prf(label, tp[label], n_gold[label], n_pred[label]))
    metrics.update(_prf("micro", sum(tp.values()), sum(n_gold.values()), sum(n_pred.values())))
    metrics["gold_entities"] = sum(n_gold.values())
    return metrics


def _prf(prefix: str, tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    precision, recall, f1 = precision_recall_f1(tp, n_pred, n_gold)
    return {f"{prefix}_p": round(precision, 4), f"{prefix}_r": round(recall, 4), f"{prefix}_f1": round(f1, 4)}


def predict(texts: list[str]) -> Iterator[tuple[set[Span], set[Span]]]:
    """(newsledger spans, spaCy raw spans) per text, from one pass of the pipeline."""
    from newsledger.nlp import load_nlp
    from newsledger.nlp.state import get_state

    nlp = load_nlp(components=("newsledger_entities",))
    for doc in nlp.pipe(texts, batch_size=8):
        ours = {
            (m.start, m.end, LABEL_MAP[entity.type])
            for entity in get_state(doc).entities
            if entity.type in LABEL_MAP
            for m in entity.mentions
        }
        raw = {(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}
        yield ours, raw


def evaluate(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    documents = read_conll(path)
    if limit is not None:
        documents = documents[:limit]
    if not documents:
        raise NewsledgerError(Errors.E201.format(path=path))
    texts, gold = zip(*(d.text_and_spans() for d in documents), strict=True)
    ours, raw = zip(*predict(list(texts)), strict=True)
    return {
        "task": "ner",
        "path": str(path),
        "n": len(documents),
        "metrics": score(gold, ours),
        "baselines": {"spacy": score(gold, raw)},
        "notes": [
            "exact character spans; labels mapped PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, NORP/EVENT/PRODUCT/"
            "WORK_OF_ART/LAW/LANGUAGE→MISC; nothing is trained on this file"
        ],
    }


def command(
    path: Path = typer.Argument(..., help="CoNLL-2003 file (token ... IOB-tag per line)."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
) -> None:
    """Named entities: exact-span P/R/F1 per type and micro on CoNLL-2003, spaCy's raw output beside ours."""
    from newsledger.cli.common import fail

    try:
        result = evaluate(path, limit=limit)
    except NewsledgerError as exc:
        raise fail(exc) from None
    emit(result, as_json=json_out)
