"""Regenerate docs/screenshots/*.png: the article view, map, timeline and claims board of the demo ledger.

    .venv/bin/python scripts/screenshots.py [--db var/demo.db] [--out docs/screenshots]

Builds the demo ledger (`newsledger demo --no-serve`) when the database is missing, serves it with uvicorn on a
free 127.0.0.1 port and drives Debian's Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(db: Path) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "demo.db")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not args.db.exists():
        subprocess.run(
            [sys.executable, "-m", "newsledger", "demo", "--no-serve", "--db", str(args.db)], cwd=ROOT, check=True
        )
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with served(args.db) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        article_id = httpx.get(base + "/api/articles").json()["items"][0]["id"]
        page.goto(f"{base}/articles/{article_id}")
        page.locator("mark.hl-event").first.click()
        page.screenshot(path=str(args.out / "article.png"))
        page.goto(f"{base}/map")
        page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
        page.wait_for_timeout(800)
        page.screenshot(path=str(args.out / "map.png"))
        page.goto(f"{base}/timeline")
        page.screenshot(path=str(args.out / "timeline.png"))
        page.goto(f"{base}/claims")
        page.screenshot(path=str(args.out / "claims.png"))
        page.goto(f"{base}/events")
        page.screenshot(path=str(args.out / "events.png"))
        browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
