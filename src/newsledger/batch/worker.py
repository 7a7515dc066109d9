"""What runs on a Dask worker: one partition through `process_articles`, its records turned into Parquet files.

The spaCy pipeline (and whatever its components load, such as the gazetteer) is loaded once per worker process:
`load_nlp` is cached per process, and the `PipelinePreload` plugin fills that cache when the worker starts, so
no task pays for it and a worker that cannot load the model fails at once rather than on every task.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from newsledger.batch.inputs import Partition
from newsledger.batch.tables import parquet_files, record_tables
from newsledger.errors import InputError
from newsledger.model import Article, ArticleRecord

WARM_UP_TEXT = "The minister said on Monday that talks with the rebels would resume in the capital next week."


@dataclass(frozen=True)
class PipelineSpec:
    """Which pipeline the workers run; None means the standard one (what `newsledger extract` runs)."""

    model: str | None = None
    components: tuple[str, ...] | None = None

    def load(self) -> Any:
        # Imported here, not at the top: the client that plans and writes a batch never needs spaCy in memory.
        from newsledger.nlp import COMPONENTS, MODEL, load_nlp

        return load_nlp(self.model or MODEL, COMPONENTS if self.components is None else self.components)


@dataclass(frozen=True)
class Rejection:
    """An article the pipeline failed on, as a partition's result and the manifest keep it: the error number in a
    field of its own, so that nothing has to read it back out of the text."""

    source: str
    code: str
    reason: str

    @classmethod
    def of(cls, error: InputError) -> Rejection:
        return cls(error.source, error.code, error.reason)

    def error(self) -> InputError:
        return InputError(self.source, self.reason, code=self.code)


@dataclass(frozen=True)
class PartitionResult:
    index: int
    digest: str
    files: dict[tuple[str, str], bytes]  # (kind, date) -> the Parquet file's bytes (`tables.parquet_files`)
    articles: int
    rejected: tuple[Rejection, ...]  # the articles the pipeline failed on


def process_partition(partition: Partition, spec: PipelineSpec = PipelineSpec()) -> PartitionResult:
    """The records of one partition as tables, plus the articles that failed (which never stop the partition)."""
    from newsledger.nlp import process_articles

    nlp = spec.load()
    records: list[ArticleRecord] = []
    rejected: list[Rejection] = []
    for result in process_articles(nlp, partition.articles):
        if isinstance(result, InputError):
            rejected.append(Rejection.of(result))
        else:
            records.append(result)
    return PartitionResult(
        index=partition.index,
        digest=partition.digest,
        files=parquet_files(record_tables(records)),
        articles=len(records),
        rejected=tuple(rejected),
    )


def warm_up(spec: PipelineSpec = PipelineSpec()) -> str:
    """Load the pipeline and every resource its components load lazily, then run it once, before the first task.

    Without the explicit load, the first partition to meet (say) an unsure violent-event sentence paid for
    loading the classifier and MiniLM inside its task, which made every short batch look seconds slower per worker.
    """
    from newsledger.extract import load_resources
    from newsledger.nlp import process_articles
    from newsledger.nlp.pipeline import settle_loaded_objects

    nlp = spec.load()
    load_resources(nlp.pipe_names)
    list(process_articles(nlp, [Article.from_text(WARM_UP_TEXT, published="2000-01-03")]))
    settle_loaded_objects()  # and what the warm-up article loaded
    return spec.model or "standard"


def peak_rss_bytes() -> int:
    """Peak resident memory of this process (run on each worker through `client.run`).

    On Linux this is VmHWM, the high-water mark of this process's own memory: `ru_maxrss` would also count what
    the parent held when the worker was forked, which says nothing about the worker.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports kilobytes, macOS bytes


class PipelinePreload(WorkerPlugin):
    """Loads the pipeline when a worker starts (and on every worker that joins later)."""

    # Registering the same pipeline again (each run_batch on a long-lived client does) leaves the workers as they
    # are, rather than tearing the plugin down and warming the pipeline up again inside the run.
    idempotent = True

    def __init__(self, spec: PipelineSpec = PipelineSpec()) -> None:
        self.spec = spec
        self.name = f"newsledger-pipeline {spec!r}"

    async def setup(self, worker: Any) -> None:
        # Off the event loop, so the worker keeps answering the scheduler's heartbeats while the model loads.
        await asyncio.get_running_loop().run_in_executor(None, warm_up, self.spec)
