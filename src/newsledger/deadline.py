"""A time limit on a block of work, for the command line: one input, or one article, must not hold a run for
minutes. The limit needs a timer signal, which Python delivers only to the main thread; elsewhere (the API's
worker threads, Dask workers) `time_budget` does nothing and only the size limits bound the work."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType


class OverTimeBudget(BaseException):
    """Raised inside the block when its time has run out. Not an Exception, like KeyboardInterrupt: the
    libraries under a reader or a component catch Exception broadly (trafilatura does), which would swallow the
    budget, carry on working, and report a wrong reason."""


def _on_timer(_signum: int, _frame: FrameType | None) -> None:
    raise OverTimeBudget()


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverTimeBudget in the block if it runs longer than `seconds` (main thread only; otherwise a no-op).
    A timer set by the caller (a script's own alarm, an enclosing budget) is put back, less the time spent here."""
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
