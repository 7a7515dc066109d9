from newsledger.gazetteer.keys import compact_key, is_latin, name_key, skeleton_key


def test_keys_fold_accents_case_and_punctuation():
    assert name_key("Kâbul") == name_key("KABUL") == "kabul"
    assert name_key("U.S.") == "us"
    assert name_key("W.Va.") == "wva"
    assert name_key("Sant Julià de Lòria") == "sant julia de loria"


def test_keys_drop_a_leading_article_and_apostrophes():
    assert name_key("the Hague") == "hague"
    assert name_key("Coeur d’Alene") == name_key("Coeur d'Alene") == "coeur dalene"


def test_keys_compact_and_skeleton_meet_variants():
    assert compact_key(name_key("Ad Dawhah")) == compact_key(name_key("Addawhah"))
    assert skeleton_key("pishawar") == skeleton_key("peshawar")
    assert skeleton_key("kandahar") != skeleton_key("kunduz")


def test_keys_latin_script_detection():
    assert is_latin("Genève")
    assert not is_latin("Кабул")
    assert not is_latin("123")
