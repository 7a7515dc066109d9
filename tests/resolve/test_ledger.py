from __future__ import annotations

import pytest

from newsledger.resolve import resolve_store
from tests.store.records import build_record

PLACE = {"p1": {"name": "Dara Town", "lat": 34.1, "lon": 70.9, "country": "AF", "admin1": "Nangarhar"}}


def first_report():
    text = (
        "Fighters loyal to Yusuf Rahimi attacked Dara Town on Monday, killing four guards. "
        "Rahimi said his men had taken the town."
    )
    return build_record(
        text,
        outlet="Wire A",
        published="2021-09-06",
        people={"e1": "Yusuf Rahimi"},
        groups={"e2": "Dara Town"},
        places=PLACE,
        events=[
            {
                "type": "ASSAULT",
                "trigger": "attacked",
                "source": "e1",
                "place": "p1",
                "when": "2021-09-06",
                "fatalities": 4,
                "claim": "c1",
            }
        ],
        claims=[{"id": "c1", "claimant": "e1", "stance": "asserts", "proposition": "Rahimi fighters took Dara Town"}],
    )


def second_report():
    text = (
        "Yousef Rahimi's forces assaulted Dara Town on Tuesday and seven guards died, a medic said. "
        "The governor denied that Rahimi fighters took Dara Town."
    )
    return build_record(
        text,
        outlet="Wire B",
        published="2021-09-07",
        people={"e1": "Yousef Rahimi", "e2": "The governor"},
        places=PLACE,
        events=[
            {
                "type": "ASSAULT",
                "trigger": "assaulted",
                "source": "e1",
                "place": "p1",
                "when": "2021-09-07",
                "fatalities": 7,
            }
        ],
        claims=[{"id": "c1", "claimant": "e2", "stance": "denies", "proposition": "Rahimi fighters took Dara Town"}],
    )


def unrelated_report():
    text = "Teachers protested in Kabul on Friday over unpaid salaries."
    return build_record(
        text,
        outlet="Wire C",
        published="2021-09-10",
        places={"p1": {"name": "Kabul", "lat": 34.53, "lon": 69.17, "country": "AF", "admin1": "Kabul"}},
        events=[{"type": "PROTEST", "trigger": "protested", "place": "p1", "when": "2021-09-10"}],
    )


def test_ledger_merges_actors_events_and_links_disputes_across_articles(store):
    for record in (first_report(), second_report(), unrelated_report()):
        store.save_record(record)
    summary = resolve_store(store)
    assert summary.multi_report_clusters == 1
    assert summary.cross_article_disputes == 1

    (rahimi,) = store.actors(q="rahimi")
    assert {"Yusuf Rahimi", "Yousef Rahimi"} <= set(rahimi["aliases"])
    assert rahimi["n_articles"] == 2

    (cluster,) = store.clusters(min_outlets=2)
    assert cluster["n_reports"] == 2
    assert (cluster["fatalities_min"], cluster["fatalities_max"]) == (4, 7)
    assert sorted(f["outlet"] for f in cluster["fatalities_by_source"]) == ["Wire A", "Wire B"]
    assert cluster["n_disputing_outlets"] == 1
    assert cluster["status"] == "disputed"
    members = store.cluster(cluster["id"])["events"]
    assert sorted(e["outlet"] for e in members) == ["Wire A", "Wire B"]

    assert len(store.events(actor="Yousef")) == 2  # any alias finds the actor's events in every article
    assert len(store.events(actor=rahimi["id"])) == 2
    assert len(store.events(disputed=True)) == 2

    (asserted,) = [c for c in store.claims(disputed=True) if c["stance"] == "asserts"]
    assert [(d["outlet"], d["cross_article"]) for d in asserted["disputed_by"]] == [("Wire B", True)]


def test_ledger_resolution_is_repeatable_and_keeps_ids(store):
    for record in (first_report(), second_report()):
        store.save_record(record)
    resolve_store(store)
    actors_before = {a["name"]: a["id"] for a in store.actors()}
    clusters_before = [c["id"] for c in store.clusters()]
    disputes_before = store.count("claim_disputes")
    resolve_store(store)
    assert {a["name"]: a["id"] for a in store.actors()} == actors_before
    assert [c["id"] for c in store.clusters()] == clusters_before
    assert store.count("claim_disputes") == disputes_before


def test_ledger_keeps_clusters_an_analyst_split(store):
    from sqlalchemy import update

    from newsledger.store import schema

    for record in (first_report(), second_report()):
        store.save_record(record)
    resolve_store(store)
    (cluster,) = store.clusters(min_outlets=2)
    first, second = sorted(e["pk"] for e in store.cluster(cluster["id"])["events"])
    # What the desk's split does: a new cluster for one report, its membership marked as placed by hand.
    with store.writing() as conn:
        new_id = conn.execute(
            schema.event_clusters.insert()
            .values(
                key="split:test",
                type="ASSAULT",
                family="violence",
                n_reports=1,
                n_outlets=1,
                n_asserting_outlets=1,
                n_disputing_outlets=0,
                fatalities_by_source=[],
                status="reported",
            )
            .returning(schema.event_clusters.c.id)
        ).scalar_one()
        members = schema.event_cluster_members
        conn.execute(update(members).where(members.c.event_pk == second).values(cluster_id=new_id, similarity=None))
    resolve_store(store)
    assert store.event(second)["cluster_id"] == new_id
    assert store.event(first)["cluster_id"] != new_id
    assert store.clusters(min_outlets=2) == []


@pytest.mark.model
def test_ledger_real_pipeline_resolves_one_spokesman_across_two_reports(store, nlp):
    from newsledger.model import Article
    from newsledger.service import ingest_articles

    reports = [
        Article.from_text(
            "Gunmen attacked a police checkpoint near the city on Monday, killing four officers, provincial "
            "spokesman Ahmad Rahimi said. Rahimi said the attackers fled.",
            outlet="Wire A",
            published="2021-09-06",
        ),
        Article.from_text(
            "Six policemen were killed when gunmen attacked a checkpoint on Monday, spokesman Ahmed Rahimi told "
            "reporters on Tuesday.",
            outlet="Wire B",
            published="2021-09-07",
        ),
    ]
    assert ingest_articles(store, nlp, reports).ingested == 2
    resolve_store(store)
    (spokesman,) = [a for a in store.actors(q="rahimi") if a["type"] == "PERSON"]
    assert spokesman["n_articles"] == 2
    assert {"Ahmad Rahimi", "Ahmed Rahimi"} <= set(spokesman["aliases"])


def test_ledger_a_town_actor_is_one_actor_per_located_place_not_per_name(store, nlp):
    from newsledger.model import Article
    from newsledger.service import ingest_articles

    def report(town: str, state: str, outlet: str, spent_on: str) -> Article:
        return Article.from_text(
            f"{town}, {state} (AP) - The city council of {town}, {state}, voted on Monday to raise the sales tax. "
            f"{town} will spend the money on {spent_on}, the mayor said.",
            outlet=outlet,
            published="2016-03-07",
        )

    reports = [
        report("Springfield", "Illinois", "Wire A", "roads"),
        report("Springfield", "Massachusetts", "Wire B", "roads"),
        report("Springfield", "Illinois", "Wire C", "schools"),
    ]
    assert ingest_articles(store, nlp, reports).ingested == 3
    resolve_store(store)
    towns = [a for a in store.actors(q="springfield") if a["name"] == "Springfield"]
    assert sorted(a["n_articles"] for a in towns) == [1, 2]


def _mixed_corpus():
    from newsledger.model import Article

    bombing = [
        (
            "Wire A",
            "A car bomb exploded at a crowded market in Baghdad on Sunday, killing eight people, police said. "
            "The blast in the Iraqi capital's Sadriya district also wounded dozens of shoppers.",
        ),
        (
            "Wire B",
            "Ten people were killed when a car bomb exploded at a busy market in Baghdad on Sunday, a health "
            "official said. The explosion in Sadriya wounded at least 30 shoppers.",
        ),
        (
            "Wire C",
            "A car bomb ripped through a market in the Sadriya district of Baghdad on Sunday, killing 12 people, "
            "hospital sources said.",
        ),
    ]
    others = [
        (
            "Wire D",
            "Gunmen attacked a village in Zamfara State in northwest Nigeria on Saturday, killing 15 farmers, "
            "police said.",
        ),
        (
            "Wire E",
            "Militants attacked an army checkpoint near Quetta in southwestern Pakistan on Saturday, killing "
            "four soldiers, the military said.",
        ),
        (
            "Wire F",
            "Kenya's president said in a speech in Nairobi on Friday that the government would help farmers hit "
            "by the drought and call on donors to meet their pledges.",
        ),
        (
            "Wire G",
            "A cholera outbreak has killed 40 people in southern Malawi since January, the health ministry said "
            "on Thursday, and more than 900 cases have been recorded.",
        ),
    ]
    articles = [Article.from_text(text, outlet=outlet, published="2024-03-10") for outlet, text in bombing + others]
    return articles, {"Wire A", "Wire B", "Wire C"}


@pytest.mark.model
def test_ledger_mixed_corpus_one_bombing_cluster_per_outlet_toll_no_cross_story_merge(store, nlp):
    from newsledger.service import ingest_articles

    articles, bombing_outlets = _mixed_corpus()
    assert ingest_articles(store, nlp, articles).ingested == len(articles)
    resolve_store(store)
    story_of = {
        article.outlet: (article.outlet if article.outlet not in bombing_outlets else "bombing") for article in articles
    }
    clusters = store.clusters()
    multi = [c for c in clusters if c["n_outlets"] > 1]
    for cluster in multi:
        outlets = {e["outlet"] for e in store.cluster(cluster["id"])["events"]}
        assert len({story_of[o] for o in outlets}) == 1, f"cluster {cluster['id']} joins stories: {outlets}"
    (bombing,) = [c for c in multi if c["n_outlets"] == 3]
    tolls = {(f["outlet"], f["count"]) for f in bombing["fatalities_by_source"]}
    assert tolls == {("Wire A", 8), ("Wire B", 10), ("Wire C", 12)}
    assert (bombing["fatalities_min"], bombing["fatalities_max"]) == (8, 12)
    assert store.count("claim_disputes") == 0


def test_ledger_a_rejected_event_leaves_its_cluster_at_the_next_resolution(store):
    import datetime as dt

    from newsledger.store import schema

    for record in (first_report(), second_report()):
        store.save_record(record)
    resolve_store(store)
    (cluster,) = store.clusters(min_outlets=2)
    rejected = max(e["pk"] for e in store.cluster(cluster["id"])["events"])
    with store.writing() as conn:
        conn.execute(
            schema.event_reviews.insert().values(
                event_pk=rejected, status="rejected", corrections={}, reviewer="t", reviewed_at=dt.datetime.now(dt.UTC)
            )
        )
    resolve_store(store)
    assert store.clusters(min_outlets=2) == []
    assert store.event(rejected)["cluster_id"] is None
    assert all(c["n_reports"] == 1 for c in store.clusters())


def _noted_report(story: str, published: str, stance: str):
    """A report of the outlet "Daily Example" with its own story, then the outlet's standing note, in which the
    pipeline found an event and a claim."""
    from dataclasses import replace

    from tests.store.records import span

    note = "Editor's note: Mayor Lena Ortiz has repeatedly pledged to ban all cars from the old town of Dara."
    text = f"{story}\n\n{note}"
    record = build_record(
        text,
        outlet="Daily Example",
        published=published,
        people={"e1": "Lena Ortiz"},
        places=PLACE,
        events=[
            {"type": "ASSAULT", "trigger": story.split()[1], "place": "p1", "when": published},
            {"type": "THREATEN", "trigger": "pledged", "source": "e1", "place": "p1", "when": "2021-09-06"},
        ],
        claims=[{"id": "c1", "claimant": "e1", "stance": stance, "proposition": "Ortiz pledged to ban all cars"}],
    )
    sentences = [replace(event, sentence=span(record.article.text, note)) for event in record.events]
    story_sentence = span(record.article.text, story)
    sentences[0] = replace(record.events[0], sentence=story_sentence)
    claims = [replace(record.claims[0], evidence=(span(record.article.text, note),))]
    return replace(record, events=tuple(sentences), claims=tuple(claims))


def test_ledger_outlet_boilerplate_forms_no_cluster_and_no_dispute_and_is_marked(store):
    first = _noted_report(
        "Gunmen stormed a checkpoint on the ring road on Monday. Two guards were wounded in the shooting.",
        "2021-09-06",
        "asserts",
    )
    second = _noted_report(
        "Rioters burned a bus depot near the market on Friday. Firefighters fought the blaze for hours.",
        "2021-09-10",
        "denies",
    )
    for record in (first, second):
        store.save_record(record)
    summary = resolve_store(store)
    assert summary.boilerplate_events == 2 and summary.boilerplate_claims == 2
    assert summary.multi_report_clusters == 0  # the two "pledged" would cluster: same day, town and person
    assert summary.cross_article_disputes == 0  # and one asserts what the other denies
    clusters = store.clusters()
    marked = [c for c in clusters if c["status"] == "boilerplate"]
    assert len(marked) == 2 and all(c["n_reports"] == 1 for c in marked)
    assert {c["type"] for c in marked} == {"THREATEN"}
    assert not [c for c in clusters if c["type"] == "ASSAULT" and c["status"] == "boilerplate"]


def _clusters_by_members(store):
    return sorted(sorted(e["pk"] for e in store.cluster(c["id"])["events"]) for c in store.clusters())


def test_ledger_a_correction_or_rejection_re_resolves_the_cluster_at_once_as_a_full_resolve_would(store):
    from newsledger.api.review import review_event
    from newsledger.resolve import reresolve_events
    from newsledger.store.review import audit_entries

    for record in (first_report(), second_report(), unrelated_report()):
        store.save_record(record)
    resolve_store(store)
    (cluster,) = store.clusters(min_outlets=2)
    first_pk, second_pk = sorted(e["pk"] for e in store.cluster(cluster["id"])["events"])

    # Corrected to a town 600 km away: the report leaves the Dara cluster now, not at the next `resolve`.
    far = {"location": "Kandahar", "admin1": "Kandahar", "lat": 31.61, "lon": 65.71}
    state = review_event(store, second_pk, who="analyst", action="correct", corrections=far)
    assert state["cluster"]["before"] == {"cluster_id": cluster["id"], "cluster_reports": 2, "cluster_outlets": 2}
    assert state["cluster"]["after"]["cluster_reports"] == 1
    assert store.clusters(min_outlets=2) == []
    # The event's page lists its audit entries: the move is one of them.
    (entry,) = [e for e in audit_entries(store, target=f"event:{second_pk}") if e["action"] == "re-resolve"]
    assert entry["before"]["cluster_reports"] == 2 and entry["after"]["cluster_reports"] == 1
    local = _clusters_by_members(store)
    resolve_store(store)
    assert _clusters_by_members(store) == local  # what a whole resolve finds too

    # Corrected back: it rejoins; then rejected: it leaves again, and counts in no cluster.
    back = {"location": "Dara Town", "admin1": "Nangarhar", "lat": 34.1, "lon": 70.9}
    state = review_event(store, second_pk, who="analyst", action="correct", corrections=back)
    assert state["cluster"]["after"]["cluster_reports"] == 2
    (rejoined,) = store.clusters(min_outlets=2)
    assert (rejoined["fatalities_min"], rejoined["fatalities_max"]) == (4, 7)
    state = review_event(store, first_pk, who="analyst", action="reject")
    assert state["cluster"]["after"] == {"cluster_id": None, "cluster_reports": None, "cluster_outlets": None}
    (left,) = [c for c in store.clusters() if second_pk in [e["pk"] for e in store.cluster(c["id"])["events"]]]
    assert left["n_reports"] == 1 and left["fatalities_max"] == 7
    local = _clusters_by_members(store)
    resolve_store(store)
    assert _clusters_by_members(store) == local

    # A confirmation moves nothing and re-resolves nothing.
    assert "cluster" not in review_event(store, second_pk, who="analyst", action="confirm")
    assert reresolve_events(store, [second_pk])[0]["before"] == reresolve_events(store, [second_pk])[0]["after"]


def test_ledger_an_event_dated_only_by_its_report_day_is_undated_to_the_resolver():
    from newsledger.resolve.ledger import _report

    row = {
        "pk": 1, "article_id": "a", "outlet": "Wire", "type": "ASSAULT", "event_date": "2020-01-01",
        "when_value": "2020-01-01", "time_precision": 3, "location": None, "country": "FR", "admin1": None,
        "lat": None, "lon": None, "geo_precision": None, "source_actor_id": None, "source_name": None,
        "target_actor_id": None, "target_name": None, "status": "reported", "fatalities": None,
        "trigger_text": "attacks", "sentence_start": 0, "sentence_end": 0,
    }  # fmt: skip
    # the sentence gave no date: the report's day (precision 3) is no date of the happening
    assert _report(row, {}).date is None and not _report(row, {}).is_dated
    # a day the text gives (precision 1), or a month it gives, is kept
    assert _report({**row, "time_precision": 1}, {}).date == "2020-01-01"
    assert _report({**row, "when_value": "2020-01", "event_date": "2020-01"}, {}).date == "2020-01"
