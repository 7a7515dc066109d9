"""Events on sentences written here: PLOVER type families, status cues, and actors from the parse."""

from __future__ import annotations

import pytest

from newsledger.model import EVENT_STATUSES, PLOVER_TYPES, REPORTER

pytestmark = pytest.mark.model


def events_of(make_record, text):
    record = make_record(text)
    names = {e.id: e.name for e in record.entities}
    return record, names


def event_at(record, word):
    """The event the word reports: as its trigger or as one of its further mentions."""
    found = [e for e in record.events if any(m.text.lower().endswith(word) for m in (e.trigger, *e.mentions))]
    assert found, f"no event triggered by {word!r} in {[e.trigger.text for e in record.events]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("Rebel fighters attacked an army base near the town on Monday.", "attacked", "ASSAULT"),
        ("Police arrested dozens of activists in the capital on Friday.", "arrested", "COERCE"),
        ("Thousands of workers protested against the new tax in the capital.", "protested", "PROTEST"),
        ("The government deployed troops to the northern border.", "deployed", "MOBILIZE"),
        ("The army withdrew from the northern province last month.", "withdrew", "RETREAT"),
        ("The European Union announced new sanctions against the regime.", "sanctions", "SANCTION"),
        ("The militia threatened to retaliate against the police.", "threatened", "THREATEN"),
        ("The minister accused the opposition of corruption.", "accused", "ACCUSE"),
        ("The president rejected the proposal of the opposition.", "rejected", "REJECT"),
        ("The mayor urged residents to stay at home.", "urged", "REQUEST"),
        ("The unions demanded higher wages for nurses.", "demanded", "DEMAND"),
        ("The two parties signed an agreement in the capital.", "signed", "AGREE"),
        ("The foreign minister met his counterpart in the capital.", "met", "CONSULT"),
        ("The senator praised the work of the rescue teams.", "praised", "SUPPORT"),
        ("The two police forces cooperated closely on the investigation.", "cooperated", "COOPERATE"),
        ("The charity delivered food aid to the flooded villages.", "delivered", "AID"),
    ],
)
def test_events_type_family(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    event = event_at(record, word)
    assert event.type == plover
    assert event.type in PLOVER_TYPES
    assert record.article.text[event.trigger.start : event.trigger.end] == event.trigger.text
    assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end


def test_events_ids_in_text_order_and_no_event_without_trigger(make_record):
    text = "The weather was mild and the market was quiet. Soldiers attacked the village. Police arrested two men."
    record, _ = events_of(make_record, text)
    assert [e.id for e in record.events] == [f"ev{i}" for i in range(1, len(record.events) + 1)]
    assert [e.trigger.start for e in record.events] == sorted(e.trigger.start for e in record.events)
    assert all(e.sentence.start > 40 for e in record.events)  # nothing from the first sentence


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Russia claims its forces captured the town on Sunday.", "captured", "claimed"),
        ("The army denied that its soldiers attacked the village.", "attacked", "denied"),
        ("Unverified footage shows soldiers attacking a convoy near the border.", "attacking", "unverified"),
        ("The president will visit Brazil next week.", "visit", "planned"),
        ("The United Nations is expected to convene a conference in Geneva.", "convene", "planned"),
        ("The government pledged to release the prisoners before the holiday.", "release", "promised"),
        (
            "The rebels will withdraw from the city on condition that the army stops its shelling.",
            "withdraw",
            "conditional",
        ),
        ("The army did not attack the village.", "attack", "negated"),
        ("The rebels could attack the capital within days.", "attack", "hypothetical"),
        ("If the army attacks the city, thousands will flee.", "attacks", "hypothetical"),
        ("Soldiers attacked the village on Monday.", "attacked", "reported"),
    ],
)
def test_events_status(make_record, text, word, status):
    record, _ = events_of(make_record, text)
    event = event_at(record, word)
    assert event.status == status
    assert event.status in EVENT_STATUSES


def test_events_claimed_according_to_the_claimant(make_record):
    record, names = events_of(make_record, "Russia claims its forces captured the town on Sunday.")
    event = event_at(record, "captured")
    assert names.get(event.according_to) == "Russia"


def test_events_reported_by_the_reporter(make_record):
    record, _ = events_of(make_record, "Soldiers attacked the village on Monday.")
    assert event_at(record, "attacked").according_to == REPORTER


def test_events_source_and_target_active(make_record):
    record, names = events_of(make_record, "Russia attacked Ukraine on Thursday.")
    event = event_at(record, "attacked")
    assert names.get(event.source) == "Russia"
    assert names.get(event.target) == "Ukraine"


def test_events_source_and_target_passive(make_record):
    record, names = events_of(make_record, "Ukraine was attacked by Russia on Thursday.")
    event = event_at(record, "attacked")
    assert names.get(event.source) == "Russia"
    assert names.get(event.target) == "Ukraine"


def test_events_target_of_with_phrase(make_record):
    record, names = events_of(make_record, "Emmanuel Macron met with Olaf Scholz in Berlin on Tuesday.")
    event = event_at(record, "met")
    assert event.type == "CONSULT"
    assert "Macron" in (names.get(event.source) or "")
    assert "Scholz" in (names.get(event.target) or "")


def test_events_light_verb_noun_takes_the_verb_subject(make_record):
    record, names = events_of(make_record, "Germany held talks with France in Paris on Monday.")
    event = event_at(record, "talks")
    assert event.type == "CONSULT"
    assert names.get(event.source) == "Germany"
    assert names.get(event.target) == "France"


@pytest.mark.parametrize(
    ("text", "word", "doer"),
    [
        # the preposition puts the verb's subject in the event
        ("Prime Minister Anna Berg said during talks with the rebels that a ceasefire was near.", "talks", "Anna Berg"),
        ("Foreign Minister Ahmed Saleh travelled to the summit in Lagos on Monday.", "summit", "Ahmed Saleh"),
        ("The rebels responded with attacks on army posts in the north.", "attacks", "rebels"),
        # it only relates the subject to an event someone else did
        ("After the bombing in Lagos, President Amina Yusuf ordered a review of security.", "bombing", None),
        ("Prime Minister Anna Berg responded to the bombing on Tuesday.", "bombing", None),
    ],
)
def test_events_noun_under_a_verbs_preposition_takes_its_subject_only_as_a_participant(make_record, text, word, doer):
    record, names = events_of(make_record, text)
    assert names.get(event_at(record, word).source) == doer


def test_events_stopping_a_fight_is_not_a_fight(make_record):
    record, _ = events_of(make_record, "Both sides agreed to stop the fighting.")
    assert not [e for e in record.events if e.trigger.text == "fighting"]
    assert event_at(record, "agreed").type == "AGREE"


def test_events_aid_from_what_is_delivered(make_record):
    record, _ = events_of(make_record, "Humanitarian flights resumed to the northern provinces.")
    assert event_at(record, "resumed").type == "AID"
    plain, _ = events_of(make_record, "Classes resumed at the university.")
    assert not [e for e in plain.events if e.trigger.text == "resumed"]


def test_events_acled_subtype_for_violence_only(make_record):
    record, _ = events_of(make_record, "Government warplanes bombed rebel positions, killing twelve fighters.")
    bombed = event_at(record, "bombed")
    assert bombed.acled_type == "Explosions/Remote violence"
    assert bombed.acled_subtype == "Air/drone strike"
    talks, _ = events_of(make_record, "The foreign minister met his counterpart in the capital.")
    assert event_at(talks, "met").acled_subtype is None


def test_events_verbal_attack_is_criticism_without_acled_subtype(make_record):
    record, _ = events_of(make_record, "The senator attacked the tax bill in a speech on Monday.")
    event = event_at(record, "attacked")
    assert event.type == "ACCUSE"
    assert event.acled_subtype is None
    armed, _ = events_of(make_record, "Gunmen attacked a bus near the border on Monday.")
    assert event_at(armed, "attacked").type == "ASSAULT"
    # a rally is a gathering, no sign of violence: the nominee's attack there is of words
    rally, _ = events_of(make_record, "At a rally in Florida on Monday, the Republican nominee attacked the media.")
    assert event_at(rally, "attacked").type == "ACCUSE"
    # what only words can hit: a person's judgment, credibility, character
    judged, _ = events_of(make_record, "She kept up her attacks on his credibility and character on Tuesday.")
    assert event_at(judged, "attacks").type == "ACCUSE"
    posts, _ = events_of(make_record, "The rebels launched attacks on army positions near the town on Monday.")
    assert event_at(posts, "attacks").type == "ASSAULT"


def test_events_violence_claimed_by_a_group_has_the_group_as_its_source(make_record):
    record, names = events_of(
        make_record,
        "Nine soldiers were killed on Monday in an attack claimed by the Northern Liberation Front, officials said.",
    )
    assert names.get(event_at(record, "killed").source) == "Northern Liberation Front"
    record, names = events_of(
        make_record,
        "A roadside bomb killed four police officers near the border on Monday. "
        "The Northern Liberation Front claimed responsibility for the attack.",
    )
    assert names.get(event_at(record, "killed").source) == "Northern Liberation Front"


def test_events_place_is_the_capital_a_demonym_names(make_record):
    record = make_record(
        "NAIROBI (Reuters) - A bomb exploded outside a hotel in the Kenyan capital on Tuesday, killing six people."
    )
    places = {p.id: p for p in record.places}
    event = event_at(record, "killing")
    assert event.place is not None
    nairobi = places[event.place]
    assert nairobi.country == "KE" and abs(nairobi.lat + 1.29) < 0.3
    # one place, named by the dateline and by the description
    assert {m.text for m in nairobi.mentions} == {"NAIROBI", "Kenyan capital"}


def test_events_in_a_speakers_description_are_the_reporters(make_record):
    record, _ = events_of(
        make_record,
        '"We will keep marching," said Lena Brandt, a student who joined the rally near the palace.',
    )
    rally = event_at(record, "rally")
    assert rally.according_to == REPORTER and rally.status == "reported"


def test_events_place_of_a_passive_triggers_subject(make_record):
    record = make_record(
        "The agency suspended deliveries in Helmand province after its warehouses in Lashkar Gah were looted."
    )
    places = {p.id: p.name for p in record.places}
    assert places.get(event_at(record, "looted").place) == "Lashkar Gah"


def test_events_a_cued_acled_sub_type_needs_its_words_in_the_sentence():
    from newsledger.extract.events import _with_their_cues

    labels = ["SEX_VIOL", "ARMED_CLASH", "AIR_STRIKE", "ATTACK"]
    assert _with_their_cues(labels, "Infiltrators attacked police stations.") == ["ARMED_CLASH", "ATTACK"]
    assert _with_their_cues(labels, "A drone hit the convoy.") == ["ARMED_CLASH", "AIR_STRIKE", "ATTACK"]
    assert _with_their_cues(labels, "Soldiers raped two women.")[0] == "SEX_VIOL"


def test_events_a_repelled_attack_is_an_armed_clash(make_record):
    record, _ = events_of(
        make_record, "Government troops repelled a rebel attack on the town on Friday, killing ten fighters."
    )
    assert event_at(record, "repelled").acled_subtype == "Armed clash"


def test_events_deaths_caused_by_nature_are_no_assault(make_record):
    record, _ = events_of(
        make_record,
        "Floods have displaced 120,000 people and killed at least 45 in the north. "
        "Ten villagers were killed by a landslide on Sunday. Gunmen killed three farmers on Monday.",
    )
    killings = [e for e in record.events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in killings] == ["killed"]
    assert record.article.text[killings[0].sentence.start :].startswith("Gunmen")
    assert any(q.value == 45 for q in record.quantities)  # the toll is still on record


def test_events_deaths_in_an_accident_are_no_assault(make_record):
    record, _ = events_of(
        make_record,
        "Two people were killed in the collision on the highway on Sunday. A truck driver was killed in an "
        "accident on the bridge. Five passengers died in a train derailment. Gunmen killed a guard in the attack.",
    )
    killings = [e for e in record.events if e.type == "ASSAULT"]
    assert len(killings) == 1, [e.trigger.text for e in killings]
    assert record.article.text[killings[0].sentence.start :].startswith("Gunmen")


def test_events_a_blast_or_a_shot_called_accidental_is_no_assault(make_record):
    record, _ = events_of(
        make_record,
        "Seven militants were killed in two accidental explosions in the south on Friday night. A device they were "
        "planting detonated accidentally, killing three of them. A soldier inadvertently shot a colleague during "
        "an exercise. Gunmen detonated a bomb at a checkpoint on Saturday, killing three soldiers.",
    )
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert [e.trigger.text for e in assaults] == ["detonated"], [e.trigger.text for e in assaults]
    assert record.article.text[assaults[0].sentence.start :].startswith("Gunmen")


def test_events_the_harm_a_hazard_did_in_a_participle_or_through_it_is_no_assault(make_record):
    record, _ = events_of(
        make_record,
        "A 5.6 magnitude earthquake hit an island off the coast on Sunday, injuring five people and damaging "
        "buildings. A quake struck the province in September, killing seven people and injuring 40. "
        "In February, a cyclone hit the town. It killed 61 people and injured more than 140. "
        "In March, gunmen stormed a checkpoint near the town. It was the third raid this month, and they killed "
        "four soldiers.",
    )
    killings = [e for e in record.events if e.type == "ASSAULT"]
    assert killings and all(
        record.article.text[e.sentence.start :].startswith(("In March", "It was")) for e in killings
    ), [e.trigger.text for e in killings]


def test_events_harm_with_no_doer_beside_a_hazard_is_no_assault_but_beside_armed_men_it_is(make_record):
    record, _ = events_of(
        make_record,
        "The tremor struck an area near the coast on Sunday. Four people were hurt by the quake, which struck "
        "near the port. Several homes were damaged by the earthquake and two farmers slightly injured, the "
        "governor said. Two farmers were injured when rebels shelled the town during the storm. "
        "A man injured two people in the village during the storm, police said.\n\n"
        "Quake hits island off south coast, five hurt: media\nA 5.6 magnitude earthquake hit an island off the "
        "coast on Sunday, injuring five people, state media said.",
    )
    text = record.article.text
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert assaults and all(text[e.sentence.start :].startswith(("Two farmers", "A man")) for e in assaults), [
        e.trigger.text for e in assaults
    ]


def test_events_an_attack_on_a_vessel_or_a_post_is_physical_even_with_no_weapon_named(make_record):
    record, _ = events_of(
        make_record,
        "The navy foiled an attempt by raiders to attack merchant vessels in the strait on Thursday. "
        "Men on motorbikes attacked a border checkpoint on Friday. "
        "The senator attacked the plan in a speech on Monday.",
    )
    text = record.article.text
    type_of = {
        text[e.sentence.start :].split()[1]: e.type for e in record.events if e.trigger.text.startswith("attack")
    }
    assert type_of == {"navy": "ASSAULT", "on": "ASSAULT", "senator": "ACCUSE"}


def test_events_a_merged_event_takes_the_place_a_later_word_gives(make_record):
    record, _ = events_of(
        make_record,
        "A bomb exploded near a busy market on Sunday morning, witnesses said. "
        "Five people were killed in the blast in Mosul, the governor said.",
    )
    (bombing,) = [e for e in record.events if e.type == "ASSAULT"]
    assert {m.text for m in bombing.mentions} >= {"blast"}
    place = next(p for p in record.places if p.id == bombing.place)
    assert place.name == "Mosul"


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The ministry said so in a media release on Friday.", "release", "RETREAT"),
        ("The agency put out a news release about the new rules.", "release", "RETREAT"),
        ("Police said the teenager committed a burglary in the town last year.", "committed", "AGREE"),
        ("The gang accepted responsibility for the robbery.", "accepted", "AGREE"),
    ],
)
def test_events_a_publication_or_a_deed_is_no_release_or_pledge(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower().endswith(word) and e.type == plover]


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The rebels announced the release of 40 prisoners on Monday.", "release", "RETREAT"),
        ("The donors committed humanitarian aid to the region on Monday.", "committed", "AID"),
        ("The two leaders committed their countries to the climate accord.", "committed", "AGREE"),
    ],
)
def test_events_the_same_words_free_or_pledge(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert [e for e in record.events if e.trigger.text.lower().endswith(word) and e.type == plover]


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("A rocket hit the school in the town on Monday.", "hit", "ASSAULT"),
        ("The house was hit by a missile overnight.", "hit", "ASSAULT"),
        ("The army said it hit three gunmen near the border.", "hit", "ASSAULT"),
        (
            "A suicide bomber riding a motorcycle loaded with explosives crashed into an army patrol.",
            "crashed",
            "ASSAULT",
        ),
        ("A van packed with explosives rammed the gate of the base.", "rammed", "ASSAULT"),
        ("Thousands joined an opposition rally in the capital on Saturday.", "rally", "PROTEST"),
        ("Students held a rally against the war outside the parliament.", "rally", "PROTEST"),
        ("Maria Lopez held a rally outside the parliament on Tuesday to demand new elections.", "rally", "PROTEST"),
        ("Thousands of farmers rallied in the capital on Saturday.", "rallied", "PROTEST"),
        ("The opposition called for a nationwide strike on Monday.", "called", "REQUEST"),
    ],
)
def test_events_strikes_rammings_protest_rallies_and_calls_are_events(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Former police officer John Smith, 76, shot himself in the parking lot of a hospital last month.", "shot"),
        ("Veterans in 2014 were killing themselves at three times the rate of civilians.", "killing"),
        ("Employees forged signatures under pressure to meet sales targets or be fired.", "fired"),
        ("The coach was fired on Monday after a string of losses.", "fired"),
        ("Nearly 1,500 coal- and gas-fired power plants emit two billion tons of carbon dioxide.", "fired"),
        ("Under a gray sky that seemed to capture the ambiguity of the day, he spoke.", "capture"),
        ("The movement has been unable to capture the soul of the party.", "capture"),
        ("He denounced the government takeover of the economy.", "takeover"),
        ("Politifact seized on the senator's claim about the budget.", "seized"),
        ("The campaign is seizing upon a report about his taxes.", "seizing"),
        ("She has demonstrated her skill as a negotiator.", "demonstrated"),
        ("His tweet was all about demonstrating that the campaign was weak.", "demonstrating"),
        ("She occupies one of the key positions of power in the capital.", "occupies"),
        ("Donors are intent on deciding who will occupy the White House next year.", "occupy"),
        ("Only four countries apart from the United States meet the bar.", "meet"),
        ("New technologies may prove indispensable to meet the limits on emissions.", "meet"),
        ("I think we've got to back away from that.", "back"),
        ("His response to the question nobody asked was bellicose.", "asked"),
        ("The debate promised to be a crucial moment for the candidate.", "promised"),
        ("His news conference offered a striking contrast with the evening before.", "offered"),
        ("There are 14 more nominees ready to be confirmed.", "ready"),
        ("They had guns at the ready.", "ready"),
        ("Her standing is identical to the senator's 34 percent support in 2008.", "support"),
        ("The exceptions are Wyoming (approval 26 percent, Clinton support 27 percent) and Arkansas.", "support"),
        ("It is the only campaign donation the company ever made.", "donation"),
        ("He is proud of the way the challenger is funding his campaign.", "funding"),
        ("The pattern re-emerges in the donations to the PAC on June 27.", "donations"),
        ("The deal is ethically, politically, and practically flawed.", "deal"),
        ("Several senators oppose the nuclear deal with Tehran.", "deal"),
        ("Many leaders are pushing to make the Paris agreement binding years earlier.", "agreement"),
        ("An FBI spokesman did not immediately respond to a request for comment.", "request"),
        ("This would have capped immigration at 16,000, as opposed to the average 80,000.", "opposed"),
        ("One senior official said, speaking on the condition of anonymity to discuss internal plans.", "discuss"),
        ("The official, who was not authorized to discuss the matter, spoke by phone.", "discuss"),
        ("Mr. Smith asked, repeating a charge that the president was responsible.", "asked"),
        ("The campaign was late to recognize the importance of the state conventions.", "recognize"),
        ("This decision destroys credibility and faith in our justice system.", "destroys"),
        ("He called the searches an invasion of privacy.", "invasion"),
        ("His news conference stood in contrast with the Bush family rally on Monday evening.", "rally"),
        ("Western leaders recognize that their neighbours can be their allies.", "recognize"),
    ],
)
def test_events_self_harm_dismissals_figures_of_speech_and_offices_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    found = [e for e in record.events if any(m.text.lower().endswith(word) for m in (e.trigger, *e.mentions))]
    assert not found, [(e.type, e.trigger.text) for e in found]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The gunman killed three people and then himself.", "killed"),
        ("The suicide bomber blew himself up at the checkpoint, killing four soldiers.", "blew"),
        ("Shots were fired at the convoy near the border.", "fired"),
        ("Shots were fired overnight in the old town.", "fired"),
        ("Rebels fired rockets at the town on Monday.", "fired"),
        ("Rebels captured the town of Kafr Nabl on Sunday.", "captured"),
        ("Troops captured 20 fighters in the raid.", "captured"),
        ("Kurdish-led militias captured IS’ last remaining territory in March 2019.", "captured"),
        ("Government forces captured dozens of militiamen near the border.", "captured"),
        ("His eldest sister was later captured and disappeared in the prisons.", "captured"),
        ("It took a long war for the Eritreans to liberate themselves.", "liberate"),
        ("The takeover of Kabul by the Taliban shocked the world.", "takeover"),
    ],
)
def test_events_shots_captures_and_killings_beside_oneself_stay_assaults(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("Police seized weapons and cash in the raid.", "seized", "COERCE"),
        ("About a dozen people demonstrated outside the newspaper's offices.", "demonstrated", "PROTEST"),
        ("A dozen people demonstrated outside the offices after it backed her.\n\n___.\n\n", "demonstrated", "PROTEST"),
        ("Thousands demonstrated in the capital against the new law.", "demonstrated", "PROTEST"),
        ("Hundreds of residents demonstrated their anger outside the court on Friday.", "demonstrated", "PROTEST"),
        ("Protesters occupied the parliament building for three days.", "occupied", "COERCE"),
        ("Protesters occupied the governor's office on Tuesday.", "occupied", "COERCE"),
        ("The two leaders will meet in Geneva next week.", "meet", "CONSULT"),
        ("The senator backed the bill on Monday.", "backed", "SUPPORT"),
        ("The minister asked donors to send more aid.", "asked", "REQUEST"),
        ("The president promised to raise taxes on the rich.", "promised", "AGREE"),
        ("The rebels are ready to negotiate with the government.", "ready", "AGREE"),
        ("The union announced its support for the candidate on Friday.", "support", "SUPPORT"),
        ("The Red Cross donated food and blankets to flood victims in the province.", "donated", "AID"),
        ("The government will fund new shelters for displaced families.", "fund", "AID"),
        ("The prisoners who were released on Monday returned home.", "released", "RETREAT"),
        ("World powers and Iran reached a deal on Tuesday in Vienna.", "deal", "AGREE"),
        ("The campaign entered into an agreement with the firm last year.", "agreement", "AGREE"),
        ("Critics lambasted the nuclear deal negotiated by the president.", "deal", "AGREE"),
        ("Government and rebels agree on a peace deal.", "deal", "AGREE"),
        ("Deal reached to end the strike.", "deal", "AGREE"),
        ("A ceasefire agreement between the army and the rebels took effect on Monday.", "agreement", "AGREE"),
        ("Unions strongly opposed the measure.", "opposed", "REJECT"),
        ("Several countries formally recognized the new government on Monday.", "recognized", "SUPPORT"),
        ("Israeli jets struck the town overnight.", "struck", "ASSAULT"),
        ("A federal judge struck it down on Friday.", "struck", "REJECT"),
        ("Airstrikes destroyed three houses and a school in the village.", "destroyed", "ASSAULT"),
        ("Militants destroyed the bridge on Sunday.", "destroyed", "ASSAULT"),
        ("Russia's invasion of Ukraine began in February.", "invasion", "ASSAULT"),
        ("The jets carried out an invasion of Ukrainian air space on Monday.", "invasion", "ASSAULT"),
        ("The candidate tweeted on Sunday after a lone-wolf attack on a nightclub in the city.", "attack", "ASSAULT"),
        ("The senator launched a scathing attack on the governor in a speech.", "attack", "ACCUSE"),
        (
            "In a speech, the candidate attacked his rival for her support of military action abroad, saying she "
            "was reckless.",
            "attacked",
            "ACCUSE",
        ),
        ("A man attacked worshippers at the gate, killing three.", "attacked", "ASSAULT"),
        ("He attacked his neighbour with a knife over a parking dispute.", "attacked", "ASSAULT"),
        ("The two leaders will discuss trade in Geneva.", "discuss", "CONSULT"),
        ("The newspaper has repeatedly asked the campaign to release copies of the speeches.", "asked", "REQUEST"),
        ("Police asked for calm after the shooting.", "asked", "REQUEST"),
        ("The senator asked that the vote be delayed.", "asked", "REQUEST"),
        ("The minister asked Congress for $5 billion in aid.", "asked", "REQUEST"),
        ('"Please leave the building now," she asked the crowd.', "asked", "REQUEST"),
    ],
)
def test_events_seizures_demonstrations_meetings_promises_and_support_stay_events(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The storm hit the coast on Friday.", "hit"),
        ("Prices hit a record high last week.", "hit"),
        ("A truck crashed into a tree on the highway.", "crashed"),
        ("The senator told a campaign rally in Ohio that she would win.", "rally"),
        ("Maria Lopez held a rally in Ohio on Tuesday night.", "rally"),
        ("The candidate rallied supporters in Iowa on Saturday.", "rallied"),
        ("The mayor easily beat back a challenge from a city councilman in the primary.", "beat"),
        ("Speaking at a rally in Ohio, the governor said taxes would fall.", "rally"),
        ("Her manager called her in for a talk last week.", "called"),
        ("The government issued a ban on public gatherings and protests until Tuesday.", "protests"),
        ("The council banned rallies and protests in the old town.", "protests"),
    ],
)
def test_events_weather_records_accidents_campaign_rallies_summons_and_bans_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    found = [e for e in record.events if any(m.text.lower().endswith(word) for m in (e.trigger, *e.mentions))]
    assert not found, [(e.type, e.trigger.text) for e in found]


def test_events_a_toll_the_story_stays_on_keeps_its_violence(make_record):
    record, _ = events_of(
        make_record,
        "A bomb exploded in the main square of the town on Friday. The mayor visited the square on Saturday. "
        "Several people suffered injuries, he said. None of the injuries were life-threatening.",
    )
    (bombing,) = [e for e in record.events if e.type == "ASSAULT"]
    assert [m.text for m in bombing.mentions].count("injuries") == 2, bombing.mentions


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("He faces murder charges in Texas.", "charges", "ACCUSE"),
        ("Prosecutors filed charges against the mayor on Monday.", "charges", "ACCUSE"),
        ("Russia launched a war in Chechnya in 1994.", "war", "ASSAULT"),
        ("A medical report confirmed the rape of the girl.", "rape", "ASSAULT"),
        ("Rebels battled government troops near the town on Monday.", "battled", "ASSAULT"),
        ("Witnesses described the torture of the prisoners in the camp.", "torture", "ASSAULT"),
    ],
)
def test_events_charges_wars_rapes_and_battles_are_events(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


def test_events_a_plea_does_not_negate_the_charges(make_record):
    record, _ = events_of(make_record, "The driver pleaded not guilty to charges of fraud on Monday.")
    charges = event_at(record, "charges")
    assert (charges.type, charges.status) == ("ACCUSE", "reported")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("She is in charge of the unit.", "charge"),
        ("The bank imposed a charge of 5 dollars on each transfer.", "charge"),
        ("The war in Syria has displaced millions of people.", "war"),
        ("The senator is battling cancer.", "battling"),
        ("He said he had battled through three bouts of pneumonia in his campaigns.", "battled"),
        ("The club captured its fifth straight league crown on Sunday.", "captured"),
    ],
)
def test_events_charges_of_money_states_of_war_and_illness_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    found = [e for e in record.events if any(m.text.lower().endswith(word) for m in (e.trigger, *e.mentions))]
    assert not found, [(e.type, e.trigger.text) for e in found]


def test_events_a_bond_set_on_a_charge_is_no_plan(make_record):
    record, _ = events_of(
        make_record, "The man was arraigned on Tuesday, with bond set at $50,000 on the sexual assault charge."
    )
    assert event_at(record, "charge").status == "reported"


def test_events_fatalities_are_the_toll_of_the_violence(make_record):
    record, _ = events_of(
        make_record, "Gunmen attacked a police convoy near the border on Monday. Officials reported two fatalities."
    )
    assert "fatalities" in [m.text for m in event_at(record, "attacked").mentions]


def test_events_place_of_a_reported_event_is_not_in_another_speakers_words(make_record):
    record = make_record(
        "The agency said it had sent 200 tonnes of food to the region, but the charity warned that cholera "
        "cases were rising in Maiduguri."
    )
    assert event_at(record, "sent").place is None


def test_events_relative_clause_subject_and_nominal_participles(make_record):
    record, names = events_of(
        make_record,
        "The Northern Liberation Front, which is fighting the government, said some of the wounded were children.",
    )
    assert names.get(event_at(record, "fighting").source) == "Northern Liberation Front"
    assert not any(e.trigger.text == "wounded" for e in record.events)  # "the wounded" are people


def test_events_an_infinitive_of_aim_is_part_of_the_event_it_serves(make_record):
    record, _ = events_of(make_record, "The rebels have been fighting for years to topple the government.")
    assert [e.trigger.text for e in record.events if e.type == "ASSAULT"] == ["fighting"]


def test_events_the_strike_after_an_airstrike_is_the_airstrike(make_record):
    record, _ = events_of(
        make_record,
        "An airstrike hit a house in the south on Sunday. A spokesman said the strike was a massacre and that "
        "the army would pay a price.",
    )
    assert event_at(record, "strike").type == "ASSAULT"


def test_events_a_semicolon_ends_the_clause_chain(make_record):
    record, _ = events_of(make_record, "Airstrike kills 9 in the south; the group vows revenge")
    assert event_at(record, "kills").status == "reported"


def test_events_who_took_ground_decides_the_territory_sub_type(make_record):
    record, _ = events_of(
        make_record,
        "The army said on Wednesday it had recaptured the town after three days of clashes that killed dozens. "
        "Rebels overran two villages near the border on Friday, killing four soldiers.",
    )
    assert event_at(record, "recaptured").acled_subtype == "Government regains territory"
    assert event_at(record, "overran").acled_subtype == "Non-state actor overtakes territory"


# --- issue 18: event precision and arguments through the document ------------------------------------------


def test_events_deaths_from_disease_are_no_assault(make_record):
    record, _ = events_of(make_record, "More than 10,000 people have died of cholera since the outbreak began in May.")
    assert not [e for e in record.events if e.type == "ASSAULT"]
    flood, _ = events_of(make_record, "Floods killed 45 people and displaced thousands in the north last week.")
    assert not [e for e in flood.events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "The president vowed to fight corruption in the civil service.",
        "Ministers said the fight against the virus would take months.",
        "The government's war on drugs has filled the prisons.",
    ],
)
def test_events_figurative_fights_are_not_violence(make_record, text):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.type == "ASSAULT"], [e.trigger.text for e in record.events]


def test_events_political_attack_is_criticism_not_violence(make_record):
    record, _ = events_of(make_record, "The senator attacked his rival's record in a speech to supporters.")
    attack = event_at(record, "attacked")
    assert attack.type == "ACCUSE" and attack.acled_type is None


def test_events_toll_of_one_bombing_is_one_event_with_its_mentions(make_record):
    record, _ = events_of(
        make_record,
        "A bomb exploded at a market in the town on Monday, killing 12 people. Three more people died later in "
        "hospital, officials said.",
    )
    violent = [e for e in record.events if e.type == "ASSAULT"]
    assert len(violent) == 1
    assert {m.text for m in violent[0].mentions} >= {"killing", "died"}
    assert violent[0].fatalities is not None and violent[0].fatalities.count == 12


def test_events_generic_actors_are_actors_of_a_kind_with_their_country(make_record):
    record, _ = events_of(make_record, "LAGOS (Reuters) - Police arrested dozens of protesters in the city on Monday.")
    entities = {e.id: e for e in record.entities}
    arrest = event_at(record, "arrested")
    assert arrest.source is not None and arrest.target is not None
    police, protesters = entities[arrest.source], entities[arrest.target]
    assert police.kind == "state forces" and police.country == "NG"
    assert protesters.kind == "protesters" and protesters.country == "NG"


def test_events_country_of_a_generic_actor_comes_from_its_own_words(make_record):
    record, _ = events_of(make_record, "Kenyan soldiers attacked a militant camp near the border on Monday.")
    attack = event_at(record, "attacked")
    soldiers = next(e for e in record.entities if e.id == attack.source)
    assert soldiers.kind == "state forces" and soldiers.country == "KE"


def test_events_pronoun_source_is_the_person_named_before(make_record):
    record, names = events_of(
        make_record,
        "Ali Hassan, a rebel commander, was seen in the town on Monday. On Tuesday he attacked an army post.",
    )
    assert names.get(event_at(record, "attacked").source) == "Ali Hassan"


def test_events_the_group_is_the_organisation_named_before(make_record):
    record, names = events_of(
        make_record,
        "The Northern Liberation Front has been active in the hills for years. Last week the group attacked a "
        "police station in the valley.",
    )
    assert names.get(event_at(record, "attacked").source) == "Northern Liberation Front"


def test_events_victims_are_targets_never_sources(make_record):
    record, _ = events_of(make_record, "Scores of villagers died in the attacks on Sunday, residents said.")
    entities = {e.id: e for e in record.entities}
    attack = event_at(record, "attacks")
    assert attack.source is None or entities[attack.source].kind != "civilians"
    raid, _ = events_of(make_record, "Four Iranians killed in the raid were buried on Friday.")
    killed = event_at(raid, "killed")
    raid_entities = {e.id: e for e in raid.entities}
    assert killed.source is None
    assert killed.target is not None and raid_entities[killed.target].name in ("Iranians", "Iranian")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The two ministers met at the Hotel Continental in Geneva on Monday.", "met"),
        ("The governor's rally at the Greensboro Coliseum drew thousands.", "rally"),
        ("Students protested at their Brooklyn school on Monday.", "protested"),
    ],
)
def test_events_a_meeting_or_protest_at_a_place_happens_there_not_against_it(make_record, text, word):
    record, names = events_of(make_record, text)
    event = event_at(record, word)
    assert event.target is None, names.get(event.target)
    assert not [a.mention.text for a in event.arguments if a.role == "target"]


@pytest.mark.parametrize(
    ("text", "word", "harmed"),
    [
        ("The mayor suffered injuries in the blast.", "blast", "mayor"),
        ("President Amir Haddad survived an attack on his convoy on Saturday.", "attack", "Haddad"),
    ],
)
def test_events_who_suffers_or_survives_an_attack_is_its_target_never_its_source(make_record, text, word, harmed):
    record, names = events_of(make_record, text)
    event = event_at(record, word)
    assert event.source is None
    assert harmed in (names.get(event.target) or "")
    sources = [a.mention.text for a in event.arguments if a.role == "source"]
    assert not any(harmed.split()[-1] in source for source in sources)


@pytest.mark.parametrize(
    ("text", "word", "receiver", "giver"),
    [
        ("Senator Maria Lopez is drawing criticism after she appeared to mock veterans.", "criticism", "Lopez", None),
        ("Governor Tom Reyes received an ultimatum from Hamas on Sunday.", "ultimatum", "Reyes", "Hamas"),
        ("Minister Ana Costa came under criticism from the United Nations.", "criticism", "Costa", "United Nations"),
    ],
)
def test_events_who_draws_receives_or_comes_under_an_act_is_its_target(make_record, text, word, receiver, giver):
    record, names = events_of(make_record, text)
    event = event_at(record, word)
    assert receiver in (names.get(event.target) or "")
    assert names.get(event.source) == giver
    sources = [a.mention.text for a in event.arguments if a.role == "source"]
    assert not any(receiver in source for source in sources)


@pytest.mark.parametrize(
    ("text", "word", "giver", "receiver"),
    [
        ("Hamas gave Israel an ultimatum on Sunday.", "ultimatum", "Hamas", "Israel"),
        ("The rebels were given an ultimatum by the army on Sunday.", "ultimatum", "army", "rebels"),
        (
            "Warnings of the bomb were given to the Samaritans by Hamas an hour before.",
            "warnings",
            "Hamas",
            "Samaritans",
        ),
    ],
)
def test_events_whom_a_threat_is_passed_on_to_is_its_target(make_record, text, word, giver, receiver):
    record, names = events_of(make_record, text)
    event = event_at(record, word)
    assert receiver in (names.get(event.target) or "")
    assert giver in (names.get(event.source) or "")


def test_events_who_is_held_on_charges_is_accused_never_the_accuser(make_record):
    record, names = events_of(make_record, "Mayor John Smith is being held on charges of fraud.")
    charges = event_at(record, "charges")
    assert names.get(charges.target) == "John Smith" and charges.source is None
    # a place the parser made the subject ("held in a prison west of Boston awaiting trial on charges") is neither
    record, names = events_of(
        make_record,
        "Omar Haddad, 20, is being held in a federal prison west of Boston awaiting trial on charges that carry "
        "the threat of execution if he is convicted.",
    )
    charges = event_at(record, "charges")
    assert "Boston" not in (names.get(charges.source) or "") + (names.get(charges.target) or "")
    assert not [a for a in charges.arguments if a.role == "source"]
    # expanding on accusations is making them
    record, names = events_of(
        make_record, "Katrina Pierson, a spokeswoman for the campaign, expanded on the accusations."
    )
    assert names.get(event_at(record, "accusations").source) == "Katrina Pierson"


def test_events_page_furniture_run_into_a_sentence_is_no_part_of_an_actor(make_record):
    record, _ = events_of(
        make_record,
        "Protesters clash with security forces View Photos Thousands have been arrested. Caption People took to "
        "the streets to boycott the election.",
    )
    words = [a.mention.text for e in record.events for a in e.arguments]
    assert words and not any("Caption" in w or "Photos" in w for w in words), words
    assert not any("Caption" in m.text for e in record.entities for m in e.mentions)


def test_events_background_event_takes_its_own_year_never_the_publication_date(make_record):
    record, _ = events_of(
        make_record,
        "The city has been on alert since the 2015 attacks, officials said on Monday.",
    )
    attacks = event_at(record, "attacks")
    assert attacks.when is not None and attacks.when.value is not None
    assert attacks.when.value.startswith("2015")


def test_events_background_event_without_a_date_has_an_unknown_date(make_record):
    record, _ = events_of(make_record, "The rebels had previously attacked the town, residents recalled.")
    attack = event_at(record, "attacked")
    assert attack.when is not None
    assert attack.when.value is None and attack.when.precision is None
    current, _ = events_of(make_record, "Rebels attacked the town, residents said.")
    assert event_at(current, "attacked").when.value == "2021-09-06"  # the story's own event: defaulted


def test_events_grievances_are_not_new_reports_of_violence(make_record):
    record, _ = events_of(
        make_record, "Protest leaders accused the security forces of killing and torturing demonstrators."
    )
    assert not [e for e in record.events if e.type == "ASSAULT"], [e.trigger.text for e in record.events]
    assert event_at(record, "accused").type == "ACCUSE"


def test_events_named_organisation_of_a_generic_noun_is_the_actor(make_record):
    record, names = events_of(make_record, "Hamas fighters attacked an army post near the border on Monday.")
    assert names.get(event_at(record, "attacked").source) == "Hamas"
    community, _ = events_of(make_record, "Sunni tribesmen ambushed a convoy on the highway on Monday.")
    ambush = event_at(community, "ambushed")
    entities = {e.id: e for e in community.entities}
    assert ambush.source is not None and entities[ambush.source].name == "tribesmen"


@pytest.mark.parametrize(
    "text",
    [
        "The senator's media attack on the network continued on Monday.",
        "He repeated his attacks on the talk show host in a radio interview.",
        "The governor has been under constant attack since the vote on the pension plan.",
        "The campaign released new attack ads on Tuesday.",
        "Activists vowed to fight for higher wages at the state capitol.",
        "The two parties are locked in a bitter battle over the budget.",
        "The company is fighting a long legal battle with its former partner.",
    ],
)
def test_events_struggles_of_words_law_or_money_are_not_violence(make_record, text):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.type == "ASSAULT"], [(e.type, e.trigger.text) for e in record.events]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Senate Republicans killed the bill on Thursday.", "killed"),
        ("The committee shot down the proposal after a short debate.", "shot"),
        ("The supreme court struck down the law in June.", "struck"),
    ],
)
def test_events_killing_a_measure_rejects_it(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == "REJECT"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Gunmen attacked the newspaper's office, wounding two guards.", "attacked"),
        ("The town came under attack on Sunday night.", "attack"),
        ("Rebels have been fighting for control of the city for three weeks.", "fighting"),
        ("Air defences shot down two drones over the capital.", "shot"),
    ],
)
def test_events_the_same_words_against_people_places_and_weapons_are_violence(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == "ASSAULT"


def test_events_a_released_document_is_no_release_of_people(make_record):
    record, _ = events_of(make_record, "The candidate released his tax returns and a campaign video on Friday.")
    assert not [e for e in record.events if e.type == "RETREAT"]
    freed, _ = events_of(make_record, "The rebels released 12 hostages on Friday.")
    assert event_at(freed, "released").type == "RETREAT"


def test_events_an_editors_note_reports_no_event(make_record):
    note = (
        "Editor's note: The candidate has repeatedly pledged to ban all immigrants and has attacked judges who "
        "ruled against him."
    )
    record, _ = events_of(make_record, f"The mayor opened a new bridge over the river on Monday.\n\n{note}")
    note_start = record.article.text.index("Editor")
    assert not [e for e in record.events if e.sentence.start >= note_start]
    plain, _ = events_of(make_record, note.removeprefix("Editor's note: "))
    assert plain.events  # the same words outside a note are reports


def test_events_later_mentions_of_one_bombing_are_one_event_with_one_set_of_figures(make_record):
    record, _ = events_of(
        make_record,
        "Gunmen attacked a police checkpoint in the north of the province on Monday, killing three officers. "
        "Two more were wounded. The attack was the third on the checkpoint, police said. "
        "The bombing of a bus in March was claimed by another group.",
    )
    violent = [e for e in record.events if e.type == "ASSAULT"]
    attack = event_at(record, "attacked")
    assert {m.text for m in attack.mentions} >= {"killing", "wounded", "attack"}
    assert len(violent) == 2  # the bombing has a time of its own: another happening
    figures = [q for q in record.quantities if q.event == attack.id]
    assert {q.category for q in figures} >= {"killed", "injured"}


def test_events_a_later_mention_with_another_weapon_or_place_is_another_event(make_record):
    record, _ = events_of(
        make_record,
        "Gunmen opened fire on worshippers in Kano on Friday. The bombing in Maiduguri wounded six people.",
    )
    assert len([e for e in record.events if e.type == "ASSAULT"]) == 2


def test_events_a_headline_reporting_the_opening_happening_is_its_mention_and_no_quote(make_record):
    record, _ = events_of(
        make_record,
        "Officials: Car Bomb Kills 20 in Market\n"
        "A car bomb exploded in a crowded market on Sunday, killing 20 people, officials said.",
    )
    violent = [e for e in record.events if e.type == "ASSAULT"]
    assert len(violent) == 1 and "Kills" in {m.text for m in violent[0].mentions}
    headline_end = record.article.text.index("\n")
    assert not [q for q in record.quotes if q.start < headline_end]


@pytest.mark.parametrize(
    ("text", "word", "not_source"),
    [
        ("The commander ordered the soldiers to shell the village.", "shell", "commander"),
        ("The device detonated early, killing three men, police said.", "killing", "police"),
        ("Six soldiers were killed and two officers injured in the ambush.", "injured", "soldiers"),
    ],
)
def test_events_a_doer_is_not_inherited_from_an_orderer_a_speaker_or_a_passive_patient(
    make_record, text, word, not_source
):
    record, names = events_of(make_record, text)
    event = event_at(record, word)
    assert event.source is None or not names.get(event.source, event.source).lower().endswith(not_source)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A suicide bomber blew himself up at the gate of the base.", "blew"),
        ("Two bombs went off near the bus station in the morning.", "went"),
        ("The army said the shooting incidents had stopped by midnight.", "shooting"),
    ],
)
def test_events_phrasal_explosions_and_event_nouns_before_a_generic_head_are_violence(make_record, text, word):
    record, _ = events_of(make_record, text)
    event = event_at(record, word)
    assert event.type == "ASSAULT" and event.status == "reported"


def test_events_a_date_after_on_is_no_call_and_a_name_for_an_event_is_no_new_one(make_record):
    record, _ = events_of(make_record, "On Friday, the president called the explosion an attack.")
    assert not [e for e in record.events if e.type == "REQUEST"]
    assert [e.trigger.text for e in record.events if e.type == "ASSAULT"] == ["explosion"]
    request, _ = events_of(make_record, "The president called on both sides to stop the fighting.")
    assert event_at(request, "called").type == "REQUEST"


@pytest.mark.parametrize(
    "later",
    [
        "The first attack was treated as a crime.",
        "The 2010 bombing had been planned abroad.",
        "Officials said the attack would be avenged if more soldiers were hurt.",
    ],
)
def test_events_a_selected_named_or_supposed_later_attack_is_not_taken_up(make_record, later):
    record, _ = events_of(make_record, f"Gunmen attacked an army post in the north on Monday. {later}")
    attacked = event_at(record, "attacked")
    assert not [m for m in attacked.mentions if m.text in ("attack", "bombing")]


def test_events_a_happening_that_dates_or_is_reacted_to_is_its_own_event(make_record):
    dated, _ = events_of(
        make_record, "Students demanded the rector's resignation after the killing of two classmates on campus."
    )
    assert event_at(dated, "demanded").type == "DEMAND"
    assert event_at(dated, "killing").type == "ASSAULT"
    condemned, _ = events_of(make_record, "The governor condemned the bombing of the market in the strongest terms.")
    assert event_at(condemned, "bombing").type == "ASSAULT"
    claimed, _ = events_of(make_record, "The militia accepted responsibility for the ambushes on the highway.")
    assert event_at(claimed, "ambushes").type == "ASSAULT"
    assert not [e for e in claimed.events if e.type == "AGREE"]
    # what is asked for has not happened, and an alleged act stays a grievance
    asked, _ = events_of(make_record, "The families demanded the release of the detained fishermen.")
    assert not [e for e in asked.events if e.type == "RETREAT"]
    alleged, _ = events_of(make_record, "The union accused the guards of beating and killing striking miners.")
    assert not [e for e in alleged.events if e.type == "ASSAULT"]


def test_events_an_act_known_to_have_happened_is_no_grievance_and_no_pledge(make_record):
    accused, _ = events_of(
        make_record, "The court heard from a friend of the brothers accused of carrying out the Oslo station bombing."
    )
    bombing = event_at(accused, "bombing")
    assert bombing.type == "ASSAULT" and bombing.status == "reported"
    committed, _ = events_of(make_record, "Police say the teenager committed the stabbing near the school.")
    assert not [e for e in committed.events if e.type == "AGREE"], [e.trigger.text for e in committed.events]
    stabbing = event_at(committed, "stabbing")
    assert stabbing.type == "ASSAULT" and stabbing.status == "reported"
    denied_plea, _ = events_of(
        make_record, "A driver pleaded not guilty to charges linked to the two men accused of the bank robbery."
    )
    assert not [e for e in denied_plea.events if e.type == "REQUEST"]
    assert all(e.status != "negated" for e in denied_plea.events if e.trigger.text == "accused")


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("Investigators said 20 people took part in the failed assassination attempt.", "assassination", "ASSAULT"),
        ("The army ordered the evacuation of three villages near the front.", "ordered", "DEMAND"),
        ("The minister instructed the regional governors to close the schools.", "instructed", "DEMAND"),
        ("Opposition leaders begged voters to stay home on Sunday.", "begged", "REQUEST"),
        ("Thousands of farmers took to the streets of the capital on Monday.", "took", "PROTEST"),
        ("Gunmen seized dozens of hostages at a hotel in the city.", "seized", "ASSAULT"),
        ("Customs officers seized two tonnes of cocaine at the port.", "seized", "COERCE"),
        ("Detectives are hunting a gunman who opened fire at a bus stop.", "hunting", "ACCUSE"),
        ("Demonstrators clashed with riot police outside parliament.", "clashed", "PROTEST"),
        ("Bus drivers began a 24-hour strike over unpaid wages.", "strike", "PROTEST"),
        ("The bishops deplored the massacre of villagers in the valley.", "massacre", "ASSAULT"),
    ],
)
def test_events_missed_triggers_and_their_types(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("If the workers strike, the company says it will fire them all.", "fire"),
        ("She said she was fired after she refused to sign the letter.", "fired"),
        ("The lawyer asked the witness whether he had seen the car.", "asked"),
        ("The colonists sought to extend their control over the coast.", "sought"),
        ("The party sought a recount of the ballots in two districts.", "sought"),
        ("The city will host the final of the tournament in July.", "host"),
        ("Rescuers searched for survivors in the rubble.", "searched"),
        ("The smugglers face charges that carry the threat of life imprisonment.", "threat"),
        ("The alliance vowed to counter the threat of terrorism in the region.", "threat"),
    ],
)
def test_events_other_senses_of_trigger_words_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower().endswith(word)], [
        (e.type, e.trigger.text) for e in record.events
    ]


def test_events_a_released_photo_and_a_denied_toll_are_no_events(make_record):
    record, _ = events_of(
        make_record,
        "A bomb exploded outside a bank in the city centre on Friday. There were no casualties, the police said. "
        "The suspect is seen in a still image released by the police.",
    )
    assert not [e for e in record.events if e.type == "RETREAT"]
    explosion = event_at(record, "exploded")
    assert "casualties" not in [m.text for m in explosion.mentions]
    fired_on, _ = events_of(make_record, "Soldiers were fired on from a rooftop as they entered the town.")
    assert event_at(fired_on, "fired").type == "ASSAULT"


def test_events_lines_linking_to_other_reports_give_no_events(make_record):
    text = (
        "A car bomb exploded near the port on Monday, killing four people.\n\n"
        "[Gunmen kill nine in attack on village market]\n\n"
        "Read more: Rebels ambush army convoy in the north\n\n"
        "Police said the investigation was continuing.\n\n"
        "== See also ==\n"
        "* 2012 port bombing\n"
        "* 2015 airport shooting\n"
    )
    record, _ = events_of(make_record, text)
    triggers = [e.trigger.text for e in record.events]
    assert "exploded" in triggers
    assert not [t for t in triggers if t.lower() in ("kill", "attack", "ambush", "bombing", "shooting")], triggers
    plain, _ = events_of(make_record, "Gunmen kill nine in attack on village market.")
    assert plain.events  # the same words as a line of the report are a report


def test_events_a_capitalised_plural_and_a_call_on_with_a_particle_are_triggers(make_record):
    record, _ = events_of(make_record, 'He said: "Nothing is ruled out."\nShootings in Kano had continued overnight.')
    assert event_at(record, "shootings").type == "ASSAULT"
    called, _ = events_of(
        make_record,
        "In March 2003, a clerical council declared an emirate in parts of the two provinces, and called on "
        "Christians to take up arms against Spain in a holy war.",
    )
    assert event_at(called, "called").type == "REQUEST"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The union urged its members to protest outside the ministry.", "protest"),
        ("The general ordered his troops to withdraw from the valley.", "withdraw"),
        ("The cleric called on his followers to attack the army base with rifles.", "attack"),
    ],
)
def test_events_an_act_someone_is_urged_or_ordered_to_do_is_not_reported_as_done(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).status == "hypothetical"
    done, _ = events_of(make_record, "The union members protested outside the ministry.")
    assert event_at(done, "protested").status == "reported"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The two senators share the belief that taxes are too high.", "share"),
        ("Cheap loans help the rest of the economy, the banker said.", "help"),
        ("Her speech helped him win over the hall.", "helped"),
        ("The pipes froze during the cold night.", "froze"),
        ("The mayor would lift the cap on rents in the city.", "lift"),
        ("The campaign mobilized young voters in the suburbs.", "mobilized"),
        ("The poll reinforced doubts about the governor.", "reinforced"),
        ("He planned a fishing trip with his brother.", "trip"),
        ("The senator said so in her news release on Friday.", "release"),
        ("The candidate ended the talk of a comeback with a short statement.", "talk"),
        ("He has faced far fewer attacks from Republicans than his rival.", "attacks"),
        ("The court halted the plant's expansion, citing a threat to public health.", "threat"),
        ("The candidate suspended his campaign in February.", "suspended"),
    ],
)
def test_events_political_and_everyday_senses_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    found = [e for e in record.events if e.trigger.text.lower().endswith(word) and e.type != "ACCUSE"]
    assert not found, [(e.type, e.trigger.text) for e in record.events]


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The two agencies shared intelligence on the plot.", "shared", "COOPERATE"),
        ("The charity helped the refugees in the camp.", "helped", "AID"),
        ("The central bank froze the assets of the former minister.", "froze", "SANCTION"),
        ("Curfew lifted in the capital after a week of unrest.", "lifted", "RETREAT"),
        ("The army deployed troops to the northern border.", "deployed", "MOBILIZE"),
        ("Striking farmers blocked the main highway with tractors.", "blocked", "PROTEST"),
        ("Senators from both parties blocked the climate bill.", "blocked", "REJECT"),
        ("The minister's trip to Kabul was cut short.", "trip", "CONSULT"),
        ("The prisoner release went ahead on Monday.", "release", "RETREAT"),
        ("The European Union suspended aid to the government.", "suspended", "SANCTION"),
    ],
)
def test_events_the_same_words_with_objects_of_their_kind_are_events(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The number of voters has since exploded to four million.", "exploded"),
        ("Their prison population stood at 9,000 in 1990 and has since exploded.", "exploded"),
        ("Deaths from the disease are exploding across the region.", "exploding"),
        ("Cases exploded in the capital last month.", "exploded"),
        ("The coach drew up a plan and executed it perfectly.", "executed"),
        ("She can't beat this guy without help from the party.", "beat"),
        ("The two firms are fighting to keep their market share.", "fighting"),
        ("The senator is gearing up for a floor fight over the bill in the capital.", "fight"),
        ("The governor faces a bruising reelection fight against a wealthy rival.", "fight"),
        ("The party's primaries turned into a pillow fight.", "fight"),
        ("If the plan passes, things will really explode, she said.", "explode"),
        ("Only long shot Mary Okafor has backed the plan among the candidates.", "shot"),
        ("His campaign manager struck a similar tune on Monday.", "struck"),
        # the word said twice is no sign of violence beside itself
        ("If you want to beat Ann Moore, you have to back the only candidate who can beat Ann Moore.", "beat"),
        ("Volunteers pledged to fight against bigotry in the town.", "fight"),
    ],
)
def test_events_growth_contests_and_strivings_are_no_violence(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower().endswith(word)], [
        (e.type, e.trigger.text) for e in record.events
    ]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("A car bomb exploded outside the ministry.", "exploded"),
        ("The militia executed 12 prisoners in the square.", "executed"),
        ("Police beat the protesters with batons.", "beat"),
        ("Rebels are fighting to take the airport.", "fighting"),
    ],
)
def test_events_the_same_verbs_of_violence_stay_violence(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "The group said warnings were telephoned to the police an hour before the explosion.",
        "Warnings were given to two newspapers before each bomb went off.",
    ],
)
def test_events_a_warning_passed_on_before_a_bomb_is_a_threat(make_record, text):
    record, _ = events_of(make_record, text)
    assert event_at(record, "warnings").type == "THREATEN"


@pytest.mark.parametrize(
    "text",
    [
        "The embassy issued a travel warning for the country after the bombing.",
        "Forecasters issued warnings as the storm approached the coast.",
    ],
)
def test_events_travel_and_weather_warnings_are_no_threat(make_record, text):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower().startswith("warning")]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The retailer beat expectations for the third quarter.", "beat"),
        ("Savers rushed to withdraw cash from the banks on Monday.", "withdraw"),
        ("The agency said in a release on Tuesday that the office would reopen.", "release"),
        ("The factory halted production after the flood.", "halted"),
        ("The senator struck a conciliatory tone in his speech.", "struck"),
    ],
)
def test_events_marks_money_statements_own_work_and_tones_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower() == word], [
        (e.type, e.trigger.text) for e in record.events
    ]


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The army withdrew its troops from the border town.", "withdrew", "RETREAT"),
        ("His family has campaigned for his release since 2015.", "release", "RETREAT"),
        ("The government suspended aid to the country after the coup.", "suspended", "SANCTION"),
        ("Two sides struck a deal on Friday in the capital.", "struck", "AGREE"),
    ],
)
def test_events_the_same_verbs_on_forces_people_aid_and_deals_stay_events(make_record, text, word, plover):
    record, _ = events_of(make_record, text)
    assert event_at(record, word).type == plover


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("She praised those who support the hospital.", "support"),
        ("He said he was ready for the demands of the job.", "demands"),
    ],
)
def test_events_a_kind_of_supporter_and_a_duty_asking_are_no_events(make_record, text, word):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.trigger.text.lower() == word], [
        (e.type, e.trigger.text) for e in record.events
    ]


def test_events_demands_of_people_stay_demands(make_record):
    record, _ = events_of(make_record, "The demands of the striking miners were read out in the square.")
    assert event_at(record, "demands").type == "DEMAND"


@pytest.mark.parametrize(
    ("text", "word", "coerced"),
    [
        ("The company is pressuring its workers to vote for the mayor.", "pressuring", True),
        ("Villagers said they were coerced into signing the papers.", "coerced", True),
        ("Cheaper imports have pressured the margins of local farms.", "pressured", False),
    ],
)
def test_events_pressing_someone_into_an_act_is_coercion(make_record, text, word, coerced):
    record, _ = events_of(make_record, text)
    typed = [e.type for e in record.events if e.trigger.text.lower() == word]
    assert typed == (["THREATEN"] if coerced else []), [(e.type, e.trigger.text) for e in record.events]


def test_events_a_firing_is_read_from_what_was_fired(nlp):
    from newsledger.extract.events import _in_its_sense

    def sense(text: str) -> bool:
        doc = nlp(text)
        fired = next(t for t in doc if t.lower_ == "fired")
        return _in_its_sense(fired, "fire", "ASSAULT")

    assert sense("Witnesses counted the shots that were fired during the night.")  # "that" stands for the shots
    assert sense("Live ammunition was fired at the crowd.")
    assert not sense("The coach was fired on Monday after a string of losses.")
    assert not sense("Employees who miss their targets risk being fired.")


@pytest.mark.parametrize(
    "text",
    [
        "There have been thousands of shootings in the city since January, the mayor said.",
        "Police recorded 2,521 shootings in the city last year.",
        "The senator received more than 9,000 donations from teachers last month.",
        "The mayor spoke on Monday. Report: Thousands of Shootings in the City This Year.",
    ],
)
def test_events_happenings_counted_by_the_thousand_are_a_statistic(make_record, text):
    record, _ = events_of(make_record, text)
    counted = [e for e in record.events if e.trigger.text.lower().endswith(("shootings", "donations"))]
    assert not counted, [(e.type, e.trigger.text) for e in counted]


def test_events_a_year_or_a_few_count_no_statistic(make_record):
    dated, _ = events_of(make_record, "Gunmen carried out the 2008 attacks on hotels in Mumbai.")
    assert event_at(dated, "attacks").type == "ASSAULT"
    priced, _ = events_of(make_record, "The charity received nine $2,500 donations for flood victims on Monday.")
    assert [e.type for e in priced.events if e.trigger.text == "donations"] == ["AID"]
    few, _ = events_of(make_record, "Three shootings in the city on Saturday left two people dead.")
    assert event_at(few, "shootings").type == "ASSAULT"


def test_events_the_giver_of_aid_is_its_source(make_record):
    record, names = events_of(
        make_record, "Others say the rebels, likely with the aid of Rwanda and Uganda, will hold the town."
    )
    aid = event_at(record, "aid")
    assert names.get(aid.source or "") == "Rwanda"
    assert aid.target is None or names.get(aid.target) not in ("Rwanda", "Uganda")


def test_events_the_dead_of_protests_are_not_what_the_protest_was_against(make_record):
    record, _ = events_of(make_record, "Nearly 60 people have died in two months of anti-government street protests.")
    protests = event_at(record, "protests")
    assert protests.type == "PROTEST"
    assert protests.target is None


def test_events_a_device_that_explodes_is_never_the_doer(make_record):
    record, names = events_of(make_record, "Then for about ten minutes they exploded at a rate of one a minute.")
    exploded = event_at(record, "exploded")
    assert exploded.source is None
    assert not [a for a in exploded.arguments if a.role == "source"]
    bomber, names = events_of(make_record, "A suicide bomber detonated near the gate of the army base on Monday.")
    assert names.get(event_at(bomber, "detonated").source or "") == "bomber"


@pytest.mark.parametrize(
    ("text", "word", "doer"),
    [
        # a speech verb's infinitive: the speaker claims to have done it
        ("The army claimed to have shot two gunmen near the bridge.", "shot", "army"),
        # an event noun's passive
        (
            "Kenya has suffered a series of attacks carried out by militants from neighbouring Somalia.",
            "attacks",
            "militants",
        ),
        # who took part
        ("The prosecutor said 20 people were involved in the failed assassination attempt.", "assassination", "people"),
    ],
)
def test_events_the_doer_of_a_claimed_carried_out_or_joined_act(make_record, text, word, doer):
    record, names = events_of(make_record, text)
    assert names.get(event_at(record, word).source or "") == doer


def test_events_who_accepted_responsibility_is_the_doer(make_record):
    record, names = events_of(
        make_record,
        "A bomb exploded in a crowded market in the north on Friday. Boko Haram accepted responsibility for the "
        "bombing.",
    )
    assert names.get(event_at(record, "exploded").source or "") == "Boko Haram"


def test_events_detained_in_hospital_is_treatment_not_an_arrest(make_record):
    record, _ = events_of(
        make_record, "Ninety people were detained in hospital, and 24 others were allowed home after treatment."
    )
    assert not [e for e in record.events if e.type == "COERCE"]
    arrest, _ = events_of(make_record, "The suspect was detained at the hospital by police on Monday.")
    assert event_at(arrest, "detained").type == "COERCE"


def test_events_hunters_are_not_the_doers_of_the_violence_they_investigate(make_record):
    # the parser hangs "wounding" on "hunting"; the wounding is the explosion's toll
    record, _ = events_of(
        make_record,
        "Police are hunting a man believed to have left a bag containing a device that exploded on Friday, "
        "wounding 13 people on a busy street.",
    )
    exploded = event_at(record, "exploded")
    assert exploded.source is None
    assert not [a for a in exploded.arguments if a.role == "source"]


@pytest.mark.parametrize(
    "text",
    [
        "But the people that are getting killed in this deal are small business owners.",  # losing out on a deal
        "She acknowledged their uphill battle in the state.",  # only hard
    ],
)
def test_events_a_bad_deal_and_an_uphill_battle_are_no_violence(make_record, text):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.type == "ASSAULT"]


def test_events_a_shooting_told_to_the_one_who_did_it_is_still_violence(make_record):
    record, _ = events_of(make_record, '"You shot my son," she told the officer on Monday.')
    assert event_at(record, "shot").type == "ASSAULT"


def test_events_the_generic_you_in_the_present_is_no_event(parsed_doc):
    from newsledger.extract.events import _generic_you

    anyone = parsed_doc(
        """
        You 1 nsubj PRON PRP you
        walk 5 ccomp VERB VBP walk
        , 5 punct PUNCT , ,
        you 5 nsubjpass PRON PRP you
        get 5 auxpass AUX VBP get
        shot 5 ROOT VERB VBN shoot
        """
    )
    assert _generic_you(anyone[5])  # "you get shot": what happens to anyone
    told = parsed_doc(
        """
        You 1 nsubj PRON PRP you
        shot 1 ROOT VERB VBD shoot
        my 3 poss PRON PRP$ my
        son 1 dobj NOUN NN son
        """
    )
    assert not _generic_you(told[1])  # "you shot my son": it happened
    let = parsed_doc(
        """
        let 0 ROOT VERB VB let
        you 2 nsubj PRON PRP you
        massacre 0 ccomp VERB VB massacre
        people 2 dobj NOUN NNS people
        """
    )
    assert not _generic_you(let[2])  # "we will not let you massacre people": said to someone


def test_events_attacks_on_debate_moderators_are_words(make_record):
    record, _ = events_of(make_record, "The senator will also find it difficult to repeat his attacks on moderators.")
    assert not [e for e in record.events if e.type == "ASSAULT"]


def test_events_pronouns_in_a_quotation_stand_for_its_speaker_and_its_own_words(make_record):
    record, names = events_of(
        make_record,
        "President Okafor survived an attack during a parade celebrating the anniversary of the Republican Guard "
        'in the capital. "They have tried to assassinate me today, and everything points to the far right," '
        "Okafor said.",
    )
    assassinate = event_at(record, "assassinate")
    assert names.get(assassinate.source or "") != "Republican Guard"  # "they": not a group the narrative named
    assert names.get(assassinate.target or "") == "Okafor"  # "me": the speaker


def test_events_a_description_in_apposition_stands_for_the_person_and_relatives_for_themselves(make_record):
    record, names = events_of(
        make_record,
        "Neighbors of Rashid Omar, the British-Somali who carried out the concert bombing in the city, accused the "
        "security services of missing warnings.",
    )
    assert names.get(event_at(record, "bombing").source or "") == "Rashid Omar"
    assert names.get(event_at(record, "accused").source or "") != "Rashid Omar"  # his neighbours accused


def test_events_responsibility_for_something_else_claims_no_violence(make_record):
    record, _ = events_of(
        make_record,
        'At the forum, the senator noted that her rival also supported the invasion in 2003. "I have taken '
        'responsibility for my vote," she said.',
    )
    assert event_at(record, "invasion").source is None


def test_events_a_verb_with_its_own_subject_inherits_no_doer(make_record):
    record, names = events_of(
        make_record, "Adelson has committed $5 million, and the Ricketts family will donate $1 million."
    )
    assert names.get(event_at(record, "donate").source or "") != "Adelson"


def test_events_supporters_of_a_person_are_not_the_person_and_a_clash_over_papers_is_no_violence(make_record):
    record, names = events_of(make_record, "Senator Okafor's supporters protested outside the court on Monday.")
    assert names.get(event_at(record, "protested").source or "") != "Okafor"
    dispute, _ = events_of(
        make_record,
        "Some meetings ran late as supporters of the two candidates clashed over the credentials of delegates.",
    )
    assert not [e for e in dispute.events if e.type == "ASSAULT"]


def test_events_the_people_an_attack_left_injured_are_its_toll_never_its_doers(make_record):
    record, _ = events_of(make_record, "The attack left 12 people injured, police said.")
    attack = event_at(record, "attack")
    assert attack.source is None
    assert not [a for a in attack.arguments if a.role == "source"]
    blast, _ = events_of(make_record, "The blast left three soldiers dead and five wounded.")
    assert len([e for e in blast.events if e.type == "ASSAULT"]) == 1  # one happening, its toll a mention


@pytest.mark.parametrize(
    "text",
    [
        "Alabama beat undefeated Clemson 45-40 to take the national championship.",  # a score: a game
        "In the 2016 election, the senator beat a large field of 16 candidates to clinch the nomination.",
        "His populist attacks on big banks instantly resonated with voters.",  # words
    ],
)
def test_events_games_fields_of_candidates_and_populist_attacks_are_no_violence(make_record, text):
    record, _ = events_of(make_record, text)
    assert not [e for e in record.events if e.type == "ASSAULT"]
