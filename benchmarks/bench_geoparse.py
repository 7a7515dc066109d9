"""Geoparsing speed and the gazetteer's cost: documents/s, lookups/s, index RSS and first-build time.

    .venv/bin/python benchmarks/bench_geoparse.py [--docs 300] [--lookups 20000] [--skip-build]

1. first build: the index built from the data packages into a temporary folder (once per machine in real use);
2. lookups: distinct place names drawn from the index itself, looked up with the cache cleared (every lookup
   goes to SQLite; wall clock and CPU time, beside the load average), then again warm;
3. index RSS: the process's resident memory before opening the index and after the lookups;
4. geoparsing: the `newsledger_places` component alone on documents the model has already parsed (LGL texts
   from ../shared/eval/geoparse/ when present, else generated reports), beside the spaCy model's own
   documents/s on the same texts in the same run (the ratio travels between machines; absolute rates do not).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
LGL = ROOT.parent / "shared" / "eval" / "geoparse" / "lgl.xml"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def first_build_seconds() -> tuple[float, float]:
    """Build into a fresh folder in a child process; returns (seconds, size MB)."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "NEWSLEDGER_DATA_DIR": folder}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from newsledger.gazetteer.build import ensure_index; ensure_index(force=True)"],
            env=env,
            check=True,
        )
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(folder).glob("*.sqlite")) / 1e6
    return seconds, size


def texts(n: int) -> list[str]:
    if LGL.exists():
        from lxml import etree

        found = [node.findtext("text") or "" for node in etree.parse(str(LGL)).getroot().iter("article")]
        return [t for t in found if t][:n]
    rng = random.Random(3)
    cities = ("Nairobi", "Kabul", "Aleppo", "Dublin", "Paris", "Columbus", "Springfield", "Lviv", "Goma", "Juba")
    return [
        f"{rng.choice(cities).upper()} (Wire) - Officials in {rng.choice(cities)} said flooding reached "
        f"{rng.choice(cities)} and the nearby {rng.choice(cities)} County on Monday."
        for _ in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--skip-build", action="store_true", help="do not time a first build")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []

    if not args.skip_build:
        seconds, size = first_build_seconds()
        rows += [("first build (s)", f"{seconds:.1f}"), ("index file (MB)", f"{size:.0f}")]

    from newsledger.gazetteer.build import ensure_index
    from newsledger.gazetteer.index import Gazetteer

    path, _ = ensure_index()
    before = rss_mb()
    gazetteer = Gazetteer(path)
    names = [
        row[0]
        for row in gazetteer.conn.execute(
            "SELECT name FROM place WHERE feature != 'admin2' ORDER BY random() LIMIT ?", (args.lookups,)
        )
    ]
    started, started_cpu = time.perf_counter(), time.process_time()
    for name in names:
        gazetteer.lookup(name)
    cold = len(names) / (time.perf_counter() - started)
    cold_cpu = len(names) / (time.process_time() - started_cpu)
    started = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    warm = len(names) / (time.perf_counter() - started)
    after = rss_mb()
    # On a shared machine the wall-clock rate says how busy the other processes are; CPU time says what a
    # lookup costs. Both are printed, with the load, so a reader can tell which one to trust.
    rows += [
        ("load average (1 min)", f"{os.getloadavg()[0]:.2f}"),
        ("lookups/s (cold, SQLite, wall)", f"{cold:,.0f}"),
        ("lookups/s (cold, SQLite, CPU time)", f"{cold_cpu:,.0f}"),
        ("lookups/s (warm cache)", f"{warm:,.0f}"),
        ("index RSS added (MB)", f"{after - before:.0f}"),
    ]

    from newsledger.extract.places import places_component
    from newsledger.model import Article
    from newsledger.nlp import load_nlp
    from newsledger.nlp.state import attach_article

    sample = texts(args.docs)
    nlp = load_nlp(components=("newsledger_entities",))
    list(nlp.pipe(sample[:10]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(attach_article(nlp.make_doc(t), Article.from_text(t)) for t in sample))
    spacy_rate = len(docs) / (time.perf_counter() - started)
    places_component(docs[0])  # opens the shared gazetteer
    started = time.perf_counter()
    for doc in docs:
        places_component(doc)
    geo_rate = len(docs) / (time.perf_counter() - started)
    rows += [
        ("documents", str(len(docs))),
        ("spaCy model + entities docs/s", f"{spacy_rate:,.1f}"),
        ("geoparse (places component) docs/s", f"{geo_rate:,.1f}"),
        ("geoparse / spaCy speed ratio", f"{geo_rate / spacy_rate:.1f}"),
    ]

    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  -----")
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
