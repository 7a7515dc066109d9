"""Event factuality on sentences written here: what reports a happening is kept, what only uses the word is not."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def triggers(make_record, text):
    record = make_record(text)
    return {(e.trigger.text.lower(), e.type) for e in record.events} | {
        (m.text.lower(), e.type) for e in record.events for m in e.mentions
    }


def has(found, word, plover=None):
    return any(text.endswith(word) and (plover is None or kind == plover) for text, kind in found)


@pytest.mark.parametrize(
    ("dropped", "word", "plover"),
    [
        # generic or habitual: a kind of doer, a stance towards a kind of thing, a habit
        ("Lower taxes help small businesses grow, the economist said.", "help", "AID"),
        ("The senator said she supports raising the minimum wage for farm workers.", "supports", "SUPPORT"),
        ("Anyone who lives under the threat of crime wants more patrols, the mayor said.", "threat", "THREATEN"),
        ("Local charities usually help families with their heating bills.", "help", "AID"),
        # a stance or speech act not taken
        ('"I will oppose any effort to close the hospital," the governor said.', "oppose", "REJECT"),
        ("The former minister said he is considering an endorsement of the mayor.", "endorsement", "SUPPORT"),
        ("The union leader refused to condemn the strike by the drivers.", "condemn", "ACCUSE"),
        # literal senses that are not the PLOVER act
        ('"Why is the bridge still closed?" asked Morrow, a shopkeeper in the town.', "asked", "REQUEST"),
        ("Reporters asked the minister whether the talks would resume.", "asked", "REQUEST"),
        ("Residents are again being offered the opportunity to recycle garden waste at the depot.", "offered", "AGREE"),
        ("In her new book, the author shares the stories of her grandparents.", "shares", "COOPERATE"),
        ("The farmer's truck was frozen into the mud of the river bank overnight.", "frozen", "SANCTION"),
        (
            "Economists said the workers were released into the labor market after the plant closed.",
            "released",
            "RETREAT",
        ),
        # an event noun of a kind of act, with no participant and no time
        ("The professor wrote about the damaging effects of trade agreements on wages.", "agreements", "AGREE"),
    ],
)
def test_no_event_when_no_happening_is_reported(make_record, dropped, word, plover):
    assert not has(triggers(make_record, dropped), word, plover)


@pytest.mark.parametrize(
    ("kept", "word", "plover"),
    [
        # the same words when the sentence reports an act
        ("The charity helped 200 families in the flooded district on Monday.", "helped", "AID"),
        ("The senator endorsed the mayor at a rally in the capital on Friday.", "endorsed", "SUPPORT"),
        ("The governor rejected the union's offer on Tuesday.", "rejected", "REJECT"),
        ("The minister asked the army to withdraw from the town.", "asked", "REQUEST"),
        ("The rebels offered a ceasefire to the government on Sunday.", "offered", "AGREE"),
        ("The two countries shared intelligence with the investigators.", "shared", "COOPERATE"),
        ("The government froze the assets of the company last week.", "froze", "SANCTION"),
        ("The militia released the hostages into the custody of the Red Cross.", "released", "RETREAT"),
        ("Kenya and Uganda signed agreements on trade in Nairobi on Monday.", "agreements", "AGREE"),
        # planned acts that are not stances keep their status
        ("The foreign minister will meet his counterpart in Geneva next week.", "meet", "CONSULT"),
        ("Police said officers do not know why the man attacked the guard.", "attacked", "ASSAULT"),
    ],
)
def test_event_kept_when_the_sentence_reports_it(make_record, kept, word, plover):
    assert has(triggers(make_record, kept), word, plover)


def test_planned_meeting_keeps_its_status(make_record):
    record = make_record("The foreign minister will meet his counterpart in Geneva next week.")
    (event,) = [e for e in record.events if e.trigger.text == "meet"]
    assert event.status == "planned"


def test_a_denied_stance_stays_for_the_claims(make_record):
    record = make_record("The army denied that it had attacked the village on Sunday.")
    assert any(e.type == "ASSAULT" and e.status == "denied" for e in record.events)


@pytest.mark.parametrize(
    ("dropped", "word", "plover"),
    [
        ("Through a spokesman, the mayor declined to comment on the lawsuit.", "declined", "REJECT"),
        ("Police said the suspect tried to commit a burglary at the warehouse.", "commit", "AGREE"),
        ("The driver hit a fence while backing out of the driveway.", "backing", "SUPPORT"),
        ("The new museum helped visitors understand the history of the railway.", "helped", "AID"),
        ("The factory has struggled to meet the demand for its bicycles.", "meet", "CONSULT"),
        ("Officers executed a search warrant at the house on Elm Street.", "executed", "ASSAULT"),
        ("The collision was captured by a traffic camera near the bridge.", "captured", "ASSAULT"),
        ("The school board voted to fire the principal after the audit.", "fire", "ASSAULT"),
        ("Scientists say rising seas pose a grave threat to the coastal villages.", "threat", "THREATEN"),
        ("Winning the county was a big deal for the campaign.", "deal", "AGREE"),
    ],
)
def test_everyday_senses_are_no_event(make_record, dropped, word, plover):
    assert not has(triggers(make_record, dropped), word, plover)


@pytest.mark.parametrize(
    ("kept", "word", "plover"),
    [
        ("The minister refused to sign the ceasefire agreement on Monday.", "refused", "REJECT"),
        ("The two leaders committed their countries to the climate accord in Paris.", "committed", "AGREE"),
        ("The charity helped 300 refugees with food and blankets last week.", "helped", "AID"),
        ("The foreign minister met the ambassador in the capital on Monday.", "met", "CONSULT"),
        ("The rebels executed two soldiers in the village on Sunday.", "executed", "ASSAULT"),
        ("Soldiers fired on the crowd in the main square on Friday.", "fired", "ASSAULT"),
        ("The militia issued a threat against the town's mayor on Monday.", "threat", "THREATEN"),
    ],
)
def test_the_same_words_report_acts(make_record, kept, word, plover):
    assert has(triggers(make_record, kept), word, plover)


@pytest.mark.parametrize(
    ("dropped", "word", "plover"),
    [
        ('"We want to help the families," a council member said.', "help", "AID"),
        ("The health board published a report released by the ministry on Monday.", "released", "RETREAT"),
        ("Anything that helps the students pass their exams is welcome, the principal said.", "helps", "AID"),
    ],
)
def test_wishes_publications_and_anything_are_no_event(make_record, dropped, word, plover):
    assert not has(triggers(make_record, dropped), word, plover)


def test_an_expected_meeting_stays_planned(make_record):
    record = make_record("The two presidents are expected to meet in Geneva next week.")
    assert any(e.type == "CONSULT" and e.status == "planned" for e in record.events)


@pytest.mark.parametrize(
    ("dropped", "word", "plover"),
    [
        ("The company did not answer questions about how much leave it offers its workers.", "offers", "AGREE"),
        ("Reporters asked whether the two ministers had met in Geneva.", "met", "CONSULT"),
        ("When asked for his view during an interview, the senator said the plan was fine.", "asked", "REQUEST"),
        ("Anyone who wants to help the shelter should send donations to the town hall.", "send", "AID"),
        ("The hotel manager declined comment on Monday.", "declined", "REJECT"),
        ("The driver sped through the town until slamming on his brakes near the bridge.", "slamming", "ACCUSE"),
        ("The mayor said there may be engineers who agree with him.", "agree", "AGREE"),
        ("Factory jobs let workers support their families on one paycheck.", "support", "SUPPORT"),
        ("The senator is in danger of losing the support of younger voters.", "support", "SUPPORT"),
        ("Voters would recognize the governor in that advertisement.", "recognize", "SUPPORT"),
        ("Donations may be sent to the church in care of the local bank.", "sent", "AID"),
        ("The fading attention on the race helped the senator.", "helped", "AID"),
        ("To get the newsletter, click here and sign up.", "sign", "AGREE"),
        ("Most economists agree that the tax should be lower.", "agree", "AGREE"),
        ("The town library will offer a workshop for job seekers on Monday.", "offer", "AGREE"),
        ("The company offers new mothers eight weeks of paid leave.", "offers", "AGREE"),
        ("We look forward to a long and successful partnership.", "partnership", "COOPERATE"),
        ("Do you support the new mayor?", "support", "SUPPORT"),
        ("Nobody has acknowledged the atrocities committed.", "committed", "AGREE"),
        ("The candidate would energize the party and expand its appeal.", "appeal", "REQUEST"),
        ("New apartments for the elderly are in demand.", "demand", "DEMAND"),
        ("Welcome to the season of big political promises.", "welcome", "SUPPORT"),
    ],
)
def test_questions_advice_silence_and_other_senses_are_no_verbal_event(make_record, dropped, word, plover):
    assert not has(triggers(make_record, dropped), word, plover)


@pytest.mark.parametrize(
    ("kept", "word", "plover"),
    [
        ('"If the council approves the plan, we will accept it," the mayor said.', "accept", "AGREE"),
        ("The rebels agreed with the government on a ceasefire in the north.", "agreed", "AGREE"),
        ("The senator slammed the governor over the budget cuts.", "slammed", "ACCUSE"),
        ("France recognized the new government in Tripoli on Monday.", "recognized", "SUPPORT"),
        ("The union backed the mayor in the vote on Tuesday.", "backed", "SUPPORT"),
        ("Why does the council refuse to recognize the union?", "refuse", "REJECT"),
        ("The foundation is funding the planting of the first trees.", "funding", "AID"),
        ("Humanitarian flights resumed to the northern provinces.", "resumed", "AID"),
        ("The miners will be offered transfers to other mines.", "offered", "AGREE"),
        ("The two sides agreed on Monday that talks would resume.", "agreed", "AGREE"),
        ("Police issued an appeal for witnesses on Saturday.", "appeal", "REQUEST"),
        ("The president welcomed the agreement on Monday.", "welcomed", "SUPPORT"),
    ],
)
def test_the_same_verbal_words_report_acts(make_record, kept, word, plover):
    assert has(triggers(make_record, kept), word, plover)


@pytest.mark.parametrize(
    ("text", "word", "plover", "kept"),
    [
        ("Shoppers who support the new market say it will bring jobs.", "support", "SUPPORT", False),
        ("She praised those who support the shelter.", "support", "SUPPORT", False),
        ("The shoppers who supported the new market last year were disappointed.", "supported", "SUPPORT", True),
    ],
)
def test_a_kind_of_people_a_present_clause_describes_is_generic(make_record, text, word, plover, kept):
    assert has(triggers(make_record, text), word, plover) is kept


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        # a habitual present at the end of a paragraph is as generic as anywhere else (its line break is no word
        # of the sentence)
        (
            "The council met on Monday. Some of its members are countries that regularly violate those rights.\n",
            "violate",
            "REJECT",
        ),
        (
            "The council met on Monday. Shoppers who support the new market say it will bring jobs.\n",
            "support",
            "SUPPORT",
        ),
    ],
)
def test_a_generic_present_ending_a_paragraph_is_no_event(make_record, text, word, plover):
    assert not has(triggers(make_record, text), word, plover)


def test_a_wire_headline_and_its_deck_tell_what_happened_in_the_present(make_record):
    text = (
        "Parents of two victims sue the senator; \nLongtime foe files wrongful death claim for clients.\n\n"
        "The parents of two Americans killed in the attack filed a lawsuit on Monday, their lawyer said.\n"
    )
    assert has(triggers(make_record, text), "sue", "ACCUSE")
