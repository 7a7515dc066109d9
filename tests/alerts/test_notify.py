"""Saved searches and their webhooks end to end on the store: new matches queued once, POSTed signed to a local
receiver, retried after a failure, never sent twice."""

from __future__ import annotations

import json

import httpx

from newsledger.alerts.notify import DELIVERY_HEADER, SIGNATURE_HEADER, deliver_due, queue_new_matches, sign, verify
from newsledger.store import Store, desk
from tests.store.records import build_record
from tests.watch.conftest import LocalServer

ATTACK = "Gunmen attacked a checkpoint near the river port on Monday, killing four soldiers."
FLOOD = "Floods swept through the northern valley on Tuesday after a dam burst."


def attack_record(text: str = ATTACK, *, outlet: str = "Test Wire"):
    return build_record(
        text,
        outlet=outlet,
        places={"p1": {"name": "river port", "lat": 33.3, "lon": 44.4, "country": "IQ"}},
        events=[{"type": "ASSAULT", "trigger": "attacked", "place": "p1", "fatalities": 4}],
    )


def flood_record():
    return build_record(FLOOD, events=[{"type": "AID", "trigger": "swept"}])


def test_notify_sign_and_verify() -> None:
    body = b'{"a": 1}'
    assert verify("s3cret", body, sign("s3cret", body))
    assert not verify("other", body, sign("s3cret", body))
    assert not verify("s3cret", body + b" ", sign("s3cret", body))


def test_notify_new_matches_are_posted_signed_once(store: Store, local_server: LocalServer) -> None:
    received: list[int] = []
    local_server.routes["/hook"] = lambda headers: (received.append(1) or 204, {}, b"")
    store.save_record(attack_record("Earlier, gunmen attacked a convoy near the river port, killing two."))
    search = desk.create_saved_search(
        store,
        slug="iraq-assaults",
        name="Assaults in Iraq",
        filters={"type": "ASSAULT", "country": "IQ"},
        created_by="analyst",
        webhook_url=local_server.url("/hook"),
        webhook_secret="s3cret",
    )
    assert queue_new_matches(store) == 0  # what was there before the search is not news
    store.save_record(attack_record())
    store.save_record(flood_record())
    assert queue_new_matches(store) == 1
    assert queue_new_matches(store) == 0  # queued once
    with httpx.Client(timeout=5) as client:
        assert deliver_due(store, client) == {"delivered": 1, "failed": 0}
        assert deliver_due(store, client) == {"delivered": 0, "failed": 0}
    [posted] = local_server.hits("/hook")
    assert verify("s3cret", posted.body, posted.headers[SIGNATURE_HEADER.lower()])
    assert posted.headers[DELIVERY_HEADER.lower()]
    payload = json.loads(posted.body)
    assert payload["search"]["slug"] == search["slug"]
    assert [e["trigger_text"] for e in payload["events"]] == ["attacked"]
    assert payload["events"][0]["sentence"] == ATTACK
    assert payload["events"][0]["url"].endswith(f"/events/{payload['events'][0]['pk']}")


def test_notify_failed_delivery_is_retried_until_accepted(store: Store, local_server: LocalServer) -> None:
    answers = [500, 503, 200]
    local_server.routes["/hook"] = lambda headers: (answers.pop(0), {}, b"")
    desk.create_saved_search(
        store, slug="all", name="All", filters={}, created_by="analyst", webhook_url=local_server.url("/hook")
    )
    store.save_record(attack_record())
    queue_new_matches(store)
    with httpx.Client(timeout=5) as client:
        assert deliver_due(store, client, first_retry_seconds=0) == {"delivered": 0, "failed": 1}
        assert deliver_due(store, client, first_retry_seconds=0) == {"delivered": 0, "failed": 1}
        assert deliver_due(store, client, first_retry_seconds=0) == {"delivered": 1, "failed": 0}
        assert deliver_due(store, client, first_retry_seconds=0) == {"delivered": 0, "failed": 0}
    bodies = [r.body for r in local_server.hits("/hook")]
    assert len(bodies) == 3 and len(set(bodies)) == 1  # the same delivery each time
    [delivery] = desk.deliveries(store, desk.saved_search(store, "all")["id"])
    assert delivery["attempts"] == 3 and delivery["delivered_at"] is not None


def test_notify_failed_delivery_waits_for_its_back_off(store: Store, local_server: LocalServer) -> None:
    local_server.routes["/hook"] = lambda headers: (500, {}, b"")
    desk.create_saved_search(
        store, slug="all", name="All", filters={}, created_by="analyst", webhook_url=local_server.url("/hook")
    )
    store.save_record(attack_record())
    queue_new_matches(store)
    with httpx.Client(timeout=5) as client:
        deliver_due(store, client, first_retry_seconds=3600)
        assert deliver_due(store, client, first_retry_seconds=3600) == {"delivered": 0, "failed": 0}
    assert len(local_server.hits("/hook")) == 1


def test_notify_unreachable_receiver_is_a_failure_not_a_crash(store: Store) -> None:
    desk.create_saved_search(
        store, slug="all", name="All", filters={}, created_by="analyst", webhook_url="http://127.0.0.1:9/hook"
    )
    store.save_record(attack_record())
    queue_new_matches(store)
    with httpx.Client(timeout=2) as client:
        assert deliver_due(store, client) == {"delivered": 0, "failed": 1}
    [delivery] = desk.deliveries(store, desk.saved_search(store, "all")["id"])
    assert delivery["last_error"] and delivery["delivered_at"] is None


def test_notify_text_filter_matches_words_of_the_report(store: Store) -> None:
    store.save_record(attack_record())
    store.save_record(flood_record())
    found = desk.search_matches(store, {"q": "checkpoint soldiers"})
    assert [e["trigger_text"] for e in found] == ["attacked"]
    assert desk.search_matches(store, {"q": "dam"})[0]["trigger_text"] == "swept"
