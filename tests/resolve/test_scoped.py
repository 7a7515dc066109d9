"""A scoped resolve (what `watch` runs after each poll) against a full resolve of the same ledger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from newsledger.resolve import resolve_store
from newsledger.store import schema
from tests.resolve.test_ledger import first_report, second_report, unrelated_report

# Three polls of a drop folder: one bombing told by three outlets, one attack told by two (one of which denies
# what the other's source claims), and stories told once.
POLLS: list[list[tuple[str, str, str, str]]] = [
    [
        (
            "wire-a-bombing",
            "Wire A",
            "2024-03-10",
            "A car bomb exploded at a crowded market in Baghdad on Sunday, killing eight people, police said. "
            "The blast in the Iraqi capital's Sadriya district also wounded dozens of shoppers.",
        ),
        (
            "wire-d-zamfara",
            "Wire D",
            "2024-03-09",
            "Gunmen attacked a village in Zamfara State in northwest Nigeria on Saturday, killing 15 farmers, "
            "police said.",
        ),
        (
            "wire-f-nairobi",
            "Wire F",
            "2024-03-08",
            "Kenya's president said in a speech in Nairobi on Friday that the government would help farmers hit by "
            "the drought and call on donors to meet their pledges.",
        ),
    ],
    [
        (
            "wire-b-bombing",
            "Wire B",
            "2024-03-10",
            "Ten people were killed when a car bomb exploded at a busy market in Baghdad on Sunday, a health "
            "official said. The explosion in Sadriya wounded at least 30 shoppers.",
        ),
        (
            "wire-e-quetta",
            "Wire E",
            "2024-03-09",
            "Militants attacked an army checkpoint near Quetta in southwestern Pakistan on Saturday, killing four "
            "soldiers, the military said. A rebel spokesman, Karim Baluch, said the fighters had seized the "
            "checkpoint near Quetta.",
        ),
    ],
    [
        (
            "wire-c-bombing",
            "Wire C",
            "2024-03-10",
            "A car bomb ripped through a market in the Sadriya district of Baghdad on Sunday, killing 12 people, "
            "hospital sources said.",
        ),
        (
            "wire-g-quetta",
            "Wire G",
            "2024-03-10",
            "Army spokesman Ahmed Sharif denied that the fighters had seized the checkpoint near Quetta. He said "
            "four soldiers were killed when militants attacked the post on Saturday.",
        ),
        (
            "wire-h-malawi",
            "Wire H",
            "2024-03-07",
            "A cholera outbreak has killed 40 people in southern Malawi since January, the health ministry said on "
            "Thursday, and more than 900 cases have been recorded.",
        ),
    ],
]


def resolved_state(store: Any) -> dict[str, Any]:
    """Everything a resolve decides, by stable identities (article id, record id) and with the stored ids."""
    ev, en, cl, cd = schema.events, schema.entities, schema.claims, schema.claim_disputes
    with store.engine.connect() as conn:
        actor_key = {row.id: row.key for row in conn.execute(select(schema.actors.c.id, schema.actors.c.key))}
        actors = {
            row.key: (row.id, row.name, tuple(row.aliases), row.n_articles, row.n_mentions)
            for row in conn.execute(select(schema.actors))
        }
        entity_actor = {
            (row.article_id, row.id): actor_key.get(row.actor_id)
            for row in conn.execute(select(en.c.article_id, en.c.id, en.c.actor_id))
        }
        events = {
            (row.article_id, row.id): (actor_key.get(row.source_actor_id), actor_key.get(row.target_actor_id))
            for row in conn.execute(select(ev))
        }
        identity = {row.pk: (row.article_id, row.id) for row in conn.execute(select(ev.c.pk, ev.c.article_id, ev.c.id))}
        members: dict[int, list[tuple[str, str]]] = {}
        for row in conn.execute(select(schema.event_cluster_members)):
            members.setdefault(row.cluster_id, []).append(identity[row.event_pk])
        summary_columns = ("type", "date_min", "date_max", "country", "location", "n_reports", "n_outlets")
        summary_columns += ("n_asserting_outlets", "n_disputing_outlets", "fatalities_min", "fatalities_max", "status")
        clusters = {
            row.key: (row.id, tuple(sorted(members.get(row.id, []))), tuple(getattr(row, c) for c in summary_columns))
            for row in conn.execute(select(schema.event_clusters))
        }
        claim = {row.pk: (row.article_id, row.id) for row in conn.execute(select(cl.c.pk, cl.c.article_id, cl.c.id))}
        claim_clusters = {
            (row.article_id, row.id): row.cluster_id
            for row in conn.execute(select(cl.c.article_id, cl.c.id, cl.c.cluster_id))
        }
        disputes = sorted((claim[row.claim_pk], claim[row.disputed_pk], row.origin) for row in conn.execute(select(cd)))
    return {
        "actors": actors,
        "entity_actor": entity_actor,
        "events": events,
        "clusters": clusters,
        "claim_clusters": claim_clusters,
        "disputes": disputes,
    }


@pytest.mark.model
def test_scoped_resolve_after_each_watch_poll_is_a_full_resolve(store, nlp, tmp_path: Path, monkeypatch):
    import newsledger.resolve.scoped as scoped
    from newsledger.cli.watch import make_watcher
    from newsledger.model import Article

    clustered: list[set[str]] = []
    placed_groups = scoped._placed_groups

    def recording(reports, *args, **kwargs):
        clustered.append({report.article_id for report in reports})
        return placed_groups(reports, *args, **kwargs)

    monkeypatch.setattr(scoped, "_placed_groups", recording)
    folder = tmp_path / "drop"
    folder.mkdir()
    lines: list[str] = []
    watcher = make_watcher(store, [str(folder)], every=60, nlp_spec=None, settle_seconds=0, report=lines.append)
    for number, poll in enumerate(POLLS):
        before = resolved_state(store)
        for name, outlet, published, text in poll:
            body = {"text": text, "outlet": outlet, "published": published}
            (folder / f"{name}.json").write_text(json.dumps(body), encoding="utf-8")
        round_ = watcher.poll_once()
        assert len(round_.article_ids) == len(poll)
        scoped_state = resolved_state(store)
        assert not store.resolve_pending()
        if number:  # the first poll finds a ledger never resolved, and resolves it whole
            assert any("resolving what they touch" in line for line in lines[-3:])
            new_events = {key for key in scoped_state["events"] if key not in before["events"]}
            # The neighbourhood clustered holds the new articles, and not the stories they do not touch.
            assert {article_id for article_id, _ in new_events} <= clustered[-1]
            assert Article.from_text(POLLS[0][2][3]).id not in clustered[-1]  # the speech in Nairobi
            unchanged = [
                key
                for key, (cluster_id, members, _) in before["clusters"].items()
                if key in scoped_state["clusters"] and scoped_state["clusters"][key][1] == members
            ]
            assert unchanged and all(scoped_state["clusters"][k][0] == before["clusters"][k][0] for k in unchanged)
            assert new_events
        resolve_store(store)
        assert resolved_state(store) == scoped_state, f"poll {number + 1}"
    final = resolved_state(store)
    spread = [members for _, members, _ in final["clusters"].values() if len({a for a, _ in members}) > 1]
    assert len(spread) >= 2  # the stories told by several outlets did meet across articles
    assert any(origin == "resolve" for _, _, origin in final["disputes"])  # and a denial met its claim


def test_scoped_resolve_of_hand_built_reports_matches_a_full_resolve(store):
    """Without the pipeline: the second report of an attack, and its denial, arrive after the first was resolved."""
    store.save_record(first_report())
    store.save_record(unrelated_report())
    resolve_store(store)
    before = resolved_state(store)
    record = second_report()
    store.save_record(record)
    summary = resolve_store(store, scope=[record.article.id])
    after = resolved_state(store)
    assert summary.multi_report_clusters == 1 and summary.cross_article_disputes == 1
    protest_article = unrelated_report().article.id
    protest = next(k for k, (_, members, _) in before["clusters"].items() if members[0][0] == protest_article)
    assert after["clusters"][protest] == before["clusters"][protest]  # the untouched story kept its id and figures
    resolve_store(store)
    assert resolved_state(store) == after


def test_scoped_a_rejected_event_leaves_a_hand_placed_cluster_which_keeps_its_other_members(store):
    from sqlalchemy import update

    from newsledger.api.review import review_event

    for record in (first_report(), second_report(), unrelated_report()):
        store.save_record(record)
    resolve_store(store)
    (cluster,) = store.clusters(min_outlets=2)
    first, second = sorted(e["pk"] for e in store.cluster(cluster["id"])["events"])
    other = min(e["pk"] for e in store.events() if e["pk"] not in (first, second))
    # What the desk's merge does: the unrelated report joins the cluster, every membership marked as placed by hand.
    with store.writing() as conn:
        members, events = schema.event_cluster_members, schema.events
        conn.execute(update(members).where(members.c.event_pk == other).values(cluster_id=cluster["id"]))
        conn.execute(update(events).where(events.c.pk == other).values(cluster_id=cluster["id"]))
        conn.execute(update(members).where(members.c.cluster_id == cluster["id"]).values(similarity=None))
    move = review_event(store, first, who="analyst", action="reject")["cluster"]
    assert move["before"]["cluster_id"] == cluster["id"] and move["after"]["cluster_id"] is None
    assert store.event(first)["cluster_id"] is None
    kept = store.cluster(cluster["id"])
    assert sorted(e["pk"] for e in kept["events"]) == sorted([second, other])  # the same id, placed by hand
    assert kept["n_reports"] == 2
