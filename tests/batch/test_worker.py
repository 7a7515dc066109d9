"""What runs on a worker: one partition through the pipeline, and the memory figure the benchmark reads."""

from __future__ import annotations

import psutil
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsledger.batch.inputs import InputTally, partition_inputs
from newsledger.batch.worker import PipelinePreload, PipelineSpec, peak_rss_bytes, process_partition
from newsledger.model import Article
from tests.batch.conftest import article_texts


def test_worker_peak_rss_is_at_least_the_current_rss():
    current = psutil.Process().memory_info().rss
    assert peak_rss_bytes() >= current > 0


@pytest.mark.model
def test_worker_process_partition_gives_one_article_row_per_article(nlp):
    articles = [
        Article.from_text(text, published="2024-06-0" + str(1 + i % 2)) for i, text in enumerate(article_texts(4))
    ]
    (partition,) = partition_inputs(articles, partition_size=10, tally=InputTally())
    result = process_partition(partition)
    assert (result.index, result.digest, result.articles, result.rejected) == (0, partition.digest, 4, ())
    # the tables come back as the bytes of their Parquet files, encoded on the worker
    tables = {key: pq.read_table(pa.BufferReader(data)) for key, data in result.files.items()}
    article_rows = sum(t.num_rows for (kind, _), t in tables.items() if kind == "articles")
    assert article_rows == 4
    assert {date for kind, date in tables if kind == "articles"} == {"2024-06-01", "2024-06-02"}


def test_worker_preload_is_registered_once_per_pipeline_and_apart_for_another():
    # idempotent: a second registration of the same pipeline is ignored by Dask, so each pipeline needs a name of
    # its own or a run with another pipeline would keep the first one's plugin
    standard = PipelinePreload(PipelineSpec())
    assert standard.idempotent
    assert standard.name == PipelinePreload(PipelineSpec()).name
    assert standard.name != PipelinePreload(PipelineSpec(components=())).name
    assert standard.name != PipelinePreload(PipelineSpec(model="en_core_web_md")).name
