"""What one article may cost the pipeline: a number of characters, and a time.

A text over the character budget is rejected before any component sees it (a report of 400,000 characters took
two minutes and 2 GB); an article that runs past the time budget anyway (a component slow on some odd input) is
stopped and rejected, so one article never holds a run for minutes. The time budget needs a timer signal, which
Python delivers only to the main thread: it applies to the command line (`ingest`, `extract`, `reprocess`);
elsewhere (the API's worker threads, Dask workers) the character budget alone bounds the work.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

# A long news report is 10,000-30,000 characters; 100,000 is a short book chapter, and took ~30 s on one core.
ARTICLE_CHAR_BUDGET = 100_000
# Wall-clock seconds for one nlp.pipe batch (a few articles) before it is re-run one article at a time.
ARTICLE_TIME_BUDGET = 60.0


class OverTimeBudget(Exception):
    """Raised inside the pipeline when the time budget of the articles it is working on has run out."""


def _on_timer(_signum: int, _frame: FrameType | None) -> None:
    raise OverTimeBudget()


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverTimeBudget in the block if it runs longer than `seconds` (main thread only; otherwise a no-op).
    A timer set by the caller (a script's own alarm) is put back, less the time spent here."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous_handler = signal.signal(signal.SIGALRM, _on_timer)
    previous_delay, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            signal.setitimer(signal.ITIMER_REAL, max(previous_delay - (time.monotonic() - started), 0.001))
