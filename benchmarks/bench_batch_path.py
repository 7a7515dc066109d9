"""Where a Dask worker's time goes beside the pipeline itself, in CPU seconds (so a busy machine inflates it little).

    .venv/bin/python benchmarks/bench_batch_path.py [--articles 32] [--partition-size 4]

For the same texts in one process: the pipeline (`process_articles`), then each step a batch adds to it: the
records turned into Arrow tables (`record_tables`, on the worker) and encoded as Parquet files (`parquet_files`,
on the worker), the result serialized as Dask sends it back to the client (`distributed.protocol.serialize` of the
`PartitionResult`, on the worker), and the client's writes of those files (`write_partition`). Each step's cost
is given as a share of the pipeline's. It also times the pipeline
with the BLAS thread pools limited to one thread, as a Dask worker runs it (`threads_per_worker=1`), against the
default: on 2 cores, numpy's BLAS may use both cores for spaCy's matrix products in a plain process, which no single
Dask worker gets; that part of the gap is the cost of one core, not of the batch path.

`--malloc-trim` instead times the pipeline (CPU, one BLAS thread, fastest of 2) in two fresh processes, with and
without MALLOC_TRIM_THRESHOLD_=65536, the value Dask's nanny gives its workers by default, twice each, alternating.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=32)
    parser.add_argument("--partition-size", type=int, default=4)
    parser.add_argument("--malloc-trim", action="store_true", help="the pipeline with and without Dask's setting")
    parser.add_argument("--pipeline-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.malloc_trim:
        return compare_malloc_trim(options.articles)

    from distributed.protocol import serialize_bytelist
    from threadpoolctl import threadpool_limits

    from newsledger.batch.inputs import InputTally, partition_inputs
    from newsledger.batch.output import write_partition
    from newsledger.batch.tables import parquet_files, record_tables
    from newsledger.batch.worker import PartitionResult, PipelineSpec, warm_up
    from newsledger.model import Article, ArticleRecord
    from newsledger.nlp import process_articles
    from run import seed_sized_texts

    texts, origin = seed_sized_texts(options.articles)
    articles = [Article.from_text(text, published="2024-01-15") for text in texts]
    warm_up()
    nlp = PipelineSpec().load()
    partitions = list(partition_inputs(iter(articles), partition_size=options.partition_size, tally=InputTally()))

    def cpu(run):  # type: ignore[no-untyped-def]
        started = time.process_time()
        out = run()
        return out, time.process_time() - started

    def pipeline() -> list[list[ArticleRecord]]:
        return [[r for r in process_articles(nlp, p.articles) if isinstance(r, ArticleRecord)] for p in partitions]

    if options.pipeline_only:
        with threadpool_limits(1):
            print(min(cpu(pipeline)[1] for _ in range(2)))
        return 0
    wall = time.perf_counter()
    records, pipeline_default = cpu(pipeline)
    wall_default = time.perf_counter() - wall
    with threadpool_limits(1):
        wall = time.perf_counter()
        _, pipeline_one_thread = cpu(pipeline)
        wall_one_thread = time.perf_counter() - wall
    tables, table_seconds = cpu(lambda: [record_tables(r) for r in records])
    files, encode_seconds = cpu(lambda: [parquet_files(t) for t in tables])
    results = [
        PartitionResult(index=p.index, digest=p.digest, files=f, articles=len(r), rejected=())
        for p, f, r in zip(partitions, files, records, strict=True)
    ]
    frames, serialize_seconds = cpu(lambda: [serialize_bytelist(result) for result in results])
    with tempfile.TemporaryDirectory() as out:
        _, write_seconds = cpu(
            lambda: [
                write_partition(Path(out), result, partition_name=p.name)
                for result, p in zip(results, partitions, strict=True)
            ]
        )
    sent = sum(len(frame) for parts in frames for frame in parts)
    base = pipeline_one_thread
    print(f"{len(articles)} articles ({origin}), partitions of {options.partition_size}; load {os.getloadavg()[0]:.1f}")
    print(f"pipeline, BLAS default threads: {pipeline_default:.2f} cpu s, {wall_default:.2f} wall s")
    print(f"pipeline, BLAS one thread:      {pipeline_one_thread:.2f} cpu s, {wall_one_thread:.2f} wall s")
    print(f"wall one thread / wall default: {wall_one_thread / wall_default:.2f}")
    for name, seconds in (
        ("record_tables (worker)", table_seconds),
        ("Parquet encoding (worker)", encode_seconds),
        ("serialize result (worker)", serialize_seconds),
        ("write_partition (client)", write_seconds),
    ):
        print(f"{name:28s} {seconds:6.3f} cpu s  {seconds / base:6.1%} of the pipeline")
    print(f"bytes sent back per article: {sent / len(articles):,.0f}")
    return 0


def compare_malloc_trim(articles: int) -> int:
    print(f"load {os.getloadavg()[0]:.1f}")
    for _ in range(2):
        for value in (None, "65536"):
            env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
            if value is not None:
                env["MALLOC_TRIM_THRESHOLD_"] = value
            command = [sys.executable, __file__, "--pipeline-only", "--articles", str(articles)]
            seconds = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
            print(f"MALLOC_TRIM_THRESHOLD_={value or '(unset)'}: pipeline {float(seconds):.2f} cpu s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
