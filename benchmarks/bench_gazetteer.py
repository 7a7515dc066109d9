"""The gazetteer index against an earlier version's, in one run: build time, file size and cold-lookup speed.

    .venv/bin/python benchmarks/bench_gazetteer.py [--baseline REF] [--lookups 20000]

The baseline's source (`git archive REF src`) and this checkout's each build their index in a child process
into a fresh folder, then look up the same names (drawn from the baseline's index) with no cache, so every
lookup reaches SQLite. Absolute figures move with the machine's load; the ratios (this checkout / baseline),
measured side by side, are the figures to read. Build and lookup run twice each, alternating, and the best of
the two is kept, which damps the noise of a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a child process with PYTHONPATH set to one version's source.
CHILD = r"""
import json, random, sqlite3, sys, time
from pathlib import Path
from newsledger.gazetteer.build import ensure_index
from newsledger.gazetteer.index import Gazetteer

names_file, n = sys.argv[1], int(sys.argv[2])
started = time.perf_counter()
path, _ = ensure_index(force=True)
build_seconds = time.perf_counter() - started
if not Path(names_file).exists():
    conn = sqlite3.connect(path)
    keys = [row[0] for row in conn.execute("SELECT DISTINCT key FROM name WHERE kind = 0")]
    conn.close()
    Path(names_file).write_text(json.dumps(random.Random(7).sample(keys, min(n, len(keys)))))
names = json.loads(Path(names_file).read_text())
gazetteer = Gazetteer(path)
gazetteer._lookup("warm up the connection")
wall, cpu = time.perf_counter(), time.process_time()
found = sum(1 for name in names if gazetteer._lookup(name, fuzzy=False))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"build_s": build_seconds, "size_mb": path.stat().st_size / 1e6,
                  "lookups_per_s_wall": len(names) / wall, "lookups_per_s_cpu": len(names) / cpu, "found": found}))
"""


def baseline_source(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def measure(source: Path, names_file: Path, lookups: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PYTHONPATH": str(source), "NEWSLEDGER_DATA_DIR": data}
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(names_file), str(lookups)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        "build_s": min(r["build_s"] for r in runs),
        "size_mb": runs[-1]["size_mb"],
        "lookups_per_s_wall": max(r["lookups_per_s_wall"] for r in runs),
        "lookups_per_s_cpu": max(r["lookups_per_s_cpu"] for r in runs),
        "found": runs[-1]["found"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="git ref of the version to compare with")
    parser.add_argument("--lookups", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        base_src = baseline_source(args.baseline, Path(work) / "baseline")
        names_file = Path(work) / "names.json"
        runs: dict[str, list[dict[str, float]]] = {"baseline": [], "current": []}
        for _ in range(args.rounds):
            runs["baseline"].append(measure(base_src, names_file, args.lookups))
            runs["current"].append(measure(ROOT / "src", names_file, args.lookups))
    baseline, current = best(runs["baseline"]), best(runs["current"])
    print(f"baseline {args.baseline} vs this checkout, {args.lookups} cold exact-key lookups, best of {args.rounds}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    for key in ("build_s", "size_mb", "lookups_per_s_wall", "lookups_per_s_cpu"):
        print(f"{key:20} {baseline[key]:12.1f} {current[key]:12.1f}   ratio {current[key] / baseline[key]:.3f}")
    print(f"{'names found':20} {baseline['found']:12.0f} {current['found']:12.0f}")


if __name__ == "__main__":
    main()
