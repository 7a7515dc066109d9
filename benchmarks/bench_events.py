"""What events cost: the pipeline with `newsledger_events` against the same pipeline without it.

    .venv/bin/python benchmarks/bench_events.py [--articles 12] [--repeats 2]

On the same texts (the founding example report plus PolNeAR news articles of about its length, when ../shared
is present), after a warm-up that loads every model once (the sub-type model, MiniLM), alternating: the whole
pipeline up to events, then the events component alone on docs that went through every component before it.
The figure is the events' time as a ratio to the pipeline before them, measured in the same run (target: at
most 0.25), with how many sentences went to the ACLED sub-type classifier and how many of those needed MiniLM.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.extract import event_classifier
from newsledger.extract.events import events_component
from newsledger.model import Article
from newsledger.nlp import process_articles
from newsledger.nlp.pipeline import COMPONENTS, load_nlp
from newsledger.nlp.state import attach_article

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


def docs_without_events(nlp: Language, articles: list[Article]) -> tuple[list[Doc], float]:
    start = time.perf_counter()
    docs = list(nlp.pipe(attach_article(nlp.make_doc(a.text), a) for a in articles))
    return docs, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    articles = [Article.from_text(t, published="2021-09-06") for t in texts(options.articles)]
    # events are timed on docs that went through every component before them; the components after events
    # require its events (quantities, claims), so the pipeline up to events is the baseline
    before = COMPONENTS[: COMPONENTS.index("newsledger_events")]
    nlp_before = load_nlp(components=before)
    calls = {"sentences": 0, "embedded": 0}
    cheap, refine = event_classifier.SubtypeClassifier.cheap_scores, event_classifier.SubtypeClassifier.refine

    def counting_cheap(self, texts_):  # type: ignore[no-untyped-def]
        calls["sentences"] += len(texts_)
        return cheap(self, texts_)

    def counting_refine(self, texts_, rows, scores, **options_):  # type: ignore[no-untyped-def]
        refined = refine(self, texts_, rows, scores, **options_)
        calls["embedded"] += len(refined)
        return refined

    event_classifier.SubtypeClassifier.cheap_scores = counting_cheap  # type: ignore[method-assign]
    event_classifier.SubtypeClassifier.refine = counting_refine  # type: ignore[method-assign]
    # warm-up: every model loaded once (spaCy, gazetteer, sub-type model, MiniLM)
    warm, _ = docs_without_events(nlp_before, articles[:2])
    for doc in warm:
        events_component(doc)
    event_classifier.sentence_embedder()
    list(process_articles(nlp_before, articles[:2]))
    calls.update(sentences=0, embedded=0)
    pipeline_times, events_times = [], []
    for _ in range(options.repeats):
        start = time.perf_counter()
        list(process_articles(nlp_before, articles))
        pipeline_times.append(time.perf_counter() - start)
        docs, _ = docs_without_events(nlp_before, articles)
        start = time.perf_counter()
        for doc in docs:
            events_component(doc)
        events_times.append(time.perf_counter() - start)
    base, events = min(pipeline_times), min(events_times)
    result = {
        "articles": len(articles),
        "mean_chars": round(sum(a.chars for a in articles) / len(articles)),
        "ms_per_article_pipeline_without_events": round(base * 1000 / len(articles), 1),
        "ms_per_article_events": round(events * 1000 / len(articles), 1),
        "events_added_fraction": round(events / base, 3),
        "classified_sentences_per_article": round(calls["sentences"] / (len(articles) * options.repeats), 2),
        "embedded_sentences_per_article": round(calls["embedded"] / (len(articles) * options.repeats), 2),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
