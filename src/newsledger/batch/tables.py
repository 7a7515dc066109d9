"""Records as Arrow tables: one table per record kind, with the article id on every row.

The schemas are derived from the record dataclasses' field types, so a field added to `model.py` appears as a
column without a change here, and every partition file of a kind has the same schema whatever its rows hold
(a column that is null throughout one partition is still typed). The `articles` table also carries each
record's full JSON (`record`), which is what `newsledger load` reads back: the other tables are for analysis.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from newsledger.model import Article, ArticleRecord, Claim, Entity, Event, Place, Quantity, Quote, TimeExpr

# The per-article lists of a record, in the order of the record.
CHILD_KINDS: dict[str, type] = {
    "entities": Entity,
    "places": Place,
    "times": TimeExpr,
    "quotes": Quote,
    "quantities": Quantity,
    "events": Event,
    "claims": Claim,
}
KINDS = ("articles", *CHILD_KINDS)
DATE_COLUMN = "published"  # the Hive partition key (`published=2021-09-06/`), not stored inside the files
NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # what Hive and Arrow read back as a null partition value
RECORD_COLUMN = "record"


class _NotArrowTyped(Exception):
    """A field type with no natural Arrow type; such a field is stored as JSON text."""


def _arrow_type(hint: Any) -> pa.DataType:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if set(options) == {int, float}:
            return pa.float64()
        if len(options) != 1:
            raise _NotArrowTyped(hint)
        return _arrow_type(options[0])
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise _NotArrowTyped(hint)
        return pa.list_(_arrow_type(args[0]))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    scalar = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(hint)
    if scalar is None:
        raise _NotArrowTyped(hint)
    return scalar


@functools.cache
def _columns(record_class: type) -> tuple[tuple[str, pa.DataType, bool], ...]:
    """(name, Arrow type, stored as JSON text) for each field of a record class."""
    hints = typing.get_type_hints(record_class)
    columns = []
    for f in dataclasses.fields(record_class):
        try:
            columns.append((f.name, _arrow_type(hints[f.name]), False))
        except _NotArrowTyped:
            columns.append((f.name, pa.string(), True))
    return tuple(columns)


@functools.cache
def schema_of(kind: str) -> pa.Schema:
    """The Arrow schema of one record kind's table."""
    if kind == "articles":
        fields = [pa.field(name, arrow_type) for name, arrow_type, _ in _columns(Article) if name != DATE_COLUMN]
        fields += [
            pa.field("chars", pa.int64()),
            pa.field("pipeline", pa.string()),
            pa.field("schema", pa.int64()),
            pa.field("warnings", pa.list_(pa.string())),
            pa.field(RECORD_COLUMN, pa.string()),
        ]
        return pa.schema(fields)
    columns = _columns(CHILD_KINDS[kind])
    return pa.schema([pa.field("article_id", pa.string())] + [pa.field(name, t) for name, t, _ in columns])


def _row(item: Any, record_class: type) -> dict[str, Any]:
    data = dataclasses.asdict(item)
    for name, _, as_json in _columns(record_class):
        if as_json:
            data[name] = json.dumps(data[name], ensure_ascii=False, sort_keys=True)
    return data


def record_tables(records: Sequence[ArticleRecord]) -> dict[tuple[str, str], pa.Table]:
    """Tables keyed by (kind, publication date or NO_DATE); kinds without rows on a date are left out."""
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        article = record.article
        date = article.published[:10] if article.published else NO_DATE
        article_row = _row(article, Article)
        del article_row[DATE_COLUMN]
        article_row.update(
            chars=article.chars,
            pipeline=record.pipeline,
            schema=record.schema,
            warnings=list(record.warnings),
            record=record.to_json(),
        )
        rows.setdefault(("articles", date), []).append(article_row)
        for kind, record_class in CHILD_KINDS.items():
            for item in getattr(record, kind):
                rows.setdefault((kind, date), []).append({"article_id": article.id, **_row(item, record_class)})
    return {key: pa.Table.from_pylist(key_rows, schema=schema_of(key[0])) for key, key_rows in rows.items()}


PARQUET_COMPRESSION = "snappy"  # Parquet's and pyarrow's default; zstd took twice the CPU on a partition's small files


def parquet_files(tables: dict[tuple[str, str], pa.Table]) -> dict[tuple[str, str], bytes]:
    """Each table as the bytes of its Parquet file: encoded where the records are made (a batch's workers, in
    parallel), so the client that gathers them only writes bytes; it served every worker in turn, and encoding
    there made it the batch's one serial stage."""
    import pyarrow.parquet as pq

    files: dict[tuple[str, str], bytes] = {}
    for key, table in tables.items():
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression=PARQUET_COMPRESSION)
        files[key] = sink.getvalue().to_pybytes()
    return files
