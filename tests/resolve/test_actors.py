from __future__ import annotations

from newsledger.resolve.actors import EntityRef, name_parts, resolve_actors, same_person, skeleton


def actor_members(refs):
    return sorted(sorted(m.pk for m in actor.members) for actor in resolve_actors(refs))


def test_actors_spelling_variants_of_one_person_become_one_actor():
    refs = [
        EntityRef(1, "a1", "Yusuf Rahimi", "PERSON"),
        EntityRef(2, "a2", "Yousef Rahimi", "PERSON"),
        EntityRef(3, "a3", "Gen. Yusuf Rahimy", "PERSON"),
    ]
    (actor,) = resolve_actors(refs)
    assert sorted(m.pk for m in actor.members) == [1, 2, 3]
    assert set(actor.aliases) == {"Yusuf Rahimi", "Yousef Rahimi", "Gen. Yusuf Rahimy"}


def test_actors_different_people_sharing_a_surname_stay_apart():
    refs = [
        EntityRef(1, "a1", "Omar Haddad", "PERSON"),
        EntityRef(2, "a2", "Leila Haddad", "PERSON"),
        EntityRef(3, "a3", "Omar Faruq Haddad", "PERSON"),  # one more name part: father or son, not the same
        EntityRef(4, "a4", "Haddad", "PERSON"),  # ambiguous surname: joins nobody
    ]
    assert actor_members(refs) == [[1], [2], [3], [4]]


def test_actors_surname_alone_joins_the_only_person_with_that_surname():
    refs = [EntityRef(1, "a1", "Omar Haddad", "PERSON"), EntityRef(2, "a2", "Haddad", "PERSON")]
    assert actor_members(refs) == [[1, 2]]


def test_actors_groups_merge_by_name_and_shared_acronym_not_across_types_of_people():
    refs = [
        EntityRef(1, "a1", "Coastal Liberation Army", "ORG", aliases=("CLA",)),
        EntityRef(2, "a2", "CLA", "ORG"),
        EntityRef(3, "a3", "the Coastal Liberation Army", "NORP"),
        EntityRef(4, "a4", "Coastal Police", "ORG"),
        EntityRef(5, "a5", "Coastal", "PERSON"),
    ]
    assert actor_members(refs) == [[1, 2, 3], [4], [5]]


def test_actors_name_helpers():
    assert name_parts("Mullah Abdul Karim's") == ["abdul", "karim"]
    assert skeleton("ahmad") == skeleton("ahmed")
    assert skeleton("mohammad") == skeleton("muhammad")
    assert same_person(["ahmad", "rahimi"], ["ahmed", "rahimi"])
    assert not same_person(["ahmad", "rahimi"], ["hamid", "rahimi"])
    assert not same_person(["rahimi"], ["rahimi"])  # one part is never enough to call it the same person


def test_actors_first_names_and_short_skeletons_never_bridge_two_people():
    refs = [
        EntityRef(1, "a1", "Matt Lauer", "PERSON"),
        EntityRef(2, "a2", "Larry King", "PERSON"),
        EntityRef(3, "a3", "Larry", "PERSON"),
        EntityRef(4, "a4", "Laura", "PERSON"),
        EntityRef(5, "a5", "King", "PERSON"),
        EntityRef(6, "a6", "Laura King", "PERSON"),
    ]
    groups = actor_members(refs)
    assert [1] in groups  # the host keeps nobody else's names
    assert [2] in groups and [6] in groups  # one given name apart: two people
    assert [3] in groups and [4] in groups  # a first name alone joins no one across articles
    assert [5] in groups  # two known people are called King


def test_actors_an_articles_surname_chain_is_one_person_even_when_the_surname_is_shared():
    refs = [
        EntityRef(1, "a1", "Barack Obama", "PERSON"),
        EntityRef(2, "a1", "Obama", "PERSON"),
        EntityRef(3, "a2", "Michelle Obama", "PERSON"),
        EntityRef(4, "a2", "Obama", "PERSON"),
        EntityRef(5, "a3", "Barack Obama", "PERSON"),
        EntityRef(6, "a4", "Dirk A. Kempthorne", "PERSON"),
        EntityRef(7, "a5", "Dirk Kempthorne", "PERSON"),
        EntityRef(8, "a5", "Jim O'Brien", "PERSON"),
        EntityRef(9, "a6", "O'Brien", "PERSON"),
    ]
    assert actor_members(refs) == [[1, 2, 5], [3, 4], [6, 7], [8, 9]]


def test_actors_a_pronoun_or_lower_case_word_is_never_an_alias():
    refs = [
        EntityRef(1, "a1", "United States", "GPE", aliases=("us", "U.S.")),
        EntityRef(2, "a2", "Us", "ORG"),
        EntityRef(3, "a3", "U.S.", "GPE"),
    ]
    assert actor_members(refs) == [[1, 3], [2]]
    (states,) = [a for a in resolve_actors(refs) if a.name == "United States"]
    assert "us" not in states.aliases


def test_actors_a_title_singles_out_one_of_two_people_sharing_a_surname():
    refs = [
        EntityRef(1, "a1", "Barack Obama", "PERSON", aliases=("President Barack Obama",)),
        EntityRef(2, "a2", "Michelle Obama", "PERSON"),
        EntityRef(3, "a3", "Obama", "PERSON", aliases=("President Obama",)),
        EntityRef(4, "a4", "Obama", "PERSON"),
        EntityRef(5, "a5", "Americans", "NORP"),
        EntityRef(6, "a6", "American", "NORP"),
    ]
    assert actor_members(refs) == [[1, 3], [2], [4], [5, 6]]


def test_actors_a_bare_surname_several_people_carry_stays_in_its_own_article():
    refs = [
        EntityRef(1, "a1", "George Walker Bush", "PERSON"),
        EntityRef(2, "a2", "Reggie Bush", "PERSON"),
        EntityRef(3, "a3", "Bush", "PERSON"),  # which one? not said here
        EntityRef(4, "a3", "Bush", "PERSON"),
        EntityRef(5, "a4", "Bush", "PERSON"),
        EntityRef(6, "a5", "Kandek", "PERSON"),  # nobody known by it: the one name joins across articles
        EntityRef(7, "a6", "Kandek", "PERSON"),
    ]
    assert actor_members(refs) == [[1], [2], [3, 4], [5], [6, 7]]
    assert len({actor.key for actor in resolve_actors(refs)}) == 5


def test_actors_a_group_only_described_in_lower_case_joins_nothing_outside_its_article():
    refs = [
        EntityRef(1, "a1", "police", "ORG"),
        EntityRef(2, "a1", "police", "ORG"),
        EntityRef(3, "a2", "police", "ORG"),  # another city's police
        EntityRef(4, "a1", "Kenyan Army", "ORG"),
        EntityRef(5, "a2", "Kenyan Army", "ORG"),  # a name: the same army
    ]
    assert actor_members(refs) == [[1, 2], [3], [4, 5]]
    assert len({actor.key for actor in resolve_actors(refs)}) == 3


def test_actors_names_whose_vowels_differ_widely_are_two_people_not_a_transliteration():
    refs = [
        EntityRef(1, "a1", "Jon Cohen", "PERSON"),
        EntityRef(2, "a2", "John Chaney", "PERSON"),  # same consonants (c-h-n), other names
        EntityRef(3, "a3", "John Cohn", "PERSON"),  # a dropped letter, the same name
        EntityRef(4, "a4", "Anna Peters", "PERSON"),
        EntityRef(5, "a5", "Anna Peterson", "PERSON"),  # a longer ending is another surname
    ]
    assert actor_members(refs) == [[1, 3], [2], [4], [5]]


def test_actors_a_title_word_in_an_organisations_name_is_part_of_the_name():
    refs = [
        EntityRef(1, "a1", "Interior Ministry", "ORG"),
        EntityRef(2, "a2", "Defense Ministry", "ORG"),
        EntityRef(3, "a3", "the Interior Ministry", "ORG"),
    ]
    assert actor_members(refs) == [[1, 3], [2]]


def test_actors_a_town_found_by_the_places_stage_is_keyed_by_its_gazetteer_id_not_its_name():
    refs = [
        EntityRef(1, "a1", "Springfield", "GPE", kind="place", place_id=4409896),  # Missouri
        EntityRef(2, "a2", "Springfield", "GPE", kind="place", place_id=4250542),  # Illinois
        EntityRef(3, "a3", "Springfield", "GPE", kind="place", place_id=4409896),
        EntityRef(4, "a4", "Afghanistan", "GPE", kind="country", country="AF", place_id=1149361),
        EntityRef(5, "a5", "Afghanistan", "GPE", kind="country", country="AF"),
    ]
    assert actor_members(refs) == [[1, 3], [2], [4, 5]]


def test_actors_a_surname_with_its_particle_joins_the_full_name():
    refs = [
        EntityRef(1, "a1", "Bill de Blasio", "PERSON"),
        EntityRef(2, "a1", "de Blasio", "PERSON"),
        EntityRef(3, "a2", "Mayor de Blasio", "PERSON"),
        EntityRef(4, "a3", "Osama bin Laden", "PERSON"),
        EntityRef(5, "a4", "bin Laden", "PERSON"),
        EntityRef(6, "a5", "Chiara de Luca", "PERSON"),
        EntityRef(7, "a5", "Marco de Luca", "PERSON"),
        EntityRef(8, "a6", "de Luca", "PERSON"),  # two known people: stays in its own article
    ]
    assert actor_members(refs) == [[1, 2, 3], [4, 5], [6], [7], [8]]


def test_actors_a_capitalised_particle_that_is_also_a_given_name_opens_a_full_name():
    refs = [
        EntityRef(1, "a1", "Al Ferreira", "PERSON"),
        EntityRef(2, "a2", "Ferreira", "PERSON"),
        EntityRef(3, "a3", "Abu Bakr al-Sudani", "PERSON"),
        EntityRef(4, "a4", "al-Sudani", "PERSON"),
    ]
    assert actor_members(refs) == [[1, 2], [3, 4]]


def test_actors_a_partys_members_and_adjective_are_the_party_when_the_ledger_names_it():
    refs = [
        EntityRef(1, "a1", "Labour Party", "ORG"),
        EntityRef(2, "a2", "Labour", "NORP"),
        EntityRef(3, "a3", "Greens", "NORP"),
        EntityRef(4, "a4", "Democrats", "NORP"),
        EntityRef(5, "a5", "Democratic Party", "ORG"),
        EntityRef(6, "a6", "Democratic", "NORP"),
        EntityRef(7, "a7", "Americans", "NORP"),
    ]
    actors = resolve_actors(refs)
    assert sorted(sorted(r.pk for r in a.members) for a in actors) == [[1, 2], [3], [4, 5, 6], [7]]
    labour = next(a for a in actors if 1 in {r.pk for r in a.members})
    assert labour.name == "Labour Party" and labour.type == "ORG"


def test_actors_a_surname_taken_for_an_organisation_or_a_place_is_the_one_person_with_it():
    refs = [
        EntityRef(1, "a1", "Ruth Odell", "PERSON", aliases=("Odell",)),
        EntityRef(2, "a2", "Odell", "ORG", kind="organization"),  # "Odell's path to victory"
        EntityRef(3, "a3", "Odell", "GPE", kind="place"),  # "Odell voters", no place found for it
        EntityRef(4, "a4", "Tom Fenwick", "PERSON"),
        EntityRef(5, "a5", "Fenwick", "ORG", kind="organization"),
        EntityRef(6, "a5", "Fenwick Motors", "ORG", kind="company"),  # the article's company opens with the word
        EntityRef(7, "a6", "Leila Haddad", "PERSON"),
        EntityRef(8, "a6", "Omar Haddad", "PERSON"),
        EntityRef(9, "a7", "Haddad", "ORG", kind="organization"),  # two people carry it
        EntityRef(10, "a8", "Myers", "ORG", kind="media"),  # a kind the entity stage knows
        EntityRef(11, "a8", "Bill Myers", "PERSON"),
        EntityRef(12, "a9", "Odell", "GPE", kind="place", place_id=42),  # a town the places stage found
    ]
    refs += [
        EntityRef(13, "a10", "Obama White House", "PERSON"),  # the model's "person": no one is called "House" alone
        EntityRef(14, "a11", "House", "ORG", kind="organization"),
        EntityRef(15, "a12", "Tom Fenwick’s", "PERSON", aliases=("Fenwick",)),  # a typographic possessive
    ]
    actors = {tuple(sorted(m.pk for m in a.members)): a.type for a in resolve_actors(refs)}
    assert actors[(1, 2, 3)] == "PERSON"
    assert actors[(5,)] == "ORG" and actors[(9,)] == "ORG" and actors[(10,)] == "ORG" and actors[(12,)] == "GPE"
    assert actors[(14,)] == "ORG" and actors[(4, 15)] == "PERSON"


def test_actors_a_family_is_a_group_never_one_of_its_people():
    refs = [
        EntityRef(1, "a1", "Ruth Odell", "PERSON", kind="person"),
        EntityRef(2, "a1", "Odells", "PERSON", kind="family"),
        EntityRef(3, "a2", "Odells", "PERSON", kind="family"),
        EntityRef(4, "a3", "Odell", "PERSON", kind="person"),
    ]
    actors = {tuple(sorted(m.pk for m in a.members)): a for a in resolve_actors(refs)}
    assert set(actors) == {(1, 4), (2, 3)}
    assert actors[(2, 3)].kind == "family" and actors[(2, 3)].key.startswith("group:")


def test_actors_a_generational_suffix_closes_the_name_and_two_suffixes_are_two_people():
    refs = [
        EntityRef(1, "a1", "Arlen Joseph Comeaux Jr", "PERSON"),
        EntityRef(2, "a1", "Comeaux", "PERSON"),  # the surname is the part before the suffix
        EntityRef(3, "a2", "Arlen Joseph Comeaux", "PERSON"),  # the suffix left out
        EntityRef(4, "a3", "Tom Fenwick Jr.", "PERSON"),
        EntityRef(5, "a4", "Tom Fenwick Sr.", "PERSON"),  # father and son
    ]
    assert actor_members(refs) == [[1, 2, 3], [4], [5]]


def test_actors_a_father_and_a_son_told_apart_in_one_article_stay_two_people_across_the_ledger():
    refs = [
        EntityRef(1, "a1", "Walter Brandt Jr.", "PERSON"),
        EntityRef(2, "a1", "Walter P. Brandt", "PERSON"),  # the same article names the father beside his son
        EntityRef(3, "a2", "Walter Brandt", "PERSON"),
        EntityRef(4, "a3", "Walter Brandt Jr.", "PERSON"),
    ]
    assert actor_members(refs) == [[1, 4], [2, 3]]
    # With no article telling them apart, the son's bare name is his (the suffix left out).
    assert actor_members([refs[0], refs[2]]) == [[1, 3]]


def test_actors_a_fathers_written_sr_is_never_left_out():
    refs = [
        EntityRef(1, "a1", "Duncan Reyes Sr.", "PERSON"),
        EntityRef(2, "a2", "Duncan Reyes", "PERSON"),
    ]
    assert actor_members(refs) == [[1], [2]]


def test_actors_an_occupational_title_before_a_name_is_no_part_of_it():
    refs = [
        EntityRef(1, "a1", "Shawna Hollis", "PERSON"),
        EntityRef(2, "a2", "Attorney Shawna Hollis", "PERSON"),
        EntityRef(3, "a3", "Officer Dan Cordell", "PERSON"),
        EntityRef(4, "a4", "Dan Cordell", "PERSON"),
    ]
    assert actor_members(refs) == [[1, 2], [3, 4]]


def test_actors_full_names_with_different_middle_initials_are_two_people():
    refs = [
        EntityRef(1, "a1", "George W. Bush", "PERSON"),
        EntityRef(2, "a2", "George H.W. Bush", "PERSON"),
        EntityRef(3, "a3", "Vice President George H. W. Bush", "PERSON"),
        EntityRef(4, "a4", "President George W. Bush", "PERSON"),
        EntityRef(5, "a5", "Dirk A. Smith", "PERSON"),
        EntityRef(6, "a6", "Dirk Smith", "PERSON"),  # no initial: compatible with the one Dirk Smith
    ]
    assert actor_members(refs) == [[1, 4], [2, 3], [5, 6]]


def test_actors_full_name_without_initials_between_two_initialled_people_is_not_forced_into_one():
    refs = [
        EntityRef(1, "a1", "George W. Bush", "PERSON"),
        EntityRef(2, "a2", "George H.W. Bush", "PERSON"),
        EntityRef(3, "a3", "George Bush", "PERSON"),
        EntityRef(4, "a4", "George Bush", "PERSON"),
    ]
    assert actor_members(refs) == [[1], [2], [3, 4]]
