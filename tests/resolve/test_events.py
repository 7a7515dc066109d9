from __future__ import annotations

from newsledger.resolve.events import EventReport, cluster_reports, cluster_summary, report_score


def report(pk, outlet, **fields):
    base = dict(
        pk=pk,
        article_id=f"art{pk}",
        outlet=outlet,
        type="ASSAULT",
        date="2021-09-06",
        time_precision=1,
        location="Dara",
        country="AF",
        admin1="Nangarhar",
        lat=34.1,
        lon=70.9,
        geo_precision=1,
        source_actor=1,
        target_actor=2,
        status="reported",
        fatalities=None,
        trigger="attacked",
    )
    base.update(fields)
    return EventReport(**base)


def test_events_reports_of_one_attack_cluster_and_keep_each_source_figure():
    reports = [
        report(1, "Wire A", fatalities=4),
        report(2, "Wire B", date="2021-09-07", type="COERCE", trigger="stormed", fatalities=7),
        report(3, "Wire C", status="denied", source_actor=1, target_actor=None),
    ]
    (group,) = cluster_reports(reports)
    summary = cluster_summary(group)
    assert summary["n_reports"] == 3
    assert summary["n_outlets"] == 3
    assert summary["n_asserting_outlets"] == 2
    assert summary["n_disputing_outlets"] == 1
    assert summary["status"] == "disputed"
    assert (summary["fatalities_min"], summary["fatalities_max"]) == (4, 7)
    assert sorted((f["outlet"], f["count"]) for f in summary["fatalities_by_source"]) == [("Wire A", 4), ("Wire B", 7)]


def test_events_different_place_date_actor_or_family_keep_reports_apart():
    base = report(1, "Wire A")
    assert report_score(base, report(2, "B")) > 0.6
    assert report_score(base, report(2, "B", country="PK")) < 0
    assert report_score(base, report(2, "B", location="Herat", lat=34.35, lon=62.2, admin1="Herat")) < 0
    assert report_score(base, report(2, "B", date="2021-09-20")) < 0
    assert report_score(base, report(2, "B", target_actor=9)) < 0
    assert report_score(base, report(2, "B", type="PROTEST")) < 0
    reports = [base, report(2, "B", date="2021-09-20"), report(3, "C", type="CONSULT")]
    assert len(cluster_reports(reports)) == 3


def test_events_a_province_level_report_joins_a_town_inside_it():
    town = report(1, "A")
    province = report(2, "B", location="Nangarhar", lat=34.3, lon=70.5, geo_precision=3)
    assert report_score(town, province) > 0.6


def test_events_a_report_without_a_place_joins_a_located_report_of_the_same_event():
    located = report(1, "Wire A", trigger="killing", source_actor=None, target_actor=None, fatalities=4)
    unlocated = report(
        2,
        "Wire B",
        trigger="killed",
        location=None,
        country=None,
        admin1=None,
        lat=None,
        lon=None,
        geo_precision=None,
        source_actor=None,
        target_actor=None,
        fatalities=6,
    )
    elsewhere = report(3, "Wire C", country="PK", location="Quetta", lat=30.2, lon=67.0, admin1="Balochistan")
    groups = cluster_reports([located, unlocated, elsewhere])
    assert sorted(sorted(r.pk for r in g) for g in groups) == [[1, 2], [3]]
