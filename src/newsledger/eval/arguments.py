"""`newsledger eval arguments PATH`: events and their arguments on document-level gold (WikiEvents, RAMS).

Each document's text goes through the whole pipeline (`process_article`, as every other caller runs it) and the
events of its record are scored against the gold events whose type the table of `eval/argument_types.py` maps
to PLOVER; the other gold types are left out and listed.

WikiEvents (`<split>.jsonl`, with `coref/<split>.jsonlines` beside it):
- `trigger_*`: a system event whose trigger overlaps the trigger of a mapped gold event (one to one). A system
  event of a PLOVER type no mapped KAIROS type can take (SUPPORT, AGREE, SANCTION…) is not scored, nor one whose trigger
  overlaps only a gold event of an unmapped type: the gold cannot say whether it is right.
- `type_*`: the same, with the PLOVER type one the gold type maps to.
- `arg_*` (coref match) and `arg_head_*` (head match), end to end: a system argument (`source`, `target`,
  `place`) is right when its event matched a gold event, its family is the gold role's, and the head word of its
  mention (the entity's or place's mention nearest the trigger) is the head word of the gold argument's mention,
  or, for coref match, of any mention in the gold argument's coreference cluster. A place is scored only when
  the event's sentence names it: one the record takes from elsewhere in the report (its dateline, its main
  place) is ACLED's coding, not an argument of the sentence. Arguments of unmatched system
  events count against precision; arguments of unfound gold events against recall.
RAMS (`*.jsonlines`): one gold event per document; `trigger_recall` is the share of mapped gold triggers that a
system event's trigger overlaps, and `arg_*` scores that event's arguments against the gold's (head match; RAMS
has no coreference).
Head word: the last word of a mention before any "of", comma, bracket or relative pronoun ("the leader of the
group" -> leader), without a possessive "'s". The naive dependency baseline (`extract/event_baseline.py`) is
scored on the same events.

`--part first` scores the first three quarters of the file (the part read while building), `--part last` the
last quarter (kept unread, a keep/drop gate); `--part all` the whole file.

The argument linker (`extract/arguments_linker.py`) learned from the first three quarters of WikiEvents dev and
RAMS dev. A scored document it learned from is read by the linker of the cross-validation fold that left it out
(`data/events/argument_linker_folds.json`, five folds grouped by document, written with the shipped linker by
`eval/arguments_training.py`), so every figure is cross-validated on the linker's training data and exact on
the rest; the output says how many documents were read so.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsledger.errors import Errors, NewsledgerError
from newsledger.eval.argument_types import (
    FAMILIES,
    KAIROS_PLOVER_TYPES,
    PARTY,
    SOURCE,
    TARGET,
    TypeMapping,
    mapping_of,
    role_family,
)
from newsledger.eval.metrics import precision_recall_f1
from newsledger.eval.report import emit
from newsledger.model import ArticleRecord

if TYPE_CHECKING:
    from newsledger.extract.arguments_linker import LinkerModel

Span = tuple[int, int]
PARTS = ("all", "first", "last")
# The linkers of the cross-validation folds, by the documents each one left out (see the module's docstring).
FOLDS_ARTIFACT = Path(__file__).resolve().parent.parent / "data" / "events" / "argument_linker_folds.json"


@dataclass(frozen=True)
class GoldArgument:
    family: str  # source, target, place or party
    mentions: tuple[Span, ...]  # the annotated mention first, then the rest of its coreference cluster


@dataclass
class GoldEvent:
    type: str
    mapping: TypeMapping | None
    trigger: Span
    arguments: list[GoldArgument] = field(default_factory=list)


@dataclass
class GoldDocument:
    doc_id: str
    text: str
    events: list[GoldEvent]


# --- reading ---------------------------------------------------------------------------------------------

_NO_SPACE_BEFORE = frozenset(". , : ; ! ? % ) ] } 's 'S n't N'T 're 've 'll 'd 'm ''".split())
_NO_SPACE_AFTER = frozenset("( [ { $ ``".split())


class _TextBuilder:
    """Text made from tokens, each token's span in it recorded (NFC-normalized, so offsets hold in the record)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def add(self, token: str, *, space: str) -> None:
        token = unicodedata.normalize("NFC", token.replace("\r", " ").replace("\n", " ")) or " "
        if self.length:
            self.parts.append(space)
            self.length += len(space)
        self.spans.append((self.length, self.length + len(token)))
        self.parts.append(token)
        self.length += len(token)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def read_wikievents(path: Path) -> list[GoldDocument]:
    """WikiEvents documents with their coreference clusters (`coref/<name>lines` beside the file, if present)."""
    rows = _jsonl(path)
    clusters: dict[str, list[list[str]]] = {}
    coref_path = path.parent / "coref" / (path.stem + ".jsonlines")
    if coref_path.is_file():
        for row in _jsonl(coref_path):
            clusters[row.get("doc_key", "")] = row.get("clusters", [])
    documents = []
    for row in rows:
        try:
            documents.append(_wikievents_document(row, clusters.get(row["doc_id"], [])))
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise NewsledgerError(Errors.E202.format(path=path, reason=f"{row.get('doc_id')}: {exc!r}")) from None
    return documents


def _wikievents_document(row: dict[str, Any], clusters: list[list[str]]) -> GoldDocument:
    builder = _TextBuilder()
    previous_end: int | None = None
    for sentence_tokens, _sentence_text in row["sentences"]:
        for number, (token, start, end) in enumerate(sentence_tokens):
            gap = start - previous_end if previous_end is not None else 0
            if number == 0 and previous_end is not None:
                # each gold sentence on a line of its own, as every figure so far was measured (a regex defined
                # twice in this module made it so; the headline rule meant here, a break only after a paragraph
                # gap or a line with no closing stop, moves the figures and is left for a separate change)
                space = "\n"
            else:
                space = " " if gap >= 1 else ""
            builder.add(token, space=space)
            previous_end = end
    spans = builder.spans
    entity_span = {m["id"]: (spans[m["start"]][0], spans[m["end"] - 1][1]) for m in row["entity_mentions"]}
    cluster_of: dict[str, list[str]] = {}
    for cluster in clusters:
        for entity_id in cluster:
            cluster_of[entity_id] = cluster
    events = []
    for mention in row["event_mentions"]:
        trigger = mention["trigger"]
        mapping = mapping_of(mention["event_type"])
        event = GoldEvent(mention["event_type"], mapping, (spans[trigger["start"]][0], spans[trigger["end"] - 1][1]))
        for argument in mention["arguments"]:
            family = role_family(mapping, argument["role"]) if mapping else None
            if family is None or argument["entity_id"] not in entity_span:
                continue
            own = entity_span[argument["entity_id"]]
            others = [entity_span[e] for e in cluster_of.get(argument["entity_id"], []) if e in entity_span]
            event.arguments.append(GoldArgument(family, (own, *[s for s in others if s != own])))
        events.append(event)
    return GoldDocument(row["doc_id"], builder.text, events)


def read_rams(path: Path) -> list[GoldDocument]:
    documents = []
    for row in _jsonl(path):
        try:
            documents.append(_rams_document(row))
        except (KeyError, TypeError, IndexError, ValueError) as exc:
            raise NewsledgerError(Errors.E202.format(path=path, reason=f"{row.get('doc_key')}: {exc!r}")) from None
    return documents


def _rams_document(row: dict[str, Any]) -> GoldDocument:
    builder = _TextBuilder()
    previous = ""
    for sentence in row["sentences"]:
        for token in sentence:
            text = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(token, token)
            glued = token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER
            builder.add(text, space="" if glued else " ")
            previous = token
    spans = builder.spans

    def span(pair: Sequence[int]) -> Span:
        return spans[pair[0]][0], spans[pair[1]][1]

    events: dict[Span, GoldEvent] = {}
    for start, end, labels in row["evt_triggers"]:
        event_type = labels[0][0]
        events[span((start, end))] = GoldEvent(event_type, mapping_of(event_type), span((start, end)))
    for trigger, argument, role in row["gold_evt_links"]:
        event = events.get(span(trigger))
        if event is None or event.mapping is None:
            continue
        family = role_family(event.mapping, role)
        if family is not None:
            event.arguments.append(GoldArgument(family, (span(argument),)))
    return GoldDocument(row["doc_key"], builder.text, list(events.values()))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise NewsledgerError(Errors.E201.format(path=path))
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise NewsledgerError(Errors.E202.format(path=path, reason=f"line {number}: {exc}")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NewsledgerError(Errors.E202.format(path=path, reason=str(exc))) from None
    return rows


def select_part(documents: list[GoldDocument], part: str) -> list[GoldDocument]:
    """The first three quarters (`first`), the last quarter (`last`) or all of the documents, in file order."""
    cut = len(documents) * 3 // 4
    if part == "first":
        return documents[:cut]
    if part == "last":
        return documents[cut:]
    return documents


# --- heads and matching ----------------------------------------------------------------------------------

_HEAD_STOP = re.compile(r"\s+(?:of|who|which|that|whose|from|in|at)\s+|[,(\[;:]|\s[-–—]\s")
_WORD = re.compile(r"[\w][\w.'’-]*")


def head_start(text: str, span: Span) -> int:
    """Where the head word of the mention at `span` starts: its last word before a modifier that follows the
    head ("of the group", ", who", "in Mosul"), without a possessive."""
    start, end = span
    mention = text[start:end]
    stop = _HEAD_STOP.search(mention)
    if stop is not None and stop.start() > 0:
        mention = mention[: stop.start()]
    words = list(_WORD.finditer(mention))
    while words and words[-1].group().lower() in ("'s", "’s", "'", "’"):
        words.pop()
    if not words:
        return start
    return start + words[-1].start()


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _Counts:
    true: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: _Counts) -> None:
        self.true += other.true
        self.predicted += other.predicted
        self.gold += other.gold

    def scores(self, name: str) -> dict[str, float]:
        precision, recall, f1 = precision_recall_f1(self.true, self.predicted, self.gold)
        return {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}


@dataclass(frozen=True)
class PredictedEvent:
    type: str
    trigger: Span
    arguments: tuple[tuple[str, Span], ...]  # (family, the mention's span), several of a family where given


def predicted_events(
    record: ArticleRecord, arguments_of: dict[str, dict[str, Span]] | None = None
) -> list[PredictedEvent]:
    """The record's events, one per word reporting each (its trigger and its other mentions), each with the
    arguments that word gives in its own sentence (`Event.arguments`); `arguments_of` (event id -> arguments)
    gives the trigger's arguments instead, for a baseline."""
    out = []
    for event in record.events:
        words = (event.trigger, *event.mentions)
        for word in words:
            if arguments_of is not None:
                given = arguments_of.get(event.id, {})
                arguments = tuple(given.items())
            else:
                arguments = tuple(
                    (a.role, (a.mention.start, a.mention.end))
                    for a in event.arguments
                    if (a.of.start, a.of.end) == (word.start, word.end)
                )
            out.append(PredictedEvent(event.type, (word.start, word.end), arguments))
    return out


def _family_matches(predicted: str, gold: str) -> bool:
    return predicted == gold or (gold == PARTY and predicted in (SOURCE, TARGET))


def _argument_counts(
    text: str, predicted: tuple[tuple[str, Span], ...], gold: list[GoldArgument], *, coref: bool
) -> dict[str, _Counts]:
    """True, predicted and gold counts per family for one matched pair of events (one to one)."""
    counts = {family: _Counts() for family in FAMILIES}
    for argument in gold:
        family = argument.family if argument.family != PARTY else SOURCE
        counts[family].gold += 1
    used: set[int] = set()
    for family, span in predicted:
        counts[family].predicted += 1
        head = head_start(text, span)
        for index, argument in enumerate(gold):
            if index in used or not _family_matches(family, argument.family):
                continue
            mentions = argument.mentions if coref else argument.mentions[:1]
            if any(head_start(text, m) == head for m in mentions):
                used.add(index)
                counts[family].true += 1
                if argument.family == PARTY and family != SOURCE:
                    counts[SOURCE].gold -= 1  # a party found as a target is counted where it was found
                    counts[family].gold += 1
                break
    return counts


def _match_triggers(predicted: list[PredictedEvent], gold: list[GoldEvent]) -> tuple[list[tuple[int, int]], set[int]]:
    """One-to-one (predicted, gold) pairs of overlapping triggers, typed pairs first; and the predictions that
    overlap only gold events of unmapped types (not scored)."""
    pairs: list[tuple[int, int]] = []
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    for typed in (True, False):
        for p_index, event in enumerate(predicted):
            if p_index in taken_predicted:
                continue
            candidates = [
                g_index
                for g_index, gold_event in enumerate(gold)
                if g_index not in taken_gold
                and gold_event.mapping is not None
                and overlaps(event.trigger, gold_event.trigger)
                and (not typed or event.type in gold_event.mapping.plover)
            ]
            if candidates:
                best = min(candidates, key=lambda g: abs(gold[g].trigger[0] - event.trigger[0]))
                pairs.append((p_index, best))
                taken_gold.add(best)
                taken_predicted.add(p_index)
    neutral = {
        p_index
        for p_index, event in enumerate(predicted)
        if p_index not in taken_predicted
        and any(g.mapping is None and overlaps(event.trigger, g.trigger) for g in gold)
    }
    return pairs, neutral


# --- scoring ---------------------------------------------------------------------------------------------


def score_wikievents(documents: list[GoldDocument], systems: list[list[PredictedEvent]]) -> dict[str, float]:
    trigger, typed = _Counts(), _Counts()
    arguments = {(coref, family): _Counts() for coref in (True, False) for family in FAMILIES}
    for document, system in zip(documents, systems, strict=True):
        scored = [event for event in system if event.type in KAIROS_PLOVER_TYPES]
        gold_mapped = [g for g in document.events if g.mapping is not None]
        pairs, neutral = _match_triggers(scored, document.events)
        counted = len(scored) - len(neutral)
        trigger.add(_Counts(len(pairs), counted, len(gold_mapped)))
        typed_true = sum(1 for p, g in pairs if scored[p].type in (document.events[g].mapping or _NONE).plover)
        typed.add(_Counts(typed_true, counted, len(gold_mapped)))
        matched_predicted = {p: g for p, g in pairs}
        matched_gold = set(matched_predicted.values())
        for coref in (True, False):
            for p_index, event in enumerate(scored):
                if p_index in neutral:
                    continue
                if p_index in matched_predicted:
                    gold_event = document.events[matched_predicted[p_index]]
                    counts = _argument_counts(document.text, event.arguments, gold_event.arguments, coref=coref)
                else:
                    counts = {
                        family: _Counts(0, sum(f == family for f, _ in event.arguments), 0) for family in FAMILIES
                    }
                for family in FAMILIES:
                    arguments[(coref, family)].add(counts[family])
            for g_index, gold_event in enumerate(document.events):
                if gold_event.mapping is not None and g_index not in matched_gold:
                    for argument in gold_event.arguments:
                        family = argument.family if argument.family != PARTY else SOURCE
                        arguments[(coref, family)].gold += 1
    metrics: dict[str, float] = {**trigger.scores("trigger"), **typed.scores("type")}
    for coref, name in ((True, "arg"), (False, "arg_head")):
        total = _Counts()
        for family in FAMILIES:
            total.add(arguments[(coref, family)])
            metrics.update(arguments[(coref, family)].scores(f"{name}_{family}"))
        metrics.update(total.scores(name))
    return metrics


_NONE = TypeMapping((), {})


def score_rams(documents: list[GoldDocument], systems: list[list[PredictedEvent]]) -> dict[str, float]:
    found = typed_found = gold_triggers = 0
    arguments = {family: _Counts() for family in FAMILIES}
    for document, system in zip(documents, systems, strict=True):
        for gold_event in document.events:
            if gold_event.mapping is None:
                continue
            gold_triggers += 1
            overlapping = [e for e in system if overlaps(e.trigger, gold_event.trigger)]
            if not overlapping:
                continue
            found += 1
            best = min(overlapping, key=lambda e: (e.type not in gold_event.mapping.plover, e.trigger[0]))  # type: ignore[union-attr]
            typed_found += best.type in gold_event.mapping.plover
            counts = _argument_counts(document.text, best.arguments, gold_event.arguments, coref=False)
            for family in FAMILIES:
                arguments[family].add(counts[family])
    metrics: dict[str, float] = {
        "trigger_recall": found / gold_triggers if gold_triggers else 0.0,
        "trigger_type_recall": typed_found / gold_triggers if gold_triggers else 0.0,
    }
    total = _Counts()
    for family in FAMILIES:
        total.add(arguments[family])
        metrics.update(arguments[family].scores(f"arg_{family}"))
    metrics.update(total.scores("arg"))
    return metrics


def unmapped_types(documents: list[GoldDocument]) -> dict[str, int]:
    return dict(Counter(e.type for d in documents for e in d.events if e.mapping is None).most_common())


# --- the command -----------------------------------------------------------------------------------------


def is_rams(path: Path) -> bool:
    if path.suffix == ".jsonlines":
        return True
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    return '"gold_evt_links"' in first


def evaluate(path: Path, *, part: str = "all", limit: int | None = None, baseline: bool = True) -> dict[str, Any]:
    from newsledger.extract.arguments import HELD_OUT_LINKERS
    from newsledger.extract.event_baseline import records_with_baseline
    from newsledger.model import Article
    from newsledger.nlp import load_nlp

    if not path.is_file():
        raise NewsledgerError(Errors.E201.format(path=path))
    rams = is_rams(path)
    documents = select_part(read_rams(path) if rams else read_wikievents(path), part)
    if limit:
        documents = documents[:limit]
    if not documents:
        raise NewsledgerError(Errors.E201.format(path=path))
    nlp = load_nlp()
    held_out = held_out_linkers()
    read_held_out = sum(1 for d in documents if d.doc_id in held_out)
    ours: list[list[PredictedEvent]] = []
    theirs: list[list[PredictedEvent]] = []
    articles = (Article.from_text(d.text, source=d.doc_id) for d in documents)
    token = HELD_OUT_LINKERS.set(held_out)
    try:
        for record, baseline_arguments in records_with_baseline(nlp, articles):
            ours.append(predicted_events(record))
            theirs.append(predicted_events(record, {k: _as_dict(v) for k, v in baseline_arguments.items()}))
    finally:
        HELD_OUT_LINKERS.reset(token)
    scorer = score_rams if rams else score_wikievents
    gold_events = sum(1 for d in documents for e in d.events if e.mapping is not None)
    result: dict[str, Any] = {
        "task": "arguments",
        "path": str(path),
        "n": gold_events,
        "metrics": scorer(documents, ours),
        "notes": [
            f"{'RAMS' if rams else 'WikiEvents'}: {len(documents)} documents ({part} part: 'first' is the first "
            "three quarters of the file, 'last' the last quarter), "
            f"{gold_events} gold events of mapped types",
            "types mapped by the table in eval/argument_types.py; gold types left out (unmapped): "
            + json.dumps(unmapped_types(documents)),
            "every document runs through the whole pipeline (process_article); arguments scored end to end by "
            "head word" + ("" if rams else "; arg_* matches any mention of the gold argument's coreference cluster"),
            f"argument linker: {read_held_out} of the {len(documents)} documents are in its training data (the "
            "first three quarters of WikiEvents dev and RAMS dev) and were read by the linker of the 5-fold "
            "cross-validation fold (grouped by document) that left them out; the others by the shipped linker",
        ],
        "cross_validated": read_held_out > 0,
    }
    if baseline:
        result["baselines"] = {"nsubj/dobj + nearest GPE/LOC": scorer(documents, theirs)}
    return result


def held_out_linkers(folds_path: Path = FOLDS_ARTIFACT, linker_path: Path | None = None) -> dict[str, LinkerModel]:
    """By document id, the linker of the cross-validation fold that did not learn from that document. Empty when
    no linker ships; an error when the folds are missing or were not written with the shipped linker, since the
    figures on its training data would then not be cross-validated."""
    from newsledger.extract.arguments_linker import ARTIFACT, LinkerModel

    linker_path = linker_path or ARTIFACT
    if not linker_path.is_file():
        return {}
    try:
        folds = json.loads(folds_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsledgerError(Errors.E203.format(path=folds_path, reason=f"cannot be read ({exc})")) from None
    if folds.get("linker_sha256") != linker_sha256(linker_path):
        raise NewsledgerError(Errors.E203.format(path=folds_path, reason="were not written with the shipped linker"))
    out: dict[str, LinkerModel] = {}
    try:
        for fold in folds["folds"]:
            model = LinkerModel.from_json(json.dumps(fold["model"]))
            out.update((str(doc_id), model) for doc_id in fold["documents"])
    except (KeyError, TypeError, ValueError) as exc:
        raise NewsledgerError(Errors.E203.format(path=folds_path, reason=f"cannot be read ({exc!r})")) from None
    return out


def linker_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _as_dict(arguments: Any) -> dict[str, Span]:
    found = {SOURCE: arguments.source, TARGET: arguments.target, "place": arguments.place}
    return {family: span for family, span in found.items() if span is not None}


def command(
    path: Annotated[Path, typer.Argument(help="a WikiEvents .jsonl file or a RAMS .jsonlines file")],
    json_out: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    part: Annotated[
        str, typer.Option("--part", help="all, first (the first three quarters) or last (the last quarter)")
    ] = "all",
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N documents")] = None,
) -> None:
    """Events and their arguments on WikiEvents or RAMS: trigger and PLOVER type F1, argument F1 (source,
    target, place; head and coreference match), RAMS trigger recall."""
    if part not in PARTS:
        raise typer.BadParameter(f"--part must be one of {', '.join(PARTS)}")
    emit(evaluate(path, part=part, limit=limit), as_json=json_out)
