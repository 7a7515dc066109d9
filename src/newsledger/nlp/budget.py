"""What one article may cost the pipeline: a number of characters, and a time.

A text over the character budget is rejected before any component sees it (a report of 400,000 characters took
two minutes and 2 GB); an article that runs past the time budget anyway (a component slow on some odd input) is
stopped and rejected, so one article never holds a run for minutes. The time budget applies where Python can
deliver a timer signal, the main thread (the command line: `ingest`, `extract`, `reprocess`; see
`newsledger/deadline.py`); elsewhere (the API's worker threads, Dask workers) the character budget alone bounds
the work.
"""

from __future__ import annotations

from newsledger.deadline import OverTimeBudget, time_budget

__all__ = ["ARTICLE_CHAR_BUDGET", "ARTICLE_TIME_BUDGET", "OverTimeBudget", "time_budget"]

# A long news report is 10,000-30,000 characters; 100,000 is a short book chapter, and took ~30 s on one core.
ARTICLE_CHAR_BUDGET = 100_000
# Wall-clock seconds for one nlp.pipe batch (a few articles) before it is re-run one article at a time.
ARTICLE_TIME_BUDGET = 60.0
