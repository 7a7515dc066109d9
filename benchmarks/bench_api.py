"""p95 latency of the desk's filtered event list on a ledger of 1M synthetic event rows (not a test).

    .venv/bin/python benchmarks/bench_api.py [--rows 1000000] [--db var/bench_api.db] [--requests 200]

Generates the rows once (reused when the file already has them) through the store's own schema and migrations,
then times GET /api/events with filters through the real app (its ASGI interface, in process) and reports
p50/p95 per filter,
beside the same query without filters as the in-run baseline. Target: p95 <= 50 ms for a filtered list."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("ASSAULT", "PROTEST", "CONSULT", "COERCE", "AID", "ACCUSE", "MOBILIZE", "THREATEN", "REQUEST", "AGREE")
STATUSES = ("reported", "claimed", "denied", "unverified", "planned")
COUNTRIES = ("AF", "IQ", "SY", "UA", "SD", "YE", "ML", "NG", "MM", "SO", "CD", "ET", "PK", "IN", "FR", "US")
EVENTS_PER_ARTICLE = 10


def generate(db: Path, rows: int, *, seed: int = 7) -> None:
    from newsledger.store import Store, schema

    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    with Store.open(db) as store:
        with store.engine.connect() as conn:
            have = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
        if have >= rows:
            return
        now = dt.datetime.now(dt.UTC)
        n_articles = rows // EVENTS_PER_ARTICLE
        batch = 2000
        for first in range(0, n_articles, batch):
            articles, events = [], []
            for number in range(first, min(first + batch, n_articles)):
                article_id = f"{number:064x}"
                day = start + dt.timedelta(days=rng.randrange(3650))
                outlet = f"Outlet {rng.randrange(200)}"
                articles.append(
                    {
                        "id": article_id,
                        "outlet": outlet,
                        "title": f"Report {number}",
                        "published": day.isoformat(),
                        "language": "en",
                        "chars": 1000,
                        "text": "synthetic",
                        "pipeline": "bench",
                        "schema_version": 1,
                        "record": "{}",
                        "ingested_at": now,
                    }
                )
                country = rng.choice(COUNTRIES)
                for index in range(EVENTS_PER_ARTICLE):
                    event_day = day - dt.timedelta(days=rng.randrange(3))
                    events.append(
                        {
                            "article_id": article_id,
                            "id": f"ev{index}",
                            "type": rng.choice(TYPES),
                            "trigger_text": "attacked",
                            "trigger_start": 0,
                            "trigger_end": 8,
                            "sentence_start": 0,
                            "sentence_end": 50,
                            "source_name": f"Actor {rng.randrange(5000)}",
                            "target_name": f"Actor {rng.randrange(5000)}",
                            "location": f"Town {rng.randrange(3000)}",
                            "country": country,
                            "admin1": f"Province {rng.randrange(30)}",
                            "lat": rng.uniform(-40, 60),
                            "lon": rng.uniform(-100, 120),
                            "event_date": event_day.isoformat(),
                            "status": rng.choice(STATUSES),
                            "fatalities": rng.choice((None, None, 0, 1, 3, 12)),
                            "outlet": outlet,
                            "published": day.isoformat(),
                        }
                    )
            with store.writing() as conn:
                conn.execute(schema.articles.insert(), articles)
                conn.execute(schema.events.insert(), events)
            print(f"\r{min(first + batch, n_articles) * EVENTS_PER_ARTICLE:,} rows", end="", flush=True)
        print()


def time_requests(db: Path, params: dict[str, str], n: int) -> list[float]:
    """Wall time of n requests through the app's ASGI interface (one event loop, as uvicorn runs it)."""
    import asyncio

    import httpx

    from newsledger.api import create_app

    async def run() -> list[float]:
        transport = httpx.ASGITransport(app=create_app(db))
        timings = []
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            await client.get("/api/events", params=params)  # warm the page cache
            for _ in range(n):
                began = time.perf_counter()
                response = await client.get("/api/events", params=params)
                timings.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.text
        return timings

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench_api.db")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    began = time.perf_counter()
    generate(args.db, args.rows)
    print(f"ledger ready ({args.rows:,} event rows) in {time.perf_counter() - began:.0f} s")
    cases = {
        "no filter (baseline)": {"limit": "50"},
        "country + 30-day window": {"country": "AF", "since": "2021-09-01", "until": "2021-09-30", "limit": "50"},
        "type + country + window": {
            "type": "ASSAULT",
            "country": "SY",
            "since": "2020-01-01",
            "until": "2020-03-31",
            "limit": "50",
        },
        "bbox + window": {"bbox": "60,29,75,38", "since": "2021-01-01", "until": "2021-01-31", "limit": "50"},
        "status + window, page 3": {"status": "claimed", "since": "2019-06-01", "until": "2019-06-30", "offset": "100"},
    }
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (latencies grow with other work on the machine)")
    baseline = None
    for name, params in cases.items():
        # The unfiltered list counts and facets every row: seconds on 1M rows, so fewer samples of it.
        n = min(args.requests, 10) if baseline is None else args.requests
        timings = sorted(time_requests(args.db, params, n))
        p50 = statistics.median(timings)
        p95 = timings[int(0.95 * (len(timings) - 1))]
        baseline = baseline or p95
        verdict = "ok" if p95 <= 50 else "OVER 50 ms"
        print(f"{name:28s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({p95 / baseline:4.2f}x baseline)  {verdict}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
