"""The desk in a real browser: demo data, filters, highlights, review with audit log, the claims board, the map."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]


def test_browser_filter_events(desk: str, page, screenshots: Path) -> None:
    page.goto(f"{desk}/events")
    rows = page.locator("#events-table tbody tr")
    everything = rows.count()
    assert everything > 1
    first_type = page.locator("#events-table tbody tr .type").first.inner_text()
    page.fill("input[name=type]", first_type)
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**type=*")
    types = set(page.locator("#events-table tbody tr .type").all_inner_texts())
    assert types == {first_type}
    assert rows.count() <= everything
    page.screenshot(path=str(screenshots / "events-filtered.png"), full_page=True)


def test_browser_article_highlights(desk: str, page, screenshots: Path) -> None:
    article_id = httpx.get(f"{desk}/api/articles").json()["items"][0]["id"]
    page.goto(f"{desk}/articles/{article_id}")
    for kind in ("entity", "place", "time", "quote", "event"):
        assert page.locator(f"#article-text mark.hl-{kind}").count() > 0, kind
    event_mark = page.locator("#article-text mark.hl-event").first
    trigger = event_mark.inner_text()
    event_mark.click()
    panel = page.locator("#record-body")
    assert "EVENT" in panel.inner_text().upper()
    assert panel.locator("a", has_text="open and review").count() >= 1
    assert trigger.strip() in page.locator("#article-text").inner_text()
    page.screenshot(path=str(screenshots / "article.png"))


def test_browser_review_event_shows_in_audit_log(desk: str, desk_db: Path, page, screenshots: Path) -> None:
    made = subprocess.run(
        [sys.executable, "-m", "newsledger", "token", "create", "browser-analyst", "--db", str(desk_db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    token = made.stdout.strip()
    event = httpx.get(f"{desk}/api/events", params={"limit": 1}).json()["items"][0]
    page.goto(f"{desk}/login?next=/events/{event['pk']}")
    page.fill("input[name=token]", token)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**/events/{event['pk']}")
    page.fill("input[name=fatalities]", "7")
    page.click("#correct-button")
    page.wait_for_url(f"**/events/{event['pk']}")
    assert page.locator(".badge.rv-corrected").count() >= 1
    page.goto(f"{desk}/audit")
    audit = page.locator("#audit-table tbody").inner_text()
    assert "browser-analyst" in audit and f"event:{event['pk']}" in audit and "fatalities" in audit
    page.screenshot(path=str(screenshots / "audit.png"))
    assert httpx.get(f"{desk}/api/events/{event['pk']}").json()["fatalities"] == 7


def test_browser_claims_board(desk: str, page, screenshots: Path) -> None:
    page.goto(f"{desk}/claims")
    rows = page.locator("#claims-board .board-row")
    assert rows.count() >= 1
    first = rows.first
    assert first.locator(".board-claim .claim").count() == 1
    assert first.locator(".board-others .claim").count() >= 1
    assert first.locator(".board-others .claim .meta a").count() >= 1  # outlet and date beside each
    page.screenshot(path=str(screenshots / "claims.png"))


def test_browser_map_and_timeline(desk: str, page, screenshots: Path) -> None:
    page.goto(f"{desk}/map")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")  # the offline basemap is drawn
    page.wait_for_selector(".marker-cluster, .leaflet-interactive")
    page.screenshot(path=str(screenshots / "map.png"))
    located = [
        e for e in httpx.get(f"{desk}/api/events", params={"limit": 500}).json()["items"] if e["lat"] is not None
    ]
    countries = [e["country"] for e in located]
    lone = next(country for country in countries if countries.count(country) == 1)
    page.goto(f"{desk}/map?country={lone}")
    page.locator("path.leaflet-interactive").first.click()
    evidence = page.locator(".leaflet-popup-content a[href^='/articles/']")
    evidence.wait_for()
    assert "evidence" in evidence.inner_text()
    page.goto(f"{desk}/timeline")
    assert page.locator("#timeline-chart rect").count() >= 1
    page.screenshot(path=str(screenshots / "timeline.png"))


def test_browser_hostile_article_runs_no_script(desk: str, desk_db: Path, page) -> None:
    from newsledger.store import Store
    from tests.api.conftest import ONERROR, SCRIPT, hostile_record

    record = hostile_record()
    with Store.open(desk_db) as store:
        store.save_record(record)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{desk}/articles/{record.article.id}")
    text = page.locator("#article-text").inner_text()
    assert SCRIPT in text and ONERROR in text  # shown as the words they are
    page.locator("#article-text mark.hl-entity").first.click()
    assert SCRIPT in page.locator("#record-body").inner_text()
    assert SCRIPT in page.locator("h1").inner_text()
    for path in ("/events", "/claims", "/quotes", "/actors", "/search?q=town"):
        page.goto(desk + path)
    page.goto(f"{desk}/map")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
