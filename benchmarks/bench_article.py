"""What one long article costs: the article page per view, and the pipeline's budget, at 10k, 100k and 400k characters
(not a test; figures in docs/reliability.md).

    .venv/bin/python benchmarks/bench_article.py [--sizes 10000,100000,400000] [--views 3] [--pipeline]

For each size, a report of that many characters is built from one repeated paragraph, with spans as dense as a
real record's (an entity mention every 60 characters, a place, a time, a quote per paragraph, an event and a
claim per sentence), stored in a fresh SQLite ledger and its page fetched through the real app (ASGI, in
process). Printed: CPU seconds per view (the least of --views), and the cost per
character as a ratio to the 10k article's in the same run
(1.0 = linear; the page was quadratic: 100k took 3.3 s and 400k 45 s a view). The highlighter alone is timed
beside the definition it replaced (every span checked at every cut), on the same spans, as the in-run baseline.
With --pipeline, the whole pipeline is run on each text: over the character budget it is rejected at once (E106).
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "Officials in Lima said on Monday that 12 people were hurt when fighters of the River Front attacked the "
    'market. "We will rebuild the stalls," said Ana Ruiz, the mayor, adding that the police denied the claim. '
)


def build_record(chars: int):  # type: ignore[no-untyped-def]
    from newsledger.model import (
        Article,
        ArticleRecord,
        Claim,
        Entity,
        Event,
        Mention,
        Place,
        Quote,
        TextSpan,
        TimeExpr,
    )

    text = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    article = Article.from_text(text, title="Long report", outlet="Bench Wire", published="2024-03-04")
    text = article.text
    mentions_front: list[Mention] = []
    mentions_ruiz: list[Mention] = []
    places: list[Mention] = []
    times, quotes, events, claims = [], [], [], []
    for offset in range(0, len(text) - len(PARAGRAPH) + 1, len(PARAGRAPH)):

        def at(part: str, base: int = offset) -> Mention:
            start = text.index(part, base)
            return Mention(start, start + len(part), part)

        mentions_front.append(at("River Front"))
        mentions_ruiz.append(at("Ana Ruiz"))
        places.append(at("Lima"))
        day = at("Monday")
        times.append(TimeExpr(id=f"t{len(times)}", text=day.text, start=day.start, end=day.end, value="2024-03-04"))
        quote = at("We will rebuild the stalls,")
        quotes.append(Quote(id=f"q{len(quotes)}", text=quote.text, start=quote.start, end=quote.end, kind="direct"))
        trigger = at("attacked")
        sentence_end = text.index(".", trigger.end) + 1
        events.append(
            Event(id=f"v{len(events)}", type="ASSAULT", trigger=trigger, sentence=TextSpan(offset, sentence_end))
        )
        evidence = at("the police denied the claim")
        claims.append(
            Claim(id=f"c{len(claims)}", claimant="reporter", stance="denies", proposition="x", evidence=(evidence,))
        )
    return ArticleRecord(
        article=article,
        entities=(
            Entity(id="e1", name="River Front", type="ORG", mentions=tuple(mentions_front)),
            Entity(id="e2", name="Ana Ruiz", type="PERSON", mentions=tuple(mentions_ruiz)),
        ),
        places=(Place(id="p1", name="Lima", mentions=tuple(places)),),
        times=tuple(times),
        quotes=tuple(quotes),
        events=tuple(events),
        claims=tuple(claims),
        pipeline="bench",
    )


def highlight_by_definition(text: str, spans: list) -> str:  # type: ignore[type-arg]
    """The highlighter this replaced: every span checked at every cut (quadratic)."""
    from markupsafe import escape

    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    pieces = []
    for left, right in itertools.pairwise(cuts):
        covering = [s for s in usable if s.start <= left and right <= s.end]
        pieces.append(f"{len(covering)}{escape(text[left:right])}")
    return "".join(pieces)


def timed(function, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """The least CPU time of this process (the app's thread included) over `repeat` calls: the machine is shared,
    and wall-clock time there measures the neighbours as much as the code."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        function()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,400000")
    parser.add_argument("--views", type=int, default=3)
    parser.add_argument("--pipeline", action="store_true", help="also run the whole pipeline on each text")
    parser.add_argument("--baseline-max", type=int, default=100_000, help="skip the quadratic baseline above this")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    from fastapi.testclient import TestClient

    from newsledger.api import create_app
    from newsledger.store import Store
    from newsledger.web.highlight import highlighted_html, record_spans

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            record = build_record(size)
            db = Path(tmp) / f"ledger{size}.db"
            with Store.open(db) as store:
                store.save_record(record)
            with TestClient(create_app(db)) as client:
                url = f"/articles/{record.article.id}"
                assert client.get(url).status_code == 200
                page = timed(lambda: client.get(url), options.views)  # noqa: B023 - called right here
            record_json = record.to_dict() if hasattr(record, "to_dict") else __import__("json").loads(record.to_json())
            spans = record_spans(record_json)
            sweep = timed(lambda: highlighted_html(record.article.text, spans), options.views)  # noqa: B023
            baseline = (
                timed(lambda: highlight_by_definition(record.article.text, spans), 1)  # noqa: B023
                if size <= options.baseline_max
                else None
            )
            pipeline = None
            if options.pipeline:
                from newsledger.nlp import load_nlp, process_articles

                nlp = load_nlp()
                started = time.perf_counter()
                (result,) = list(process_articles(nlp, [record.article]))
                pipeline = (time.perf_counter() - started, type(result).__name__, getattr(result, "code", ""))
            rows.append((size, len(spans), page, sweep, baseline, pipeline))
    first_size, first_page, first_sweep = rows[0][0], rows[0][2], rows[0][3]
    print(
        f"{'chars':>8} {'spans':>7} {'page s/view':>12} {'per-char ratio':>15} {'highlight s':>12} {'ratio':>7} "
        f"{'definition s':>13}"
    )
    for size, n_spans, page, sweep, baseline, pipeline in rows:
        scale = size / first_size
        line = (
            f"{size:>8} {n_spans:>7} {page:>12.3f} {page / first_page / scale:>15.2f} {sweep:>12.4f} "
            f"{sweep / first_sweep / scale:>7.2f} {'' if baseline is None else f'{baseline:.3f}':>13}"
        )
        if pipeline is not None:
            line += f"  pipeline {pipeline[0]:.1f} s -> {pipeline[1]} {pipeline[2]}"
        print(line)


if __name__ == "__main__":
    main()
