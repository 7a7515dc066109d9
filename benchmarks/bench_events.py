"""What events cost: the pipeline with `newsledger_events` against the same pipeline without it.

    .venv/bin/python benchmarks/bench_events.py [--articles 12] [--repeats 2]

Both pipelines run in this process on the same texts (the founding example report plus PolNeAR news articles
of about its length, when ../shared is present), after a warm-up that loads every model once (the sub-type
model and, lazily, MiniLM), so the figure is the per-article cost a long-running process pays. Printed as a
ratio to the pipeline without events measured in the same run (target: events add at most 25%), with how many
sentences were sent to the ACLED sub-type classifier and how many of those needed MiniLM.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsledger.extract import event_classifier
from newsledger.model import Article
from newsledger.nlp import process_articles
from newsledger.nlp.pipeline import COMPONENTS, load_nlp

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def texts(count: int) -> list[str]:
    found = []
    seed = SHARED / "seed" / "panjshir.txt"
    if seed.is_file():
        found.append(seed.read_text(encoding="utf-8"))
    for path in sorted((SHARED / "eval" / "quotes" / "polnear").glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if 5_000 <= len(text) <= 11_000:
            found.append(text)
        if len(found) >= count:
            break
    if not found:
        found = ["Rebels attacked an army base near the town on Monday, the governor said. " * 60]
    return found[:count]


def seconds_per_article(components: tuple[str, ...], articles: list[Article], repeats: int) -> float:
    nlp = load_nlp(components=components)
    list(process_articles(nlp, articles[:2]))  # warm-up: models loaded once per process
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        list(process_articles(nlp, articles))
        best = min(best, time.perf_counter() - start)
    return best / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2)
    options = parser.parse_args()
    articles = [Article.from_text(t, published="2021-09-06") for t in texts(options.articles)]
    without = tuple(c for c in COMPONENTS if c != "newsledger_events")
    # the same warm state for both: the sub-type model and MiniLM are loaded before either run is timed
    classifier = event_classifier.shipped_classifier()
    if classifier is not None:
        classifier.rank(["Warplanes bombed the town."])
        event_classifier.sentence_embedder()
    calls = {"sentences": 0, "embedded": 0}
    original = event_classifier.SubtypeClassifier._scores

    def counting(self, texts_, embeddings):  # type: ignore[no-untyped-def]
        scores, embedded = original(self, texts_, embeddings)
        calls["sentences"] += len(texts_)
        calls["embedded"] += len(embedded)
        return scores, embedded

    event_classifier.SubtypeClassifier._scores = counting  # type: ignore[method-assign]
    base = seconds_per_article(without, articles, options.repeats)
    calls.update(sentences=0, embedded=0)
    full = seconds_per_article(COMPONENTS, articles, options.repeats)
    runs = options.repeats + 1  # timed runs plus the warm-up's share
    result = {
        "articles": len(articles),
        "mean_chars": round(sum(a.chars for a in articles) / len(articles)),
        "ms_per_article_without_events": round(base * 1000, 1),
        "ms_per_article_with_events": round(full * 1000, 1),
        "events_added_fraction": round((full - base) / base, 3),
        "classified_sentences_per_article": round(calls["sentences"] / (len(articles) * runs), 2),
        "embedded_sentences_per_article": round(calls["embedded"] / (len(articles) * runs), 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
