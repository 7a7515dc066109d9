"""The desk in a real browser: demo data, filters, highlights, review with audit log, the claims board, the map."""

from __future__ import annotations

import os
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


# --- the desk for daily work (issue 20) -------------------------------------------------------------------
# Screenshots of each go to ci-output/screenshots/; with NEWSLEDGER_UPDATE_SCREENSHOTS=1 they replace the ones in
# docs/screenshots/ (a plain test run must not rewrite tracked files).

DOCS_SHOTS = ROOT / "docs" / "screenshots"


def _shot(page, name: str) -> None:
    folder = (
        DOCS_SHOTS if os.environ.get("NEWSLEDGER_UPDATE_SCREENSHOTS") == "1" else ROOT / "ci-output" / "screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=False)


def _token(desk_db: Path, name: str) -> str:
    made = subprocess.run(
        [sys.executable, "-m", "newsledger", "token", "create", name, "--db", str(desk_db), "--replace"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return made.stdout.strip()


def _log_in(page, desk: str, token: str, next_path: str) -> None:
    page.goto(f"{desk}/login?next={next_path}")
    page.fill("input[name=token]", token)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**{next_path}")


def test_browser_cluster_page_shows_the_evidence(desk: str, page) -> None:
    clusters = httpx.get(f"{desk}/api/clusters", params={"limit": 100}).json()["items"]
    cluster = max(clusters, key=lambda c: (c["n_reports"], c["fatalities_max"] or 0))
    page.goto(f"{desk}/clusters/{cluster['id']}")
    cards = page.locator("#evidence .evidence-card")
    assert cards.count() == cluster["n_reports"]
    for index in range(cards.count()):
        card = cards.nth(index)
        trigger = card.locator("mark.trigger")
        assert trigger.count() == 1 and trigger.inner_text().strip()
        assert card.locator(".outlet").inner_text().strip()
        assert "Place" in card.inner_text() and "Actors" in card.inner_text()
    assert page.locator("#asserting-outlets li").count() >= 1
    assert page.locator("#login-to-review a").is_visible()  # merge and split are offered to a logged-in analyst
    _shot(page, "cluster-evidence.png")


def test_browser_timeline_opens_on_the_latest_data_with_a_fill_per_type(desk: str, page) -> None:
    page.goto(f"{desk}/timeline")
    chart = page.locator("#timeline-chart")
    latest = chart.get_attribute("data-last")
    rects = page.locator("#timeline-chart rect[data-type]")
    assert rects.count() >= 1
    viewport = page.viewport_size
    box = chart.bounding_box()
    assert box is not None and box["x"] + box["width"] <= viewport["width"]  # no horizontal scrolling to reach it
    newest = max(range(rects.count()), key=lambda i: rects.nth(i).get_attribute("data-until") or "")
    newest_box = rects.nth(newest).bounding_box()
    assert (
        newest_box is not None and 0 <= newest_box["x"] and newest_box["x"] + newest_box["width"] <= viewport["width"]
    )
    assert (rects.nth(newest).get_attribute("data-since") or "") <= (latest or "")
    fill_of: dict[str, set[str]] = {}
    for index in range(rects.count()):
        rect = rects.nth(index)
        fill = rect.evaluate("node => getComputedStyle(node).fill")
        fill_of.setdefault(rect.get_attribute("data-type") or "", set()).add(fill)
    assert all(len(fills) == 1 for fills in fill_of.values())
    assert len({next(iter(fills)) for fills in fill_of.values()}) == len(fill_of)  # one look per type
    legend = page.locator("#timeline-legend .swatch-item")
    assert {legend.nth(i).get_attribute("data-type") for i in range(legend.count())} == set(fill_of)
    _shot(page, "timeline.png")


def test_browser_map_filters_match_the_events_list(desk: str, page) -> None:
    located = [
        e for e in httpx.get(f"{desk}/api/events", params={"limit": 500}).json()["items"] if e["lat"] is not None
    ]
    wanted = located[0]["type"]
    page.goto(f"{desk}/map")
    form = page.locator("#map-filters")
    for name in ("since", "until", "type", "country", "actor", "disputed", "reviewed"):
        assert form.locator(f"[name={name}]").count() == 1, name
    form.locator("input[name=type]").fill(wanted)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/map?*type={wanted}*")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    points = page.locator("#points-data").evaluate("node => JSON.parse(node.textContent)")
    expected = {e["pk"] for e in located if e["type"] == wanted}
    assert {p["pk"] for p in points} == expected
    assert page.locator("#map-filters input[name=type]").input_value() == wanted
    _shot(page, "map-filtered.png")


def test_browser_logged_out_review_page_offers_login(desk: str, page) -> None:
    event = httpx.get(f"{desk}/api/events", params={"limit": 1}).json()["items"][0]
    page.goto(f"{desk}/events/{event['pk']}")
    assert page.locator("#confirm-button").count() == 0 and page.locator("#review-form").count() == 0
    link = page.locator("#login-to-review a")
    assert link.inner_text() == "Log in to review"
    _shot(page, "review-logged-out.png")
    link.click()
    page.wait_for_url("**/login?next=**")
    assert page.locator("input[name=token]").is_visible()


def test_browser_events_table_fits_1024_px(desk: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(f"{desk}/events")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1024
        headers = page.locator("#events-table thead th")
        visible = [headers.nth(i) for i in range(headers.count()) if headers.nth(i).is_visible()]
        names = [h.inner_text().strip().lower() for h in visible]
        assert "outlet" in names and "review" in names
        for header in visible:
            box = header.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 1024, header.inner_text()
        _shot(page, "events-1024.png")
    finally:
        context.close()


def test_browser_bad_correction_gets_422_naming_the_field(desk: str, desk_db: Path, page) -> None:
    token = _token(desk_db, "browser-desk")
    event = httpx.get(f"{desk}/api/events", params={"limit": 1}).json()["items"][0]
    _log_in(page, desk, token, f"/events/{event['pk']}")
    assert page.locator("#review-form input[name=fatalities]").input_value() == (
        "" if event["fatalities"] is None else str(event["fatalities"])
    )  # the form holds the current value, not a placeholder
    page.fill("#review-form input[name=country]", "Atlantis")
    with page.expect_response(f"**/events/{event['pk']}/review") as answer:
        page.click("#correct-button")
    assert answer.value.status == 422
    assert "country" in page.locator("body").inner_text()
    _shot(page, "review-422.png")
    api = httpx.post(
        f"{desk}/api/events/{event['pk']}/review",
        json={"action": "correct", "corrections": {"type": "FOO"}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 422 and api.json()["detail"][0]["loc"][-1] == "type"
    assert httpx.get(f"{desk}/api/events/{event['pk']}").json()["type"] == event["type"]
