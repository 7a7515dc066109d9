from __future__ import annotations

import pytest

from newsledger.extract.quantities import number_value

pytestmark = pytest.mark.model


def only(record, text):
    matches = [q for q in record.quantities if text in q.text]
    assert matches, f"no quantity with {text!r} in {[q.text for q in record.quantities]}"
    return matches[0]


def test_quantities_number_value_reads_digits_commas_and_words():
    assert number_value(["120,000"]) == 120_000
    assert number_value(["18", "million"]) == 18_000_000
    assert number_value(["twenty-five"]) == 25
    assert number_value(["three", "hundred"]) == 300
    assert number_value(["2.5", "million"]) == 2_500_000
    assert number_value(["fighters"]) is None


def test_quantities_digits_with_commas_and_qualifier(make_record):
    record = make_record("The airlift evacuated more than 120,000 people from the capital last month.")
    quantity = only(record, "120,000")
    assert quantity.value == 120_000
    assert quantity.qualifier == "more than"
    assert quantity.unit == "people"
    assert quantity.category == "evacuated"
    assert quantity.according_to == "reporter"
    assert record.article.text[quantity.start : quantity.end] == quantity.text
    assert quantity.id == "n1"


@pytest.mark.parametrize(
    ("sentence", "needle", "value", "qualifier"),
    [
        ("Police said about 300 protesters were arrested in the port city.", "300", 300, "about"),
        ("At least 12 soldiers were wounded when the convoy was ambushed.", "12", 12, "at least"),
        ("Up to 5,000 villagers have been displaced by the floods.", "5,000", 5000, "up to"),
        ("Nearly 40 civilians were killed in the shelling.", "40", 40, "nearly"),
    ],
)
def test_quantities_qualifiers_and_categories(make_record, sentence, needle, value, qualifier):
    quantity = only(make_record(sentence), needle)
    assert quantity.value == value
    assert quantity.qualifier == qualifier
    assert quantity.unit == "people"
    expected_category = {"arrested": "arrested", "wounded": "injured", "displaced": "displaced", "killed": "killed"}
    word = next(w for w in expected_category if w in sentence)
    assert quantity.category == expected_category[word]


def test_quantities_number_words_and_scale_words(make_record):
    record = make_record("Two journalists were killed and the storm affected 18 million people across the region.")
    two = only(record, "Two journalists")
    assert (two.value, two.unit, two.category) == (2, "people", "killed")
    millions = only(record, "18 million")
    assert millions.value == 18_000_000 and millions.unit == "people"


def test_quantities_vague_plurals_and_counts_of_people(make_record):
    record = make_record("Dozens of people were injured in the blast, and a number of officers were detained.")
    dozens = only(record, "Dozens of people")
    assert dozens.value == 24 and dozens.qualifier == "at least" and dozens.category == "injured"
    number_of = only(record, "a number of officers")
    assert number_of.value is None and number_of.unit == "people" and number_of.category == "arrested"


def test_quantities_shares_and_percent(make_record):
    record = make_record("The drought now threatens half the population, and 40 percent of the harvest was lost.")
    half = only(record, "half the population")
    assert half.value == 0.5 and half.unit == "share"
    percent = only(record, "40 percent")
    assert percent.value == 40 and percent.unit == "percent"


def test_quantities_skip_ages_years_and_dates(make_record):
    record = make_record(
        "The 34-year-old mayor, aged 34, took office in 2019 and will travel on September 13 with his aide."
    )
    assert [q.text for q in record.quantities] == []


def test_quantities_according_to_the_speaker_of_the_quote(make_record):
    record = make_record(
        'The Red Cross said that 25 people were killed in the attack. "We lost three colleagues today," '
        "said Maria Lopez, a spokeswoman for the Red Cross."
    )
    said = only(record, "25 people")
    speaker = next(e for e in record.entities if e.id == said.according_to)
    assert "Red Cross" in speaker.name
    lost = only(record, "three colleagues")
    assert lost.category == "killed" and lost.value == 3
    assert lost.according_to not in (None, "reporter")


def test_quantities_money_only_when_it_is_aid(make_record):
    record = make_record("Donors pledged $5 million in aid. The hotel charges $300 a night.")
    texts = [q.text for q in record.quantities]
    aid = only(record, "5 million")
    assert aid.unit == "USD" and aid.value == 5_000_000
    assert not any("300" in text for text in texts)


def test_quantities_the_doers_of_a_killing_are_not_its_victims(make_record):
    record = make_record("Two gunmen killed at least 22 worshippers, and five others were injured.")
    gunmen = only(record, "Two gunmen")
    assert gunmen.unit == "people" and gunmen.category is None
    worshippers = only(record, "22 worshippers")
    assert worshippers.category == "killed" and worshippers.qualifier == "at least"
    assert only(record, "five others").category == "injured"


def test_quantities_things_are_counted_but_not_as_casualties(make_record):
    record = make_record("Three civilians were wounded in three rocket attacks on the town.")
    attacks = only(record, "three rocket attacks")
    assert attacks.unit == "attacks" and attacks.category is None
    assert only(record, "Three civilians").category == "injured"
