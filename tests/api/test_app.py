"""The desk's JSON API and pages through a real ASGI client over a real SQLite ledger."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ONERROR, SCRIPT


def _article_id(client: TestClient, title_word: str) -> str:
    items = client.get("/api/articles").json()["items"]
    return next(a["id"] for a in items if title_word in (a["title"] or ""))


def _csrf(client: TestClient, page: str = "/login") -> str:
    html = client.get(page).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _login(client: TestClient, token: str) -> str:
    csrf = _csrf(client)
    response = client.post("/login", data={"csrf_token": csrf, "token": token, "next": "/"}, follow_redirects=False)
    assert response.status_code == 303
    return _csrf(client, "/")  # a log-in opens a session, and the forms' CSRF value is the session's


def test_app_events_filters(client: TestClient) -> None:
    def types(**params: str) -> list[str]:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return sorted(e["type"] for e in response.json()["items"])

    assert types() == ["ASSAULT", "PROTEST"]
    assert types(country="FR") == ["PROTEST"]
    assert types(type="assault") == ["ASSAULT"]
    assert types(since="2024-04-01") == ["PROTEST"]
    assert types(until="2024-03-31") == ["ASSAULT"]
    assert types(bbox="60,30,75,40") == ["ASSAULT"]
    assert types(admin1="kabul") == ["ASSAULT"]
    assert types(actor="Farmers") == ["PROTEST"]
    assert types(status="claimed") == ["ASSAULT"]
    assert types(reviewed="true") == []
    facets = client.get("/api/events").json()["facets"]
    assert {f["value"]: f["n"] for f in facets["country"]} == {"AF": 1, "FR": 1}


def test_app_events_bad_filters_rejected(client: TestClient) -> None:
    assert client.get("/api/events", params={"bbox": "1,2,3"}).status_code == 422
    assert client.get("/api/events", params={"since": "March"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422


def test_app_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next_offset"] == 1
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert first["items"][0]["pk"] != second["items"][0]["pk"]


def test_app_uncounted_lists_give_their_total_only_on_the_last_page(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1 and first["total"] is None
    last = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert last["next_offset"] is None and last["total"] == 2
    assert client.get("/api/articles", params={"limit": 5}).json()["total"] == 2
    assert "1–1 of more" in client.get("/articles", params={"limit": 1}).text


def test_app_claims_with_disputes(client: TestClient) -> None:
    # The board (and its JSON twin) lists the pair once: the denial beside the claim it disputes.
    found = client.get("/api/claims", params={"disputed": "true"}).json()
    assert found["total"] == 1
    (denial,) = found["items"]
    assert (denial["claimant_name"], denial["stance"], denial["disputed_by"]) == ("Army", "denies", [])
    assert [d["stance"] for d in denial["disputes"]] == ["asserts"]
    board = client.get("/claims").text
    assert board.count('<div class="board-row">') == 1 and board.count('<div class="prop">') == 2  # both sides
    assert "the town had fallen" in board and "took the town" in board
    assert "disputes" in board
    # Without the board filter each claim still shows its disputes on both sides.
    items = client.get("/api/claims").json()["items"]
    asserted = next(c for c in items if c["stance"] == "asserts")
    assert [d["claimant_name"] for d in asserted["disputed_by"]] == ["Army"]


def test_app_actor_quotes_places_search(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"q": "Bob"}).json()["items"]
    assert [a["name"] for a in actors] == ["Bob Smith"]
    detail = client.get(f"/api/actors/{actors[0]['id']}").json()
    assert detail["quotes"] and "took the town" in detail["quotes"][0]["text"]
    assert client.get("/api/quotes", params={"speaker": "smith"}).json()["items"]
    assert not client.get("/api/quotes", params={"speaker": "nobody"}).json()["items"]
    assert client.get("/api/quotes", params={"q": "town"}).json()["items"]
    places = {p["name"] for p in client.get("/api/places").json()["items"]}
    assert places == {"Dorvale", "Velmont"}
    hits = client.get("/api/search", params={"q": "farmers taxes"}).json()["articles"]
    assert [h["title"] for h in hits] == ["Farmers protest"]


def test_app_pages_have_json_twins(client: TestClient) -> None:
    article_id = _article_id(client, "Farmers")
    for path in ("/events", "/claims", "/actors", "/quotes", "/places", "/timeline", "/map", f"/articles/{article_id}"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        twin = client.get(path, params={"format": "json"})
        assert twin.headers["content-type"].startswith("application/json"), path
        by_accept = client.get(path, headers={"Accept": "application/json"})
        assert by_accept.json() == twin.json(), path
    timeline = client.get("/timeline", params={"format": "json"}).json()
    assert timeline["days"] == ["2024-03-01", "2024-04-05"]


def test_app_openapi_documents_every_api_route(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    api_routes = {
        route.path
        for route in client.app.routes  # type: ignore[attr-defined]
        if getattr(route, "path", "").startswith("/api/") and route.path not in ("/api/openapi.json", "/api/docs")
    }
    assert api_routes <= set(schema["paths"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description") or operation.get("summary"), f"{method} {path}"
            assert "200" in operation["responses"], f"{method} {path}"
    assert "EventOut" in schema["components"]["schemas"]


def test_app_hostile_article_shown_as_text(client: TestClient) -> None:
    article_id = _article_id(client, "Clashes")
    pages = [
        f"/articles/{article_id}",
        "/events",
        "/claims",
        "/quotes",
        "/actors",
        "/map",
        "/",
        "/search?q=town",
    ]
    for path in pages:
        html = client.get(path).text
        assert SCRIPT not in html, path
        assert ONERROR not in html, path
        assert "<img" not in html, path
        assert html.count("<script") == html.count("</script>"), path
    article = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(" in article  # the text is there, escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    scripts = re.findall(r"<script[^>]*>", article)
    assert all('src="/static/' in tag or 'type="application/json"' in tag for tag in scripts)
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_app_article_highlights_spans(client: TestClient) -> None:
    article_id = _article_id(client, "Farmers")
    html = client.get(f"/articles/{article_id}").text
    assert re.search(r'<mark class="hl hl-event" data-refs="event:ev1">protested</mark>', html)
    assert re.search(r'<mark class="hl hl-place" data-refs="place:p1">Velmont</mark>', html)


def test_app_review_requires_token(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]["pk"]
    url = f"/api/events/{event_pk}/review"
    assert client.post(url, json={"action": "confirm"}).status_code == 401
    wrong = {"Authorization": "Bearer nl_not-a-token"}
    assert client.post(url, json={"action": "confirm"}, headers=wrong).status_code == 401
    assert client.get("/api/audit").json()["items"] == []
    right = {"Authorization": f"Bearer {token}"}
    response = client.post(url, json={"action": "correct", "corrections": {"fatalities": 9}}, headers=right)
    assert response.status_code == 200, response.text
    assert response.json()["state"]["fatalities"] == 9
    event = client.get(f"/api/events/{event_pk}").json()
    assert event["fatalities"] == 9 and event["review_status"] == "corrected"
    [entry] = client.get("/api/audit").json()["items"]
    assert entry["who"] == "analyst" and entry["target"] == f"event:{event_pk}"
    assert entry["before"]["fatalities"] == 12 and entry["after"]["fatalities"] == 9
    assert [e["pk"] for e in client.get("/api/events", params={"reviewed": "true"}).json()["items"]] == [event_pk]


def test_app_review_rejects_bad_corrections(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    right = {"Authorization": f"Bearer {token}"}
    url = f"/api/events/{event_pk}/review"
    for corrections in ({"fatalities": -1}, {"status": "won"}, {"event_date": "2024-02-30"}, {"pk": 5}):
        response = client.post(url, json={"action": "correct", "corrections": corrections}, headers=right)
        assert response.status_code == 422, corrections
    assert client.post("/api/events/99999/review", json={"action": "confirm"}, headers=right).status_code == 404
    assert client.get("/api/audit").json()["items"] == []


def test_app_form_review_needs_csrf(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events", params={"type": "PROTEST"}).json()["items"][0]["pk"]
    csrf = _login(client, token)
    url = f"/events/{event_pk}/review"
    assert client.post(url, data={"action": "reject"}, follow_redirects=False).status_code == 403
    forged = client.post(url, data={"action": "reject", "csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert client.get("/api/audit").json()["items"] == []
    done = client.post(url, data={"action": "reject", "csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert client.get(f"/api/events/{event_pk}").json()["review_status"] == "rejected"
    assert "reject" in client.get("/audit").text
    # A token cookie alone is not an API credential: cross-site requests carry cookies, not headers.
    assert client.post(f"/api/events/{event_pk}/review", json={"action": "confirm"}).status_code == 403


def test_app_form_review_without_login_rejected(client: TestClient) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    csrf = _csrf(client)  # the event page shows no form to a logged-out reader; a hand-made post still fails
    response = client.post(f"/events/{event_pk}/review", data={"action": "confirm", "csrf_token": csrf})
    assert response.status_code == 401


def test_app_cluster_merge_and_split(client: TestClient, token: str) -> None:
    right = {"Authorization": f"Bearer {token}"}
    clusters = client.get("/api/clusters").json()["items"]
    assert len(clusters) == 2
    keep, other = clusters[0]["id"], clusters[1]["id"]
    merged = client.post(f"/api/clusters/{keep}/merge", json={"other": other}, headers=right)
    assert merged.status_code == 200, merged.text
    assert len(merged.json()["events"]) == 2
    assert client.get(f"/api/clusters/{other}").status_code == 404
    assert client.get(f"/api/clusters/{keep}").json()["n_reports"] == 2
    moved = merged.json()["events"][1]
    split = client.post(f"/api/clusters/{keep}/split", json={"event_pks": [moved]}, headers=right)
    assert split.status_code == 200, split.text
    assert split.json()["events"] == [moved]
    assert client.get(f"/api/events/{moved}").json()["cluster_id"] == split.json()["id"]
    actions = [entry["action"] for entry in client.get("/api/audit").json()["items"]]
    assert actions == ["split", "merge"]
    assert client.post(f"/api/clusters/{keep}/merge", json={"other": keep}, headers=right).status_code == 422


def test_app_body_size_limited(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events").json()["items"][0]["pk"]
    huge = {"action": "correct", "corrections": {"location": "x" * 200_000}}
    response = client.post(f"/api/events/{event_pk}/review", json=huge, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413


def test_app_reads_can_require_token(ledger, token: str) -> None:
    from newsledger.api import Settings, create_app

    with TestClient(create_app(ledger, settings=Settings(read_requires_token=True))) as guarded:
        assert guarded.get("/api/events").status_code == 401
        assert guarded.get("/events", follow_redirects=False).status_code == 303
        assert guarded.get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert guarded.get("/static/app.css").status_code == 200


@pytest.mark.anyio
async def test_app_through_async_asgi_client(ledger) -> None:
    from newsledger.api import create_app

    transport = httpx.ASGITransport(app=create_app(ledger))
    async with httpx.AsyncClient(transport=transport, base_url="http://desk") as async_client:
        response = await async_client.get("/api/events", params={"country": "AF"})
    assert [e["location"] for e in response.json()["items"]] == ["Dorvale"]


def test_app_events_form_with_blank_fields(client: TestClient) -> None:
    """Regression: the filter form sends every field, blank ones as empty strings."""
    blank = dict.fromkeys(("since", "until", "country", "admin1", "bbox", "actor", "status"), "")
    response = client.get("/events", params={**blank, "type": "PROTEST", "format": "json"})
    assert response.status_code == 200, response.text
    assert [e["type"] for e in response.json()["items"]] == ["PROTEST"]


def test_app_api_docs_page_lists_every_operation(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    page = client.get("/api/docs")
    assert page.status_code == 200
    for path in schema["paths"]:
        assert f"<code>{path}</code>" in page.text, path
    assert "cdn" not in page.text.lower()


def test_app_timeline_map_and_facets_follow_a_correction(client: TestClient, token: str, ledger) -> None:
    from newsledger.store import Store

    event_pk = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]["pk"]
    corrections = {"type": "PROTEST", "event_date": "2024-04-05", "country": "FR", "lat": 45.0, "lon": 5.0}
    response = client.post(
        f"/api/events/{event_pk}/review",
        json={"action": "correct", "corrections": corrections},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    assert {e["pk"] for e in client.get("/api/events", params={"type": "PROTEST"}).json()["items"]} >= {event_pk}
    assert client.get("/api/events", params={"type": "ASSAULT"}).json()["items"] == []
    shown = client.get(f"/api/events/{event_pk}").json()
    assert shown["type"] == "PROTEST" and shown["pipeline_values"]["type"] == "ASSAULT"
    timeline = client.get("/api/timeline").json()
    assert timeline["counts"] == [{"day": "2024-04-05", "type": "PROTEST", "n": 2}]
    with Store.open(ledger) as store:
        total, facets = store.event_total_and_facets(("type", "country"), country="FR")
        assert total == 2 and facets["type"] == [{"value": "PROTEST", "n": 2}]
        assert store.event_facets("type") == [{"value": "PROTEST", "n": 2}]
        points = {p["pk"]: p for p in store.map_points(country="FR")}
    assert (points[event_pk]["lat"], points[event_pk]["lon"], points[event_pk]["type"]) == (45.0, 5.0, "PROTEST")


def test_app_an_acled_sub_event_type_can_be_corrected_and_brings_its_type(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events", params={"type": "PROTEST"}).json()["items"][0]["pk"]
    right = {"Authorization": f"Bearer {token}"}
    url = f"/api/events/{event_pk}/review"
    fixed = client.post(
        url, json={"action": "correct", "corrections": {"acled_subtype": "peaceful PROTEST"}}, headers=right
    )
    assert fixed.status_code == 200, fixed.text
    event = client.get(f"/api/events/{event_pk}").json()
    assert (event["acled_type"], event["acled_subtype"]) == ("Protests", "Peaceful protest")
    assert [e["pk"] for e in client.get("/api/events", params={"type": "Protests"}).json()["items"]] == [event_pk]
    for wrong in ({"acled_subtype": "Picnic"}, {"acled_type": "Battles", "acled_subtype": "Peaceful protest"}):
        response = client.post(url, json={"action": "correct", "corrections": wrong}, headers=right)
        assert response.status_code == 422, wrong
    # a new event type without a sub-type drops the old sub-type, which belonged to the old type
    client.post(url, json={"action": "correct", "corrections": {"acled_type": "riots"}}, headers=right)
    event = client.get(f"/api/events/{event_pk}").json()
    assert (event["acled_type"], event["acled_subtype"]) == ("Riots", None)
    # the review form (shown to a logged-in analyst) offers ACLED's sub-event types, grouped by type
    _login(client, token)
    page = client.get(f"/events/{event_pk}").text
    assert '<optgroup label="Battles">' in page and '<option value="Armed clash">' in page


def test_app_a_corrected_toll_or_date_updates_its_clusters_summary(client: TestClient, token: str) -> None:
    event = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    assert event["cluster_id"] is not None
    corrections = {"fatalities": 30, "event_date": "2024-02-28"}
    response = client.post(
        f"/api/events/{event['pk']}/review",
        json={"action": "correct", "corrections": corrections},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    cluster = client.get(f"/api/clusters/{event['cluster_id']}").json()
    assert (cluster["fatalities_min"], cluster["fatalities_max"]) == (30, 30)
    assert cluster["date_min"] == cluster["date_max"] == "2024-02-28"


def test_app_review_of_place_date_or_type_re_resolves_the_cluster_and_says_so(client: TestClient, token: str) -> None:
    event_pk = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]["pk"]
    right = {"Authorization": f"Bearer {token}"}
    url = f"/api/events/{event_pk}/review"
    toll = client.post(url, json={"action": "correct", "corrections": {"fatalities": 9}}, headers=right).json()
    assert toll["cluster"] is None  # a toll moves no report to another cluster
    moved = client.post(url, json={"action": "correct", "corrections": {"event_date": "2024-01-05"}}, headers=right)
    assert moved.status_code == 200, moved.text
    cluster = moved.json()["cluster"]
    assert cluster["event_pk"] == event_pk and cluster["before"]["cluster_id"] is not None
    assert cluster["after"]["cluster_id"] == client.get(f"/api/events/{event_pk}").json()["cluster_id"]
    page = client.get(f"/events/{event_pk}").text
    assert "re-resolve" in page
    rejected = client.post(url, json={"action": "reject"}, headers=right).json()
    assert rejected["cluster"]["after"]["cluster_id"] is None
    assert client.get(f"/api/events/{event_pk}").json()["cluster_id"] is None
