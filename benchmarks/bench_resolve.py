"""Cross-article resolution (`resolve_store`) at 1,000 and 10,000 articles, as a ratio to ingest time measured in
the same run, and how its cost grows.

    .venv/bin/python benchmarks/bench_resolve.py [--seed-articles 40] [--sizes 1000,10000]

1. `ingest_articles` of a few generated wire reports (the texts of bench_ingest.py) through the real pipeline,
   timed: seconds per article ingested;
2. for each size n, a fresh SQLite store filled with n records: the ingested records copied, each copy with its
   own text (a numbered line added), outlet and dates moved by up to a year, so the ledger meets many stories
   on many days as it would; then `resolve_store` timed on it;
3. printed: resolve time per article as a ratio to ingest time per article, and the growth of the resolve time
   from the smallest to the largest size against n and n log n (the resolver blocks; it never compares all
   pairs, so the growth must stay at or below n log n), also as an exponent: time ~ n^k between the sizes.

The larger ledgers are synthesised: the NLP runs only on the seed articles, and each size is filled with copies
of their processed records (running the pipeline 10,000 times would take hours on a shared machine and measure
nothing more about resolve). Copies are the hard case for the resolver: the stories repeat, as syndicated wire
copy does. Times are given as CPU seconds of this process (what the machine's other users do not change) and as
wall seconds; the ratios use CPU seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _shifted(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (dt.date.fromisoformat(value[:10]) + dt.timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def copy_record(record, index: int):  # type: ignore[no-untyped-def]
    from newsledger.model import Article

    days = (index * 37) % 365
    article = record.article
    text = article.text + f"\n\nFiled as report {index}."
    copied = Article.from_text(text, outlet=f"Wire {index % 50}", published=_shifted(article.published, days))
    events = tuple(
        dataclasses.replace(e, when=dataclasses.replace(e.when, value=_shifted(e.when.value, days)) if e.when else None)
        for e in record.events
    )
    return dataclasses.replace(record, article=copied, events=events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-articles", type=int, default=40)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from bench_ingest import make_texts
    from newsledger.model import Article
    from newsledger.nlp import load_nlp
    from newsledger.resolve import resolve_store
    from newsledger.service import ingest_articles
    from newsledger.store.db import Store

    nlp = load_nlp()
    articles = [Article.from_text(t, outlet="Wire", published="2024-03-10") for t in make_texts(args.seed_articles)]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{folder}/seed.db")
        ingest_articles(store, nlp, articles[:2])  # warm-up
        started, cpu_started = time.perf_counter(), time.process_time()
        ingest_articles(store, nlp, articles[2:])
        ingested = max(1, len(articles) - 2)
        ingest_wall = (time.perf_counter() - started) / ingested
        ingest_per_article = (time.process_time() - cpu_started) / ingested
        records = [r for r in (store.get_record(a.id) for a in articles) if r is not None]
        results = []
        for n in sizes:
            sized = Store.open(f"sqlite:///{folder}/n{n}.db")
            for index in range(n):
                sized.save_record(copy_record(records[index % len(records)], index))
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = resolve_store(sized)
            seconds, wall = time.process_time() - cpu_started, time.perf_counter() - started
            results.append(
                {
                    "articles": n,
                    "resolve_cpu_s": round(seconds, 2),
                    "resolve_wall_s": round(wall, 2),
                    "resolve_over_ingest_of_as_many_articles": round(seconds / n / ingest_per_article, 4),
                    "clusters": summary.clusters,
                    "actors": summary.actors,
                }
            )
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)  # a long run shows each size as it ends
    small, large = results[0], results[-1]
    ratio_n = large["articles"] / small["articles"]
    time_growth = large["resolve_cpu_s"] / max(small["resolve_cpu_s"], 1e-9)
    n_log_n_growth = ratio_n * math.log(large["articles"]) / math.log(small["articles"])
    growth = {
        "resolve_time_growth": round(time_growth, 2),
        "n_growth": ratio_n,
        "n_log_n_growth": round(n_log_n_growth, 2),
        # time ~ n^k between the two sizes; n log n from 1k to 10k is k = 1.12
        "growth_exponent": round(math.log(time_growth) / math.log(ratio_n), 3) if ratio_n > 1 else None,
        "n_log_n_exponent": round(math.log(n_log_n_growth) / math.log(ratio_n), 3) if ratio_n > 1 else None,
        "within_n_log_n": time_growth <= n_log_n_growth,
    }
    about = (
        f"NLP run on {len(articles)} generated wire reports; each size filled with copies of their processed "
        "records (own text line, outlet, dates moved by up to a year); CPU seconds of this process"
    )
    print(
        json.dumps(
            {
                "about": about,
                "ingest_cpu_s_per_article": round(ingest_per_article, 4),
                "ingest_wall_s_per_article": round(ingest_wall, 4),
                "sizes": results,
                **growth,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
