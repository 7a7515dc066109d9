from __future__ import annotations

from dataclasses import replace

import numpy as np

from newsledger.resolve.events import (
    EventReport,
    PairModel,
    actor_score,
    candidate_pairs,
    cluster_reports,
    cluster_summary,
    date_score,
    gather_evidence,
    load_pair_model,
    place_score,
    resolve_reports,
    words_of,
)

SENTENCE = "Gunmen attacked the police post in Dara on Monday, killing four guards, officials said."


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
        sentence=SENTENCE,
        place_words=words_of("Dara", "Nangarhar"),
    )
    base.update(fields)
    return EventReport(**base)


def documents(*reports):
    return {r.article_id: r.sentence + " The attackers fled into the hills near the police post." for r in reports}


def test_events_reports_of_one_attack_cluster_and_keep_each_source_figure():
    reports = [
        report(1, "Wire A", fatalities=4),
        report(2, "Wire B", date="2021-09-07", type="COERCE", trigger="stormed", fatalities=7),
        report(3, "Wire C", status="denied", source_actor=1, target_actor=None),
    ]
    (group,) = cluster_reports(reports, documents=documents(*reports))
    summary = cluster_summary(group)
    assert summary["n_reports"] == 3
    assert summary["n_outlets"] == 3
    assert summary["n_asserting_outlets"] == 2
    assert summary["n_disputing_outlets"] == 1
    assert summary["status"] == "disputed"
    assert (summary["fatalities_min"], summary["fatalities_max"]) == (4, 7)
    assert sorted((f["outlet"], f["count"]) for f in summary["fatalities_by_source"]) == [("Wire A", 4), ("Wire B", 7)]


def test_events_contradicting_place_date_actor_or_family_veto_the_pair():
    base = report(1, "Wire A")
    assert date_score(base, report(2, "B")) > 0
    assert place_score(base, report(2, "B", country="PK")) < 0
    assert place_score(base, report(2, "B", location="Herat", lat=34.35, lon=62.2, admin1="Herat")) < 0
    assert date_score(base, report(2, "B", date="2021-09-20")) < 0
    assert actor_score(base, report(2, "B", target_actor=9)) < 0
    others = [
        report(2, "B", country="PK"),
        report(3, "C", date="2021-09-20"),
        report(4, "D", target_actor=9),
        report(5, "E", type="PROTEST"),
    ]
    reports = [base, *others]
    evidence = gather_evidence(reports, documents(*reports))
    by_pair = dict(zip(map(tuple, evidence.pairs.tolist()), evidence.vetoed.tolist(), strict=True))
    assert all(by_pair[(0, k)] for k in range(1, 5))
    assert len(cluster_reports(reports, documents=documents(*reports))) == 5


def test_events_dates_known_to_the_year_or_month_compare_at_that_level():
    assert date_score(report(1, "A", date="1985"), report(2, "B", date="2009-05-01")) < 0
    assert date_score(report(1, "A", date="2009"), report(2, "B", date="2009-05-01")) > 0
    assert date_score(report(1, "A", date="2009-04"), report(2, "B", date="2009-05-01")) < 0


def test_events_a_generic_verb_or_a_bare_undated_verb_links_nothing():
    help_a = report(1, "A", type="", date=None, trigger="help", sentence="The charity will help families.")
    help_b = report(2, "B", type="", date=None, trigger="helped", sentence="Volunteers helped clear the roads.")
    kill_a = report(3, "C", type="", date=None, trigger="killed", sentence="A man was killed.", place_words=frozenset())
    kill_b = report(
        4, "D", type="", date=None, trigger="killing", sentence="Storms are killing crops.", place_words=frozenset()
    )
    reports = [help_a, help_b, kill_a, kill_b]
    assert candidate_pairs(reports).tolist() == [[0, 1], [2, 3]]  # blocked by trigger stem, never all pairs
    # Nothing beyond the verb: neither pair is evidence of one happening (nor of two): no link, no veto.
    evidence = gather_evidence(reports, {r.article_id: r.sentence for r in reports})
    assert evidence.pairs.tolist() == [[0, 1], [2, 3]] and evidence.vetoed.tolist() == [False, False]
    assert evidence.linkable().tolist() == [False, False]
    assert len(cluster_reports(reports, documents={r.article_id: r.sentence for r in reports})) == 4


def test_events_blocking_compares_a_large_block_along_its_dates_only():
    reports = [
        report(k, "A", article_id=f"a{k}", date=f"2021-{1 + k // 28:02d}-{1 + k % 28:02d}", country=None)
        for k in range(300)
    ]
    pairs = candidate_pairs(reports)
    assert len(pairs) < 300 * 12  # at most the reports within nine days of each other
    days = np.array([int(r.date[5:7]) * 31 + int(r.date[8:10]) for r in reports])
    assert (np.abs(days[pairs[:, 0]] - days[pairs[:, 1]]) <= 9 + 3).all()


def test_events_the_shipped_pair_model_prefers_reports_telling_the_same_story():
    model = load_pair_model()
    assert 0 < model.threshold < 1
    same = report(1, "A")
    retold = report(2, "B", sentence="Gunmen attacked a police post in Dara on Monday and four guards died.")
    other = report(3, "C", sentence="Farmers said locusts attacked the wheat in Dara on Monday.")
    reports = [same, retold, other]
    docs = documents(same, retold) | {"art3": other.sentence + " The harvest is expected to fall sharply."}
    groups, similarity = resolve_reports(reports, documents=docs)
    assert sorted(sorted(r.pk for r in g) for g in groups) == [[1, 2], [3]]
    assert similarity[1] >= model.threshold and similarity[3] == 1.0


def test_events_a_model_file_round_trips():
    model = PairModel(coefficients={"sentence_cosine": 2.0}, intercept=-1.0, threshold=0.4, about={"x": "y"})
    again = PairModel.from_json(model.to_json())
    features = np.zeros((1, 11))
    assert again.threshold == 0.4
    assert float(again.probability(features)[0]) == float(model.probability(features)[0])


def test_events_statements_meet_only_through_their_verb_and_named_people_must_overlap():
    aid = report(1, "A", type="AID", trigger="assist", source_actor=None, target_actor=None)
    helped = report(2, "B", type="AID", trigger="help", source_actor=None, target_actor=None)
    shot_here = report(3, "C", trigger="killed", source_actor=None, target_actor=7, location=None, lat=None, lon=None)
    shot_there = report(4, "D", trigger="killed", source_actor=8, target_actor=None)
    reports = [aid, helped, shot_here, shot_there]
    evidence = gather_evidence(reports, documents(*reports))
    assert [0, 1] not in evidence.pairs.tolist()  # no family block for aid, and "help" is generic
    (k,) = [k for k, pair in enumerate(evidence.pairs.tolist()) if pair == [2, 3]]
    assert evidence.vetoed[k]  # one names the victim 7, the other the gunman 8: nobody in common


def test_cluster_summary_status_tie_goes_to_the_more_certain_status_whatever_the_member_order():
    from itertools import combinations, permutations

    from newsledger.model import EVENT_STATUSES
    from newsledger.resolve.events import STATUS_CERTAINTY

    assert sorted(STATUS_CERTAINTY) == sorted(EVENT_STATUSES)
    asserting = ["reported", "claimed", "unverified", "planned", "promised", "conditional", "hypothetical"]
    for more, less in combinations(asserting, 2):
        for order in permutations([more, less]):
            members = [report(i + 1, f"outlet{i}", status=s) for i, s in enumerate(order)]
            assert cluster_summary(members)["status"] == more, (order, more)
    # Two reports each of three statuses, in every order: the tie still goes to the most certain.
    for order in permutations(["unverified", "claimed", "planned"]):
        members = [report(i + 1, f"outlet{i}", status=s) for i, s in enumerate(order * 2)]
        assert cluster_summary(members)["status"] == "claimed"
    # The most frequent status still wins over a more certain but rarer one.
    members = [report(1, "a", status="reported")] + [report(i, f"o{i}", status="unverified") for i in (2, 3)]
    assert cluster_summary(members)["status"] == "unverified"


def test_cluster_summary_type_tie_never_depends_on_member_order():
    from itertools import permutations

    # Regression: the type was the first of a set sorted by count, so a tie went to set iteration order.
    for order in permutations(["PROTEST", "ASSAULT", "COERCE"]):
        members = [report(i + 1, f"outlet{i}", type=t) for i, t in enumerate(order)]
        assert cluster_summary(members)["type"] == "ASSAULT"
    members = [report(1, "a", type="ASSAULT")] + [report(i, f"o{i}", type="PROTEST") for i in (2, 3)]
    assert cluster_summary(members)["type"] == "PROTEST"


def _linked(a, b, docs):
    evidence = gather_evidence([a, b], docs)
    pairs = evidence.pairs.tolist()
    return [0, 1] in pairs and bool(evidence.linkable()[pairs.index([0, 1])])


def test_events_undated_reports_across_articles_need_place_participant_and_similar_sentences():
    sentence = "Senator Hale refused again to release his tax returns, aides said."
    bare = dict(date=None, type="", trigger="release", location=None, country=None, admin1=None, lat=None, lon=None)
    bare |= dict(geo_precision=None, source_actor=None, target_actor=None, place_words=frozenset(), sentence=sentence)
    first = report(1, "A", **bare, actor_words=frozenset({"hale"}))
    second = report(2, "B", **bare, actor_words=frozenset({"hale"}))
    other_story = {"art1": "The campaign spent the week in Ohio.", "art2": "Markets fell sharply on Friday."}
    # Same verb, same wording, a shared name: still nothing says it is one happening rather than a habit.
    assert not _linked(first, second, other_story)
    # The same town named by both, and the same person: one happening told twice.
    placed = dict(location="Dara", geo_precision=1, lat=34.1, lon=70.9, place_words=frozenset({"dara"}))
    assert _linked(replace(first, **placed), replace(second, **placed), other_story)
    # A country is no specific place.
    broad = dict(location="United States", country="US", geo_precision=4, place_words=frozenset({"united", "states"}))
    assert not _linked(replace(first, **broad), replace(second, **broad), other_story)


def test_events_a_figurative_attack_in_two_articles_never_clusters_on_its_type_and_verb():
    attack = dict(type="ASSAULT", date=None, location=None, country=None, admin1=None, lat=None, lon=None)
    attack |= dict(geo_precision=None, source_actor=None, target_actor=None, place_words=frozenset())
    first = report(1, "A", **attack, trigger="attack", sentence="The candidate went on the attack against the media.")
    second = report(2, "B", **attack, trigger="attacks", sentence="His attacks on the press drew a rebuke.")
    docs = {"art1": first.sentence, "art2": second.sentence}
    assert not _linked(first, second, docs)
    # Dated the same day in one country, met through type family: still apart without shared words or place.
    dated = dict(date="2016-09-27", country="US", lat=None, lon=None, location=None, geo_precision=4)
    first_d = report(3, "A", **{**attack, **dated}, trigger="attack", sentence=first.sentence)
    second_d = report(
        4, "B", **{**attack, **dated}, trigger="assault", sentence="Police said an assault left a man hurt."
    )
    assert not _linked(first_d, second_d, {"art3": first.sentence, "art4": second_d.sentence})


def test_events_different_verbs_across_articles_meet_only_at_one_specific_place():
    country_only = dict(location="United States", country="US", admin1=None, lat=None, lon=None, geo_precision=4)
    common = dict(type="ASSAULT", date="2016-02-07", source_actor=None, target_actor=None)
    common |= dict(actor_words=frozenset({"rubio"}), place_words=frozenset({"united", "states"}))
    attacks = report(1, "A", **common, **country_only, trigger="attacks", sentence="Rubio's attacks on Christie.")
    beating = report(2, "B", **common, **country_only, trigger="beating", sentence="Christie kept beating Rubio.")
    assert not _linked(attacks, beating, {"art1": attacks.sentence, "art2": beating.sentence})
    town = dict(location="Dara", country="AF", admin1="Nangarhar", lat=34.1, lon=70.9, geo_precision=1)
    stormed = report(3, "A", **{**common, **town}, trigger="stormed", sentence="Gunmen stormed a post in Dara.")
    attacked = report(4, "B", **{**common, **town}, trigger="attacked", sentence="Gunmen attacked a post in Dara.")
    assert _linked(stormed, attacked, {"art3": stormed.sentence, "art4": attacked.sentence})


def test_events_a_dense_large_block_meets_a_bounded_number_of_neighbours_within_its_country():
    from newsledger.resolve.events import NEIGHBOURS

    # 600 reports of one verb on one day: 300 in one country, 300 in another, none compared all-pairs.
    reports = [report(k, "A", article_id=f"a{k}", country="AF" if k % 2 else "PK") for k in range(600)]
    pairs = candidate_pairs(reports)
    partners = np.bincount(pairs.ravel(), minlength=len(reports))
    assert partners.max() <= 2 * NEIGHBOURS
    assert len(pairs) < 300 * 299  # far fewer than all pairs within each country
    countries = np.array([r.country for r in reports])
    assert (countries[pairs[:, 0]] == countries[pairs[:, 1]]).all()


def test_events_a_chain_of_close_days_never_makes_one_cluster_of_distant_days():
    # One story retold every other day for months, in a block too large to compare all pairs: each report
    # links to its neighbours, but a cluster never spans more than the widest date window.
    import datetime as dt

    start = dt.date(2021, 1, 1)
    reports = [
        report(k, f"outlet{k}", article_id=f"a{k}", date=(start + dt.timedelta(days=2 * (k // 3))).isoformat())
        for k in range(300)
    ]
    clusters = cluster_reports(reports, documents=documents(*reports))
    assert any(len(c) > 1 for c in clusters)
    for cluster in clusters:
        days = [dt.date.fromisoformat(r.date) for r in cluster]
        assert (max(days) - min(days)).days <= 9


def test_events_reports_of_two_countries_never_share_a_cluster_through_a_countryless_one():
    from newsledger.resolve.events import Bounds, join_bounds

    assert join_bounds(Bounds("AF", 10, 10), Bounds(None, 12, 12)) == Bounds("AF", 10, 12)
    assert join_bounds(Bounds("AF", 10, 12), Bounds("PK", 11, 11)) is None
    assert join_bounds(Bounds("AF", 10, 10), Bounds("AF", 20, 20)) is None
    assert join_bounds(Bounds(coarse="2021-03"), Bounds(coarse="2021")) == Bounds(coarse="2021-03")
    assert join_bounds(Bounds(coarse="2021-03"), Bounds(None, 737000, 737000)) is None  # a day of 2018


def test_events_a_pair_with_only_its_verb_neither_links_nor_keeps_apart():
    bare = dict(type="", date=None, location=None, country=None, admin1=None, lat=None, lon=None, geo_precision=None)
    bare |= dict(source_actor=None, target_actor=None, trigger="flooded")
    # Two reports in one article (the second retells the first), and a third article telling the second one's
    # sentence: the first and the third share only the verb, undated, in different articles.
    told = "The river flooded the lower town of Arden on Tuesday, the mayor Ruth Hale said."
    first = report(1, "A", **bare, sentence="Water flooded the cellars.", actor_words=frozenset())
    second = report(2, "A", **bare, article_id="art1", sentence=told, actor_words=frozenset({"hale"}))
    third = report(3, "B", **bare, sentence=told, actor_words=frozenset({"hale"}), place_words=words_of("Arden"))
    second = replace(second, place_words=words_of("Arden"))
    reports = [first, second, third]
    docs = {"art1": f"{first.sentence} {told} Roads were closed.", "art3": f"{told} Roads were closed."}
    evidence = gather_evidence(reports, docs)
    linkable = dict(zip(map(tuple, evidence.pairs.tolist()), evidence.linkable().tolist(), strict=True))
    assert not linkable[(0, 2)] and not evidence.vetoed[evidence.pairs.tolist().index([0, 2])] and linkable[(1, 2)]
    assert [sorted(r.pk for r in group) for group in cluster_reports(reports, documents=docs)] == [[1, 2, 3]]
