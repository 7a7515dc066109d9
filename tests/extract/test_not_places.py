"""Names that stand where a place could but name a person, an employer, a business, a team or an institution."""

import pytest

pytestmark = pytest.mark.model


def _place_names(record) -> set[str]:
    return {m.text for p in record.places for m in p.mentions}


def test_a_person_owning_a_named_thing_is_no_place(make_record):
    record = make_record("The committee voted on Friday to fast-track Obama's Trans-Pacific Partnership.")
    assert "Obama" not in _place_names(record)


def test_a_name_listed_with_persons_is_no_place(make_record):
    listed = make_record("He said he would seek the prosecution of Bill, Hillary, and Chelsea.")
    assert "Chelsea" not in _place_names(listed)
    town = make_record("Flooding closed roads in Chelsea, Massachusetts, on Monday.")
    assert "Chelsea" in _place_names(town)


def test_an_employer_or_a_business_is_no_place(make_record):
    employer = make_record("Margins will shrink, said Ann Lee, a senior analyst at Jefferies, on Tuesday.")
    assert "Jefferies" not in _place_names(employer)
    motel = make_record(
        "He checked into the Dreamland Motel in Junction City. Police later searched Room 12 at the Dreamland."
    )
    assert "Dreamland" not in _place_names(motel) and "Junction City" in _place_names(motel)
    car = make_record("The driver of a 2004 Honda Accord was hurt near Dallas on Sunday.")
    assert "Honda" not in _place_names(car) and "Dallas" in _place_names(car)


def test_a_team_in_a_game_is_no_place(make_record):
    record = make_record(
        "Oregon beat undefeated Clemson 45-40 on Monday night. The late kick broke Clemson's momentum. "
        "Fans then marched through Atlanta."
    )
    assert not {"Oregon", "Clemson"} & _place_names(record) and "Atlanta" in _place_names(record)


def test_an_institution_named_by_its_seat_is_no_place(make_record):
    record = make_record("There is deep frustration in Downing Street about the vote, officials in London said.")
    assert _place_names(record) == {"London"}


def test_a_seat_of_government_is_its_government_unless_its_container_is_written(make_record):
    record = make_record(
        "Officials at Miraflores rejected the offer on Monday. The Casa Rosada and the Blue House said nothing, "
        "and diplomats at Zhongnanhai, the Quai d'Orsay and Foggy Bottom were silent, reporters in Caracas said."
    )
    names = _place_names(record)
    assert "Caracas" in names
    for seat in ("Miraflores", "Casa Rosada", "Blue House", "Zhongnanhai", "Quai d'Orsay", "Foggy Bottom"):
        assert not any(seat in name for name in names), seat
    district = make_record("A protest was held in Miraflores, Lima, on Sunday.")
    assert any(p.country == "PE" for p in district.places if any("Miraflores" in m.text for m in p.mentions))


def test_not_places_a_name_right_after_a_word_for_a_firm_is_the_firm(make_record):
    record = make_record(
        "A partner at Centerview suggested that the health care property company Ventas spin off a major "
        "division last year in Chicago."
    )
    assert [p.name for p in record.places] == ["Chicago"]
    # A town after a firm's possessive is still the town.
    record = make_record("The company's Dallas office closed, and the airline moved its staff to Houston.")
    assert {p.name for p in record.places} == {"Dallas", "Houston"}
