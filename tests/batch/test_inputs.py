"""Reading batch inputs and cutting them into partitions (no model, no cluster)."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from newsledger.batch.inputs import InputTally, iter_inputs, partition_inputs
from newsledger.errors import InputError
from newsledger.model import Article
from tests.batch.conftest import article_texts, write_jsonl


def test_inputs_reads_folders_in_sorted_order_and_rejects_unknown_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    texts = article_texts(3)
    (folder / "b" / "second.txt").write_text(texts[1], encoding="utf-8")
    (folder / "a.txt").write_text(texts[0], encoding="utf-8")
    (folder / "notes.csv").write_text("x,y\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text(texts[2], encoding="utf-8")
    results = list(iter_inputs([folder]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [a.text for a in articles] == [texts[0], texts[1]]
    assert [(e.source, e.code) for e in errors] == [(str(folder / "notes.csv"), "E009")]


def test_inputs_reads_parquet_rows_like_json_records(tmp_path):
    texts = article_texts(2)
    table = pa.table({"text": [texts[0], "", texts[1]], "published": ["2024-05-01", None, "2024-05-02T08:00:00Z"]})
    pq.write_table(table, tmp_path / "rows.parquet")
    results = list(iter_inputs([tmp_path / "rows.parquet"]))
    assert [type(r) for r in results] == [Article, InputError, Article]
    assert results[0].published == "2024-05-01" and results[2].published == "2024-05-02"
    assert results[1].source == f"{tmp_path / 'rows.parquet'}:2"
    jsonl = write_jsonl(tmp_path / "same.jsonl", texts)
    from_json = [r for r in iter_inputs([jsonl]) if isinstance(r, Article)]
    assert [a.id for a in from_json] == [results[0].id, results[2].id]


def test_inputs_rejects_a_broken_parquet_file_and_a_missing_path(tmp_path):
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    results = list(iter_inputs([tmp_path / "broken.parquet", tmp_path / "absent.jsonl"]))
    assert [(r.code, r.source) for r in results if isinstance(r, InputError)] == [
        ("E703", str(tmp_path / "broken.parquet")),
        ("E702", str(tmp_path / "absent.jsonl")),
    ]


def test_partition_inputs_is_deterministic_and_skips_repeated_articles(tmp_path):
    texts = article_texts(7)
    source = write_jsonl(tmp_path / "a.jsonl", [*texts, texts[2]], extra_lines=("{broken",))

    def cut():
        tally = InputTally()
        return list(partition_inputs(iter_inputs([source]), partition_size=3, tally=tally)), tally

    first, tally = cut()
    second, _ = cut()
    assert [len(p.articles) for p in first] == [3, 3, 1]
    assert [(p.index, p.digest) for p in first] == [(p.index, p.digest) for p in second]
    assert len({p.digest for p in first}) == 3
    assert tally.duplicates == 1 and tally.articles == 7
    assert [e.code for e in tally.rejected] == ["E005"]


def test_partition_inputs_digest_changes_with_metadata(tmp_path):
    text = article_texts(1)[0]
    one = Article.from_text(text, published="2024-01-01")
    other = Article.from_text(text, published="2024-01-02")
    (first,) = partition_inputs([one], partition_size=5, tally=InputTally())
    (second,) = partition_inputs([other], partition_size=5, tally=InputTally())
    assert first.digest != second.digest


def test_partition_inputs_stops_at_the_limit(tmp_path):
    source = write_jsonl(tmp_path / "a.jsonl", article_texts(10))
    tally = InputTally()
    partitions = list(partition_inputs(iter_inputs([source]), partition_size=4, tally=tally, limit=6))
    assert [len(p.articles) for p in partitions] == [4, 2]
    assert json.loads(source.read_text().splitlines()[0])["text"] == partitions[0].articles[0].text
