"""Ingest throughput into SQLite as a ratio to the pipeline alone (`process_articles`), on the same texts in the
same run; target >= 0.8 (storage costs at most 20%).

    .venv/bin/python benchmarks/bench_ingest.py [--articles 200] [--batch-size 32]

1. `process_articles(nlp, articles)` alone (records built and dropped);
2. `ingest_articles(store, nlp, articles)` into a fresh SQLite file: skip check, pipeline, one transaction per
   article (WAL);
3. resolution across articles over the stored result (`resolve_store`), reported on its own: it runs once per
   ingest run, not per article.
The pipeline is warmed up first; the two timed runs alternate twice and the faster of each is kept, so that a
load spike from other processes on the machine does not decide the ratio.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CITIES = ("Nairobi", "Kabul", "Aleppo", "Mosul", "Goma", "Lviv", "Tripoli", "Bamako", "Juba", "Sanaa")
GROUPS = ("the army", "rebel forces", "the police", "militia fighters", "government troops")
PEOPLE = ("Amina Yusuf", "Omar Haddad", "Maria Santos", "John Okafor", "Elena Petrova", "Ahmed Karimi")
ROLES = ("spokesman", "foreign minister", "governor", "commander", "police chief")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def make_texts(n: int, *, seed: int = 7) -> list[str]:
    """Distinct wire reports of 2-4 kB written from a template (no corpus needed)."""
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        city, other = rng.sample(CITIES, 2)
        group, rival = rng.sample(GROUPS, 2)
        person, second = rng.sample(PEOPLE, 2)
        role, day = rng.choice(ROLES), rng.choice(DAYS)
        killed, wounded = rng.randint(2, 40), rng.randint(5, 90)
        paragraphs = [
            f"{city.upper()} (Wire {i}) - {group.capitalize()} attacked positions held by {rival} near {city} on "
            f"{day}, killing at least {killed} people and wounding {wounded}, officials said.",
            f'"We will not allow this to continue," {person}, the {role}, told reporters in {other}. '
            f"{person} said reinforcements had been sent and that the situation was under control.",
            f"{second}, a spokesman for {rival}, denied that the town had fallen, calling the reports false. "
            f"He said fighting was still going on in the eastern districts.",
            f"Aid agencies said more than {wounded * 10} families had fled to {other} since the start of the "
            f"month. The United Nations called for a ceasefire and said talks would be held next week.",
        ]
        extra = rng.randint(1, 4)
        for k in range(extra):
            paragraphs.append(
                f"Residents reached by phone described heavy shelling overnight in district {k + 1} of {city}. "
                f"Report {i}-{k}: shops were closed and roads to {other} were blocked by checkpoints."
            )
        texts.append("\n\n".join(paragraphs))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    options = parser.parse_args()

    from newsledger.model import Article
    from newsledger.nlp import load_nlp, process_articles
    from newsledger.resolve import resolve_store
    from newsledger.service import ingest_articles
    from newsledger.store import Store

    nlp = load_nlp()
    articles = [
        Article.from_text(text, outlet=f"Outlet {i % 7}", published="2021-09-06", source=f"bench-{i}")
        for i, text in enumerate(make_texts(options.articles))
    ]
    list(process_articles(nlp, articles[:8], batch_size=options.batch_size))  # warm-up

    def pipeline_alone() -> float:
        started = time.perf_counter()
        for _record in process_articles(nlp, articles, batch_size=options.batch_size):
            pass
        return time.perf_counter() - started

    def ingest_into_sqlite(folder: Path, run: int) -> tuple[float, float, int]:
        with Store.open(folder / f"bench-{run}.db") as store:
            started = time.perf_counter()
            summary = ingest_articles(store, nlp, articles, batch_size=options.batch_size)
            ingest_seconds = time.perf_counter() - started
            started = time.perf_counter()
            resolve_store(store)
            return ingest_seconds, time.perf_counter() - started, summary.ingested

    with tempfile.TemporaryDirectory() as tmp:
        pipeline_times, ingest_times, resolve_times = [], [], []
        for run in range(2):
            pipeline_times.append(pipeline_alone())
            ingest_seconds, resolve_seconds, stored = ingest_into_sqlite(Path(tmp), run)
            ingest_times.append(ingest_seconds)
            resolve_times.append(resolve_seconds)
            assert stored == len(articles), f"stored {stored} of {len(articles)}"
    n = len(articles)
    pipeline_rate = n / min(pipeline_times)
    ingest_rate = n / min(ingest_times)
    ratio = ingest_rate / pipeline_rate
    print(f"articles: {n} (mean {sum(a.chars for a in articles) / n:.0f} chars), batch size {options.batch_size}")
    print("| measure | articles/s | ratio to pipeline alone |")
    print("|---|---|---|")
    print(f"| process_articles alone | {pipeline_rate:.1f} | 1.00 |")
    print(f"| ingest into SQLite | {ingest_rate:.1f} | {ratio:.2f} |")
    with_resolve = n / (min(ingest_times) + min(resolve_times))
    print(f"| ingest + resolve | {with_resolve:.1f} | {with_resolve / pipeline_rate:.2f} |")
    print(f"target: ingest >= 0.8 x pipeline: {'met' if ratio >= 0.8 else 'NOT met'}")


if __name__ == "__main__":
    main()
