from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from newsledger.errors import Errors, NewsledgerError
from newsledger.store import Store, database_url, schema
from tests.store.records import build_record

ATTACK = (
    "Gunmen attacked a police post in Lashkar Gah on Monday, killing four officers, the governor said. "
    'The Northern Front denied it had attacked the post. "We were never near that post," said Karim Dost.'
)


def attack_record(**overrides):
    options = dict(
        people={"e1": "Karim Dost"},
        groups={"e2": "Northern Front"},
        places={"p1": {"name": "Lashkar Gah", "lat": 31.59, "lon": 64.37, "country": "AF", "admin1": "Helmand"}},
        events=[
            {
                "type": "ASSAULT",
                "trigger": "attacked",
                "source": "e2",
                "place": "p1",
                "when": "2021-09-06",
                "fatalities": 4,
            }
        ],
        claims=[
            {"id": "c1", "stance": "asserts", "proposition": "Northern Front attacked the police post"},
            {
                "id": "c2",
                "claimant": "e2",
                "stance": "denies",
                "proposition": "Northern Front attacked the post",
                "disputes": ["c1"],
            },
        ],
        quotes=[{"text": "We were never near that post", "speaker": "e1"}],
    )
    options.update(overrides)
    return build_record(ATTACK, **options)


def protest_record():
    """A second report, from another outlet, of a protest on another day."""
    return build_record(
        "Protesters marched in Herat on Friday against rising prices.",
        outlet="Other Daily",
        published="2021-09-10",
        places={"p1": {"name": "Herat", "lat": 34.35, "lon": 62.2, "country": "AF"}},
        events=[{"type": "PROTEST", "trigger": "marched", "place": "p1", "when": "2021-09-10"}],
    )


def test_db_save_record_round_trips_and_is_idempotent(store):
    record = attack_record()
    assert store.save_record(record) == "inserted"
    assert store.save_record(record) == "unchanged"
    assert store.get_record(record.article.id) == record
    assert [r.article.id for r in store.iter_records()] == [record.article.id]
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["events"] == 1
    assert counts["claims"] == 2
    assert counts["claim_disputes"] == 1
    assert store.integrity_problems() == []


def test_db_new_pipeline_version_replaces_the_rows(store):
    record = attack_record()
    store.save_record(record)
    newer = build_record(ATTACK, pipeline="test-2")
    assert store.save_record(newer) == "updated"
    assert store.get_record(record.article.id) == newer
    assert store.count("events") == 0
    assert store.count("articles") == 1
    assert store.integrity_problems() == []


def test_db_reviews_survive_reprocessing_or_are_logged_as_orphaned(store):
    from newsledger.api.review import review_event

    record = attack_record()
    store.save_record(record)
    with store.engine.connect() as conn:
        first_pk = conn.execute(select(schema.events.c.pk)).scalar_one()
    review_event(store, first_pk, who="analyst", action="correct", corrections={"fatalities": 5})

    # a new pipeline finds the same event (same trigger in the same text): the review follows it to its new row
    assert store.save_record(attack_record(pipeline="test-2")) == "updated"
    with store.engine.connect() as conn:
        second_pk = conn.execute(select(schema.events.c.pk)).scalar_one()
        review = conn.execute(select(schema.event_reviews)).mappings().one()
    assert (review["event_pk"], review["status"], review["reviewer"]) == (second_pk, "corrected", "analyst")
    assert review["corrections"] == {"fatalities": 5}

    # a pipeline that no longer finds the event: the review is kept in the audit log, never dropped in silence
    assert store.save_record(attack_record(pipeline="test-3", events=[])) == "updated"
    log = schema.audit_log
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.event_reviews)).scalar_one() == 0
        orphaned = conn.execute(select(log).where(log.c.action == "review_orphaned")).mappings().one()
    assert orphaned["target"] == f"article:{record.article.id}"
    assert orphaned["before"]["trigger_text"] == "attacked"
    assert orphaned["before"]["corrections"] == {"fatalities": 5}
    assert store.integrity_problems() == []


def test_db_failed_save_leaves_no_part_of_the_article(store):
    record = attack_record()
    # Two entities with one id break a unique constraint after the article row and others were written.
    broken = build_record(ATTACK, people={"e1": "Karim Dost"}, groups={"e1": "Northern Front"})
    with pytest.raises(Exception):  # noqa: B017 - the database driver's own integrity error
        store.save_record(broken)
    assert store.count("articles") == 0
    assert store.count("entities") == 0
    assert store.count("mentions") == 0
    assert store.save_record(record) == "inserted"


def test_db_reject_records_source_reason_and_code(store):
    store.reject("feeds/bad.xml", Errors.E013.format(reason="no entries"))
    store.reject("notes.txt", "[E013] looks numbered, but only as text", code="E010")
    first, second = sorted(store.rejected_inputs(), key=lambda row: row["source"])
    assert (first["source"], first["code"]) == ("feeds/bad.xml", "E013")
    assert "no entries" in first["reason"]
    assert second["code"] == "E010"  # the code given, never one read out of the text


def test_db_event_filters(store):
    store.save_record(attack_record())
    store.save_record(protest_record())
    assert store.count_events() == 2
    assert [e["type"] for e in store.events(since="2021-09-08")] == ["PROTEST"]
    assert [e["type"] for e in store.events(until="2021-09-08")] == ["ASSAULT"]
    assert [e["type"] for e in store.events(type="protest")] == ["PROTEST"]
    assert [e["source_name"] for e in store.events(actor="northern")] == ["Northern Front"]
    assert store.events(country="IR") == []
    assert len(store.events(country="af")) == 2
    assert [e["location"] for e in store.events(bbox=(60.0, 33.0, 63.0, 36.0))] == ["Herat"]
    assert [e["type"] for e in store.events(limit=1, offset=1)] == ["ASSAULT"]  # newest first
    (assault,) = store.events(type="ASSAULT")
    assert assault["fatalities"] == 4
    assert assault["event_date"] == "2021-09-06"
    assert store.event(assault["pk"])["trigger_text"] == "attacked"
    facets = {f["value"]: f["n"] for f in store.event_facets("type")}
    assert facets == {"ASSAULT": 1, "PROTEST": 1}


def test_db_full_text_search_over_articles_and_quotes(store):
    store.save_record(attack_record())
    found = store.search("police governor")
    assert len(found) == 1
    hits = [part["text"].lower() for part in found[0]["snippet_parts"] if part["hit"]]
    assert "police" in hits and "governor" in hits
    assert "".join(part["text"] for part in found[0]["snippet_parts"]) == found[0]["snippet"]
    assert "[" not in found[0]["snippet"]
    assert store.search("nonexistentword") == []
    assert store.search('"unbalanced quote AND (') == []  # user syntax is never interpreted
    (quote,) = store.quotes(q="near")
    assert quote["speaker_name"] == "Karim Dost"
    assert store.quotes(speaker="dost")[0]["text"] == "We were never near that post"
    assert len(store.articles(q="officers")) == 1


def test_db_search_snippet_keeps_the_texts_own_brackets_as_text(store):
    store.save_record(build_record("The mayor [of the town] said the curfew would end on Friday in the market."))
    (found,) = store.search("curfew")
    assert "[of the town]" in found["snippet"]
    assert [part["text"] for part in found["snippet_parts"] if part["hit"]] == ["curfew"]


def test_db_untitled_articles_are_listed_by_their_first_line(store):
    store.save_record(
        build_record("\n  Floods closed   the coastal road on Friday.\nOfficials said more rain was due.")
    )
    (found,) = store.articles()
    assert found["title"] is None
    assert found["first_line"] == "Floods closed the coastal road on Friday."


def test_db_claims_show_what_disputes_them(store):
    store.save_record(attack_record())
    disputed = store.claims(disputed=True)
    by_id = {c["id"]: c for c in disputed}
    assert by_id["c1"]["disputed_by"][0]["id"] == "c2"
    assert by_id["c2"]["disputes"][0]["id"] == "c1"
    assert store.count_claims(disputed=True) == 2


def test_db_open_reports_a_bad_database_in_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(NewsledgerError) as caught:
        Store.open(blocker / "sub" / "ledger.db")
    assert "E301" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_db_open_creates_the_schema_at_the_newest_revision(store):
    current, head = store.revision()
    assert current == head
    assert head
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.articles)).scalar_one() == 0


def test_db_newest_revision_from_file_names_is_alembics_head(store):
    from newsledger.store.db import newest_revision

    assert newest_revision() == store.revision()[1]


def test_db_open_upgrades_a_ledger_behind_the_newest_revision(tmp_path):
    from alembic import command

    path = tmp_path / "old.db"
    with Store.open(path) as store, store.writing() as conn:
        command.downgrade(store._alembic_config(conn), "-1")
    with Store.open(path) as store:
        current, head = store.revision()
    assert current == head


def test_db_database_url_accepts_paths_and_postgres_urls():
    assert database_url("var/x.db") == "sqlite:///var/x.db"
    assert database_url("postgresql://u@h/db").startswith("postgresql+psycopg://")
    assert database_url(None) == "sqlite:///var/newsledger.db"


def test_db_readers_see_the_last_commit_while_a_writer_works(store_url):
    first, second = attack_record(), build_record("Officials reopened the northern border crossing on Tuesday.")
    with Store.open(store_url) as writer, Store.open(store_url) as reader:
        writer.save_record(first)
        with writer.writing() as conn:
            conn.execute(schema.articles.insert().values(**_article_values(second)))
            # Not committed yet: a reader is neither blocked nor shown the half-done write.
            assert reader.count("articles") == 1
            assert reader.get_record(first.article.id) == first
        assert reader.count("articles") == 2


def _article_values(record):
    import datetime as dt

    from newsledger.store.rows import article_row

    return article_row(record, now=dt.datetime.now(dt.UTC))


def test_db_filters_and_counts_read_what_the_analyst_corrected(store):
    from newsledger.api.review import review_event

    store.save_record(attack_record())
    store.save_record(protest_record())
    (assault,) = store.events(type="ASSAULT")
    corrections = {
        "type": "protest",
        "country": "pk",
        "event_date": "2021-09-12",
        "lat": 34.01,
        "lon": 71.58,
        "source_name": "Southern Brigade",
        "status": "denied",
    }
    review_event(store, assault["pk"], who="analyst", action="correct", corrections=corrections)

    # every filter reads the analyst's value, and no longer the pipeline's
    assert store.events(type="ASSAULT") == [] and store.count_events(type="ASSAULT") == 0
    assert store.count_events(type="PROTEST") == 2
    assert [e["pk"] for e in store.events(country="PK")] == [assault["pk"]]
    assert store.count_events(country="AF") == 1
    assert [e["pk"] for e in store.events(since="2021-09-11")] == [assault["pk"]]
    assert store.events(until="2021-09-08") == []
    assert [e["pk"] for e in store.events(bbox=(71.0, 33.5, 72.0, 34.5))] == [assault["pk"]]
    assert store.events(bbox=(64.0, 31.0, 65.0, 32.0)) == []  # where the pipeline had put it
    assert [e["pk"] for e in store.events(actor="southern")] == [assault["pk"]]
    assert [e["pk"] for e in store.events(status="denied")] == [assault["pk"]]
    assert [e["pk"] for e in store.events(disputed=True)] == [assault["pk"]]
    # counts by a column count the corrected event under its new value
    assert store.event_facets("type") == [{"value": "PROTEST", "n": 2}]
    assert {f["value"]: f["n"] for f in store.event_facets("country")} == {"AF": 1, "PK": 1}
    assert store.event_facets("country", country="PK") == [{"value": "PK", "n": 1}]
    # the pipeline's own values stay on record in the review, whatever is corrected later
    review_event(store, assault["pk"], who="second analyst", action="correct", corrections={"type": "COERCE"})
    with store.engine.connect() as conn:
        review = conn.execute(select(schema.event_reviews)).mappings().one()
    assert review["originals"]["type"] == "ASSAULT"
    assert (review["originals"]["country"], review["originals"]["event_date"]) == ("AF", "2021-09-06")
    assert review["corrections"]["type"] == "COERCE" and store.count_events(type="COERCE") == 1


def test_db_a_correction_stands_over_the_new_pipelines_row_after_reprocessing(store):
    from newsledger.api.review import review_event

    store.save_record(attack_record())
    (assault,) = store.events()
    review_event(store, assault["pk"], who="analyst", action="correct", corrections={"type": "PROTEST"})
    store.save_record(attack_record(pipeline="test-2"))
    (again,) = store.events()
    assert again["type"] == "PROTEST"
    assert store.count_events(type="ASSAULT") == 0 and store.count_events(type="PROTEST") == 1
    with store.engine.connect() as conn:
        review = conn.execute(select(schema.event_reviews)).mappings().one()
    assert review["event_pk"] == again["pk"] and review["originals"] == {"type": "ASSAULT"}


def test_db_migration_writes_older_corrections_into_the_events_rows(store_url):
    from alembic import command

    db = store_url
    with Store.open(db) as store:
        # stored first, then taken down to 0003 (today's rows have columns 0003 did not)
        store.save_record(attack_record())
        with store.writing() as conn:
            command.downgrade(store._alembic_config(conn), "0003")
        with store.writing() as conn:
            pk = conn.execute(select(schema.events.c.pk)).scalar_one()
            # a review as revision 0003 stored it: the correction only in event_reviews
            conn.execute(
                schema.event_reviews.insert().values(
                    event_pk=pk,
                    status="corrected",
                    corrections={"type": "PROTEST", "fatalities": 7},
                    reviewer="analyst",
                    reviewed_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
                )
            )
    with Store.open(db) as store:
        assert store.revision()[0] == store.revision()[1]
        assert store.count_events(type="PROTEST") == 1
        with store.engine.connect() as conn:
            row = conn.execute(select(schema.events.c.type, schema.events.c.fatalities)).one()
            review = conn.execute(select(schema.event_reviews.c.originals)).scalar_one()
    assert tuple(row) == ("PROTEST", 7)
    assert review == {"type": "ASSAULT", "fatalities": 4}


def test_db_disputed_board_lists_each_pair_of_articles_once(store):
    from newsledger.resolve import resolve_store
    from tests.resolve.test_ledger import first_report, second_report

    for record in (first_report(), second_report()):
        store.save_record(record)
    assert resolve_store(store).cross_article_disputes == 1
    # Both claims are in the dispute, so the per-claim listing shows the pair under each of them ...
    assert len(store.claims(disputed=True)) == 2
    # ... the board shows it once, the denial beside the claim it disputes.
    board = store.claims(disputed=True, board=True)
    assert store.count_claims(disputed=True, board=True) == 1
    (row,) = board
    assert (row["outlet"], row["stance"], row["disputed_by"]) == ("Wire B", "denies", [])
    assert [(d["outlet"], d["stance"], d["cross_article"]) for d in row["disputes"]] == [("Wire A", "asserts", True)]
    # A claim's own view keeps its disputes on both sides.
    (asserted,) = store.claims(article_id=row["disputes"][0]["article_id"])
    assert [d["outlet"] for d in asserted["disputed_by"]] == ["Wire B"]


def test_db_disputed_board_lists_claims_disputing_each_other_once(store):
    claims = [
        {"id": "c1", "stance": "asserts", "proposition": "Northern Front attacked the police post", "disputes": ["c2"]},
        {"id": "c2", "stance": "denies", "proposition": "Northern Front attacked the post", "disputes": ["c1"]},
    ]
    store.save_record(attack_record(claims=claims))
    assert store.count("claim_disputes") == 2  # c1 -> c2 and c2 -> c1
    (row,) = store.claims(disputed=True, board=True)
    assert store.count_claims(disputed=True, board=True) == 1
    assert [d["id"] for d in row["disputes"]] == ["c2" if row["id"] == "c1" else "c1"]
    assert row["disputed_by"] == []
