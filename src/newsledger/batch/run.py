"""Running a batch: partitions of the inputs through `process_partition` on Dask workers, written as they finish.

The client reads the inputs and cuts partitions (cheap), keeps a few partitions per worker in flight (so memory
stays bounded whatever the input size), and writes each result as it comes back, so the output folder needs no
file system shared with the workers. Partitions already in the manifest are skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.batch.inputs import InputTally, Partition, iter_inputs, partition_inputs
from newsledger.batch.output import (
    STAGING,
    SUMMARY,
    PartitionEntry,
    append_manifest,
    read_manifest,
    remove_unlisted_files,
    rewrite_manifest,
    write_atomic,
    write_partition,
    write_rejected,
)
from newsledger.batch.worker import PipelinePreload, PipelineSpec, process_partition
from newsledger.errors import Errors, InputError, NewsledgerError
from newsledger.ingest import DEFAULT_MAX_BYTES

DEFAULT_PARTITION_SIZE = 100
DEFAULT_WORKERS = 2
IN_FLIGHT_PER_WORKER = 2


@dataclass
class BatchSummary:
    out: Path
    partitions: int = 0  # planned from the inputs
    processed: int = 0  # processed in this run
    skipped: int = 0  # already finished by an earlier run
    articles: int = 0  # records in the output (all finished partitions)
    duplicates: int = 0  # inputs whose article was already read
    rejected: list[InputError] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # partitions that failed on the cluster (retried next run)

    @property
    def complete(self) -> bool:
        return not self.failed and self.processed + self.skipped == self.partitions

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "partitions": self.partitions,
            "finished": self.processed + self.skipped,
            "processed": self.processed,
            "skipped": self.skipped,
            "articles": self.articles,
            "duplicates": self.duplicates,
            "rejected": len(self.rejected),
            "failed": self.failed,
        }


LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set in the workers
    # Fewer wake-ups of the five event loops (client and scheduler, two nannies, two workers) that share the
    # cores with the workers' pipelines: each wake-up preempts a pipeline and costs it its caches. A blocked
    # loop is still reported after `tick.limit` (3 s); the dashboard's CPU and memory graphs update every 2 s
    # instead of 0.5 s; a nanny checks its worker's memory every second instead of every 0.1 s (a worker holds
    # ~530 MiB of a limit of half the machine). 2 ÷ 1 workers on 64 articles, 10 alternating runs of each:
    # 1.64-1.81 (mean 1.74) with Dask's defaults, 1.73-1.88 (mean 1.80) with these (benchmarks/run.py's section).
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

# progress(finished partitions, planned partitions, whether all inputs have been read)
ProgressCallback = Callable[[int, int, bool], None]


@contextlib.contextmanager
def dask_client(
    *, scheduler: str | None = None, workers: int = DEFAULT_WORKERS, connect_timeout: float = 15.0
) -> Iterator[Any]:
    """A client on the given scheduler, or on a local cluster of `workers` processes bound to 127.0.0.1."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise NewsledgerError(Errors.E701.format(address=scheduler, reason=str(exc)[:200])) from None
        with client:
            yield client
        return
    import dask

    # spaCy holds the GIL: one single-threaded process per worker is what scales on CPU. The workers' statistical
    # profiler (a thread sampling every stack 100 times a second) cost ~9% of a worker's CPU on 64 articles
    # (16.6 s vs 15.1 s); it only feeds the dashboard's profile page, so a local cluster runs without it.
    # Dask also starts its workers with MALLOC_TRIM_THRESHOLD_=65536, so that glibc hands freed memory back at once;
    # spaCy allocates and frees a great deal per document, and the pipeline took ~20% more CPU with it (5.9 vs
    # 4.9 s on 24 PolNeAR articles, benchmarks/bench_batch_path.py --malloc-trim). glibc's own threshold is kept.
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # the HTTP routes always; the bokeh pages if installed
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dashboard_address() -> str | None:
    # The dashboard needs bokeh; without it Dask would only warn, so it is off then.
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return None
    return "127.0.0.1:0"


def run_batch(
    inputs: Sequence[Path],
    out: Path,
    *,
    client: Any,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    limit: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    spec: PipelineSpec = PipelineSpec(),
    progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Process `inputs` into `out` on the cluster behind `client`; a second run over the same inputs resumes."""
    from distributed import as_completed

    out.mkdir(parents=True, exist_ok=True)
    (out / SUMMARY).unlink(missing_ok=True)  # until this run ends, the folder is not a finished batch
    shutil.rmtree(out / STAGING, ignore_errors=True)
    finished = read_manifest(out)
    rewrite_manifest(out, finished.values())  # drops a torn last line before new lines are appended
    client.register_plugin(PipelinePreload(spec))

    summary = BatchSummary(out=out)
    tally = InputTally()
    partitions = partition_inputs(
        iter_inputs(inputs, max_bytes=max_bytes), partition_size=partition_size, tally=tally, limit=limit
    )
    planned: dict[tuple[int, str], str] = {}  # key -> partition name
    reading_done = False
    worker_count = max(1, len(client.scheduler_info().get("workers", {})))
    in_flight_limit = IN_FLIGHT_PER_WORKER * worker_count + 1
    running = as_completed()
    submitted: dict[Any, int] = {}  # future key -> partition index, to name a partition that failed

    def report() -> None:
        if progress is not None:
            progress(summary.processed + summary.skipped, summary.partitions, reading_done)

    def submit_more() -> None:
        nonlocal reading_done
        while not reading_done and running.count() < in_flight_limit:
            partition: Partition | None = next(partitions, None)
            if partition is None:
                reading_done = True
                break
            planned[(partition.index, partition.digest)] = partition.name
            summary.partitions += 1
            if (partition.index, partition.digest) in finished:
                summary.skipped += 1
            else:
                future = client.submit(process_partition, partition, spec, pure=False)
                submitted[future.key] = partition.index
                running.add(future)
        report()

    submit_more()
    for future in running:
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a failed partition is reported and retried by the next run
            reason = f"{type(exc).__name__}: {str(exc)[:200]}"
            summary.failed.append(Errors.E705.format(index=submitted[future.key], reason=reason))
        else:
            key = (result.index, result.digest)
            entry = write_partition(out, result, partition_name=planned[key])
            append_manifest(out, entry)
            finished[key] = entry
            summary.processed += 1
        submitted.pop(future.key, None)
        future.release()
        submit_more()

    summary.duplicates = tally.duplicates
    _finish(out, summary, finished=finished, planned=planned, read_rejected=tally.rejected)
    return summary


def _finish(
    out: Path,
    summary: BatchSummary,
    *,
    finished: dict[tuple[int, str], PartitionEntry],
    planned: dict[tuple[int, str], str],
    read_rejected: list[InputError],
) -> None:
    current = [entry for key, entry in finished.items() if key in planned]
    if summary.complete:
        # Partitions of earlier, different inputs (or another --partition-size) are no longer part of the batch.
        rewrite_manifest(out, current)
        remove_unlisted_files(out, current)
    summary.articles = sum(entry.articles for entry in current)
    pipeline_rejected = [
        rejection.error() for entry in sorted(current, key=lambda e: e.index) for rejection in entry.rejected
    ]
    summary.rejected = [*read_rejected, *pipeline_rejected]
    write_rejected(out, summary.rejected)
    data = summary.to_dict()
    data["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_atomic(out / SUMMARY, json.dumps(data, indent=2) + "\n")
    shutil.rmtree(out / STAGING, ignore_errors=True)
