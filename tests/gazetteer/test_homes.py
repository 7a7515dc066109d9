"""An outlet's home learnt from its stored reports (gazetteer/homes.py), on votes the tests write."""

from __future__ import annotations

import pytest

from newsledger.gazetteer.homes import OutletHomes, split_home, votes_of
from newsledger.gazetteer.index import get_gazetteer


@pytest.fixture
def homes() -> OutletHomes:
    return OutletHomes(get_gazetteer())


def towns(province: str, n: int, *, country: str = "US", score: float = 0.9) -> list:
    return votes_of([(country, province, "city", score)] * n)


def test_homes_one_report_about_a_province_makes_no_home(homes):
    homes.add("The Courier", "a1", towns("Ohio", 5))
    assert homes.home("The Courier") is None


def test_homes_two_reports_agreeing_make_the_province_the_home(homes):
    homes.add("The Courier", "a1", towns("Ohio", 2))
    homes.add("The Courier", "a2", towns("Ohio", 1) + towns("Texas", 1))
    assert homes.home("The Courier") == "US.OH"
    assert split_home(homes.home("The Courier")) == ("US", "US.OH")
    assert homes.home("Another Paper") is None  # homes are per outlet


def test_homes_unsure_places_do_not_vote(homes):
    homes.add("The Courier", "a1", towns("Ohio", 3, score=0.3))
    homes.add("The Courier", "a2", towns("Ohio", 3, score=0.3))
    assert homes.home("The Courier") is None


def test_homes_scattered_provinces_leave_only_the_country(homes):
    for number, province in enumerate(["Ohio", "Texas", "Maine", "Utah", "Iowa", "Idaho"]):
        homes.add("National Wire", f"a{number}", towns(province, 1))
    assert homes.home("National Wire") == "US"


def test_homes_a_country_entry_votes_for_its_country_only(homes):
    countries = votes_of([("FR", None, "country", 0.95)] * 2)
    assert all(vote.province is None for vote in countries)
    homes.add("Le Journal", "a1", countries)
    homes.add("Le Journal", "a2", countries)
    assert homes.home("Le Journal") == "FR"


def test_homes_a_report_read_again_replaces_its_own_votes(homes):
    homes.add("The Courier", "a1", towns("Ohio", 3))
    homes.add("The Courier", "a2", towns("Ohio", 3))
    assert homes.home("The Courier") == "US.OH"
    homes.add("The Courier", "a2", towns("Texas", 3))  # the same report, read again
    assert homes.home("The Courier") == "US"  # one report per province: only the country is agreed on


def test_homes_split_home_reads_both_forms():
    assert split_home("US.OH") == ("US", "US.OH")
    assert split_home("US") == ("US", None)
    assert split_home(None) == (None, None)


def test_homes_a_tie_between_two_provinces_is_no_home(homes):
    homes.add("The Courier", "a1", towns("Ohio", 2) + towns("Texas", 2))
    homes.add("The Courier", "a2", towns("Ohio", 1) + towns("Texas", 1))
    assert homes.home("The Courier") == "US"


def test_homes_a_few_confident_places_among_many_reports_make_no_home(homes):
    # A wire service: two of its ten reports place towns of one country with confidence, the rest none.
    homes.add("World Wire", "a1", towns("Nairobi Area", 2, country="KE"))
    homes.add("World Wire", "a2", towns("Nairobi Area", 2, country="KE"))
    for number in range(3, 11):
        homes.add("World Wire", f"a{number}", [])
    assert homes.home("World Wire") is None
    homes.add("Nairobi Star", "b1", towns("Nairobi Area", 2, country="KE"))
    homes.add("Nairobi Star", "b2", towns("Nairobi Area", 2, country="KE"))
    homes.add("Nairobi Star", "b3", [])
    assert homes.home("Nairobi Star") is not None
