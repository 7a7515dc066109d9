"""Records as Arrow tables: schemas from the record classes, rows per kind and date."""

from __future__ import annotations

import pyarrow as pa

from newsledger.batch.tables import KINDS, NO_DATE, RECORD_COLUMN, record_tables, schema_of
from newsledger.model import Article, ArticleRecord, Entity, Event, Mention, TextSpan, TimeRef


def _record(text: str, *, published: str | None) -> ArticleRecord:
    article = Article.from_text(text, published=published)
    start = text.index("Lima")
    entity = Entity(id="e1", name="Lima", type="GPE", mentions=(Mention(start, start + 4, "Lima"),))
    event = Event(
        id="v1",
        type="PROTEST",
        trigger=Mention(0, 6, text[:6]),
        sentence=TextSpan(0, len(text)),
        when=TimeRef(value="2024-02-01", precision=1),
    )
    return ArticleRecord(article=article, entities=(entity,), events=(event,), pipeline="test")


def test_tables_have_one_schema_per_kind_whatever_the_rows_hold():
    for kind in KINDS:
        assert isinstance(schema_of(kind), pa.Schema)
    assert schema_of("entities").field("mentions").type == pa.list_(
        pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    )
    assert schema_of("quantities").field("value").type == pa.float64()
    assert "published" not in schema_of("articles").names  # it is the folder name


def test_tables_split_rows_by_kind_and_date_and_keep_the_record_json():
    first = _record("Crowds marched in Lima on Thursday.", published="2024-02-01")
    second = _record("Farmers marched in Lima again.", published=None)
    tables = record_tables([first, second])
    assert set(tables) == {
        ("articles", "2024-02-01"),
        ("entities", "2024-02-01"),
        ("events", "2024-02-01"),
        ("articles", NO_DATE),
        ("entities", NO_DATE),
        ("events", NO_DATE),
    }
    articles = tables[("articles", "2024-02-01")]
    assert articles.column(RECORD_COLUMN).to_pylist() == [first.to_json()]
    entities = tables[("entities", NO_DATE)].to_pylist()
    assert entities[0]["article_id"] == second.article.id
    start = second.article.text.index("Lima")
    assert entities[0]["mentions"] == [{"start": start, "end": start + 4, "text": "Lima"}]
    events = tables[("events", "2024-02-01")].to_pylist()
    assert events[0]["when"] == {"value": "2024-02-01", "precision": 1, "time": None}
    assert events[0]["fatalities"] is None
