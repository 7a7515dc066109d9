"""Every article of a corpus through the full pipeline, one at a time, with an alarm per article.

Finds what the test suite cannot: an article that hangs a component, crashes it, or is far slower than the
rest. Not a benchmark (times are wall-clock and indicative only).

    .venv/bin/python scripts/pipeline_sweep.py "../shared/eval/quotes/polnear/train/text/*.txt" --alarm 30
"""

from __future__ import annotations

import argparse
import glob
import signal
import sys
import time
import traceback
from types import FrameType


class ArticleTimedOut(Exception):
    pass


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise ArticleTimedOut()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pattern", help="glob of text files")
    parser.add_argument("--alarm", type=int, default=30, help="seconds before an article counts as hung")
    parser.add_argument("--slow", type=float, default=3.0, help="report articles slower than this many seconds")
    parser.add_argument("--published", default="2016-10-01", help="publication date given to every article")
    options = parser.parse_args(argv)

    from newsledger.errors import InputError
    from newsledger.model import Article
    from newsledger.nlp import load_nlp, process_article

    signal.signal(signal.SIGALRM, _on_alarm)
    nlp = load_nlp()
    files = sorted(glob.glob(options.pattern))
    counts = {"hung": 0, "crashed": 0, "rejected": 0, "slow": 0}
    started = time.perf_counter()
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        began = time.perf_counter()
        signal.alarm(options.alarm)
        try:
            process_article(nlp, Article.from_text(text, published=options.published))
        except ArticleTimedOut:
            counts["hung"] += 1
            print(f"HUNG (> {options.alarm} s): {name}", flush=True)
        except InputError as error:
            counts["rejected"] += 1
            print(f"REJECTED: {name}: {error}", flush=True)
        except Exception:  # noqa: BLE001 - the point is to list every failure and go on
            counts["crashed"] += 1
            print(f"CRASHED: {name}\n{traceback.format_exc(limit=4)}", flush=True)
        finally:
            signal.alarm(0)
        seconds = time.perf_counter() - began
        if seconds > options.slow:
            counts["slow"] += 1
            print(f"SLOW {seconds:.1f} s, {len(text):,} characters: {name}", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{len(files)} articles in {elapsed:.0f} s: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if counts["hung"] or counts["crashed"] else 0


if __name__ == "__main__":
    sys.exit(main())
