"""The ledger learns each outlet's home from its stored reports and reads bare town names with it, including
the outlet's first reports, read before the home was known (service.ingest_articles, gazetteer/homes.py)."""

from __future__ import annotations

import dataclasses

from newsledger.model import Article
from newsledger.service import ingest_articles, learnt_homes, reprocess_stored

BARE = "The Springfield city council voted on Tuesday to close two schools, the mayor said."
OHIO = [
    "Firefighters from Dayton, Ohio, and Columbus, Ohio, fought a blaze at a plant in Toledo, Ohio, on Monday.",
    "Schools in Akron, Ohio, and Cincinnati, Ohio, closed on Friday after a storm, officials said.",
]


def article(text: str, outlet: str) -> Article:
    return Article.from_text(text, outlet=outlet, published="2024-03-01")


def springfield(store, text: str):  # type: ignore[no-untyped-def]
    record = store.get_record(article(text, "x").id)
    (place,) = [p for p in record.places if p.name == "Springfield"]
    return record, place


def test_outlet_home_first_report_is_read_again_with_the_home_its_later_reports_make(store, nlp):
    reports = [article(BARE, "The Courier"), *(article(text, "The Courier") for text in OHIO)]
    summary = ingest_articles(store, nlp, reports)
    assert summary.ingested == 3
    assert learnt_homes(store).home("The Courier") == "US.OH"
    record, place = springfield(store, BARE)
    # Read first, with no home yet (the largest Springfield), then again once two reports agreed on Ohio.
    assert (record.article.outlet_home, place.admin1) == ("US.OH", "Ohio")
    assert summary.read_again >= 1
    # A second run stores nothing anew and reads nothing again: every report has the home it was read with.
    again = ingest_articles(store, nlp, reports)
    assert (again.unchanged, again.read_again, again.updated) == (3, 0, 0)


def test_outlet_home_is_learnt_per_outlet_and_never_from_one_report(store, nlp):
    ingest_articles(store, nlp, [article(BARE, "Wire Service"), article(OHIO[0], "The Courier")])
    record, place = springfield(store, BARE)
    assert record.article.outlet_home is None  # neither outlet has several reports agreeing on a province
    assert place.admin1 != "Ohio"
    assert learnt_homes(store).home("The Courier") is None


def test_outlet_home_records_loaded_without_one_are_read_again_by_reprocess(store, nlp):
    from newsledger.nlp import process_article

    # As `newsledger load` stores a batch run's records: read on their own, with no home.
    for text in [BARE, *OHIO]:
        store.save_record(process_article(nlp, article(text, "The Courier")))
    _, place = springfield(store, BARE)
    assert place.admin1 != "Ohio"
    summary = reprocess_stored(store, nlp)
    assert summary.read_again == 3  # each report was read with no home, and the outlet has one now
    record, place = springfield(store, BARE)
    assert (record.article.outlet_home, place.admin1) == ("US.OH", "Ohio")


def test_outlet_home_read_with_is_part_of_the_stored_identity(store, nlp):
    from newsledger.nlp import process_article

    record = process_article(nlp, article(BARE, "The Courier"))
    assert store.save_record(record) == "inserted"
    assert store.save_record(record) == "unchanged"
    homed = dataclasses.replace(record, article=dataclasses.replace(record.article, outlet_home="US.OH"))
    assert store.save_record(homed) == "updated"
    assert store.homes_read_with(["The Courier"]) == {record.article.id: ("The Courier", "US.OH")}
