from collections import Counter

from newsledger.gazetteer.resolve import Context, Toponym, candidates_for, kind_hint_of, resolve_toponyms


def _resolve(gazetteer, names, *, context=None, text=None):
    text = text or " ".join(names)
    toponyms = []
    position = 0
    for i, name in enumerate(names):
        start = text.index(name, position)
        end = start + len(name)
        position = end
        container = None
        if i + 1 < len(names) and text[end:].startswith(", " + names[i + 1]):
            container = names[i + 1]
        toponyms.append(Toponym(name, start, end, container))
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
