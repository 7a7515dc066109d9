"""The desk under load for longer than the test does (not a test): a real `newsledger serve` on 127.0.0.1 over a
ledger of hostile and ordinary reports, hammered by client threads for a bounded time, then the same while an
ingest writes into the same SQLite file.

    .venv/bin/python benchmarks/load_api.py [--seconds 60] [--threads 16] [--reports 500] [--db var/load_api.db]

Prints requests served, errors (must be 0), p50/p95 per phase, and the p95 under writes as a ratio to the p95
of the read-only phase measured in the same run (the machine and what else runs on it change absolute times)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hardening.conftest import build_ledger, live_server  # noqa: E402
from tests.hardening.corpus import report  # noqa: E402
from tests.hardening.loadgen import READ_PATHS, hammer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase (at most)")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--reports", type=int, default=500, help="ordinary reports in the ledger")
    parser.add_argument("--writes", type=int, default=200, help="reports ingested during the second phase")
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temporary one)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="newsledger-load-"))
    db = args.db or workdir / "ledger.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    build_ledger(db, reports=args.reports)
    with live_server(db) as base:
        reads = hammer(base, READ_PATHS, threads=args.threads, max_requests=args.max_requests, max_seconds=args.seconds)
        print(f"reads only:          {reads.line()}")
        folder = workdir / "writes"
        folder.mkdir()
        for marker in range(100_000, 100_000 + args.writes):
            (folder / f"r{marker}.txt").write_text(report(marker), encoding="utf-8")
        command = [sys.executable, "-m", "newsledger", "ingest", str(folder), "--db", f"sqlite:///{db}"]
        command += ["--nlp", "tests.hardening.records_pipeline:make_nlp", "--json", "--no-fetch"]
        env = {**os.environ, "NEWSLEDGER_HARDENING_DELAY": "0.02"}
        ingest = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        during = hammer(
            base, READ_PATHS, threads=args.threads, max_requests=args.max_requests, max_seconds=args.seconds
        )
        out, _ = ingest.communicate(timeout=600)
        print(f"reads during ingest: {during.line()}")
        print(f"ingest exit code {ingest.returncode}: {out.decode().strip().splitlines()[-1] if out else ''}")
        if reads.percentile(95):
            print(f"p95 under writes / p95 reads only: {during.percentile(95) / reads.percentile(95):.2f}")
        for error in (reads.errors + during.errors)[:20]:
            print(f"error: {error}")
    return 1 if reads.errors or during.errors or ingest.returncode not in (0, None) else 0


if __name__ == "__main__":
    raise SystemExit(main())
