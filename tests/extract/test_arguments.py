"""Per-mention arguments (extract/arguments.py), on sentences the tests write."""

from __future__ import annotations

import pytest


def _arguments(record, trigger_word: str) -> list[tuple[str, str, str | None]]:
    """(role, words, entity name) of the arguments one word of an event gives."""
    names = {e.id: e.name for e in record.entities}
    out = []
    for event in record.events:
        for argument in event.arguments:
            if argument.of.text == trigger_word:
                out.append((argument.role, argument.mention.text, names.get(argument.entity or "")))
    return out


def test_arguments_a_later_sentence_of_one_happening_keeps_its_own_victims(make_record):
    record = make_record(
        "A bomb exploded near a market in Kano on Monday, killing five people. Three soldiers were wounded."
    )
    (event,) = [e for e in record.events if e.type == "ASSAULT"]
    assert "wounded" in [m.text for m in event.mentions]  # one happening...
    assert ("target", "Three soldiers", "soldiers") in _arguments(record, "wounded")  # ...with that sentence's victims
    assert all(words != "Three soldiers" for _, words, _ in _arguments(record, "exploded"))


def test_arguments_every_argument_points_at_its_words_and_at_a_record_entity(make_record):
    record = make_record(
        "Amina Bello, a teacher, spoke at a rally in Lagos on Monday. On Tuesday, she was arrested by police and "
        "charged with treason."
    )
    text = record.article.text
    entity_ids = {e.id for e in record.entities}
    place_ids = {p.id for p in record.places}
    for event in record.events:
        for argument in event.arguments:
            assert text[argument.mention.start : argument.mention.end] == argument.mention.text
            assert argument.of in (event.trigger, *event.mentions)
            assert argument.entity in entity_ids if argument.role != "place" else argument.place in place_ids
    # the pronoun is the words the sentence gives; the entity is the woman the document names
    assert ("target", "she", "Amina Bello") in _arguments(record, "arrested")
    assert ("target", "she", "Amina Bello") in _arguments(record, "charged")  # "arrested and charged": her too


def test_arguments_each_member_of_a_list_of_victims_is_a_target(make_record):
    record = make_record("Gunmen killed eight women, a girl and four men in a village in Zamfara State on Sunday.")
    targets = {words for role, words, _ in _arguments(record, "killed") if role == "target"}
    assert {"eight women", "four men"} <= targets and any("girl" in w for w in targets)
    assert [words for role, words, _ in _arguments(record, "killed") if role == "source"] == ["Gunmen"]


def test_arguments_a_place_is_an_argument_only_where_the_sentence_names_it(make_record):
    record = make_record("KANO, Nigeria (Reuters) - Gunmen attacked a bus on Monday. Two guards were wounded in Kano.")
    assert not [a for a in _arguments(record, "attacked") if a[0] == "place"]  # the dateline is not the sentence's
    places = [words for role, words, _ in _arguments(record, "wounded") if role == "place"]
    assert places in ([], ["Kano"])
    for event in record.events:
        for argument in event.arguments:
            if argument.role == "place":
                assert argument.mention.start > record.article.text.index("Gunmen")


def test_arguments_victims_are_never_a_source(make_record):
    record = make_record(
        "Iranians killed in the raid were buried on Friday. The victims and their families were mourned."
    )
    for event in record.events:
        for argument in event.arguments:
            if argument.role == "source":
                assert argument.mention.text.lower() not in ("iranians", "the victims", "victims")


def test_arguments_a_pronoun_with_no_antecedent_is_still_the_words_of_its_role(make_record):
    record = make_record('"We attacked the checkpoint because they shot at us," the commander said on Monday.')
    assert ("source", "We", None) in _arguments(record, "attacked")  # who "we" are, the text does not say
    assert ("source", "they", None) in _arguments(record, "shot")


def test_arguments_the_subject_of_a_harm_verb_with_no_object_is_never_a_source(make_record):
    record = make_record("Dozens of people died in the fire. They were killed when the building collapsed.")
    assert all(role != "source" for role, _, _ in _arguments(record, "killed"))


def test_arguments_a_document_the_linker_learned_from_is_read_by_the_fold_that_left_it_out(nlp):
    from newsledger.extract.arguments import HELD_OUT_LINKERS
    from newsledger.extract.arguments_linker import LinkerModel
    from newsledger.model import Article
    from newsledger.nlp import process_article

    # a fold linker that makes a verb's object its doer, so its reading cannot be the shipped linker's
    upside_down = LinkerModel(
        classes=("none", "place", "source", "target"),
        intercepts=(0.0, 0.0, 0.0, 0.0),
        weights={"bias": (5.0, 0.0, 0.0, 0.0), "dep=dobj": (0.0, 0.0, 9.0, 0.0)},
        threshold=0.5,
    )
    text = "Gunmen attacked the checkpoint near Kano on Monday."
    token = HELD_OUT_LINKERS.set({"doc-held-out": upside_down})
    try:
        held_out = process_article(nlp, Article.from_text(text, source="doc-held-out"))
        other = process_article(nlp, Article.from_text(text, source="doc-unseen"))
    finally:
        HELD_OUT_LINKERS.reset(token)
    assert ("source", "checkpoint", None) in _arguments(held_out, "attacked")
    assert ("source", "Gunmen") in [(role, words) for role, words, _ in _arguments(other, "attacked")]


def test_arguments_a_list_holds_only_the_words_that_name_someone(parsed_doc):
    from newsledger.extract.arguments import _listed_with

    # "Soldiers , police and given ..." with the parser's conjunct "given" a verb, not a noun
    doc = parsed_doc(
        """
        Soldiers_ 5 nsubj NOUN NNS soldier
        , 0 punct PUNCT , ,
        police 0 conj NOUN NNS police
        and 2 cc CCONJ CC and
        given 2 conj VERB VBN give
        came 5 ROOT VERB VBD come
        """
    )
    assert [t.text for t in _listed_with(doc[0])] == ["police"]


def test_arguments_the_people_a_harm_participle_describes_are_never_its_source(make_record):
    record = make_record(
        "A bomb exploded near the base on Monday. Six soldiers were killed, with two other Americans and "
        "an Afghan interpreter injured."
    )
    injured = _arguments(record, "injured")
    assert all(role != "source" for role, _, _ in injured)


def test_arguments_the_harmed_of_an_absolute_with_are_never_a_source(nlp):
    from newsledger.extract.arguments import linker_candidates
    from newsledger.model import Event, Mention, TextSpan
    from newsledger.nlp.state import get_state

    def may_be_source(text: str, word_text: str) -> dict[str, bool]:
        doc = nlp(text)
        word = next(t for t in doc if t.text == word_text)
        mention = Mention(word.idx, word.idx + len(word), word.text)
        event = Event(id="e", type="ASSAULT", trigger=mention, sentence=TextSpan(0, len(text)))
        _, scored = linker_candidates(get_state(doc), event, word, [], None)
        out = {}
        for candidate in scored:
            out[doc.text[slice(*candidate.phrase)]] = candidate.may_be_source
            for phrase, ok in zip(candidate.listed, candidate.listed_may_be_source, strict=True):
                out[doc.text[slice(*phrase)]] = ok
        return out

    # the parser hangs "with" on the clause's verb and reads "injured" as a verb beside it: the people before
    # it are still the ones harmed, the list whole
    found = may_be_source(
        "Six American service members were killed with two other Americans and an Afghan injured.", "injured"
    )
    assert {k: v for k, v in found.items() if "Americans" in k or "Afghan" in k} and not any(
        v for k, v in found.items() if "Americans" in k or "Afghan" in k
    ), found
    # the doer of the clause stays a possible source, and "with" before a doer's present participle is no harm
    found = may_be_source("Gunmen stormed the town with rifles, killing five people.", "killing")
    assert found["Gunmen"] is True


def test_arguments_a_site_the_event_word_happened_at_is_its_place(make_record):
    record = make_record("Two soldiers were killed in a village near the border on Monday, the army said.")
    assert ("place", "village", None) in _arguments(record, "killed")
    # "calls on" an office: the preposition of a phrasal verb leads to no site
    record = make_record("The governor called on the prosecutor's office to arrest the two men on Monday.")
    assert not [a for a in _arguments(record, "called") if a[0] == "place"]
    assert not [a for e in record.events for a in e.arguments if a.role == "place" and "office" in a.mention.text]


def test_arguments_a_name_modifying_a_noun_gives_the_whole_phrase(make_record):
    # the event's target is the country of "the Malian soldiers"; in another word's sentence it is still the
    # soldiers who were harmed, not the word "Malian"
    record = make_record("Relatives of the Malian soldiers killed in the raid gathered outside the hospital.")
    raid = [(role, words) for role, words, _ in _arguments(record, "raid") if role == "target"]
    assert raid == [("target", "Malian soldiers")]
    # a possessor belongs to the words of the phrase it opens
    owned = make_record("Gunmen attacked Kenya's soldiers near the border on Monday.")
    assert ("target", "Kenya's soldiers") in [(role, words) for role, words, _ in _arguments(owned, "attacked")]


def test_arguments_a_site_is_read_on_the_copula_and_on_what_was_attacked(parsed_doc):
    from types import SimpleNamespace

    from newsledger.extract.arguments import _site_of

    no_places = SimpleNamespace(places=[])
    # "The worst explosion was at the station": the event noun is the subject of "was"
    copula = parsed_doc(
        """
        The 2 det DET DT the
        worst 2 amod ADJ JJS bad
        explosion 3 nsubj NOUN NN explosion
        was 3 ROOT AUX VBD be
        at 3 prep ADP IN at
        the 6 det DET DT the
        station 4 pobj NOUN NN station
        """
    )
    assert _site_of(no_places, copula[2], list(copula)).text == "station"
    # "Gunmen attacked a base in Kunar": the place hangs on what was attacked
    on_object = parsed_doc(
        """
        Gunmen 1 nsubj NOUN NNS gunman
        attacked 1 ROOT VERB VBD attack
        a 3 det DET DT a
        base 1 dobj NOUN NN base
        in 3 prep ADP IN in
        Kunar 4 pobj PROPN NNP Kunar
        """,
        ents=((5, 6, "GPE"),),
    )
    assert _site_of(no_places, on_object[1], list(on_object)).text == "Kunar"
    # "Gunmen fired at a crowd": a crowd is no site
    aimed = parsed_doc(
        """
        Gunmen 1 nsubj NOUN NNS gunman
        fired 1 ROOT VERB VBD fire
        at 1 prep ADP IN at
        a 4 det DET DT a
        crowd 2 pobj NOUN NN crowd
        """
    )
    assert _site_of(no_places, aimed[1], list(aimed)) is None


def test_arguments_explosions_at_named_streets_happened_there_and_were_not_done_to_them(make_record):
    record = make_record(
        "In the case of the two worst explosions at Baker Street and the Harrow Road, warnings were given well in "
        "advance."
    )
    explosions = _arguments(record, "explosions")
    assert not [words for role, words, _ in explosions if role == "target"]
    assert all(e.target is None for e in record.events if e.trigger.text == "explosions")  # the record's too
    assert [words for role, words, _ in explosions if role == "place"] in (["Baker Street"], ["Harrow Road"])


@pytest.mark.parametrize(
    ("text", "word", "target"),
    [
        ("The explosion targeted a police station on the main street.", "explosion", "police station"),
        ("About 100 people have joined anti-government protests in the capital.", "protests", "government"),
    ],
)
def test_arguments_what_an_event_was_aimed_at_is_its_target(make_record, text, word, target):
    record = make_record(text)
    assert target in [words for role, words, _ in _arguments(record, word) if role == "target"]


def test_arguments_a_suicide_bomber_is_not_his_own_target(make_record):
    record = make_record("A suicide bomber blew himself up near the gate of the base on Monday.")
    assert "himself" not in [words for role, words, _ in _arguments(record, "blew") if role == "target"]


def test_arguments_a_battle_between_two_sides_has_a_doer_and_a_target(make_record):
    record = make_record("In one incident, a man was killed in a battle between troops and gunmen in the market area.")
    battle = [(role, words) for role, words, _ in _arguments(record, "battle") if role in ("source", "target")]
    assert ("source", "troops") in battle
    assert ("target", "gunmen") in battle
    clashes = make_record("Clashes between police and protesters left ten people injured.")
    sides = [(role, words) for role, words, _ in _arguments(clashes, "Clashes") if role in ("source", "target")]
    assert sides == [("source", "police"), ("target", "protesters")]
    # the linker may find the list from its later member ("rebels"): the first side is still the doer
    broke_out = make_record("A battle between troops and rebels broke out in the town.")
    sides = sorted((role, words) for role, words, _ in _arguments(broke_out, "battle") if role in ("source", "target"))
    assert sides == [("source", "troops"), ("target", "rebels")]


def test_arguments_a_list_seen_from_a_later_member_holds_all_its_members(make_record):
    # parsed as "women" with the appositive "girl" and its conjunct "men", the participle hung on "girl"
    record = make_record("There were eight women, a 10-year-old girl and four men injured.")
    targets = {words for role, words, _ in _arguments(record, "injured") if role == "target"}
    assert {"eight women", "four men"} <= targets


def test_arguments_an_event_listed_beside_a_target_is_no_target(make_record):
    record = make_record("The region sees frequent attacks on security forces and assassinations of officials.")
    targets = [words for role, words, _ in _arguments(record, "attacks") if role == "target"]
    assert "security forces" in targets
    assert "assassinations" not in targets


def test_arguments_who_answers_an_accusation_is_its_target_never_its_source(make_record):
    record = make_record("After several debates, Senator Okafor dismissed Governor Bello's charges about his record.")
    charges = _arguments(record, "charges")
    assert ("target", "Okafor") in [(role, name) for role, _, name in charges]
    assert ("source", "Okafor") not in [(role, name) for role, _, name in charges]


def test_arguments_a_span_of_time_run_into_a_list_is_no_participant(make_record):
    record = make_record(
        "A spokesman for the group pointed out that telephoned warnings were given to the Samaritans, the police, "
        "newspapers and the local Rumour Service at least thirty minutes before each explosion."
    )
    words = [words for _, words, _ in _arguments(record, "warnings")]
    assert words and not any("minutes" in w for w in words), words


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("Just after midnight a wave of shooting broke out in the main Catholic areas.", "shooting", "areas"),
        ("Heavy fighting took place in the village on Monday.", "fighting", "village"),
        ("The republic has seen numerous bombings targeted at the army.", "bombings", "republic"),
        (
            "The worst explosion was at the busy bus station, where at least six people were killed.",
            "killed",
            "station",
        ),
        ("Huge bombs were detonated at places certain to be thronged with people.", "detonated", "places"),
        ("Six soldiers were killed in an attack near Bagram Airfield.", "killed", "Bagram Airfield"),
    ],
)
def test_arguments_where_an_event_broke_out_or_which_realm_saw_it_is_its_place(make_record, text, word, place):
    places = [words for role, words, _ in _arguments(make_record(text), word) if role == "place"]
    assert any(words.endswith(place) for words in places), places


def test_arguments_a_blast_is_where_its_harm_was_done_and_a_manhunt_is_not(make_record):
    record = make_record(
        "French police are hunting a suspect believed to have left a bag containing a device that exploded on "
        "Friday, wounding 13 people on a busy pedestrian street in the city of Lyon."
    )
    assert any(role == "place" and "street" in words for role, words, _ in _arguments(record, "exploded"))
    assert not any(role == "place" for role, _, _ in _arguments(record, "hunting"))


def test_arguments_a_description_set_beside_a_name_gives_the_name(make_record):
    record = make_record("South Korea accused the North's leader, Kim Jong Un, of fanatic recklessness.")
    targets = [words for role, words, _ in _arguments(record, "accused") if role == "target"]
    assert targets == ["Kim Jong Un"], targets
    record = make_record(
        "One of them, Mr William Craig, leader of the party, called for its immediate massive resumption."
    )
    sources = [words for role, words, _ in _arguments(record, "called") if role == "source"]
    assert "William Craig" in sources and "One" not in sources, sources


def test_arguments_a_word_is_not_lent_the_victims_another_word_of_the_event_governs(make_record):
    record = make_record("A bomb exploded near the market on Friday, wounding 13 people and killing two soldiers.")
    assert ("target", "13 people") in [(r, w) for r, w, _ in _arguments(record, "wounding")]
    assert not [w for r, w, _ in _arguments(record, "exploded") if r == "target" and "13 people" in w]
    # coordinated words share their object
    record = make_record("Officer Jane Miller, who shot and killed Tom Hayes in Tulsa last week, was charged.")
    for word in ("shot", "killed"):
        assert any(r == "target" and "Hayes" in w for r, w, _ in _arguments(record, word)), word


def test_arguments_it_is_the_body_that_says_what_it_did(make_record):
    record = make_record("The ministry said it had launched an investigation into the attack.")
    assert ("source", "it") in [(r, w) for r, w, _ in _arguments(record, "investigation")]
    # "it" for a thing is no one
    record = make_record("Police said it was a powerful bomb that caused the explosion.")
    assert not [w for r, w, _ in _arguments(record, "explosion") if r == "source" and w == "it"]


def test_arguments_who_speaks_of_a_toll_did_no_harm(make_record):
    record = make_record(
        'A bomb exploded outside a bakery, injuring 13 people. "It\'s not for me to give a toll," the president said.'
    )
    sources = [w for e in record.events for a in e.arguments if a.role == "source" for w in [a.mention.text]]
    assert "me" not in sources, sources


def test_arguments_the_site_an_attack_was_on_is_its_target(make_record):
    record = make_record(
        "The country has seen a spate of attacks in recent years. Five people were killed on 11 December in an "
        "attack on the Christmas market in Strasbourg, eastern France."
    )
    assert any(r == "target" and w.endswith("market") for r, w, _ in _arguments(record, "attack"))
    # a site an attack was "at" is where it was, not what it was done to
    record = make_record("Two people were wounded in an attack at the market on Monday.")
    assert not any(r == "target" and w.endswith("market") for r, w, _ in _arguments(record, "attack"))
