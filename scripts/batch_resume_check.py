"""The batch's resume check: N articles, `newsledger batch` killed halfway (SIGKILL to its whole process group,
workers included), run again, loaded into SQLite twice; no article may be lost or stored twice.

    .venv/bin/python scripts/batch_resume_check.py                  # 10,000 articles, 2 local workers
    .venv/bin/python scripts/batch_resume_check.py --articles 2000  # smaller, for a shared machine

Prints one JSON object with the figures and exits 1 if any check fails. The articles are short wire reports
generated here (distinct texts, so N inputs are N articles).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSLEDGER = [sys.executable, "-m", "newsledger"]

_PLACES = ("Nairobi", "Kabul", "Mosul", "Goma", "Lviv", "Tripoli", "Bamako", "Juba", "Sanaa", "Aden", "Gao")
_ACTORS = ("the army", "rebel forces", "the police", "militia fighters", "government troops", "protesters")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def write_articles(path: Path, count: int) -> None:
    rng = random.Random(20)
    with open(path, "w", encoding="utf-8") as file:
        for serial in range(count):
            place, day = rng.choice(_PLACES), rng.choice(_DAYS)
            actor, other = rng.sample(_ACTORS, 2)
            text = (
                f"{actor.capitalize()} clashed with {other} in {place} on {day}, and {rng.randint(2, 80)} people "
                f'were killed, local officials said. "The situation is calm now," a spokesman told reporters. '
                f"Dispatch {serial}."
            )
            published = f"2024-{1 + serial % 12:02d}-{1 + serial % 28:02d}"
            file.write(json.dumps({"text": text, "published": published, "outlet": "Check Wire"}) + "\n")


def manifest_lines(out: Path) -> int:
    manifest = out / "_manifest.jsonl"
    return len(manifest.read_text(encoding="utf-8").splitlines()) if manifest.exists() else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    options = parser.parse_args()

    from newsledger.batch.inputs import iter_inputs
    from newsledger.batch.output import iter_records, read_manifest
    from newsledger.model import Article
    from newsledger.store import Store

    with tempfile.TemporaryDirectory(prefix="newsledger-resume-") as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        source, out, db = folder / "articles.jsonl", folder / "out", folder / "ledger.db"
        write_articles(source, options.articles)
        input_ids = {a.id for a in iter_inputs([source]) if isinstance(a, Article)}
        planned = -(-options.articles // options.partition_size)
        command = [*NEWSLEDGER, "batch", str(source), "--out", str(out)]
        command += ["--workers", str(options.workers), "--partition-size", str(options.partition_size)]
        figures: dict[str, object] = {"articles": options.articles, "distinct_inputs": len(input_ids)}

        started = time.monotonic()
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        while first.poll() is None and manifest_lines(out) < planned // 2:
            time.sleep(0.2)
        killed = first.poll() is None
        if killed:
            os.killpg(first.pid, signal.SIGKILL)  # the batch process and its local cluster's workers
        first.wait()
        figures["first_run_seconds"] = round(time.monotonic() - started, 1)
        figures["killed"] = killed
        figures["partitions_done_when_killed"] = len(read_manifest(out))
        figures["marked_complete_after_kill"] = (out / "_batch.json").exists()

        started = time.monotonic()
        resumed = subprocess.run(command, capture_output=True, text=True, check=False)
        figures["resume_seconds"] = round(time.monotonic() - started, 1)
        summary = json.loads((out / "_batch.json").read_text(encoding="utf-8"))
        figures["resume"] = {key: summary[key] for key in ("partitions", "skipped", "processed", "articles")}
        batch_ids = [record.article.id for record in iter_records(out)]
        figures["records_in_batch"] = len(batch_ids)

        loads = []
        for _ in range(2):
            load = subprocess.run(
                [*NEWSLEDGER, "load", str(out), "--db", str(db), "--json", "--no-resolve"],
                capture_output=True,
                text=True,
                check=False,
            )
            loads.append(json.loads(load.stdout) if load.returncode == 0 else {"error": load.stderr.strip()})
        figures["loads"] = loads
        with Store.open(db) as store:
            stored_ids = [record.article.id for record in store.iter_records()]
        figures["articles_in_store"] = len(stored_ids)

        checks = {
            "killed halfway, not marked complete": killed and not figures["marked_complete_after_kill"],
            "resume exit code 0": resumed.returncode == 0,
            "resume skipped the finished partitions": summary["skipped"] == figures["partitions_done_when_killed"],
            "resume processed only the rest": summary["processed"] == planned - summary["skipped"],
            "batch holds every article once": sorted(batch_ids) == sorted(input_ids),
            "store holds every article once": sorted(stored_ids) == sorted(input_ids),
            "first load inserted all": loads[0].get("ingested") == len(input_ids),
            "second load changed nothing": loads[1].get("unchanged") == len(input_ids)
            and loads[1].get("ingested") == 0,
        }
        figures["checks"] = checks
        print(json.dumps(figures, indent=2))
        return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
