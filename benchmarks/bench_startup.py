"""Start-up time of the CLI (not a test): `newsledger --version`, `--help` and `events --format json` on a small
ledger, each as a ratio to `python -c pass` measured in the same run, and as seconds above it (goal: <= 0.3 s).

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--src PATH] [--json]

`--src` runs another checkout's code with this interpreter (e.g. `--src ../main/src` for the figure before a
change). The small ledger (20 reports, one event each) is written once through the store by the code measured.
Each figure is the median of `--runs` fresh processes, after one warm-up run; the processes also say which heavy
libraries they loaded. The code runs as an installed package does, from compiled bytecode (kept in a temporary
PYTHONPYCACHEPREFIX, whatever PYTHONDONTWRITEBYTECODE says), so a figure is not a figure of recompiling sources.
Beside wall-clock seconds it gives CPU seconds (user + system), which vary less on a shared machine, and the load
average at the start."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "torch", "sklearn", "thinc", "distributed", "pandas", "scipy", "fastapi")
GOAL_SECONDS_ABOVE = 0.3
REPORT = "Gunmen attacked a checkpoint near the river port on day {n}, killing {n} soldiers."

# Run by the child: the command's own module loading and work, then which heavy libraries are in sys.modules.
PROBE = """
import sys
from newsledger.cli import app
try:
    app(sys.argv[1:], prog_name="newsledger")
except SystemExit:
    pass
sys.stdout.flush()
print("\\nHEAVY=" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def make_ledger(db: Path, env: dict[str, str]) -> None:
    script = f"""
from newsledger.model import Article, ArticleRecord, Event, Mention, TextSpan
from newsledger.store import Store
with Store.open({str(db)!r}) as store:
    for n in range(20):
        text = {REPORT!r}.format(n=n)
        article = Article.from_text(text, outlet="Bench Wire", published="2026-01-%02d" % (n % 28 + 1))
        start = text.index("attacked")
        event = Event(id="ev1", type="ASSAULT", trigger=Mention(start, start + 8, "attacked"),
                      sentence=TextSpan(0, len(text)), status="reported")
        store.save_record(ArticleRecord(article=article, events=(event,), pipeline="bench"))
"""
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float, str]:
    """Median wall-clock and CPU seconds of `runs` fresh processes (after a warm-up that also compiles)."""
    times, cpu_times, heavy = [], [], ""
    for run in range(runs + 1):
        started, cpu_started = time.perf_counter(), _children_cpu()
        done = subprocess.run(argv, env=env, capture_output=True, text=True)
        if run:
            times.append(time.perf_counter() - started)
            cpu_times.append(_children_cpu() - cpu_started)
        if done.returncode != 0:
            raise SystemExit(f"{argv[3:]} failed: {done.stderr[-500:]}")
        heavy = next((line[6:] for line in done.stderr.splitlines() if line.startswith("HEAVY=")), heavy)
    return statistics.median(times), statistics.median(cpu_times), heavy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the newsledger source tree to measure")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(args.src.resolve()), "PYTHONWARNINGS": "ignore"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        db = Path(folder) / "small.db"
        make_ledger(db, env)
        probe = [sys.executable, "-c", PROBE.format(heavy=HEAVY)]
        baseline, baseline_cpu, _ = timed([sys.executable, "-c", "pass"], env, args.runs)
        results = {}
        for name, argv in (
            ("--version", ["--version"]),
            ("--help", ["--help"]),
            ("events --format json", ["events", "--format", "json", "--db", str(db)]),
        ):
            seconds, cpu_seconds, heavy = timed(probe + argv, env, args.runs)
            results[name] = {
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu_seconds, 3),
                "cpu_above_baseline_s": round(cpu_seconds - baseline_cpu, 3),
                "ratio": round(seconds / baseline, 1),
                "above_baseline_s": round(seconds - baseline, 3),
                "meets_goal": seconds - baseline <= GOAL_SECONDS_ABOVE,
                "heavy_modules": [m for m in heavy.split(",") if m],
            }
    summary = {
        "src": str(args.src),
        "python_c_pass_s": round(baseline, 3),
        "python_c_pass_cpu_s": round(baseline_cpu, 3),
        "load_average": [round(x, 2) for x in load],
        "runs": args.runs,
        "commands": results,
    }
    if args.json:
        print(json.dumps(summary))
        return
    print(
        f"python -c pass: {baseline:.3f} s, CPU {baseline_cpu:.3f} s (median of {args.runs}); code from {args.src}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    for name, found in results.items():
        print(
            f"newsledger {name:22s} {found['seconds']:6.3f} s  x{found['ratio']:<6} "
            f"+{found['above_baseline_s']:.3f} s  {'ok' if found['meets_goal'] else 'over the 0.3 s goal'}  "
            f"CPU +{found['cpu_above_baseline_s']:.3f} s  "
            f"heavy: {', '.join(found['heavy_modules']) or 'none'}"
        )


if __name__ == "__main__":
    main()
