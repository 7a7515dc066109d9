import pytest

pytestmark = pytest.mark.model


def _place(record, text):
    found = [p for p in record.places if any(m.text == text for m in p.mentions)]
    assert found, f"no place with a mention {text!r} in {[p.name for p in record.places]}"
    return found[0]


def test_places_resolve_with_country_context(make_record):
    record = make_record(
        "Fighting spread across Afghanistan on Monday. Afghan officials said clashes broke out in Kandahar "
        "and later in Helmand province, where the governor asked Kabul for help."
    )
    kandahar = _place(record, "Kandahar")
    assert kandahar.country == "AF" and kandahar.geonameid is not None
    assert abs(kandahar.lat - 31.6) < 0.5 and abs(kandahar.lon - 65.7) < 0.5
    assert kandahar.precision == 1 and 0 < kandahar.score <= 1 and kandahar.point == "geonames"
    helmand = _place(record, "Helmand province")
    assert helmand.country == "AF" and helmand.feature == "admin1" and helmand.precision == 3
    country = _place(record, "Afghanistan")
    assert country.feature == "country" and country.precision == 4 and country.point == "factbook centre"


def test_places_ids_follow_first_mention_and_group_mentions(make_record):
    record = make_record("Rain fell in Nairobi. Later Mombasa flooded, and Nairobi closed its schools.")
    assert [p.id for p in record.places] == [f"p{i}" for i in range(1, len(record.places) + 1)]
    nairobi = _place(record, "Nairobi")
    assert nairobi.id == "p1" and len(nairobi.mentions) == 2
    for place in record.places:
        for mention in place.mentions:
            assert record.article.text[mention.start : mention.end] == mention.text


def test_places_containment_picks_the_namesake_inside(make_record):
    record = make_record("A tornado hit Paris, Texas, on Sunday, the county sheriff said.")
    paris = _place(record, "Paris")
    assert paris.country == "US" and paris.admin1 == "Texas"


def test_places_dateline_is_the_origin(make_record):
    record = make_record("NAIROBI (Daily Ledger) – The ministry said on Tuesday that schools would reopen next week.")
    origin = [p for p in record.places if p.dateline]
    assert len(origin) == 1
    assert origin[0].country == "KE" and origin[0].mentions[0].text == "NAIROBI"


def test_places_demonyms_are_not_places(make_record):
    record = make_record("Iranian diplomats met Afghan officials and Pakistani envoys in Islamabad.")
    names = {m.text for p in record.places for m in p.mentions}
    assert "Islamabad" in names
    assert not names & {"Iranian", "Afghan", "Pakistani"}


def test_places_org_tagged_place_is_repaired(make_record, nlp):
    text = "Heavy fighting was reported in Kunduz on Friday, and residents of Kunduz fled toward the border."
    doc = nlp.make_doc(text)
    model_labels = {ent.text: ent.label_ for ent in nlp(doc).ents}
    record = make_record(text)
    kunduz = _place(record, "Kunduz")
    assert kunduz.country == "AF"
    if model_labels.get("Kunduz") not in (None, "GPE", "LOC", "FAC"):
        # the model mislabelled it: the entity must now be a place too
        assert next(e for e in record.entities if e.name == "Kunduz").type == "GPE"


def test_places_site_words_extend_the_mention(make_record):
    record = make_record("Flights resumed at Kabul airport on Thursday.")
    airport = _place(record, "Kabul airport")
    assert airport.feature == "airport" and airport.precision == 1 and airport.country == "AF"


def test_places_event_place_prefers_the_triggers_prepositional_phrase(nlp):
    from newsledger.extract.places import event_place
    from newsledger.model import Article
    from newsledger.nlp.state import attach_article, get_state

    text = "Officials from Kenya said troops attacked a camp in Somalia on Monday."
    doc = nlp(attach_article(nlp.make_doc(text), Article.from_text(text)))
    state = get_state(doc)
    trigger = next(t for t in doc if t.text == "attacked")
    place_id = event_place(doc, trigger.sent, trigger)
    somalia = next(p for p in state.places if p.name == "Somalia")
    assert place_id == somalia.id
    lonely = "Nothing happened."
    empty = nlp(attach_article(nlp.make_doc(lonely), Article.from_text(lonely)))
    assert event_place(empty, next(iter(empty.sents)), empty[1]) is None


def test_places_event_place_skips_reference_points(nlp):
    from newsledger.extract.places import event_place
    from newsledger.model import Article
    from newsledger.nlp.state import attach_article, get_state

    text = "Rebels seized Kunduz province, 250 kilometres north of Kabul, after days of fighting."
    doc = nlp(attach_article(nlp.make_doc(text), Article.from_text(text)))
    state = get_state(doc)
    trigger = next(t for t in doc if t.text == "fighting")
    place_id = event_place(doc, trigger.sent, trigger)
    kabul = next((p for p in state.places if p.name == "Kabul"), None)
    assert place_id is not None
    assert kabul is None or place_id != kabul.id


def test_places_generic_words_are_not_places(make_record):
    record = make_record("Western diplomats and Central bankers met in Nairobi on Monday.")
    names = {m.text for p in record.places for m in p.mentions}
    assert "Nairobi" in names
    assert not names & {"Western", "Central"}


def test_places_named_at_the_head_of_a_public_bodys_name(make_record):
    record = make_record(
        "A man was arrested on Friday by the Peshawar Police Department after the blast. "
        "The Swat District Court ordered his release. The Washington Post reported the arrest."
    )
    peshawar = _place(record, "Peshawar")
    assert peshawar.country == "PK" and abs(peshawar.lat - 34.0) < 0.3
    assert _place(record, "Swat").country == "PK"
    # a newspaper named after a city is not news of the city
    assert not any(m.text == "Washington" for p in record.places for m in p.mentions)


def test_places_in_institution_names_need_a_known_place_and_an_institutions_words():
    from types import SimpleNamespace

    from newsledger.extract.places import _places_in_institution_names
    from newsledger.gazetteer.index import get_gazetteer
    from newsledger.model import Entity, Mention

    def found(name, entity_type="ORG"):
        state = SimpleNamespace(
            entities=[Entity(id="e1", name=name, type=entity_type, mentions=(Mention(10, 10 + len(name), name),))]
        )
        return [(m.text, m.start) for m in _places_in_institution_names(state, get_gazetteer())]

    assert found("Peshawar Police Department") == [("Peshawar", 10)]
    assert found("University of Nairobi") == [("Nairobi", 24)]
    assert found("Ohio State University") == [("Ohio", 10)]
    assert found("Kentucky Arts Commission") == [("Kentucky", 10)]  # a state heads any public body
    assert found("Laurel County Sheriff’s Office") == [("Laurel County", 10)]
    assert found("Lahore City Council") == [("Lahore", 10)]
    assert found("Columbia University") == []  # the rest is not a public body's words
    assert found("Washington Latin School") == []  # a town heads only plain institution words
    assert found("Martin Court") == []  # a street
    assert found("Kennedy Elementary School") == []  # named for a person
    assert found("Lahore City Schools") == [("Lahore", 10)]
    assert found("Metro Police") == []  # an ordinary word some gazetteer holds as a town
    assert found("Peshawar Police Department", entity_type="PERSON") == []


def test_places_a_countys_name_inside_any_name_is_the_county():
    from types import SimpleNamespace

    from newsledger.extract.places import _counties_in_names
    from newsledger.gazetteer.index import get_gazetteer
    from newsledger.model import Entity, Mention

    def found(name, entity_type="PERSON"):
        state = SimpleNamespace(
            entities=[Entity(id="e1", name=name, type=entity_type, mentions=(Mention(10, 10 + len(name), name),))]
        )
        return [(m.text, m.start, m.within) for m in _counties_in_names(state, get_gazetteer())]

    # No one is called "X County": the entity stage's person is the county's sheriff, or the county itself.
    assert found("Anderson County Sheriff") == [("Anderson County", 10, (10, 33))]
    assert found("Henry County") == [("Henry County", 10, (10, 22))]
    assert found("Miss Greater Butler County", entity_type="ORG") == [("Butler County", 23, (10, 36))]
    assert found("Community Foundation of Boone County", entity_type="ORG") == [("Boone County", 34, (10, 46))]
    assert found("Rapides Parish Fire District", entity_type="ORG")[0][0] == "Rapides Parish"
    assert found("Prince William County Circuit Court", entity_type="ORG")[0][0] == "Prince William County"
    assert found("Zzyzxq County Fair", entity_type="ORG") == []  # a county no gazetteer knows
    assert found("County Executive Smith") == []  # the word alone names no county
    assert found("Peshawar Police Department") == []  # a town in a name called a person's stays no place


def test_places_a_county_the_model_reads_into_a_persons_name_is_a_place(make_record, nlp):
    text = "The man was found dead on Sunday, according to Anderson County Sheriff Greg Taylor."
    labels = {ent.text: ent.label_ for ent in nlp(nlp.make_doc(text)).ents}
    record = make_record(text)
    county = _place(record, "Anderson County")
    assert county.feature == "admin2" and county.country == "US"
    assert labels.get("Anderson County Sheriff") == "PERSON"  # the model's person swallowed the county
    assert not any(m.text.startswith("Greg") for p in record.places for m in p.mentions)


def test_places_a_towns_name_before_a_noun_it_qualifies_is_a_place(make_record):
    record = make_record(
        "A Peshawar man was arrested on Friday. Kandahar residents said the Lahore Department of Health "
        "had sent doctors. The Vice Mayor declined to comment. Sometime during March residents fled."
    )
    assert _place(record, "Peshawar").country == "PK"
    assert _place(record, "Kandahar").country == "AF"
    assert _place(record, "Lahore").country == "PK"  # the body's own word comes before its "of"
    assert not any(m.text in ("Vice", "March") for p in record.places for m in p.mentions)


def test_places_a_persons_title_before_a_noun_a_town_qualifies_is_no_place(make_record):
    # "Miss" is also the abbreviation of Mississippi, but here it is a pageant's title
    record = make_record("A Miss Teen contestant and a Jackson man spoke on Friday in Jackson, Miss., to reporters.")
    assert not any(m.text == "Miss" for p in record.places for m in p.mentions)
    assert _place(record, "Jackson").admin1 is not None


def test_places_a_dateline_place_named_again_in_a_sentence_binds_its_events(make_record):
    record = make_record("PESHAWAR (Reuters) - Gunmen attacked a checkpoint in Peshawar on Monday, police said.")
    attack = next(e for e in record.events if e.trigger.text == "attacked")
    place = next(p for p in record.places if p.id == attack.place)
    assert place.country == "PK" and place.dateline


def test_places_event_place_prefers_where_over_a_title_and_skips_the_speakers_country(nlp):
    from newsledger.model import Article
    from newsledger.nlp.process import process_article

    record = process_article(
        nlp,
        Article.from_text(
            "The chancellor will meet U.S. President Joe Biden in Washington on Friday. "
            "Russia's defence ministry said its troops had captured two villages on Monday."
        ),
    )
    places = {p.id: p.name for p in record.places}
    meet = next(e for e in record.events if e.trigger.text == "meet")
    assert places.get(meet.place) == "Washington"
    captured = next(e for e in record.events if e.trigger.text == "captured")
    assert places.get(captured.place) != "Russia"


def test_places_a_toponym_drawn_around_an_institution_is_the_place_heading_it(make_record):
    record = make_record("Both men were booked into the Alachua County Jail on Saturday, deputies said.")
    county = next(p for p in record.places if p.name == "Alachua County")
    assert county.feature == "admin2" and county.admin1 == "Florida"
    assert not any(m.text.endswith("Jail") for p in record.places for m in p.mentions)


def test_places_event_place_is_not_the_actor_that_did_it(make_record):
    record = make_record("Egypt and Jordan, which have mediated between the two sides, met in Cairo on Monday.")
    mediated = next(e for e in record.events if e.trigger.text == "mediated")
    places = {p.id: p.name for p in record.places}
    assert places.get(mediated.place) not in ("Egypt", "Jordan")


def _geocoded(record, text):
    return [p for p in record.places if p.lat is not None and any(text in m.text for m in p.mentions)]


def test_places_institutions_are_actors_not_places(make_record):
    record = make_record(
        "Lawmakers in Congress passed the bill on Tuesday. The Justice Department said it would appeal, and "
        "officials at the Pentagon and the White House declined to comment. Shares of Sears fell."
    )
    for name in ("Congress", "Justice", "Pentagon", "White House", "Sears"):
        assert not _geocoded(record, name), name


def test_places_a_person_is_never_geocoded(make_record):
    record = make_record(
        "Former Secretary of State Hillary Clinton arrived in Iowa on Monday. Hundreds of supporters waited "
        "for hours to hear Clinton speak in Des Moines."
    )
    assert any(e.type == "PERSON" and "Clinton" in e.name for e in record.entities)
    assert not _geocoded(record, "Clinton")
    assert _geocoded(record, "Des Moines")


def test_places_a_facility_does_not_go_to_a_namesake_town(make_record):
    record = make_record("The plane from Dubai landed at Heathrow on Monday. Reporters waited at the White House.")
    assert not _geocoded(record, "Heathrow") and not _geocoded(record, "White House")
    assert _geocoded(record, "Dubai")[0].country == "AE"


def test_places_famous_places_beat_small_namesakes_unless_the_text_points_there(make_record):
    record = make_record("U.S. officials met their counterparts in Paris and Venice before flying to Aberdeen.")
    assert [_geocoded(record, name)[0].country for name in ("Paris", "Venice", "Aberdeen")] == ["FR", "IT", "GB"]
    pointed = make_record("The storm hit Paris, Texas, on Sunday night.")
    assert _geocoded(pointed, "Paris")[0].admin1 == "Texas"


def test_places_a_district_the_gazetteer_lacks_is_its_city_not_a_namesake(make_record):
    record = make_record("A car bomb killed five people in Karrada, a district of Baghdad, police said.")
    district, city = _geocoded(record, "Karrada")[0], _geocoded(record, "Baghdad")[0]
    assert district.geonameid == city.geonameid and district.precision == 2 and city.precision == 1
    written_after = make_record("A car bomb ripped through a market in the Karrada district of Baghdad on Sunday.")
    assert _geocoded(written_after, "Karrada")[0].geonameid == _geocoded(written_after, "Baghdad")[0].geonameid


def test_places_event_place_is_never_the_sources_country(make_record):
    text = (
        "According to the U.S. military, 12 people were killed in an attack on Monday. "
        "Two soldiers were wounded by Afghan troops on Tuesday. "
        "A car bomb killed five people in Kabul on Wednesday, the U.S. military said."
    )
    record = make_record(text, outlet="Kenya Times")
    names = {p.id: p.name for p in record.places}

    def place_of(trigger, sentence):
        start = text.index(sentence)
        event = next(e for e in record.events if e.trigger.text == trigger and e.sentence.start >= start)
        return names.get(event.place) if event.place else None

    # No place is named for the first two: unknown, not the source's, the actor's or the outlet's country.
    assert place_of("killed", "According") is None
    assert place_of("wounded", "Two soldiers") is None
    assert place_of("killed", "A car bomb") == "Kabul"


def test_places_a_national_institution_gives_its_own_events_a_country_and_no_point(make_record):
    def event_place(text, trigger):
        record = make_record(text)
        event = next(e for e in record.events if e.trigger.text == trigger)
        return next((p for p in record.places if p.id == event.place), None)

    charged = event_place("The Justice Department charged three men with fraud on Monday.", "charged")
    assert charged is not None and charged.country == "US" and charged.feature == "institution"
    assert charged.lat is None and charged.lon is None and charged.geonameid is None and charged.precision == 4
    blocked = event_place("The bill was blocked by the Kremlin on Monday.", "blocked")
    assert blocked is not None and blocked.country == "RU" and blocked.lat is None
    # The institution only speaks of the event: its country is not where it happened.
    assert event_place("The Pentagon said the strike killed four militants on Sunday.", "killed") is None
    # A place named for the event wins over the institution's country.
    kabul = event_place("The Justice Department charged three men with fraud in Kabul on Monday.", "charged")
    assert kabul is not None and kabul.country == "AF" and kabul.lat is not None


def test_places_an_institution_is_not_a_place_of_the_record_unless_an_event_needs_its_country(make_record):
    record = make_record("Officials at the White House and the Pentagon declined to comment on the report.")
    assert not [p for p in record.places if p.feature == "institution"]


def test_places_a_model_person_guess_written_only_where_towns_stand_is_a_place(make_record):
    record = make_record(
        "Chiquita Henry, 19, of 1935 Orchard St., Alexandria, was arrested. The Alexandria woman was charged."
    )
    assert _geocoded(record, "Alexandria")
    person = make_record("Hillary Clinton arrived on Monday. Clinton aides said Clinton would speak at noon.")
    assert not _geocoded(person, "Clinton")


def test_places_a_name_the_model_calls_a_place_that_acts_as_a_person_is_not_geocoded(make_record):
    record = make_record("Clinton visited the flooded town on Sunday.")
    assert not _geocoded(record, "Clinton")
    town = make_record("Officials in Clinton met on Monday.")
    assert _geocoded(town, "Clinton")
    capital = make_record("Washington vowed to respond on Sunday.")
    assert _geocoded(capital, "Washington")


def _mentioned(record, text):
    return [p for p in record.places if any(m.text == text for m in p.mentions)]


def test_places_an_organisations_acronym_is_not_a_place(make_record):
    record = make_record("Three men linked to ETA were detained in Bilbao on Tuesday.")
    assert not _mentioned(record, "ETA")
    assert _geocoded(record, "Bilbao")[0].country == "ES"
    countries = make_record("Diplomats from the UAE and the DRC met in Nairobi on Monday.")
    assert [_geocoded(countries, name)[0].country for name in ("UAE", "DRC")] == ["AE", "CD"]


def test_places_a_name_qualifying_a_thing_is_not_a_place(make_record):
    record = make_record("The price of the Olympic programme, paid by the city, rose after the audit.")
    assert not _mentioned(record, "Olympic")
    police = make_record("Warren police arrested two men on Sunday.")
    assert _geocoded(police, "Warren")


def test_places_a_person_written_as_one_is_not_a_place(make_record):
    regime = make_record("Exiles in Miami cheered, denouncing the Castro government after the vote.")
    assert not _mentioned(regime, "Castro") and _geocoded(regime, "Miami")
    coordinated = make_record(
        "Hillary Clinton spoke on Monday. The clip was filmed at a rally with Clinton and Carson, where the "
        "senator said she backed her candidate."
    )
    assert not _mentioned(coordinated, "Clinton") and not _mentioned(coordinated, "Carson")
    # A town listed with one the model alone takes for a person stays a town.
    listed = make_record("Roofs collapsed in Harvey, Harper and Kingman counties, the sheriff said.")
    assert all(_mentioned(listed, name) for name in ("Harvey", "Harper"))
    kin = make_record('"Run," the woman shouted to her son, Carson, as the fire spread, a neighbour said.')
    assert not _mentioned(kin, "Carson")
    # A capital's name heads its government as a place's own name.
    capital = make_record("Diplomats said the Kabul government had closed the border on Monday.")
    assert _geocoded(capital, "Kabul")[0].country == "AF"


def test_places_a_group_of_people_is_not_a_place(make_record):
    record = make_record("When the Bolsheviks seized the palace, the city fell.")
    assert not _mentioned(record, "Bolsheviks")
    range_ = make_record("Heavy snow fell across the Ozarks on Monday.")
    assert _mentioned(range_, "Ozarks")


def test_places_a_lower_case_word_or_a_span_stopped_short_is_no_place(make_record, nlp):
    text = (
        "Two men were charged with manufacturing meth near Kabul. He was sentenced in Georgia in absentia after a "
        "monthslong search. The money had been in the Village of Glen Carbon's budget."
    )
    labels = {ent.text: ent.label_ for ent in nlp(nlp.make_doc(text)).ents}
    assert labels.get("meth") == "GPE" and labels.get("absentia") == "GPE"  # the model's guesses
    record = make_record(text)
    names = {m.text for p in record.places for m in p.mentions}
    assert "Kabul" in names and "Georgia" in names
    assert not {"meth", "absentia", "monthslong", "Village of"} & names
    assert all(not name[:1].islower() for name in names)


def test_places_a_dateline_after_a_headline_on_the_same_line_is_the_origin(make_record):
    record = make_record(
        "Council cuts budget for road repairs. PESHAWAR — The city council voted on Monday to cut spending on roads."
    )
    origin = [p for p in record.places if p.dateline]
    assert len(origin) == 1 and origin[0].mentions[0].text == "PESHAWAR" and origin[0].country == "PK"
    # Capitals before a dash that name no place are no dateline.
    record = make_record(
        "Council cuts budget for road repairs. UPDATE — The city council voted on Monday to cut spending."
    )
    assert not any(p.dateline for p in record.places)


def test_places_a_legislators_party_and_home_give_the_home_as_a_place(make_record):
    record = make_record(
        "The bill was filed by Rep. Jane Miller, D-Iowa City, and Sen. Paul Stone (R-Des Moines). The vote was 5-0, "
        "R-Smith said."
    )
    iowa_city = _place(record, "Iowa City")
    assert iowa_city.country == "US" and iowa_city.admin1 == "Iowa"
    assert _place(record, "Des Moines").admin1 == "Iowa"
    names = {m.text for p in record.places for m in p.mentions}
    assert "D-Iowa City" not in names and "Smith" not in names  # the place alone, and only after a name


def test_places_the_names_of_a_list_closed_by_counties_are_counties(make_record):
    record = make_record("Flood warnings were issued for Becker, Clay, Otter Tail and Wilkin counties on Friday.")
    for name in ("Becker", "Clay", "Otter Tail", "Wilkin"):
        county = _place(record, name)
        assert county.feature == "admin2" and county.admin1 == "Minnesota", name
    record = make_record("The Democrats and the Republicans in both counties agreed on Friday.")
    assert not record.places


def test_places_a_seat_of_government_gives_its_own_events_its_country(make_record):
    for text, country in (
        ("The bill was blocked by the Casa Rosada on Monday.", "AR"),
        ("The bill was blocked by Zhongnanhai on Monday.", "CN"),
    ):
        record = make_record(text)
        event = next(e for e in record.events if e.trigger.text == "blocked")
        place = next((p for p in record.places if p.id == event.place), None)
        assert place is not None and place.country == country and place.lat is None, text


def test_places_a_persons_surname_is_no_town(make_record):
    # "Bell" after "Tyrise M. Bell" is the man, not Bell, California; "the Webb Center" after "the Charles Webb
    # Center" is named for a person, not a building in Webb, Alabama.
    shooting = make_record(
        "A coroner's jury ruled that the police shooting of Tyrise M. Bell in North Las Vegas was justified. Officer "
        "Michael Eggers shot Bell as the two struggled over a handgun. Eggers tackled Bell near a parking lot."
    )
    assert {p.name for p in shooting.places} == {"North Las Vegas"}
    shot = next(e for e in shooting.events if e.trigger.text == "shot")
    assert shot.place is None
    center = make_record(
        "State lawmakers cut funds for the Charles Webb Center in Charleston, South Carolina. Parents said the Webb "
        "Center could close, and donors tried to keep the Webb Center open."
    )
    assert not [p for p in center.places if "Webb" in p.name]
    # The town of that name, written as a town, stays one.
    town = make_record(
        "Bell police arrested two men on Friday. The mayor of Bell said the city would hire more officers. "
        "Residents of Bell, California, welcomed the news."
    )
    assert _place(town, "Bell").admin1 == "California"


def test_places_dotted_initials_are_no_states_postal_code(make_record):
    record = make_record("A shooting in L.A. left two people dead on Sunday, police said.")
    assert not [p for p in record.places if p.admin1 == "Louisiana" or p.country not in (None, "US")]
    named = make_record("Los Angeles police said a shooting in South L.A. left two people dead on Sunday.")
    assert _place(named, "South L.A.").admin1 == "California"


def test_places_a_street_named_for_a_town_is_not_the_town(make_record):
    record = make_record("A man was shot on Dayton Avenue in Chicago late Friday. Officers closed Richmond Street.")
    assert {p.name for p in record.places if p.lat is not None} == {"Chicago"}
    shot = next(e for e in record.events if e.trigger.text == "shot")
    assert _place(record, "Chicago").id == shot.place


def test_places_the_capitol_is_an_institution_not_a_namesake_territory(make_record):
    record = make_record("Protesters gathered outside the Capitol on Saturday as senators debated the bill.")
    assert not [p for p in record.places if p.lat is not None]


def test_places_a_name_no_gazetteer_knows_after_a_persons_title_is_no_place(make_record):
    record = make_record(
        "The opposition plans to launch protest rallies from April 9 to demand President Saakashvili\u2019s "
        "resignation, its leader said. The removal of Saakashvili from power is justified, he said in Tbilisi."
    )
    assert {p.name for p in record.places} == {"Tbilisi"}


def test_places_dateline_with_a_filing_date_and_an_outlet(make_record):
    record = make_record(
        "HERAT, Afghanistan, Oct. 3 (Xinhua) -- Gunmen killed two guards at a checkpoint on Saturday, police said."
    )
    origin = [p for p in record.places if p.dateline]
    assert [p.mentions[0].text for p in origin] == ["HERAT"]
    assert not any(m.text == "Xinhua" for p in record.places for m in p.mentions)
    killed = next(e for e in record.events if e.trigger.text == "killed")
    assert killed.place != origin[0].id


def test_places_dateline_name_after_an_abbreviated_word_is_not_cut(make_record):
    record = make_record("Budget passes. FT. MADISON — The city council approved a new budget on Monday.")
    assert not any(p.country == "US" and p.name == "Madison" for p in record.places)
    assert not any(m.text == "MADISON" for p in record.places for m in p.mentions)


def test_places_an_office_held_over_a_place_is_not_where_its_holder_acted(make_record):
    record = make_record("The mayor of Bristol met the mayor of Exeter on Tuesday to discuss bus routes.")
    met = next(e for e in record.events if e.trigger.text == "met")
    assert met.place is None
    assert {p.name for p in record.places} >= {"Bristol", "Exeter"}
    record = make_record("The mayor of Bristol met the mayor of Exeter on Tuesday in London.")
    met = next(e for e in record.events if e.trigger.text == "met")
    assert next(p.name for p in record.places if p.id == met.place) == "London"


def test_places_an_institutions_stance_has_no_place(make_record):
    def event_place(text, trigger):
        record = make_record(text)
        event = next(e for e in record.events if e.trigger.text == trigger)
        return next((p for p in record.places if p.id == event.place), None)

    assert event_place("The White House praised the deal on Monday.", "praised") is None
    assert event_place("The Kremlin condemned the sanctions on Monday.", "condemned") is None
    imposed = event_place("The Justice Department charged two men with fraud on Monday.", "charged")
    assert imposed is not None and imposed.country == "US"


def test_places_a_side_of_the_country_abroad_is_not_placed_there(make_record):
    record = make_record(
        "Fire crews from Sacramento and Fresno were sent up the West Coast on Tuesday, officials in California "
        "said. Residents of Modesto were told to stay indoors."
    )
    side = [p for p in record.places if any(m.text == "West Coast" for m in p.mentions)]
    assert all(p.country in (None, "US") for p in side)


def test_places_a_name_heading_a_firm_or_its_unit_is_no_place(make_record):
    record = make_record(
        "A teller at the Northern Savings branch in Eugene was robbed on Tuesday. The firm's West Coast office in "
        "Salem, Oregon, closed early."
    )
    names = {m.text for p in record.places for m in p.mentions}
    assert "Eugene" in names and "Salem" in names
    assert "West Coast" not in names and "Northern" not in names


def test_places_a_river_the_gazetteer_lacks_lies_near_the_report_town(make_record):
    record = make_record(
        "A body was found in the Brackwater River on Sunday. Tallahassee police said the man was from "
        "Tallahassee and was last seen at the Brackwater Mall."
    )
    river, town = _place(record, "Brackwater River"), _place(record, "Tallahassee")
    assert town.admin1 == "Florida" and town.precision == 1 and town.geonameid is not None
    assert (river.lat, river.lon) == (town.lat, town.lon) and river.geonameid is None
    assert river.feature == "near" and river.precision == 2 and river.point == "near the report's town"
    # a building no gazetteer knows is still no place, near the town or not
    assert not any(m.text.endswith("Mall") for p in record.places for m in p.mentions)


def test_places_a_name_only_the_model_calls_a_place_is_not_put_near_the_report_town(make_record):
    # "Underdog" and "Vetting" are GPEs to the model and no gazetteer's; nothing in the text makes them places,
    # so they get no point (a brand or a nickname near a town would be a false place on the map), while a name
    # written after "near" does.
    record = make_record(
        "Tallahassee police said the man was from Tallahassee. He was known at the Underdog, and witnesses said "
        "he lived near Dunmore Heights and ate at Vetting."
    )
    town, suburb = _place(record, "Tallahassee"), _place(record, "Dunmore Heights")
    assert suburb.feature == "near" and (suburb.lat, suburb.lon) == (town.lat, town.lon)
    for name in ("Underdog", "Vetting"):
        place = next((p for p in record.places if any(m.text == name for m in p.mentions)), None)
        assert place is None or (place.lat is None and place.feature != "near")


def test_places_a_report_of_far_towns_puts_no_unknown_river_near_its_main_town(make_record):
    record = make_record(
        "A body was found in the Brackwater River on Sunday. Tallahassee police said the man was from "
        "Tallahassee; his family lives in Seattle and Denver."
    )
    assert _place(record, "Tallahassee").admin1 == "Florida"
    river = next((p for p in record.places if any(m.text == "Brackwater River" for m in p.mentions)), None)
    assert river is None or (river.lat is None and river.feature != "near")


def test_places_a_report_touring_many_states_points_to_no_namesake_of_a_famous_city(make_record):
    # Texas is one of several states the report's towns lie in, so it does not point "Paris" to Paris, Texas.
    record = make_record(
        "Sen. Ted Cruz of Texas and Sen. Marco Rubio of Florida spoke in Iowa and New Hampshire. Terrorist attacks "
        "in Paris and San Bernardino, Calif., suddenly placed security at the top."
    )
    assert _place(record, "Paris").country == "FR"
    # a report about one state still points to its towns
    local = make_record("Officials in Concord and Nashua said flooding closed roads in Manchester on Monday.")
    assert (_place(local, "Manchester").country, _place(local, "Manchester").admin1) == ("US", "New Hampshire")


def test_places_the_given_name_of_a_person_named_in_full_is_no_town(make_record):
    record = make_record(
        'Then he turned to "little" Marco Rubio. "I was a million votes higher than Marco, one million votes," '
        "he told the crowd in Sarasota."
    )
    names = {m.text for p in record.places for m in p.mentions}
    assert "Sarasota" in names and "Marco" not in names
    # written where only a place stands, the name is the town again
    town = make_record("Marco Rubio spoke in Sarasota. Voters in Marco stayed home on Tuesday.")
    assert "Marco" in {m.text for p in town.places for m in p.mentions}


def test_places_a_name_told_something_or_quoted_as_a_source_is_no_town(make_record):
    record = make_record(
        '"The referendum choice is grim," the political scientist Christopher Wlezien told Bloomberg in late May. '
        "Altman has stock worth about $130 million, according to Bloomberg. Voters in Denver were unmoved."
    )
    names = {m.text for p in record.places for m in p.mentions}
    assert "Denver" in names and "Bloomberg" not in names


def test_places_a_sentence_opening_in_gives_no_province_to_the_report(make_record):
    # "In" at the head of a sentence, taken for a name by the model, was Indiana, and pointed "Mexico" there.
    record = make_record(
        "The deal is not counted among his more successful ventures. In 1990 he defaulted on his loan. In 2009, "
        "he decided to sell his Boeing 727 to a buyer in Mexico."
    )
    assert _place(record, "Mexico").country == "MX"


def test_places_a_dateline_written_alone_is_the_big_city(make_record):
    record = make_record(
        "DALLAS (AP) — The candidate is shifting staff and money to Iowa, where voters in Des Moines and "
        "Ames meet him often."
    )
    assert _place(record, "DALLAS").admin1 == "Texas"


def test_places_a_small_town_found_only_by_a_like_spelling_is_no_place(make_record):
    record = make_record("Pfizer is working on a $160 billion combination with Allergan, bankers in New York said.")
    allergan = [p for p in record.places if any(m.text == "Allergan" for m in p.mentions)]
    assert all(p.lat is None for p in allergan)


def test_places_a_body_of_a_national_institution_puts_no_place_on_the_map(make_record):
    record = make_record(
        "The president said the troops would stay. White House Office of the Press Secretary issued a "
        "statement on Monday."
    )
    assert record.places == ()


def test_places_a_compass_region_of_the_country_is_no_town(make_record):
    record = make_record(
        "Voters in Pennsylvania and Ohio go to the polls. Two weeks ago, his strongest territory had been the "
        "South. Now, it is the Northeast, the pollster said in Pittsburgh."
    )
    northeast = [p for p in record.places if p.name == "Northeast"]
    assert northeast and all(p.lat is None and p.geonameid is None for p in northeast)
    # Written with its province, the town is the town.
    record = make_record("Police said the crash happened in North East, Pennsylvania, on Monday.")
    town = next(p for p in record.places if p.name == "North East")
    assert (town.feature, town.admin1) == ("city", "Pennsylvania")


def test_places_one_name_for_two_places_in_one_report(make_record):
    record = make_record(
        "Voters in Iowa want to forge consensus with Republicans in Washington. But as Mr. Sanders campaigned on "
        "Friday in Washington, Iowa, he said the capital had forgotten small towns."
    )
    washingtons = sorted((p.admin1, len(p.mentions)) for p in record.places if p.name == "Washington")
    assert washingtons == [("District of Columbia", 1), ("Iowa", 1)]


def test_places_a_name_that_speaks_throughout_is_a_speaker_not_a_town(make_record):
    record = make_record(
        'Reynolds says the two met in an online group in Portland, Ore. "They want me!" he says to Reynolds from '
        "behind the camera. Reynolds said the show grew across the United States, and Reynolds says it was ambush "
        "journalism."
    )
    assert not [p for p in record.places if p.name == "Reynolds"]
    # A town the report is about may be said to speak once, where its name also stands as a place.
    record = make_record(
        "Flooding closed roads around Springfield, officials said. Springfield says it will open shelters."
    )
    assert [p.feature for p in record.places if p.name == "Springfield"] == ["city"]


def test_places_a_famous_town_beats_a_namesake_in_a_province_only_its_other_towns_lie_in(make_record):
    record = make_record(
        "The jet left Teterboro for Queens on Monday. He bought the shuttle that connected New York City with "
        "Boston and Washington, aides in Texas said."
    )
    boston = next(p for p in record.places if p.name == "Boston")
    assert boston.admin1 == "Massachusetts"
    # The province written out still points to its namesake town.
    record = make_record("Snow closed roads in Boston, New York, a town south of Buffalo, on Monday.")
    assert next(p for p in record.places if p.name == "Boston").admin1 == "New York"
