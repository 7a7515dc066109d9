"""Entities and actors: unit tests on hand-built Docs (no model) and model-backed tests on sentences written here."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsledger.extract.entities import extract_entities
from newsledger.model import Article, Entity


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make_doc(vocab, tagged: list[tuple[str, str]]) -> Doc:
    """Doc from (word, IOB tag) pairs, e.g. ("Laura", "B-PERSON")."""
    words = [w for w, _ in tagged]
    return Doc(vocab, words=words, ents=[tag for _, tag in tagged])


def words_with(text: str, tags: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """Tag words by position: tags maps 'index' or 'start-end' to a label."""
    words = text.split()
    iob = ["O"] * len(words)
    for where, label in (tags or {}).items():
        start, _, end = where.partition("-")
        first, last = int(start), int(end or start)
        iob[first] = f"B-{label}"
        for i in range(first + 1, last + 1):
            iob[i] = f"I-{label}"
    return list(zip(words, iob, strict=True))


def by_name(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert len(matches) == 1, [e.name for e in entities]
    return matches[0]


def owner(entities: list[Entity], text: str) -> set[str]:
    return {e.id for e in entities for m in e.mentions if m.text == text}


def test_entities_acronym_defined_beside_long_form_links_later_bare_acronym(vocab):
    text = "The Eastern Liberation Front ( ELF ) attacked a base . Later ELF fighters withdrew ."
    doc = make_doc(vocab, words_with(text, {"1-3": "ORG"}))
    entities, _ = extract_entities(doc)
    front = by_name(entities, "Eastern Liberation Front")
    assert [m.text for m in front.mentions] == ["Eastern Liberation Front", "ELF", "ELF"]
    assert "ELF" in front.aliases


def test_entities_one_label_per_name_by_majority(vocab):
    text = "Kestrel won . Kestrel lost . Kestrel drew ."
    doc = make_doc(vocab, words_with(text, {"0": "ORG", "3": "ORG", "6": "GPE"}))
    entities, _ = extract_entities(doc)
    assert len(entities) == 1
    assert entities[0].type == "ORG"
    assert len(entities[0].mentions) == 3


def test_entities_name_found_again_where_the_model_missed_it(vocab):
    text = "Marlow Holdings bought land . Analysts said Marlow Holdings paid too much ."
    doc = make_doc(vocab, words_with(text, {"0-1": "ORG"}))
    entities, _ = extract_entities(doc)
    assert len(entities) == 1
    assert len(entities[0].mentions) == 2


def test_entities_spelling_variants_merge_into_one_person(vocab):
    text = "Ahmad Karimi spoke . Then Ahmed Karimi left and Mohammad Ansari stayed with Muhammed Ansari ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "5-6": "PERSON", "9-10": "PERSON", "13-14": "PERSON"}))
    entities, _ = extract_entities(doc)
    assert len(entities) == 2
    karimi = by_name(entities, "Ahmad Karimi")
    assert "Ahmed Karimi" in karimi.aliases


def test_entities_surname_only_mention_links_to_full_name(vocab):
    text = "Laura Fenwick arrived . Fenwick said the talks failed ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "4": "ORG"}))
    entities, _ = extract_entities(doc)
    fenwick = by_name(entities, "Laura Fenwick")
    assert fenwick.type == "PERSON"
    assert [m.text for m in fenwick.mentions] == ["Laura Fenwick", "Fenwick"]


def test_entities_ambiguous_surname_stays_unlinked(vocab):
    text = "Laura Fenwick met Tom Fenwick . Fenwick said no ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "3-4": "PERSON", "6": "PERSON"}))
    entities, _ = extract_entities(doc)
    assert len(entities) == 3
    assert owner(entities, "Fenwick").isdisjoint(owner(entities, "Laura Fenwick") | owner(entities, "Tom Fenwick"))


def test_entities_surname_with_a_title_of_the_other_sex_is_another_person(vocab):
    text = "Paul Renner spoke . Mr. Renner said no . Ms. Renner said yes ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "5": "PERSON", "10": "PERSON"}))
    entities, _ = extract_entities(doc)
    paul = by_name(entities, "Paul Renner")
    assert [m.text for m in paul.mentions] == ["Paul Renner", "Renner"]
    assert len(entities) == 2


def test_entities_titles_and_honorifics_kept_out_of_the_name(vocab):
    text = "Mullah Abdul Rahim Qasemi met General Sahib Nour Zaman ."
    doc = make_doc(vocab, words_with(text, {"0-3": "PERSON", "7-8": "PERSON"}))
    entities, _ = extract_entities(doc)
    qasemi = by_name(entities, "Abdul Rahim Qasemi")
    assert qasemi.titles == ("Mullah",)
    assert "Mullah Abdul Rahim Qasemi" in qasemi.aliases
    zaman = by_name(entities, "Nour Zaman")
    assert zaman.titles == ("General", "Sahib")
    assert [m.text for m in zaman.mentions] == ["Nour Zaman"]


def test_entities_role_and_affiliation_from_premodifier(vocab):
    text = "Veltrian Army spokesman Peter Vance denied it ."
    doc = make_doc(vocab, words_with(text, {"0-1": "ORG", "3-4": "PERSON"}))
    entities, _ = extract_entities(doc)
    army, vance = by_name(entities, "Veltrian Army"), by_name(entities, "Peter Vance")
    assert vance.role == "spokesman"
    assert vance.affiliation == army.id


def test_entities_office_title_gives_role_and_country_affiliation(vocab):
    text = "U.S. Secretary of State Karen Doyle flew to the United States ."
    doc = make_doc(vocab, words_with(text, {"0": "GPE", "4-5": "PERSON", "9-10": "GPE"}))
    entities, _ = extract_entities(doc)
    doyle = by_name(entities, "Karen Doyle")
    usa = by_name(entities, "United States")
    assert doyle.role == "Secretary of State"
    assert doyle.affiliation == usa.id
    assert usa.kind == "country" and usa.country == "US"
    assert [m.text for m in usa.mentions] == ["U.S.", "United States"]


def test_entities_apposition_after_name_links_described_organisation(vocab):
    text = "The Northern Alliance Council met . Sam Odell , spokesperson and aide of Grey 's alliance council , spoke ."
    tags = {"1-3": "ORG", "6-7": "PERSON", "13": "PERSON"}
    doc = make_doc(vocab, words_with(text, tags))
    entities, _ = extract_entities(doc)
    odell = by_name(entities, "Sam Odell")
    assert odell.role == "spokesperson"
    assert odell.affiliation == by_name(entities, "Northern Alliance Council").id


def test_entities_known_igo_acronym_found_without_the_model(vocab):
    text = "The UN said NATO must act ."
    doc = make_doc(vocab, words_with(text))
    entities, _ = extract_entities(doc)
    un = by_name(entities, "United Nations")
    assert un.type == "ORG" and un.kind == "IGO"
    assert by_name(entities, "North Atlantic Treaty Organization").kind == "IGO"


def test_entities_kind_from_general_words(vocab):
    text = "The Green Party and the Delta Militia met Orvan forces ."
    doc = make_doc(vocab, words_with(text, {"1-2": "ORG", "5-6": "ORG", "8": "ORG"}))
    entities, _ = extract_entities(doc)
    assert by_name(entities, "Green Party").kind == "political party"
    assert by_name(entities, "Delta Militia").kind == "armed group"
    assert by_name(entities, "Orvan").kind == "armed group"


def test_entities_a_partys_short_name_is_the_party(vocab):
    text = "The GOP chose its nominee . Later the Republican Party met and the Tories voted ."
    doc = make_doc(vocab, words_with(text, {"8-9": "ORG", "13": "NORP"}))
    entities, _ = extract_entities(doc)
    party = by_name(entities, "Republican Party")
    assert [m.text for m in party.mentions] == ["GOP", "Republican Party"]
    assert party.type == "ORG" and party.kind == "political party"
    assert by_name(entities, "Conservative Party").mentions[0].text == "Tories"


def test_entities_an_online_platform_the_model_calls_a_person_is_an_organisation(vocab):
    text = "Ruth Calder replied on Twitter and her Facebook page ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "4": "PERSON", "7": "PERSON"}))
    entities, _ = extract_entities(doc)
    assert by_name(entities, "Twitter").type == "ORG" and by_name(entities, "Twitter").kind == "media"
    assert by_name(entities, "Facebook").type == "ORG"
    assert by_name(entities, "Ruth Calder").type == "PERSON"


def test_entities_a_surname_in_the_plural_is_a_family_not_a_person(vocab):
    text = "The Fenwicks left . Ruth Fenwick thanked the Fenwicks . Mrs. Odell met the Odells . Tom Myers came ."
    tags = {"1": "PERSON", "4-5": "PERSON", "8": "PERSON", "11": "PERSON", "14": "PERSON", "16-17": "PERSON"}
    doc = make_doc(vocab, words_with(text, tags))
    entities, _ = extract_entities(doc)
    family = by_name(entities, "Fenwicks")
    assert family.type == "PERSON" and family.kind == "family" and len(family.mentions) == 2
    assert by_name(entities, "Ruth Fenwick").kind == "person"
    assert by_name(entities, "Odells").kind == "family"  # the surname of a titled person
    assert by_name(entities, "Tom Myers").kind == "person"  # a surname ending in s, written after a given name


def test_entities_a_plural_of_a_given_name_or_a_bare_name_is_no_family(vocab):
    text = "Williams spoke . Prince William came . Stevens said Steven was late ."
    tags = {"0": "PERSON", "4": "PERSON", "7": "PERSON", "9": "PERSON"}
    doc = make_doc(vocab, words_with(text, tags))
    entities, _ = extract_entities(doc)
    assert by_name(entities, "Williams").kind == "person"
    assert by_name(entities, "Stevens").kind == "person"


def test_entities_a_possessive_is_trimmed_from_either_end_of_a_name_typographic_quotes_too(vocab):
    text = "America ’s Ruth Calder spoke . Later Ruth Calder ‘s plan failed ."
    doc = make_doc(vocab, words_with(text, {"1-3": "PERSON", "7-9": "PERSON"}))
    entities, _ = extract_entities(doc)
    calder = by_name(entities, "Ruth Calder")
    assert [m.text for m in calder.mentions] == ["Ruth Calder", "Ruth Calder"]


def test_entities_a_common_word_or_a_title_alone_taken_for_a_person_names_no_one(vocab):
    text = "The Editor said Mum was out and his mum agreed . Rice spoke . Stone Fenwick and Fenwick met Forest ."
    text += " Miss won . Saddam spoke ."
    tags = {"1": "PERSON", "3": "PERSON", "11": "PERSON", "14-15": "PERSON", "17": "PERSON", "19": "PERSON"}
    tags |= {"21": "PERSON", "24": "PERSON"}
    common = frozenset({"editor", "mum", "rice", "forest", "stone", "miss", "saddam", "won", "said", "out"})
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)), common_words=common)
    # Rice and Forest are surnames too (census list); Miss is a title with no name after it; Saddam is in the word
    # list (as the word lists hold famous mononyms) but neither a role nor written in lower case
    assert sorted(e.name for e in entities) == ["Forest", "Rice", "Saddam", "Stone Fenwick"]


def test_entities_an_unknown_acronym_after_an_indefinite_article_is_a_kind_of_thing_not_a_body(vocab):
    words = "Lee ran a pro - Dole super PAC , and an FCA agent said the FCA knew .".split()
    tags = ["NNP", "VBD", "DT", "JJ", "HYPH", "NNP", "JJ", "NNP", ",", "CC", "DT", "NNP", "NN", "VBD", "DT", "NNP"]
    tags += ["VBD", "."]
    iob = ["B-PERSON", "O", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG"]
    iob += ["O", "O"]
    entities, _ = extract_entities(Doc(vocab, words=words, tags=tags, ents=iob))
    # "a ... super PAC," is a kind of committee; "an FCA agent" and "the FCA" name the body
    assert sorted((e.name, len(e.mentions)) for e in entities) == [("FCA", 2), ("Lee", 1)]
    # the article opens another phrase: "a reporter for WKRT" names the station
    words = "Kim Lee , a reporter for WKRT , said so .".split()
    tags = ["NNP", "NNP", ",", "DT", "NN", "IN", "NNP", ",", "VBD", "RB", "."]
    iob = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    entities, _ = extract_entities(Doc(vocab, words=words, tags=tags, ents=iob))
    assert "WKRT" in [e.name for e in entities]


def test_entities_ids_follow_first_mention_and_every_token_is_mapped(vocab):
    text = "Laura Fenwick visited Kestrel Bank . Fenwick left ."
    doc = make_doc(vocab, words_with(text, {"0-1": "PERSON", "3-4": "ORG"}))
    entities, entity_of_token = extract_entities(doc)
    assert [e.id for e in entities] == ["e1", "e2"]
    assert entity_of_token == {0: "e1", 1: "e1", 3: "e2", 4: "e2", 6: "e1"}
    for entity in entities:
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
        for m in entity.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_entities_deterministic(vocab):
    text = "Laura Fenwick met Tom Fenwick in Kestrel . Fenwick and the UN left ."
    tags = {"0-1": "PERSON", "3-4": "PERSON", "6": "GPE", "8": "PERSON"}
    first = extract_entities(make_doc(vocab, words_with(text, tags)))
    second = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert first == second


# --- with the model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def entities_of():
    from newsledger.nlp import load_nlp, process_article

    nlp = load_nlp(components=("newsledger_entities",))

    def run(text: str) -> list[Entity]:
        return list(process_article(nlp, Article.from_text(text)).entities)

    return run


STORY = (
    "KANDAR VALLEY FALLS TO REBELS AFTER WEEK OF FIGHTING\n"
    "The Southern Resistance Movement (SRM) said on Sunday it had taken the town of Velmar. "
    "Army spokesman Colonel Ibrahim Haddad denied that SRM fighters had entered the town. "
    "Haddad said the army still held the bridge. "
    "SRM leader Yusuf Karimi called on the United Nations to send observers, and a UN spokesman, "
    "Erik Lindqvist, said the UN was ready to help. "
    "Later Yousef Karimi told reporters that the SRM would not withdraw."
)


@pytest.mark.model
def test_entities_with_model_acronyms_roles_and_variants(entities_of):
    entities = entities_of(STORY)
    srm = next(e for e in entities if "SRM" in e.aliases)
    assert srm.name == "Southern Resistance Movement"
    assert sum(m.text == "SRM" for m in srm.mentions) == 4
    karimi = next(e for e in entities if e.name == "Yusuf Karimi")
    assert "Yousef Karimi" in karimi.aliases
    assert karimi.role == "leader" and karimi.affiliation == srm.id
    haddad = next(e for e in entities if e.name == "Ibrahim Haddad")
    assert "Colonel" in haddad.titles
    assert any(m.text == "Haddad" for m in haddad.mentions)
    un = next(e for e in entities if e.name == "United Nations")
    assert un.kind == "IGO" and "UN" in un.aliases
    lindqvist = next(e for e in entities if e.name == "Erik Lindqvist")
    assert lindqvist.role == "spokesman" and lindqvist.affiliation == un.id


@pytest.mark.model
def test_entities_with_model_one_label_per_name(entities_of):
    text = (
        "Darnell Okafor arrived in Lagos. Okafor met Tunde Bello. Okafor and Bello then left, "
        "and Okafor promised to return."
    )
    entities = entities_of(text)
    okafor = [e for e in entities if any(m.text == "Okafor" for m in e.mentions)]
    assert len(okafor) == 1
    assert okafor[0].type == "PERSON" and okafor[0].name == "Darnell Okafor"
    assert sum(m.text == "Okafor" for m in okafor[0].mentions) == 3


@pytest.mark.model
def test_entities_with_model_headline_names_found(entities_of):
    text = "MERIDIAN BANK CUTS JOBS IN FRANCE\nMeridian Bank said on Tuesday it would cut 300 jobs in France."
    entities = entities_of(text)
    bank = next(e for e in entities if e.name == "Meridian Bank")
    assert len(bank.mentions) == 2
    france = next(e for e in entities if e.name == "France")
    assert france.kind == "country" and len(france.mentions) == 2


def test_entities_results_table_names_teams_even_when_named_after_places(vocab):
    text = "Kestrel 83 and 174 , Tarnwick 296 . Tarnwick won by 39 runs ."
    doc = make_doc(vocab, words_with(text, {"0": "GPE", "5": "GPE", "8": "GPE"}))
    entities, _ = extract_entities(doc)
    assert {e.name: e.type for e in entities} == {"Kestrel": "ORG", "Tarnwick": "ORG"}
    assert len(by_name(entities, "Tarnwick").mentions) == 2


def test_entities_headline_truecasing_keeps_names_and_lowers_common_words(vocab):
    from newsledger.extract.entities import truecase_words

    text = "TALKS COLLAPSE IN GENEVA AS ZORVIAN DELEGATES WALK OUT"
    doc = make_doc(vocab, words_with(text))
    words = truecase_words(
        doc, 0, len(doc), common_words=frozenset({"talk", "collapse", "in", "as", "delegate", "walk", "out"})
    )
    assert words == ["Talks", "collapse", "in", "Geneva", "as", "Zorvian", "delegates", "walk", "out"]


def test_entities_person_span_of_symbols_does_not_crash(vocab):
    # regression: a two-token PERSON span with no letters (seen on a PolNeAR article) raised IndexError
    words = ["―", "\xa0", "said", "Maria", "Lopez", "on", "Sunday", "."]
    tags = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O"]
    doc = Doc(vocab, words=words, ents=tags)
    entities, _ = extract_entities(doc)
    assert any(e.name == "Maria Lopez" for e in entities)


@pytest.mark.model
def test_entities_with_model_well_known_armed_groups_are_organisations(entities_of):
    text = (
        "Al Shabaab said its fighters had attacked the base. Officials said al-Shabab had lost ten men, "
        "and that Boko Haram had not been involved."
    )
    entities = entities_of(text)
    shabaab = [e for e in entities if e.name == "al-Shabaab"]
    assert len(shabaab) == 1 and shabaab[0].type == "ORG" and shabaab[0].kind == "armed group"
    assert {m.text for m in shabaab[0].mentions} >= {"Al Shabaab", "al-Shabab"}
    assert any(e.name == "Boko Haram" and e.kind == "armed group" for e in entities)


@pytest.mark.model
def test_entities_with_model_a_title_makes_a_person_of_a_name_taken_for_an_organisation(entities_of):
    entities = entities_of(
        "Chancellor Olaf Scholz will meet President Joe Biden on Friday, and shares of General Motors rose."
    )
    scholz = next(e for e in entities if e.name == "Olaf Scholz")
    assert scholz.type == "PERSON" and "Chancellor" in scholz.titles
    motors = [e for e in entities if "Motors" in e.name]
    assert [(e.name, e.type) for e in motors] == [("General Motors", "ORG")]  # a title word opening a company's name


# --- issue 18: headlines are read as headlines --------------------------------------------------------------

HEADLINE_REPORT = (
    "Officials: Car Bomb Kills 20 In Northern Town\n\n"
    "A car bomb exploded in a market in the northern town of Kano on Monday, killing 20 people, police said. "
    '"It was a massive blast," said Musa Bello, a police spokesman.\n'
)


@pytest.mark.model
def test_entities_headline_words_are_names_only_when_the_body_confirms_them(make_record):
    record = make_record(HEADLINE_REPORT)
    names = {e.name for e in record.entities}
    assert not any("Bomb" in name or "Northern Town" in name for name in names), names
    assert "Musa Bello" in names and "Kano" in names
    confirmed = make_record("Rebels Seize Airport Near Kano\n\nRebels seized the airport near Kano on Monday.\n")
    assert any(e.name == "Kano" and any(m.start < 30 for m in e.mentions) for e in confirmed.entities)


@pytest.mark.model
def test_entities_headline_says_what_the_outlet_says_and_gives_no_actor_to_the_body(make_record):
    record = make_record(HEADLINE_REPORT, outlet="Daily Wire")
    headline_end = HEADLINE_REPORT.index("\n")
    # the headline's "Kills" is reported: a mention of the bombing the body tells, or else the reporter's own event
    headline_events = [e for e in record.events if e.trigger.start < headline_end]
    assert all(e.according_to == "reporter" for e in headline_events)
    assert any(m.start < headline_end for e in record.events for m in (e.trigger, *e.mentions))
    assert not [q for q in record.quotes if q.start < headline_end]
    assert all(e.source is None or e.trigger.start < HEADLINE_REPORT.index("\n") for e in record.events)
    people = [e for e in record.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Musa Bello"]


def test_entities_headline_region_is_a_title_case_first_line_or_the_title(nlp):
    from newsledger.extract.entities import headline_region
    from newsledger.nlp.state import attach_article

    def region(text: str, title: str | None = None):
        article = Article.from_text(text, title=title)
        return headline_region(nlp(attach_article(nlp.make_doc(article.text), article)))

    assert region("Army Retakes Border Town From Rebels\nThe army said on Monday it had retaken the town.") is not None
    assert region("The army retook the town.\nIt said so on Monday.") is None  # a sentence, not a headline
    assert region("army retakes town\nThe army said so.", title="army retakes town") is not None


def test_entities_a_person_the_model_always_calls_a_person_stays_one_when_a_town_has_the_name(vocab):
    text = "Warren said the plan would fail . Critics answered Warren at once ."
    doc = make_doc(vocab, words_with(text, {"0": "PERSON", "9": "PERSON"}))
    entities, _ = extract_entities(doc)
    assert [(e.name, e.type) for e in entities] == [("Warren", "PERSON")]
    single = make_doc(vocab, words_with("Critics answered Warren at once .", {"2": "PERSON"}))
    assert [e.type for e in extract_entities(single)[0]] == ["PERSON"]


def test_entities_a_town_settles_a_split_guess_of_the_model_and_a_large_city_overrules_it(vocab):
    text = "Warren was quiet . Shops in Warren closed ."
    doc = make_doc(vocab, words_with(text, {"0": "PERSON", "6": "ORG"}))
    entities, _ = extract_entities(doc)
    assert [(e.name, e.type) for e in entities] == [("Warren", "GPE")]
    # a city of millions that is no given name is a place even when the model calls it a person every time
    doc = make_doc(vocab, words_with("Fighting resumed near Mosul on Monday .", {"3": "PERSON"}))
    assert [(e.name, e.type) for e in extract_entities(doc)[0]] == [("Mosul", "GPE")]


def test_entities_a_name_filling_quotation_marks_and_holding_a_verb_is_a_title_not_a_person(vocab):
    words = "The book “ Carla Mendez Revealed ” sold well , and the poll ‘ Carla Mendez Leads ’ too .".split()
    tags = ["DT", "NN", "``", "NNP", "NNP", "VBN", "''", "VBD", "RB", ",", "CC", "DT", "NN", "``"]
    tags += ["NNP", "NNP", "NNPS", "''", "RB", "."]
    iob = ["O"] * len(words)
    for start in (3, 14):
        iob[start : start + 3] = ["B-PERSON", "I-PERSON", "I-PERSON"]
    doc = Doc(vocab, words=words, tags=tags, ents=iob)
    entities, _ = extract_entities(doc)
    assert {e.type for e in entities} == {"WORK_OF_ART"}
    # the model's own title stays one although it opens with a given name (a vote for a person)
    words = "an article titled “ Carla Wins Where Polls Fail . ” ran".split()
    tags = ["DT", "NN", "VBN", "``", "NNP", "VBZ", "WRB", "NNS", "VBP", ".", "''", "VBD"]
    iob = ["O", "O", "O", "O", "B-WORK_OF_ART"] + ["I-WORK_OF_ART"] * 4 + ["O", "O", "O"]
    entities, _ = extract_entities(Doc(vocab, words=words, tags=tags, ents=iob))
    assert [(e.name, e.type) for e in entities] == [("Carla Wins Where Polls Fail", "WORK_OF_ART")]
    # a name in quotation marks holding no verb stays a name
    words = "The crowd chanted “ Carla Mendez ” all night .".split()
    tags = ["DT", "NN", "VBD", "``", "NNP", "NNP", "''", "DT", "NN", "."]
    iob = ["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"]
    entities, _ = extract_entities(Doc(vocab, words=words, tags=tags, ents=iob))
    assert [(e.name, e.type) for e in entities] == [("Carla Mendez", "PERSON")]


def test_entities_a_portfolio_after_an_office_word_is_no_organisation_of_its_own(vocab):
    text = "The former secretary of State Carla Mendez met the departments of State , Interior and Labor ."
    tags = {"4": "ORG", "5-6": "PERSON", "11": "ORG", "13": "ORG", "15": "ORG"}
    doc = make_doc(vocab, words_with(text, tags))
    entities, _ = extract_entities(doc, common_words=frozenset({"state", "interior", "labor"}))
    assert [(e.name, e.type) for e in entities] == [("Carla Mendez", "PERSON")]
    # the same word after an organisation's own "of" is part of nothing and stays
    doc = make_doc(vocab, words_with("The head of State met reporters .", {"3": "ORG"}))
    assert [e.name for e in extract_entities(doc, common_words=frozenset({"state"}))[0]] == ["State"]


def test_entities_a_two_word_surname_alone_joins_the_full_name(vocab):
    text = "Carla de Souza and Marta Lindqvist Berg spoke . Later de Souza left and Lindqvist Berg stayed ."
    tags = {"0-2": "PERSON", "4-6": "PERSON", "10-11": "PERSON", "14-15": "PERSON"}
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert sorted((e.name, len(e.mentions)) for e in entities) == [("Carla de Souza", 2), ("Marta Lindqvist Berg", 2)]
    # a given name and a surname are another person of that surname, not a short form
    text = "Carla de Souza spoke . Later Marta Souza left ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"0-2": "PERSON", "6-7": "PERSON"})))
    assert len(entities) == 2


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Shops in Wooster closed early .", "2"),  # after a locative preposition
        ("Jo Amstutz , of Wooster , said so .", "4"),  # ", of" a town
        ("WOOSTER - A man was hurt .", "0"),  # a dateline
        ("Wooster police said so .", "0"),  # a noun only a town qualifies
        ("Roads in Harvey , Kingman and Wooster counties closed .", "6"),  # a list ending in an area word
        ("Stores in Akron and Wooster closed .", "4"),  # a list with a place the model found
        ("Police in the city of Wooster said so .", "5"),  # a settlement noun's "of"
        ("Wooster , the largest town in the county , voted .", "0"),  # an apposition calling it a settlement
        ("Roads in counties such as Wayne and Wooster closed .", "7"),  # examples of a plural noun for places
    ],
)
def test_entities_a_town_the_model_calls_a_person_is_a_place_where_the_text_places_it(vocab, text, where):
    tags = {where: "PERSON"}
    if "Akron" in text:
        tags["2"] = "GPE"
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert ("wooster", "GPE") in [(e.name.lower(), e.type) for e in entities]


def test_entities_each_mention_the_text_places_outweighs_one_guess_of_a_person(vocab):
    # every mention the model calls a person; both are written as a place, one by "the village of"
    text = "Police in the village of Kidlington searched . Kidlington , a village of 13,000 , waited ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"5": "PERSON", "8": "PERSON"})))
    assert [(e.name, e.type) for e in entities] == [("Kidlington", "GPE")]
    # a name the gazetteer holds as no town stays a person where the same words stand
    text = "Police in the village of Kadlingtin searched . Kadlingtin , a village of 13,000 , waited ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"5": "PERSON", "8": "PERSON"})))
    assert [(e.name, e.type) for e in entities] == [("Kadlingtin", "PERSON")]
    # candidates are no places: a list after a plural noun for people stays a list of people
    text = "Candidates such as Kidlington and Odell spoke ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"3": "PERSON", "5": "PERSON"})))
    assert {e.type for e in entities} == {"PERSON"}


def test_entities_a_small_towns_name_the_model_calls_a_person_stays_a_person_elsewhere(vocab):
    for text, where in (("Wooster said the plan would fail .", "0"), ("In Wooster 's view the plan fails .", "1")):
        entities, _ = extract_entities(make_doc(vocab, words_with(text, {where: "PERSON"})))
        assert [(e.name, e.type) for e in entities] == [("Wooster", "PERSON")]


@pytest.mark.model
def test_entities_with_model_a_name_chain_and_its_role_noun_are_one_person(make_record):
    record = make_record(
        "President Barack Obama arrived in Ohio on Monday. Obama met workers at a plant. "
        '"We will rebuild this town," the president said. Later Obama flew back to Washington.'
    )
    (obama,) = [e for e in record.entities if e.type == "PERSON"]
    assert obama.name == "Barack Obama" and [m.text for m in obama.mentions] == ["Barack Obama", "Obama", "Obama"]
    (quote,) = record.quotes
    assert quote.speaker_text == "the president" and quote.speaker == obama.id


def test_entities_a_stance_prefix_makes_no_name_of_whom_it_is_for_or_against(make_record):
    record = make_record(
        "Sarah Lindqvist, a pollster working with a pro-Lindqvist group, spoke on Monday. "
        "Hundreds of anti-Moreno protesters marched on Saturday."
    )
    names = {e.name for e in record.entities}
    assert "Sarah Lindqvist" in names
    assert not any(n.lower().startswith(("pro-", "anti-")) for n in names)


def test_entities_the_zone_a_clock_time_is_read_in_is_no_actor_and_no_place(make_record):
    record = make_record(
        "The ministry said the ferry sank at 0900 GMT on Thursday off the coast of Mozambique. "
        "Rescuers reached it at 7:00pm UK time, and the last survivor was found at 10:30 a.m. Moscow time. "
        "At 5 p.m. Maputo residents gathered at the port."
    )
    names = {e.name for e in record.entities}
    assert {"GMT", "United Kingdom", "UK", "Moscow"}.isdisjoint(names)
    assert {p.name for p in record.places} >= {"Mozambique", "Maputo"}
    assert not {"UK", "Moscow"} & {p.name for p in record.places}


def test_entities_a_ship_by_its_prefix_is_one_vessel_never_a_person_or_a_place(make_record):
    record = make_record(
        "The navy said INS Talwar foiled a pirate attack on the MV Ocean Star in the Arabian Sea on Thursday. "
        "Talwar later seized 14 rifles. Its crew detained 12 men, and HMS Kent escorted the MV Ocean Star to port."
    )
    by_name = {e.name: e for e in record.entities}
    talwar = by_name["INS Talwar"]
    assert talwar.type == "ORG" and talwar.kind == "vessel"
    assert [m.text for m in talwar.mentions] == ["INS Talwar", "Talwar"]
    assert by_name["MV Ocean Star"].kind == "vessel" and len(by_name["MV Ocean Star"].mentions) == 2
    assert by_name["HMS Kent"].kind == "vessel"
    assert not {"INS", "MV", "HMS", "Talwar", "Kent"} & set(by_name)
    assert not {"Talwar", "Kent", "INS Talwar"} & {p.name for p in record.places}


def test_entities_a_legislature_named_congress_is_no_party_but_a_national_congress_is(make_record):
    record = make_record(
        "Congress passed the budget on Friday. The Indian National Congress said it would oppose the law."
    )
    kinds = {e.name: e.kind for e in record.entities}
    assert kinds["Congress"] == "government"
    assert kinds["Indian National Congress"] == "political party"


def test_entities_full_names_with_different_middle_initials_are_two_people(vocab):
    text = "Carla J. Mendez spoke . Her mother Carla H. J. Mendez came . Carla J. Mendez left ."
    tags = {"0-2": "PERSON", "7-10": "PERSON", "13-15": "PERSON"}
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert sorted((e.name, len(e.mentions)) for e in entities) == [("Carla H. J. Mendez", 1), ("Carla J. Mendez", 2)]
    # the name without initials may be either of them: it joins neither
    text = "Carla J. Mendez spoke . Carla H.J. Mendez left . Carla Mendez stayed ."
    tags = {"0-2": "PERSON", "5-7": "PERSON", "10-11": "PERSON"}
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert sorted(len(e.mentions) for e in entities) == [1, 1, 1]
    # with one initialled name it joins that one
    text = "Carla J. Mendez spoke . Carla Mendez stayed ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"0-2": "PERSON", "5-6": "PERSON"})))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Carla J. Mendez", 2)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Tankers sailed from Qeshm to Bandar Abbas on Monday .", "5-6"),  # where something goes
        ("The port city of Bandar Abbas is busy .", "4-5"),  # a settlement noun's "of"
        ("Shops near Bandar Abbas closed .", "2-3"),  # a locative preposition
        ("Bandar Abbas , Iran , was quiet .", "0-1"),  # with its country
    ],
)
def test_entities_a_town_of_several_words_the_model_calls_a_person_is_a_place_where_the_text_places_it(
    vocab, text, where
):
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {where: "PERSON"})))
    assert ("Bandar Abbas", "GPE") in [(e.name, e.type) for e in entities]


def test_entities_a_town_of_several_words_stays_a_person_where_the_text_does_not_place_it(vocab):
    for text, tags in (
        ("Bandar Abbas told reporters the port was quiet .", {"0-1": "PERSON"}),
        ("The letter went to Marco Island at noon .", {"4-5": "PERSON"}),  # a given name: Marco
    ):
        entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
        assert [e.type for e in entities] == ["PERSON"], text


def test_entities_a_name_written_with_its_container_is_a_place_never_a_persons_mention(vocab):
    text = "Ana Jackson spoke . Shops in Jackson , Mississippi closed . Jackson said so ."
    tags = {"0-1": "PERSON", "6": "PERSON", "8": "GPE", "11": "PERSON"}
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    found = sorted((e.name, e.type, len(e.mentions)) for e in entities)
    assert found == [("Ana Jackson", "PERSON", 2), ("Jackson", "GPE", 1), ("Mississippi", "GPE", 1)]
    # an abbreviated province counts with its period; an apposition with a possessive is no address
    text = "Ana Jackson spoke in Jackson , Miss. , on Friday ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"0-1": "PERSON", "4": "PERSON"})))
    assert ("Jackson", "GPE") in [(e.name, e.type) for e in entities]
    text = "Ana Jackson spoke . Later Jackson , Mississippi 's governor , left ."
    entities, _ = extract_entities(make_doc(vocab, words_with(text, {"0-1": "PERSON", "5": "PERSON", "7": "GPE"})))
    assert ("Ana Jackson", "PERSON", 2) in [(e.name, e.type, len(e.mentions)) for e in entities]


@pytest.mark.parametrize(
    ("text", "tags", "name"),
    [
        ("Without Ann Moore , the party would have lost the seat .", {"0-2": "PERSON"}, "Ann Moore"),
        ("Unlike Kestrel Holdings , the bank kept its staff .", {"0-2": "ORG"}, "Kestrel Holdings"),
        ("“ Certainly Ann Moore has gone the other way , ” he said .", {"1-3": "PERSON"}, "Ann Moore"),
        # a title may begin so; a first name that is also a modal is the name's own first word
        ("Without a Trace ran for seven seasons .", {"0-2": "WORK_OF_ART"}, "Without a Trace"),
        ("Will Moore said he would run .", {"0-1": "PERSON"}, "Will Moore"),
    ],
)
def test_entities_a_sentences_first_word_is_not_taken_into_the_name_after_it(vocab, text, tags, name):
    entities, _ = extract_entities(make_doc(vocab, words_with(text, tags)))
    assert [e.name for e in entities] == [name]


def test_entities_a_quoted_headline_the_model_read_as_a_title_stays_one_and_takes_no_person(vocab):
    # a headline's verb in title case, tagged as a proper noun, hid the title; a given name and a surname found
    # elsewhere then made it a person holding the surname's mentions
    text = "Mr. Trump is not Christian , writers said ( '' Francesco Excommunicates Trump , '' declared La Stampa ) ."
    doc = make_doc(vocab, words_with(text, {"1": "PERSON", "10-12": "WORK_OF_ART", "16-17": "ORG"}))
    entities, _ = extract_entities(doc)
    headline = by_name(entities, "Francesco Excommunicates Trump")
    assert headline.type == "WORK_OF_ART"
    assert by_name(entities, "Trump").type == "PERSON"
    assert owner(entities, "Trump") == {by_name(entities, "Trump").id}


def test_entities_a_known_group_is_found_where_the_model_missed_it_or_took_a_part(vocab):
    text = "The Islamic State group claimed the attack . Later Taliban fighters withdrew . They want an Islamic state ."
    doc = make_doc(vocab, words_with(text, {"1": "NORP"}))  # the model read "Islamic" as a nationality
    entities, _ = extract_entities(doc)
    names = {e.name for e in entities}
    assert {"Islamic State", "Taliban"} <= names
    assert "Islamic" not in names
    assert [m.text for m in by_name(entities, "Islamic State").mentions] == ["Islamic State group"]
    assert by_name(entities, "Taliban").type == "ORG"
    # a national society a nationality opens is a name of its own, not the known one
    society = make_doc(vocab, words_with("The North Korean Red Cross said so .", {"1-2": "NORP"}))
    assert "International Committee of the Red Cross" not in {e.name for e in extract_entities(society)[0]}


SECTIONED_REPORT = (
    "Health officials said on Monday that the outbreak had spread to three states.\n"
    "Alleged Ongoing Confrontation Leaves Students Injured\n"
    "An alleged confrontation between students and security forces near the university campus in Merida has "
    "left at least one student injured, local media reported.\n"
)
SECTIONED_REPORT_2 = (
    "Health officials said on Monday that the outbreak had spread to three states.\n"
    "Alleged Ongoing Clash Leaves Students Injured\n"
    "An alleged ongoing clash in or around the university campus in Merida state between students and security "
    "forces has left at least one student injured.\n"
)


@pytest.mark.model
@pytest.mark.parametrize("text", [SECTIONED_REPORT, SECTIONED_REPORT_2])
def test_entities_a_heading_in_the_body_gives_names_only_the_text_confirms(make_record, text):
    record = make_record(text)
    names = {e.name for e in record.entities}
    assert not any("Confrontation" in name or "Leaves" in name for name in names), names
    heading_end = text.index("Injured\n") + len("Injured")
    for event in record.events:
        # the heading's capitalised words are no one's name, so no argument is taken from them
        for argument in event.arguments:
            if argument.of.start < heading_end:
                assert "Confrontation" not in argument.mention.text, argument
                assert "Leaves" not in argument.mention.text, argument  # nor an actor of a kind read there


@pytest.mark.model
def test_entities_a_heading_reports_the_happening_its_section_opens_with(make_record):
    record = make_record(SECTIONED_REPORT)
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.trigger.text, [m.text for m in e.mentions]) for e in assaults]
    assert {"Injured", "injured"} <= {assaults[0].trigger.text, *(m.text for m in assaults[0].mentions)}
    assert not [e for e in record.events if e.type == "ACCUSE"]  # "Alleged" heads the line: a hedge, no accusation
