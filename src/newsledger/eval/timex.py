"""`newsledger eval timex PATH`: time expressions scored on TimeML `.tml` files as TempEval-3 scores them.

Gold: every TIMEX3 inside <TEXT> (span, type, value); the document creation time (DCT) is the file's TIMEX3
with functionInDocument="CREATION_TIME" and is given to the extractor as the publication date.

Metrics (TempEval-3, task A): span precision/recall/F1 with strict (same offsets) and relaxed (overlapping)
matching, one-to-one; `value_f1` and `type_f1` are attribute F1 as TempEval-3 defines it: attribute accuracy
over the relaxed matches × relaxed F1 (equivalently, 2 × correct / (system + gold)); `value_acc` and
`type_acc` are the accuracies over the relaxed matches. Values and types are compared as exact strings, as
TempEval-3's `evaluate_entities.py` compares them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from newsledger.errors import Errors
from newsledger.eval.metrics import precision_recall_f1
from newsledger.eval.report import emit
from newsledger.model import TimeExpr


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.DOTALL)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def read_tml(path: Path) -> TimeMLDoc:
    """One TimeML file: its text (tags removed), DCT and gold TIMEX3s with offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<TIMEX3([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>", raw)
    if dct_match is None:
        raise ValueError("no TIMEX3 with functionInDocument=CREATION_TIME")
    dct_value = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
    if not re.match(r"\d{4}-\d\d-\d\d", dct_value):
        raise ValueError(f"DCT value '{dct_value}' is not a date")
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if body_match is None:
        raise ValueError("no <TEXT> element")
    body = body_match.group(1)
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(tag.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            text = "".join(pieces)[start:length]
            timexes.append(
                GoldTimex(start, length, text, attrs.get("type", "DATE"), attrs.get("value", "")),
            )
    pieces.append(html.unescape(body[position:]))
    return TimeMLDoc(path.name, "".join(pieces), dct_value[:10], tuple(timexes))


def _same_value(system: str | None, gold: str) -> bool:
    # TempEval-3's script compares the value strings as they are: no normalization of either side (gold's
    # few unpadded weeks, "2000-W8", count against a system writing ISO's "2000-W08", as they did there)
    return system is not None and system == gold


def score(gold_docs: list[TimeMLDoc], system_docs: list[list[TimeExpr]]) -> dict[str, float]:
    """TempEval-3 task A figures for one system over the documents."""
    from newsledger.extract.timex import timex3_value  # imports the extract package, and with it spaCy

    n_gold = sum(len(d.timexes) for d in gold_docs)
    n_system = sum(len(s) for s in system_docs)
    strict = relaxed = value_right = type_right = 0
    for gold_doc, system in zip(gold_docs, system_docs, strict=True):
        used: set[int] = set()
        for gold in gold_doc.timexes:
            exact = next(
                (i for i, s in enumerate(system) if i not in used and s.start == gold.start and s.end == gold.end),
                None,
            )
            match = exact
            if match is None:
                overlapping = [
                    i for i, s in enumerate(system) if i not in used and s.start < gold.end and gold.start < s.end
                ]
                match = overlapping[0] if overlapping else None
            if match is None:
                continue
            used.add(match)
            relaxed += 1
            strict += exact is not None
            found = system[match]
            value_right += _same_value(timex3_value(found.value, found.precision), gold.value)
            type_right += found.type == gold.type
    metrics: dict[str, float] = {}
    for name, count in (("strict", strict), ("relaxed", relaxed)):
        precision, recall, f1 = precision_recall_f1(count, n_system, n_gold)
        metrics[f"{name}_precision"] = precision
        metrics[f"{name}_recall"] = recall
        metrics[f"{name}_f1"] = f1
    relaxed_f1 = metrics["relaxed_f1"]
    metrics["value_acc"] = value_right / relaxed if relaxed else 0.0
    metrics["type_acc"] = type_right / relaxed if relaxed else 0.0
    metrics["value_f1"] = metrics["value_acc"] * relaxed_f1
    metrics["type_f1"] = metrics["type_acc"] * relaxed_f1
    return metrics


def find_tml(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(path.rglob("*.tml"))


def evaluate(path: Path, *, limit: int | None = None, baseline: bool = True) -> dict[str, Any]:
    from newsledger.extract.timex.baseline import times_with_baseline
    from newsledger.nlp import load_nlp

    files = find_tml(path)
    if limit:
        files = files[:limit]
    if not files:
        raise typer.BadParameter(Errors.E201.format(path=path))
    gold_docs = []
    notes = []
    for file in files:
        try:
            gold_docs.append(read_tml(file))
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            notes.append(Errors.E202.format(path=file, reason=exc))
    nlp = load_nlp(components=("newsledger_times",))
    ours, theirs = [], []
    for mine, base in times_with_baseline(nlp, ((d.text, d.dct) for d in gold_docs), baseline=baseline):
        ours.append(mine)
        theirs.append(base)
    result: dict[str, Any] = {
        "task": "timex",
        "path": str(path),
        "n": sum(len(d.timexes) for d in gold_docs),
        "metrics": score(gold_docs, ours),
        "notes": [
            *notes,
            f"{len(gold_docs)} documents; DCT from each file's CREATION_TIME TIMEX3",
            "value_f1 = value accuracy on relaxed matches x relaxed F1 (TempEval-3 attribute F1); matching is "
            "one-to-one (an exact match first, else the first overlapping system span)",
            "weekend and overnight ranges are written in TIMEX3 form for scoring (YYYY-Www-WE, YYYY-MM-DDTNI); "
            "values compared as exact strings, as TempEval-3's script does",
            "rules are general English temporal grammar, developed while looking at TBAQ (the development "
            "split): figures on TBAQ are development figures, the held-out split measures the system",
        ],
    }
    if baseline:
        result["baselines"] = {"spacy+dateparser": score(gold_docs, theirs)}
    return result


def command(
    path: Annotated[Path, typer.Argument(help="a .tml file or a folder of them (searched recursively)")],
    json_out: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N files")] = None,
) -> None:
    """Time expressions on TimeML (TIMEX3): strict/relaxed span F1, value F1, type accuracy (TempEval-3)."""
    emit(evaluate(path, limit=limit), as_json=json_out)
