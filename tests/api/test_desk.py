"""The desk for daily work through the real app: alerts (saved searches, their Atom feed), review input checked
against vocabularies and ranges with the field named, the form holding current values, the logged-out review
page, the cluster's evidence, country names in filters, snippets, untitled reports, the favicon."""

from __future__ import annotations

import re
from html import unescape

import feedparser
import pytest
from fastapi.testclient import TestClient

from newsledger.model import Article, ArticleRecord
from newsledger.store import Store
from tests.api.test_app import _csrf, _login


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("country", ["AF", "af", "Afghanistan", "afghanistan", "Islamic Republic of Afghanistan"])
def test_desk_country_filter_takes_names_and_codes(client: TestClient, country: str) -> None:
    response = client.get("/api/events", params={"country": country})
    assert response.status_code == 200, response.text
    assert [e["type"] for e in response.json()["items"]] == ["ASSAULT"]
    assert client.get("/events", params={"country": country}).status_code == 200


def test_desk_unknown_country_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.get("/api/events", params={"country": "Atlantis"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "country"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("type", "FOO"),
        ("status", "won"),
        ("fatalities", -1),
        ("fatalities", 5_000_000),
        ("event_date", "2024-02-30"),
        ("event_date", "1066-10-14"),
        ("lat", 91),
        ("country", "Atlantis"),
        ("acled_subtype", "Picnic"),
    ],
)
def test_desk_bad_correction_is_a_422_naming_the_field(
    client: TestClient, token: str, field: str, value: object
) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    response = client.post(
        f"/api/events/{event_pk}/review",
        json={"action": "correct", "corrections": {field: value}},
        headers=_bearer(token),
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][-1] == field
    assert client.get("/api/audit").json()["items"] == []


def test_desk_correction_takes_a_country_name(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events", params={"type": "PROTEST"}).json()["items"][0]["pk"]
    response = client.post(
        f"/api/events/{event_pk}/review",
        json={"action": "correct", "corrections": {"country": "iraq", "type": "protest"}},
        headers=_bearer(token),
    )
    assert response.status_code == 200, response.text
    event = client.get(f"/api/events/{event_pk}").json()
    assert event["country"] == "IQ" and event["type"] == "PROTEST"


def test_desk_logged_out_review_page_offers_login_not_buttons(client: TestClient) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    html = client.get(f"/events/{event_pk}").text
    assert 'id="login-to-review"' in html and "Log in to review" in html
    assert 'id="confirm-button"' not in html and 'id="review-form"' not in html


def test_desk_review_form_holds_current_values_and_saves_only_changes(client: TestClient, token: str) -> None:
    event = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    csrf = _login(client, token)
    html = client.get(f"/events/{event['pk']}").text
    assert re.search(r'name="fatalities" type="number" min="0" value="12"', html)
    assert re.search(r'<option value="ASSAULT" selected>', html)
    assert 'placeholder="12"' not in html
    fields = {name: unescape(value) for name, value in re.findall(r'<input name="(\w+)"[^>]*?value="([^"]*)"', html)}
    fields.update({"type": "ASSAULT", "status": event["status"], "acled_subtype": ""})
    fields.update({"fatalities": "7", "action": "correct", "csrf_token": csrf})
    done = client.post(f"/events/{event['pk']}/review", data=fields, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert len(client.get("/api/audit").json()["items"]) == 1
    assert client.get(f"/api/events/{event['pk']}").json()["review"] == {"fatalities": 7}


def test_desk_form_correction_out_of_range_names_the_field(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    csrf = _login(client, token)
    response = client.post(
        f"/events/{event_pk}/review", data={"action": "correct", "fatalities": "-3", "csrf_token": csrf}
    )
    assert response.status_code == 422
    assert "fatalities" in response.text


def test_desk_alerts_saved_with_stable_url_and_atom_feed(client: TestClient, token: str, ledger) -> None:
    made = client.post(
        "/api/alerts",
        json={"name": "Assaults in Afghanistan", "filters": {"type": "ASSAULT", "country": "Afghanistan"}},
        headers=_bearer(token),
    )
    assert made.status_code == 200, made.text
    assert made.json()["url"] == "/alerts/assaults-in-afghanistan"
    assert made.json()["filters"] == {"type": "ASSAULT", "country": "AF"}
    again = client.post("/api/alerts", json={"name": "Assaults in Afghanistan"}, headers=_bearer(token))
    assert again.json()["url"] == "/alerts/assaults-in-afghanistan-2"
    feed = client.get("/alerts/assaults-in-afghanistan", params={"format": "atom"})
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo
    assert [entry.title.split()[0] for entry in parsed.entries] == ["ASSAULT"]
    page = client.get("/alerts/assaults-in-afghanistan")
    assert "Dorvale" in page.text and 'href="/alerts/assaults-in-afghanistan?format=atom"' in page.text
    listing = client.get("/api/alerts").json()
    assert [s["slug"] for s in listing["searches"]] == ["assaults-in-afghanistan", "assaults-in-afghanistan-2"]
    assert listing["searches"][0]["latest"][0]["type"] == "ASSAULT"
    assert "secret" not in str(listing)
    assert client.post(
        "/api/alerts", json={"name": "x", "filters": {"country": "Atlantis"}}, headers=_bearer(token)
    ).json()["detail"][0]["loc"] == ["body", "filters", "country"]
    assert client.post("/api/alerts", json={"name": "x"}).status_code == 401


def test_desk_alert_saved_from_the_events_page_form(client: TestClient, token: str) -> None:
    csrf = _login(client, token)
    page = client.get("/events", params={"type": "PROTEST"}).text
    assert 'action="/alerts"' in page
    done = client.post(
        "/alerts",
        data={"csrf_token": csrf, "name": "Protests", "type": "PROTEST", "offset": "0"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/alerts/protests"
    assert client.get("/api/alerts/protests").json()["search"]["filters"] == {"type": "PROTEST"}
    assert "Protests" in client.get("/alerts").text


def test_desk_events_page_logged_out_offers_login_to_save(client: TestClient) -> None:
    page = client.get("/events").text
    assert "Log in to save this search" in page and 'action="/alerts"' not in page


def test_desk_cluster_page_shows_each_reports_evidence(client: TestClient) -> None:
    cluster = next(c for c in client.get("/api/clusters").json()["items"] if c["type"] == "ASSAULT")
    html = client.get(f"/clusters/{cluster['id']}").text
    assert '<mark class="trigger">attacked</mark>' in html
    assert "Dorvale" in html and "12 killed" in html
    assert 'id="toll-by-source"' in html and 'id="disputing-outlets"' in html
    assert "Log in to review" in html and 'id="merge-button"' not in html
    data = client.get(f"/clusters/{cluster['id']}", params={"format": "json"}).json()
    assert data["evidence"]["toll"]["min"] == 12
    assert data["evidence"]["members"][0]["sentence"].startswith("Fighters of the")


def test_desk_search_snippet_highlights_without_brackets(client: TestClient) -> None:
    html = client.get("/search", params={"q": "farmers"}).text
    assert re.search(r"<mark>Farmers</mark>", html)
    assert "[Farmers]" not in html


def test_desk_untitled_article_listed_by_first_line(client: TestClient, ledger) -> None:
    text = "Rains flooded the lower town on Sunday.\nResidents moved to higher ground."
    with Store.open(ledger) as store:
        record = ArticleRecord(article=Article.from_text(text, outlet="Wire"), pipeline="test")
        store.save_record(record)
    assert "Rains flooded the lower town on Sunday." in client.get("/articles").text
    assert "<h1>Rains flooded the lower town on Sunday.</h1>" in client.get(f"/articles/{record.article.id}").text


def test_desk_favicon_on_every_page(client: TestClient) -> None:
    for path in ("/", "/events", "/timeline", "/alerts", "/login"):
        assert '<link rel="icon" href="/static/favicon.svg"' in client.get(path).text, path
    assert client.get("/static/favicon.svg").status_code == 200
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")


def test_desk_map_page_has_the_events_filters(client: TestClient) -> None:
    html = client.get("/map", params={"type": "ASSAULT", "country": "Afghanistan"}).text
    assert 'id="map-filters"' in html
    for name in ("since", "until", "type", "country", "actor", "disputed", "reviewed"):
        assert f'name="{name}"' in html, name
    points = re.search(r'<script type="application/json" id="points-data">(.*?)</script>', html, re.S)
    assert points is not None and "Dorvale" in points.group(1) and "Velmont" not in points.group(1)


def test_desk_timeline_scales_dates_and_gives_each_type_its_own_fill(client: TestClient) -> None:
    html = client.get("/timeline").text
    rects = re.findall(r'<rect x="([\d.]+)"[^>]*fill="([^"]+)" data-type="(\w+)"', html)
    fills = {t: f for _, f, t in rects}
    assert set(fills) == {"ASSAULT", "PROTEST"} and len(set(fills.values())) == 2
    assert 'viewBox="0 0 1000' in html
    assert _csrf  # shared helpers stay importable


def test_desk_cluster_page_offers_likely_merges(client: TestClient, token: str, ledger) -> None:
    from tests.api.conftest import hostile_record

    record = hostile_record()
    with Store.open(ledger) as store:
        second = ArticleRecord(
            article=Article.from_text(
                record.article.text + " Officials repeated it.", outlet="Other Wire", published="2024-03-03"
            ),
            entities=record.entities,
            places=record.places,
            times=record.times,
            events=record.events,
            pipeline="test",
        )
        store.save_record(second)
        from newsledger.resolve import resolve_store

        resolve_store(store)
    clusters = [c for c in client.get("/api/clusters").json()["items"] if c["type"] == "ASSAULT"]
    if len(clusters) == 1:  # the resolver joined the two reports: an analyst splits one off first
        members = client.get(f"/api/clusters/{clusters[0]['id']}").json()["events"]
        client.post(
            f"/api/clusters/{clusters[0]['id']}/split", json={"event_pks": [members[-1]["pk"]]}, headers=_bearer(token)
        )
        clusters = [c for c in client.get("/api/clusters").json()["items"] if c["type"] == "ASSAULT"]
    assert len(clusters) == 2
    first, other = clusters[0], clusters[1]
    data = client.get(f"/clusters/{first['id']}", params={"format": "json"}).json()
    assert other["id"] in [m["id"] for m in data["evidence"]["merge_candidates"]]
    csrf = _login(client, token)
    page = client.get(f"/clusters/{first['id']}").text
    assert f'name="other" value="{other["id"]}"' in page
    merged = client.post(
        f"/clusters/{first['id']}/merge", data={"csrf_token": csrf, "other": str(other["id"])}, follow_redirects=False
    )
    assert merged.status_code == 303
    assert client.get("/api/audit").json()["items"][0]["action"] == "merge"
    assert client.get(f"/api/clusters/{other['id']}").status_code == 404


def test_desk_serving_pages_never_loads_the_pipeline(ledger) -> None:
    import subprocess
    import sys

    probe = f"""
import sys
from fastapi.testclient import TestClient
from newsledger.api.app import create_app
client = TestClient(create_app({str(ledger)!r}))
for path in ("/", "/events", "/map", "/timeline", "/clusters", "/clusters/1", "/search?q=farmers", "/alerts"):
    assert client.get(path).status_code in (200, 404), path
heavy = ("spacy", "torch", "thinc", "sklearn", "newsledger.extract.event_classifier", "newsledger.nlp")
print(",".join(name for name in heavy if name in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
