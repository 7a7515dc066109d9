from collections import Counter

from newsledger.gazetteer.resolve import (
    Context,
    Toponym,
    candidates_for,
    kind_hint_of,
    resolve_toponyms,
    written_containers,
    written_kinds,
)


def _resolve(gazetteer, names, *, context=None, text=None):
    text = text or " ".join(names)
    spans = []
    position = 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    toponyms = [
        Toponym(name, start, end, container, enumerated=enumerated)
        for name, (start, end), (container, enumerated) in zip(
            names, spans, written_containers(text, spans), strict=True
        )
    ]
    return resolve_toponyms(gazetteer, toponyms, context or Context())


def test_resolve_bare_name_prefers_the_prominent_place(gazetteer):
    (paris,) = _resolve(gazetteer, ["Paris"])
    assert paris.candidate.country == "FR"


def test_resolve_containment_picks_the_contained_namesake(gazetteer):
    paris, texas = _resolve(gazetteer, ["Paris", "Texas"], text="Paris, Texas")
    assert paris.candidate.country == "US" and paris.candidate.admin1 == "Texas"
    assert texas.candidate.feature == "admin1"


def test_resolve_country_context_from_other_names(gazetteer):
    text = "Officials in Georgia met in Tbilisi and Batumi."
    georgia, *_ = _resolve(gazetteer, ["Georgia", "Tbilisi", "Batumi"], text=text)
    assert georgia.candidate.country == "GE"


def test_resolve_home_region_prior_for_local_news(gazetteer):
    (dublin,) = _resolve(gazetteer, ["Dublin"], context=Context(home_country="US", home_admin1="US.OH"))
    assert dublin.candidate.country == "US" and dublin.candidate.admin1 == "Ohio"


def test_resolve_demonym_context_moves_ambiguous_names(gazetteer):
    context = Context(countries=Counter({"AF": 3}))
    (helmand,) = _resolve(gazetteer, ["Helmand"], context=context)
    assert helmand.candidate.country == "AF"
    assert 0 < helmand.score <= 1


def test_resolve_county_word_asks_for_a_district(gazetteer):
    (county,) = _resolve(gazetteer, ["Laurel County"], context=Context(home_country="US", home_admin1="US.KY"))
    assert county.candidate.feature == "admin2" and county.candidate.admin1 == "Kentucky"
    assert kind_hint_of("Laurel County") == ("admin2", "Laurel")


def test_resolve_demonyms_in_gold_style_read_as_their_country(gazetteer):
    candidates, hint, _ = candidates_for(gazetteer, "Egyptian")
    assert hint == "demonym" and [c.country for c in candidates] == ["EG"]


def test_resolve_world_region_outranks_a_namesake_town(gazetteer):
    middle_east, pacific = _resolve(gazetteer, ["Middle East", "Pacific"], text="From the Middle East to the Pacific.")
    assert middle_east.candidate.feature == "region" and 25 < middle_east.candidate.lat < 35
    assert pacific.candidate.feature == "region" and pacific.candidate.country is None


def test_resolve_former_country_name_reads_as_the_country(gazetteer):
    (zaire,) = _resolve(gazetteer, ["Zaire"], text="Refugees crossed into Zaire.")
    assert zaire.candidate.feature == "country" and zaire.candidate.country == "CD"


def test_resolve_list_of_countries_is_not_containment(gazetteer):
    text = "Cases were reported in China, Japan and Korea."
    china, japan, _ = _resolve(gazetteer, ["China", "Japan", "Korea"], text=text)
    assert china.candidate.feature == "country" and china.candidate.country == "CN"
    assert japan.candidate.country == "JP"


def test_resolve_town_named_after_a_state_keeps_its_container(gazetteer):
    washington, _ = _resolve(gazetteer, ["Washington", "Pennsylvania"], text="A fire in Washington, Pennsylvania.")
    assert washington.candidate.feature == "city" and washington.candidate.admin1 == "Pennsylvania"


def test_resolve_written_containers_marks_pairs_inside_lists():
    text = "Towns: Dale, Ohio. States: Iowa, Utah, Idaho and Maine. Also Kent, Ohio and Lima."
    names = ["Dale", "Ohio", "Iowa", "Utah", "Idaho", "Maine", "Kent", "Ohio", "Lima"]
    spans, position = [], 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    written = written_containers(text, spans)
    assert written[0] == ("Ohio", False)  # a lone "X, Y"
    assert written[2] == ("Utah", True) and written[3] == ("Idaho", True)  # inside "A, B, C and D"
    # every member of a run of three or more stands in the list, with or without a name after its comma
    assert written[4] == (None, True) and written[5] == (None, True)
    assert written[6] == ("Ohio", True)  # "X, Y and Z" is a list too
    assert written[8] == (None, True)


def test_resolve_list_of_states_is_not_containment(gazetteer):
    text = "Cases were confirmed in Oregon, Washington, Pennsylvania and Ohio."
    _, washington, pennsylvania, _ = _resolve(gazetteer, ["Oregon", "Washington", "Pennsylvania", "Ohio"], text=text)
    assert washington.candidate.feature == "admin1" and washington.candidate.admin1_code == "US.WA"
    assert pennsylvania.candidate.feature == "admin1"


def test_resolve_container_is_read_from_the_place_it_contains(gazetteer):
    # Alone, "Georgia" is the country; written after a town of the US state, it is the state.
    (alone,) = _resolve(gazetteer, ["Georgia"], text="Georgia")
    assert alone.candidate.feature == "country"
    text = "Indonesia said officials in Jakarta and Bandung sent samples to a laboratory in Atlanta, Georgia."
    *_, georgia = _resolve(gazetteer, ["Indonesia", "Jakarta", "Bandung", "Atlanta", "Georgia"], text=text)
    assert georgia.candidate.feature == "admin1" and georgia.candidate.admin1_code == "US.GA"


def test_resolve_written_kinds_read_the_words_around_a_name():
    text = "a farm in Washington state; the province of Punjab; the Charlotte region; Harris county; Dale"
    names = ["Washington", "Punjab", "Charlotte", "Harris", "Dale"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert written_kinds(text, spans) == ["admin1", "admin1", None, "admin2", None]


def test_resolve_a_capital_beats_a_province_of_its_name_unless_the_text_says_state(gazetteer):
    text = "U.S. officials met in Washington on Friday. Later a farm in Washington state was closed."
    first = text.index("Washington")
    second = text.index("Washington", first + 1)
    toponyms = [
        Toponym("U.S.", 0, 4),
        Toponym("Washington", first, first + 10),
        Toponym("Washington", second, second + 10, written_kind="admin1"),
    ]
    _, capital, state = resolve_toponyms(gazetteer, toponyms, Context())
    assert capital.candidate.feature == "city" and capital.candidate.admin1_code == "US.DC"
    assert state.candidate.feature == "admin1" and state.candidate.admin1_code == "US.WA"


def test_resolve_a_part_of_a_place_is_found_as_the_place(gazetteer):
    found, _, looked_up = candidates_for(gazetteer, "northern Nigeria")
    assert looked_up == "Nigeria" and any(c.feature == "country" and c.country == "NG" for c in found)
    # a name of its own, written with a capital, is looked up whole
    found, _, looked_up = candidates_for(gazetteer, "North Carolina")
    assert looked_up == "North Carolina" and any(c.feature == "admin1" for c in found)


def test_resolve_a_famous_town_beats_a_namesake_a_named_country_alone_points_to(gazetteer):
    # Most reports name the country whose officials speak: "U.S. officials met in Paris" is still France.
    us_context = Context(countries=Counter({"US": 3}), home_country="US")
    paris, venice, vancouver = _resolve(gazetteer, ["Paris", "Venice", "Vancouver"], context=us_context)
    assert (paris.candidate.country, venice.candidate.country, vancouver.candidate.country) == ("FR", "IT", "CA")
    # The text points to the namesake: its state is named, or the outlet's home state holds it.
    text = "Surfers crowded Venice on Sunday. Beaches across California stayed open."
    venice_ca, _state = _resolve(gazetteer, ["Venice", "California"], text=text)
    assert venice_ca.candidate.admin1 == "California"
    # A state the report's other towns lie in is not the state named ("Boston" beside "New York City").
    (venice_it,) = _resolve(gazetteer, ["Venice"], context=Context(admin1s=Counter({"US.CA": 2})))
    assert venice_it.candidate.country == "IT"
    (vancouver_wa,) = _resolve(gazetteer, ["Vancouver"], context=Context(home_country="US", home_admin1="US.WA"))
    assert vancouver_wa.candidate.admin1 == "Washington"


def test_resolve_two_namesakes_known_alike_are_left_to_the_text(gazetteer):
    # Portland, Oregon and Portland, Maine are both well known: the outlet's home state decides.
    (portland,) = _resolve(gazetteer, ["Portland"], context=Context(home_country="US", home_admin1="US.ME"))
    assert portland.candidate.admin1 == "Maine"


def test_resolve_a_facility_never_goes_to_a_namesake_town(gazetteer):
    text = "Heathrow"
    (heathrow,) = resolve_toponyms(gazetteer, [Toponym(text, 0, len(text), facility=True)], Context())
    assert heathrow.candidate is None
    (as_town,) = resolve_toponyms(gazetteer, [Toponym(text, 0, len(text))], Context(home_country="US"))
    assert as_town.candidate is not None  # the index does hold a town of that name


def test_resolve_a_small_town_abroad_nothing_points_to_is_no_place(gazetteer):
    (alone,) = resolve_toponyms(gazetteer, [Toponym("Sears", 0, 5)], Context(home_country="US"))
    assert alone.candidate is None
    (pointed,) = resolve_toponyms(gazetteer, [Toponym("Sears", 0, 5)], Context(countries=Counter({"RO": 1})))
    assert pointed.candidate is not None and pointed.candidate.country == "RO"


def test_resolve_a_plural_feature_word_after_a_list_gives_every_name_its_kind(gazetteer):
    text = "Storms hit Clay, Grant and Wilkin counties, and Lincoln and Grant, the two towns."
    names = ["Clay", "Grant", "Wilkin", "Lincoln", "Grant"]
    spans, position = [], 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    kinds = written_kinds(text, spans)
    assert kinds == ["admin2", "admin2", "admin2", None, None]
    toponyms = [Toponym(n, s, e, written_kind=k) for n, (s, e), k in zip(names[:3], spans, kinds, strict=False)]
    resolved = resolve_toponyms(gazetteer, toponyms, Context(home_country="US", home_admin1="US.MN"))
    assert [r.candidate.feature for r in resolved] == ["admin2", "admin2", "admin2"]


def test_resolve_a_part_of_a_place_does_not_give_the_place_its_kind():
    text = "the state of Ohio; Karrada, a district of Baghdad"
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Ohio", "Karrada", "Baghdad")]
    assert written_kinds(text, spans) == ["admin1", None, None]


def _resolve_in_text(gazetteer, text, names, context):
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    kinds = written_kinds(text, spans)
    toponyms = [
        Toponym(name, start, end, written_kind=kind)
        for name, (start, end), kind in zip(names, spans, kinds, strict=True)
    ]
    return resolve_toponyms(gazetteer, toponyms, context)


def test_resolve_the_outlet_home_province_namesake_beats_a_famous_town_nothing_points_to(gazetteer):
    text = "The road north of Alexandria is closed."
    (alone,) = _resolve_in_text(gazetteer, text, ["Alexandria"], Context())
    (local,) = _resolve_in_text(gazetteer, text, ["Alexandria"], Context(home_country="US", home_admin1="US.MN"))
    assert alone.candidate.admin1_code != "US.MN"
    assert local.candidate.feature == "city" and local.candidate.admin1_code == "US.MN"


def test_resolve_a_country_by_its_own_name_stays_the_country_unless_it_qualifies_a_local_noun(gazetteer):
    home = Context(home_country="US", home_admin1="US.IN")
    (abroad,) = _resolve_in_text(gazetteer, "Troops were sent to Lebanon last year.", ["Lebanon"], home)
    (local,) = _resolve_in_text(gazetteer, "A Lebanon woman was arrested by the Lebanon police.", ["Lebanon"], home)
    assert abroad.candidate.feature == "country" and abroad.candidate.country == "LB"
    assert local.candidate.feature == "city" and local.candidate.admin1_code == "US.IN"


def test_resolve_written_kinds_mark_a_name_that_qualifies_a_local_noun():
    text = "the Lebanon Police and a Jordan middle school, flights to Italy"
    names = ["Lebanon", "Jordan", "Italy"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    assert written_kinds(text, spans) == ["local", "local", None]


def test_resolve_a_sea_without_a_point_is_still_the_sea_not_a_namesake_town(gazetteer):
    (pacific,) = _resolve(gazetteer, ["Pacific"], text="Ships crossed the Pacific")
    assert pacific.candidate.feature == "region" and pacific.candidate.lat is None


def test_resolve_a_peoples_name_reads_as_the_place_it_is_made_from(gazetteer):
    def looked_up(name):
        candidates, _, text = candidates_for(gazetteer, name)
        return text, {(c.feature, c.country) for c in candidates}

    assert looked_up("Ohioans") == ("Ohio", {("admin1", "US")})
    assert looked_up("Texan") == ("Texas", {("admin1", "US")})
    assert looked_up("Floridians")[0] == "Florida"
    assert looked_up("Ontarians")[0] == "Ontario"
    assert looked_up("Bostonians") == ("Boston", {("city", "US")})
    assert looked_up("Londoners")[0] == "London"
    # A stem that is only a small town, or a district, is not the people's place.
    assert looked_up("Islanders")[0] != "Islands"
    assert looked_up("Spartans")[0] != "Sparta"
    (ohio,) = _resolve(gazetteer, ["Ohioans"], text="Ohioans should prepare for tornado season.")
    assert ohio.candidate.feature == "admin1" and ohio.candidate.admin1 == "Ohio"


def test_resolve_a_bare_name_is_the_county_the_report_names_unless_a_town_there_bears_it(gazetteer):
    text = "Deputies from Navarro County made the arrest. Prosecutors in Navarro said the case was closed."
    county, bare = _resolve(gazetteer, ["Navarro County", "Navarro"], text=text)
    assert county.candidate.feature == "admin2" and bare.candidate.id == county.candidate.id
    # Kaufman is also the seat of Kaufman County: the bare name stays open to the town.
    text = "Deputies from Kaufman County made the arrest. The mayor of Kaufman said the case was closed."
    _, town = _resolve(gazetteer, ["Kaufman County", "Kaufman"], text=text)
    assert town.candidate.feature == "city" and town.candidate.admin1 == "Texas"


def _resolve_written(gazetteer, text, names, context=None):
    from newsledger.gazetteer.resolve import follows_the_article

    spans = []
    position = 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    toponyms = [
        Toponym(name, start, end, container, enumerated=enumerated, after_article=follows_the_article(text, start))
        for name, (start, end), (container, enumerated) in zip(
            names, spans, written_containers(text, spans), strict=True
        )
    ]
    return resolve_toponyms(gazetteer, toponyms, context or Context())


def test_resolve_a_capital_beats_a_small_namesake_near_the_articles_other_places(gazetteer):
    # A Canadian town and country named elsewhere do not make the foreign minister's meeting place a village.
    text = "Officials in Toronto and Canada watched. The minister met his Russian counterpart in Brussels."
    *_, brussels = _resolve_written(gazetteer, text, ["Toronto", "Canada", "Brussels"])
    assert brussels.candidate.country == "BE"
    # Its container written, the village it is.
    brussels_ontario, _ = _resolve_written(gazetteer, "A fair in Brussels, Ontario.", ["Brussels", "Ontario"])
    assert brussels_ontario.candidate.country == "CA"


def test_resolve_a_common_noun_after_the_is_no_place_abroad_nothing_points_to(gazetteer):
    text = "Farmers in California say too little water reaches the Delta this year."
    california, delta = _resolve_written(gazetteer, text, ["California", "Delta"])
    assert california.candidate.admin1 == "California" and delta.candidate is None
    # Its country named, the province it is; a name of its own that takes the article stays a place.
    delta_state, _ = _resolve_written(gazetteer, "Oil spilled in the Delta, Nigeria.", ["Delta", "Nigeria"])
    assert delta_state.candidate.country == "NG"
    _, hague = _resolve_written(
        gazetteer, "Officials in France said the court in the Hague ruled.", ["France", "Hague"]
    )
    assert hague.candidate is not None and hague.candidate.country == "NL"


def test_resolve_a_country_outside_iso_3166_is_the_country(gazetteer):
    (kosovo,) = _resolve_written(gazetteer, "The vice president spoke on a trip to Kosovo.", ["Kosovo"])
    assert kosovo.candidate.feature == "country" and kosovo.candidate.country == "XK"


def test_resolve_dotted_initials_spell_a_names_words_never_a_postal_code(gazetteer):
    # "L.A." is not LA, Louisiana's postal code; "N.Y.", "D.C." and "U.S." spell their names' words.
    assert candidates_for(gazetteer, "L.A.")[0] == ()
    for written, name in (("N.Y.", "New York"), ("D.C.", "District of Columbia"), ("U.S.", "United States")):
        found = candidates_for(gazetteer, written)[0]
        assert found and all(c.name == name for c in found)
    (alone,) = _resolve(gazetteer, ["L.A."], text="Rents rose again in L.A. this spring.")
    assert alone.candidate is None
    # In a report that names Los Angeles, the initials are that city's.
    text = "Los Angeles police said the suspect fled. The L.A. port was closed, and South L.A. stayed calm."
    full, short, part = _resolve(gazetteer, ["Los Angeles", "L.A.", "South L.A."], text=text)
    assert short.candidate is not None and short.candidate.id == full.candidate.id
    assert part.candidate is not None and part.candidate.admin1 == "California"


def test_resolve_a_place_called_by_the_name_written_beats_a_town_known_by_it_as_another_name(gazetteer):
    # GeoNames knows Changchun as "Cancun" too: a trip to Cancun is to Cancún, Mexico.
    (cancun,) = _resolve(gazetteer, ["Cancun"], text="The family took a trip to Cancun.")
    assert cancun.candidate.country == "MX" and cancun.candidate.match == "name"
    # A town pointed to by the text under its own name beats another name of a town the text also points to.
    context = Context(admin1s=Counter({"US.TX": 2}), home_country="US", home_admin1="US.IL")
    (maryville,) = _resolve(gazetteer, ["Maryville"], context=context, text="The church in Maryville reopened.")
    assert maryville.candidate.admin1 == "Illinois" and maryville.candidate.match == "name"
    # A far bigger place known by the name as another of its names keeps it ("Petersburg" in a Russian report).
    (petersburg,) = _resolve(gazetteer, ["Petersburg"], context=Context(home_country="RU"))
    assert petersburg.candidate.country == "RU"


def test_resolve_a_national_capital_by_its_name_beats_a_province_or_a_city_known_by_it(gazetteer):
    # GeoNames also calls Delhi "New Delhi", and Minsk's province "Minsk": the capitals are meant.
    (new_delhi,) = _resolve(gazetteer, ["New Delhi"], text="Talks resumed in New Delhi.")
    (minsk,) = _resolve(gazetteer, ["Minsk"], text="Talks resumed in Minsk.")
    for capital in (new_delhi.candidate, minsk.candidate):
        assert capital.feature == "city" and capital.capital and capital.match == "name"


def test_resolve_an_abbreviated_mount_or_fort_is_looked_up_in_full(gazetteer):
    found, _, looked_up = candidates_for(gazetteer, "Mt. Pleasant")
    assert looked_up == "Mount Pleasant" and any(c.admin1 == "Iowa" and c.match == "name" for c in found)
    context = Context(admin1s=Counter({"US.IA": 2}))
    (town,) = _resolve(gazetteer, ["Mt. Pleasant"], context=context, text="The fair opened in Mt. Pleasant.")
    assert town.candidate.admin1 == "Iowa"
    found, _, looked_up = candidates_for(gazetteer, "Ft. Worth")
    assert looked_up == "Fort Worth" and found[0].admin1 == "Texas"


def test_resolve_a_famous_capital_beats_a_namesake_whose_province_is_named_far_from_it(gazetteer):
    filler = " ".join(["The senator spoke about taxes, schools and roads for most of the hour."] * 7)
    text = f"Sen. Jane Roe of Texas spoke in Iowa on Monday. {filler} She said the attacks in Paris changed the race."
    _, _, paris = _resolve(gazetteer, ["Texas", "Iowa", "Paris"], text=text)
    assert paris.candidate.country == "FR"
    # The namesake's province written close to it still points to the namesake.
    text = "Sen. Jane Roe of Texas said on Monday that Paris needs a new hospital."
    _, paris = _resolve(gazetteer, ["Texas", "Paris"], text=text)
    assert paris.candidate.country == "US" and paris.candidate.admin1 == "Texas"


def test_resolve_a_home_town_of_its_own_size_needs_firm_evidence_to_lose(gazetteer):
    # A place of the article some hundreds of kilometres from a far namesake (Detroit, from Athens, Michigan) does
    # not move "Athens" in a Georgia paper away from home (and on to Greece); a village of the home province does
    # not take "Nashville" from Tennessee's capital on such a pointer (Chattanooga).
    home = Context(home_country="US", home_admin1="US.GA")
    text = "Road work in Athens: a Detroit firm is at work. Athens crews work."
    athens, _ = _resolve_in_text(gazetteer, text, ["Athens", "Detroit"], home)
    assert athens.candidate.admin1_code == "US.GA" and athens.candidate.feature == "city"
    text = "The jail is run by a Nashville company, Chattanooga officials said."
    nashville, _ = _resolve_in_text(gazetteer, text, ["Nashville", "Chattanooga"], home)
    assert nashville.candidate.admin1_code == "US.TN"


def test_resolve_a_village_far_smaller_than_the_home_town_needs_its_container_written(gazetteer):
    # "New York" named elsewhere in a Georgia paper does not make "Augusta" the New York village of that name.
    home = Context(home_country="US", home_admin1="US.GA")
    text = "An Augusta native who worked in New York has died."
    town, state = _resolve_in_text(gazetteer, text, ["Augusta", "New York"], home)
    assert state.candidate.feature == "admin1" and state.candidate.admin1_code == "US.NY"
    assert town.candidate.feature == "city" and town.candidate.admin1_code == "US.GA"
    # ... but its written container does.
    text = "She was born in Augusta, New York."
    village, _ = _resolve(gazetteer, ["Augusta", "New York"], text=text, context=home)
    assert village.candidate.admin1_code == "US.NY"


def test_resolve_the_home_namesake_may_match_by_the_same_kind_of_name_as_the_chosen_place(gazetteer):
    # "St. Cloud" is another name of both Saint Clouds: in a Minnesota paper it is the Minnesota one, though the
    # driver came from Tampa, a few hours from the Florida one.
    text = "The Tampa driver was taken to St. Cloud Hospital."
    home = Context(home_country="US", home_admin1="US.MN")
    _, local = _resolve_in_text(gazetteer, text, ["Tampa", "St. Cloud"], home)
    assert local.candidate.feature == "city" and local.candidate.admin1_code == "US.MN"


def test_resolve_a_local_feature_the_gazetteer_lacks_lies_near_the_report_town(gazetteer):
    from newsledger.gazetteer.build import POINT_NEAR_TOWN
    from newsledger.gazetteer.resolve import precision_of

    text = "Crews searched Brackwater Creek near Tallahassee. Tallahassee police and Zion National Park rangers helped."
    names = ["Brackwater Creek", "Tallahassee", "Tallahassee", "Zion National Park"]
    spans, position = [], 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    toponyms = [Toponym(n, s, e) for n, (s, e) in zip(names, spans, strict=True)]
    creek, town, _, park = resolve_toponyms(gazetteer, toponyms, Context())
    assert town.candidate.admin1_code == "US.FL"
    # the creek: the town's point, no GeoNames id, a place near the town
    assert creek.candidate is not None and creek.kind_hint == "near"
    assert (creek.candidate.lat, creek.candidate.lon) == (town.candidate.lat, town.candidate.lon)
    assert creek.candidate.geonameid is None and creek.candidate.point == POINT_NEAR_TOWN
    assert precision_of(creek.candidate, creek.kind_hint) == 2 and creek.score < 0.5
    # a national park is no local feature
    assert park.candidate is None


def test_resolve_an_unknown_name_lies_near_the_town_of_a_local_report_only(gazetteer):
    local = "Firefighters from Brackwater helped Tallahassee crews. Tallahassee police closed the road."
    names = ["Brackwater", "Tallahassee", "Tallahassee"]
    spans = [(local.index("Brackwater"), local.index("Brackwater") + 10)]
    spans += [(i, i + 11) for i in (local.index("Tallahassee"), local.rindex("Tallahassee"))]
    toponyms = [Toponym(n, s, e) for n, (s, e) in zip(names, spans, strict=True)]
    village, town, _ = resolve_toponyms(gazetteer, toponyms, Context())
    assert village.kind_hint == "near" and village.candidate.admin1_code == town.candidate.admin1_code == "US.FL"
    # a report that also names a country abroad is not local: the unknown name stays unplaced
    wider = local + " Aid came from Brazil."
    toponyms.append(Toponym("Brazil", wider.index("Brazil"), wider.index("Brazil") + 6))
    village, *_ = resolve_toponyms(gazetteer, toponyms, Context())
    assert village.candidate is None


def test_resolve_a_local_reading_of_one_mention_holds_for_the_name_throughout(gazetteer):
    text = "The Jordan Junior Olympic volleyball program starts again, Jordan police said."
    first = text.index("Jordan")
    second = text.index("Jordan", first + 1)
    spans = [(first, first + 6), (second, second + 6)]
    kinds = written_kinds(text, spans)
    assert kinds == [None, "local"]
    toponyms = [Toponym("Jordan", s, e, written_kind=k) for (s, e), k in zip(spans, kinds, strict=True)]
    home = Context(home_country="US", home_admin1="US.MN")
    volleyball, police = resolve_toponyms(gazetteer, toponyms, home)
    assert police.candidate.feature == "city" and police.candidate.admin1_code == "US.MN"
    assert volleyball.candidate == police.candidate
    # with no home province known, the country stays the country
    abroad = resolve_toponyms(gazetteer, toponyms, Context(home_country="US"))
    assert abroad[0].candidate.feature == "country"


def test_resolve_a_local_paper_calls_a_home_county_by_its_bare_name(gazetteer):
    text = "Budget money is badly needed in Oxford, the mayor said."
    (local,) = _resolve_in_text(gazetteer, text, ["Oxford"], Context(home_country="CA", home_admin1="CA.08"))
    assert local.candidate.feature == "admin2" and local.candidate.name == "Oxford County"
    (alone,) = _resolve_in_text(gazetteer, text, ["Oxford"], Context())
    assert alone.candidate.country == "GB"
    # a home province that has a town of the name keeps the town
    (town,) = _resolve_in_text(gazetteer, text, ["Oxford"], Context(home_country="US", home_admin1="US.OH"))
    assert town.candidate.feature == "city" and town.candidate.admin1_code == "US.OH"


def test_resolve_a_far_nearest_spelling_in_a_local_report_lies_near_the_report_town(gazetteer):
    # "Ellicotville" is no town the gazetteer has; its nearest spelling is Ellettsville, Indiana, far from the
    # Tallahassee report it stands in.
    text = "Tallahassee police and Ellicotville firefighters were called. Tallahassee closed the road."
    names = ["Tallahassee", "Ellicotville", "Tallahassee"]
    spans, position = [], 0
    for name in names:
        start = text.index(name, position)
        position = start + len(name)
        spans.append((start, position))
    toponyms = [Toponym(n, s, e) for n, (s, e) in zip(names, spans, strict=True)]
    town, village, _ = resolve_toponyms(gazetteer, toponyms, Context())
    assert village.kind_hint == "near" and village.candidate.geonameid is None
    assert (village.candidate.lat, village.candidate.lon) == (town.candidate.lat, town.candidate.lon)
    # alone, a small town found only by a like spelling is a guess, not a place
    (alone,) = resolve_toponyms(gazetteer, [Toponym("Ellicotville", 0, 12)], Context(home_country="US"))
    assert alone.candidate is None


def test_resolve_the_outlet_home_reaches_the_towns_next_to_a_small_home_province(gazetteer):
    # A paper at home in the District of Columbia means Alexandria, Virginia, just across the river.
    text = "The Alexandria school board met on Monday."
    home = Context(home_country="US", home_admin1="US.DC")
    (local,) = _resolve_in_text(gazetteer, text, ["Alexandria"], home)
    assert local.candidate.feature == "city" and local.candidate.admin1_code == "US.VA"
    # a home province far from any Alexandria leaves it to the other evidence
    (far,) = _resolve_in_text(gazetteer, text, ["Alexandria"], Context(home_country="US", home_admin1="US.NV"))
    assert far.candidate.admin1_code != "US.VA"


def test_resolve_a_county_word_points_to_the_home_county_as_much_as_to_any_other(gazetteer):
    # a trucker from Muscle Shoals, Alabama, hours from Alabama's Henry County, does not take the name from Iowa's
    text = "Henry County gets money; a Muscle Shoals trucker broke the bridge."
    home = Context(home_country="US", home_admin1="US.IA")
    county, _ = _resolve_in_text(gazetteer, text, ["Henry County", "Muscle Shoals"], home)
    assert county.candidate.feature == "admin2" and county.candidate.admin1_code == "US.IA"


def test_resolve_canadian_press_abbreviation_of_newfoundland_and_labrador(gazetteer):
    text = "ST. JOHN'S, N.L. - The victims were remembered."
    start = text.index("N.L.")
    (province,) = resolve_toponyms(gazetteer, [Toponym("N.L.", start, start + 4)], Context())
    assert province.candidate.feature == "admin1" and province.candidate.admin1_code == "CA.05"


def test_written_kinds_of_a_range_and_of_examples_led_in_by_a_plural_feature_word():
    def kinds_of(text, names):
        spans, position = [], 0
        for name in names:
            start = text.index(name, position)
            position = start + len(name)
            spans.append((start, position))
        return written_kinds(text, spans)

    assert kinds_of("Cars overturned from Ellsworth to Riley counties.", ["Ellsworth", "Riley"]) == ["admin2"] * 2
    text = "Other counties along the road, such as Leavenworth and Shawnee, paid for it. Shawnee voted."
    assert kinds_of(text, ["Leavenworth", "Shawnee", "Shawnee"]) == ["admin2", "admin2", None]
    text = "Neighboring counties and their rates include: Hamilton, 6 percent."
    assert kinds_of(text, ["Hamilton"]) == ["admin2"]
    # a town named after the examples' sentence ends keeps no kind
    assert kinds_of("Counties voted. Towns such as Hamilton did not.", ["Hamilton"]) == [None]


def test_resolve_the_counties_of_a_range_are_counties(gazetteer):
    text = "The vehicles overturned in a stretch from Ellsworth to Riley counties."
    home = Context(home_country="US", home_admin1="US.KS")
    ellsworth, riley = _resolve_in_text(gazetteer, text, ["Ellsworth", "Riley"], home)
    assert ellsworth.candidate.feature == riley.candidate.feature == "admin2"
    assert ellsworth.candidate.admin1_code == riley.candidate.admin1_code == "US.KS"


def test_resolve_a_bare_name_is_the_county_the_report_names_unless_a_home_town_of_the_name_lies_in_it(gazetteer):
    # Georgia's Madison lies in another county: a Georgia paper's "Madison", beside "Madison County", is the county,
    # though some Madison elsewhere lies in a Madison County.
    text = "Madison will dump assessors. Madison County commissioners voted Monday."
    home = Context(home_country="US", home_admin1="US.GA")
    bare, county = _resolve_in_text(gazetteer, text, ["Madison", "Madison County"], home)
    assert county.candidate.feature == "admin2" and county.candidate.admin1_code == "US.GA"
    assert bare.candidate.id == county.candidate.id


def test_resolve_the_home_country_capital_by_its_name_beats_a_home_province_village(gazetteer):
    home = Context(home_country="US", home_admin1="US.GA")
    text = "The report came from a Washington-based organization."
    (capital,) = _resolve_in_text(gazetteer, text, ["Washington"], home)
    assert capital.candidate.admin1_code == "US.DC"
    # ... unless the name qualifies a local noun
    text = "The Washington police chief spoke."
    (village,) = _resolve_in_text(gazetteer, text, ["Washington"], home)
    assert village.candidate.feature == "city" and village.candidate.admin1_code == "US.GA"


def test_resolve_a_province_abroad_by_its_name_yields_to_the_home_town_of_the_name(gazetteer):
    text = "He shot a man near Grand Avenue in San Pedro, police said."
    home = Context(home_country="US", home_admin1="US.CA")
    (town,) = _resolve_in_text(gazetteer, text, ["San Pedro"], home)
    assert town.candidate.feature == "city" and town.candidate.admin1_code == "US.CA"
    # ... unless the report names the province's country
    abroad = Context(countries=Counter({"PY": 2}), home_country="US", home_admin1="US.CA")
    (province,) = _resolve_in_text(gazetteer, text, ["San Pedro"], abroad)
    assert province.candidate.country == "PY"


def test_resolve_namesakes_near_only_each_other_in_a_touring_report_point_nowhere(gazetteer):
    # Chicago, Ohio and Dublin, Ohio lie close to each other, and Ohio is one of three states named: none of it
    # is a report about one area, so the famous places stand.
    names = ["Nev.", "Ohio", "Vermont", "Chicago", "Dublin", "Raleigh"]
    text = (
        "Shell companies in Nev. and Ohio and Vermont. Chicago-based AbbVie and Dublin-based Shire called it off; "
        "a firm in Raleigh did not."
    )
    *_, chicago, dublin, _raleigh = _resolve(gazetteer, names, text=text)
    assert chicago.candidate.admin1 == "Illinois"
    assert dublin.candidate.country == "IE"
