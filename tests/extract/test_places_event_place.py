"""An event's place is where it happened: a place the dependency tree ties to the event's own clause, never one
of another clause, another verb's subject, a possessor, a partner or the topic of what was said."""

import pytest

pytestmark = pytest.mark.model


@pytest.fixture
def place_of(make_record):
    def place_of(text: str, trigger: str) -> str | None:
        record = make_record(text)
        event = next(e for e in record.events if trigger in e.trigger.text.split())
        place = next((p for p in record.places if p.id == event.place), None)
        return place.name if place is not None else None

    return place_of


def test_event_place_is_not_the_place_of_another_clause(place_of):
    assert place_of("Before she met the mayor, the teacher lived in Toledo for ten years.", "met") is None
    said = "We will compete hard in Ohio, while turning our attention to the threat from our rivals."
    assert place_of(said, "threat") is None


def test_event_place_is_not_another_verbs_subject_or_a_possessor(place_of):
    assert place_of("The envoy said on Tuesday that Germany would honor its commitment.", "commitment") is None
    assert (
        place_of("The rise of China as an exporter did more harm than the trade deals signed last year.", "deals")
        is None
    )


def test_event_place_is_not_a_partner_or_the_topic_of_what_was_said(place_of):
    assert place_of("The foreign minister began talks with Egypt on Monday.", "talks") is None
    assert place_of("The minister condemned the raid in Kandahar on Sunday.", "condemned") is None
    assert place_of("The minister condemned the raid at a rally in Lahore on Sunday.", "condemned") == "Lahore"


def test_event_place_binds_through_the_events_own_clause(place_of):
    text = "A gunman entered a church in Tulsa on Sunday and killed three people and wounded two others."
    assert place_of(text, "wounded") == "Tulsa"
    assert place_of("Gunmen carried out an attack on Sunday in Kandahar.", "attack") == "Kandahar"
    where = "She spoke at a rally in Dayton, Ohio, where she thanked voters for their support."
    assert place_of(where, "thanked") == "Dayton"


def test_event_place_of_a_site_struck_by_the_event_is_the_sites_place(place_of):
    assert place_of("A market in Mosul was hit by a suicide bombing on Friday.", "bombing") == "Mosul"
    assert place_of("The federal building in Toledo was shattered by an explosion on Monday.", "explosion") == "Toledo"
    # people moved by the event are not where it happened
    assert place_of("Residents of Toledo were shocked by the bombing of the bridge on Monday.", "bombing") is None


def test_event_place_is_never_the_dateline_where_the_report_was_filed(make_record, place_of):
    filed = "Jury convicts gunman. WASHINGTON (AP) -- A roadside bomb killed four soldiers in Kandahar on Monday."
    assert place_of(filed, "killed") == "Kandahar"
    unnamed = "WASHINGTON (AP) -- A suicide bomber killed 12 people at a market on Monday, the Pentagon said."
    assert place_of(unnamed, "killed") != "WASHINGTON"
    # The dateline itself is the town the report was filed from: the capital, not the state.
    record = make_record(filed)
    (origin,) = [p for p in record.places if p.dateline]
    assert origin.feature == "capital" and origin.admin1 == "District of Columbia"


def test_event_place_in_the_city_is_the_one_town_named_before(place_of):
    one = "The police said a man was stabbed in Leeds on Friday. Another man was attacked in the city centre on Sunday."
    assert place_of(one, "attacked") == "Leeds"
    hall = (
        "A gunman opened fire at a school in Dayton on Friday. Two pupils were hurt when he fired in the city's hall."
    )
    assert place_of(hall, "fired") == "Dayton"
    # With two towns named, "the city" could be either: no place.
    two = "The mayor of Leeds met the mayor of York on Tuesday. A man was attacked in the city centre overnight."
    assert place_of(two, "attacked") is None
