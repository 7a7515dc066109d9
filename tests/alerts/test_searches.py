from __future__ import annotations

import pytest

from newsledger.alerts.searches import FilterError, clean_filters, describe, slugify


@pytest.mark.parametrize("given", ["Iraq", "iraq", "IQ", " iq ", "Republic of Iraq"])
def test_searches_country_by_name_or_code(given: str) -> None:
    assert clean_filters({"country": given}) == {"country": "IQ"}


def test_searches_unknown_country_names_the_field() -> None:
    with pytest.raises(FilterError) as caught:
        clean_filters({"country": "Atlantis"})
    assert caught.value.field == "country"


def test_searches_keep_known_filters_and_drop_empty_ones() -> None:
    found = clean_filters(
        {"type": "ASSAULT", "actor": "", "disputed": "on", "reviewed": "", "limit": "5", "q": "  a  b "}
    )
    assert found == {"type": "ASSAULT", "disputed": True, "q": "a b"}


def test_searches_refuse_a_malformed_date() -> None:
    with pytest.raises(FilterError) as caught:
        clean_filters({"since": "yesterday"})
    assert caught.value.field == "since"


def test_searches_slug_is_readable_and_ascii() -> None:
    assert slugify("Shelling in Iraq!") == "shelling-in-iraq"
    assert slugify("Côte d'Ivoire: clashes") == "cote-d-ivoire-clashes"
    assert slugify("!!!") == "search"


def test_searches_describe_lists_each_filter() -> None:
    assert describe({"type": "ASSAULT", "disputed": True}) == "type ASSAULT, disputed yes"
    assert describe({}) == "every event"
