"""Quotes: quotation marks paired on text (no model) and attribution on sentences written here (model)."""

from __future__ import annotations

import pytest

from newsledger.extract.quoting.marks import find_quoted_spans


def _quoted(text: str) -> list[str]:
    spans, _warnings = find_quoted_spans(text)
    return [text[s.start : s.end] for s in spans]


def test_quotes_marks_curly_and_straight():
    assert _quoted('She said “we will win” and he said "we will not".') == ["we will win", "we will not"]


def test_quotes_marks_double_apostrophe_and_backtick_styles():
    text = "''This is it,'' said Mr. Lane. He called it ``a good start''."
    assert _quoted(text) == ["This is it,", "a good start"]


def test_quotes_marks_apostrophes_and_plural_possessives_are_not_marks():
    text = "The Debates’ 15 percent rule isn’t new, the voters’ view said “nothing changed.”"
    spans, warnings = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["nothing changed."]
    assert warnings == []


def test_quotes_marks_nested_single_inside_double():
    text = "“He told me ‘no way’ yesterday,” she said."
    assert _quoted(text) == ["He told me ‘no way’ yesterday,"]


def test_quotes_marks_single_quoted_headline():
    assert _quoted("Mayor: ‘We Are Ready.’ and the rest") == ["We Are Ready."]


def test_quotes_marks_span_paragraphs_when_reopened():
    text = "“First paragraph of a long statement.\n“Second paragraph ends it.”\nAfter."
    assert _quoted(text) == ["First paragraph of a long statement.\n“Second paragraph ends it."]


def test_quotes_marks_unbalanced_reported_not_guessed():
    text = 'An “unclosed quotation runs on.\nNext paragraph has a "closed one" and a stray” mark.'
    spans, warnings = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["closed one"]
    assert len(warnings) == 2
    assert all(w.startswith("quotes:") for w in warnings)


def test_quotes_marks_markup_attribute_values_are_not_quotations():
    text = '<post author="@cityhall" id="8812">Roads open</post> The mayor said “we are ready.”'
    spans, warnings = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["we are ready."]
    assert warnings == []


# --- attribution on the full pipeline -----------------------------------------------------------------------


def _speaker_name(record, quote):
    entity = next((e for e in record.entities if e.id == quote.speaker), None)
    return entity.name if entity else None


def _quote_with(record, words):
    return next(q for q in record.quotes if words in q.text)


@pytest.mark.model
def test_quotes_direct_with_named_speaker(make_record):
    record = make_record("At a press conference, Senator Maria Lopez said “the bill will pass next week.”")
    quote = _quote_with(record, "the bill will pass")
    assert quote.kind == "direct"
    assert quote.cue == "said" and quote.polarity == "say"
    assert "Lopez" in (_speaker_name(record, quote) or "")
    assert record.article.text[quote.cue_start : quote.cue_end] == "said"


@pytest.mark.model
def test_quotes_broken_by_attribution_is_one_quote(make_record):
    record = make_record("“We will rebuild the bridge,” Governor Tom Harris said, “and we will do it this year.”")
    quote = _quote_with(record, "rebuild the bridge")
    assert len(quote.parts) == 2
    assert "this year" in quote.text
    assert "Harris" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_pronoun_speaker_across_sentences(make_record):
    text = (
        "Prime Minister Anna Berg arrived in Oslo on Monday. She met union leaders for two hours.\n"
        "She said “the strike must end before winter.”"
    )
    record = make_record(text)
    quote = _quote_with(record, "strike must end")
    assert quote.speaker_text == "She"
    assert "Berg" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_partial_quote_inside_reported_speech(make_record):
    record = make_record("Senator Paul Ward added that the army will resist the “occupation” of the city.")
    partial = next(q for q in record.quotes if q.kind == "partial")
    assert partial.text == "occupation"
    assert "Ward" in (_speaker_name(record, partial) or "")
    indirect = next(q for q in record.quotes if q.kind == "indirect")
    assert "occupation" in indirect.text and indirect.cue == "added"


@pytest.mark.model
def test_quotes_indirect_says_that_and_denied(make_record):
    text = "Officials in France say that the talks have failed. Minister Jean Dupont denied there were any delays."
    record = make_record(text)
    said = _quote_with(record, "talks have failed")
    assert said.kind == "indirect" and said.polarity == "say"
    denied = _quote_with(record, "there were any delays")
    assert denied.polarity == "deny"
    assert "Dupont" in (_speaker_name(record, denied) or "")


@pytest.mark.model
def test_quotes_dismissed_as_false_with_organization_speaker(make_record):
    text = "One Hamas official dismissed the army's claim of victory as false."
    record = make_record(text)
    quote = _quote_with(record, "claim of victory")
    assert quote.polarity == "dismiss"
    assert quote.speaker is not None and _speaker_name(record, quote) == "Hamas"


@pytest.mark.model
def test_quotes_country_speaker_with_participle(make_record):
    text = "Germany has strongly criticized the decision, saying the new rules were “unacceptable”."
    record = make_record(text)
    partial = _quote_with(record, "unacceptable")
    assert _speaker_name(record, partial) == "Germany"


@pytest.mark.model
def test_quotes_according_to(make_record):
    record = make_record("According to the World Health Organization, the outbreak is slowing in the region.")
    quote = _quote_with(record, "outbreak is slowing")
    assert quote.kind == "indirect"
    assert quote.cue == "According to"
    assert "World Health Organization" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_statement_by_speaker(make_record):
    record = make_record("A statement by Senator Lisa Grant said the committee will meet again in March.")
    quote = _quote_with(record, "committee will meet")
    assert "Grant" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_relayed_statement(make_record):
    text = (
        "According to a statement by Senator Mark Olsen, the union delegation assured the mayor "
        "“of full cooperation with the city”."
    )
    record = make_record(text)
    quote = _quote_with(record, "full cooperation")
    relay = next((e for e in record.entities if e.id == quote.relayed_by), None)
    assert relay is not None and "Olsen" in relay.name
    assert quote.speaker != quote.relayed_by


@pytest.mark.model
def test_quotes_tweeted_colon(make_record):
    record = make_record("Governor Ellen Park tweeted: “The roads will reopen tomorrow morning.”")
    quote = _quote_with(record, "roads will reopen")
    assert quote.cue == "tweeted"
    assert "Park" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_dash_attribution(make_record):
    record = make_record("“Every vote in this county counts and we will count them all.” ― Sonya Herridge")
    quote = _quote_with(record, "Every vote")
    assert quote.speaker_text == "Sonya Herridge"


@pytest.mark.model
def test_quotes_unbalanced_marks_do_not_stop_the_article(make_record):
    text = "The mayor said “the water is safe.\nLater, Chief Ray Moss said “the fire is out.” Residents returned."
    record = make_record(text)
    assert any(w.startswith("quotes:") for w in record.warnings)
    quote = _quote_with(record, "the fire is out")
    assert "Moss" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_ids_in_text_order(make_record):
    text = "Mayor Ann Cole said “we are ready.” Chief Bo Lind said the roads are closed."
    record = make_record(text)
    assert [q.id for q in record.quotes] == [f"q{n}" for n in range(1, len(record.quotes) + 1)]
    assert [q.start for q in record.quotes] == sorted(q.start for q in record.quotes)


@pytest.mark.model
def test_quotes_dash_glued_to_closing_mark(make_record):
    # regression: spaCy tokenizes "”―" as one token, which hid the dash from a token-based check
    text = "“The new bridge has made my commute twice as fast.”― Marta Jonsson \n“I want lower fares.” ― Ed Bloom\n"
    record = make_record(text)
    first, second = _quote_with(record, "commute twice"), _quote_with(record, "lower fares")
    assert first.kind == second.kind == "direct"
    assert (first.speaker_text, second.speaker_text) == ("Marta Jonsson", "Ed Bloom")
    assert first.cue == "―"


@pytest.mark.model
def test_quotes_transcript_speaker_label(make_record):
    text = (
        "HOST: Senator, will you vote for the budget on Friday?\n\n"
        "KOWALSKI: Well, I have read it twice and I think it spends too much on roads.\n\n"
        "UPDATE: This story has been changed to add the vote count.\n"
    )
    record = make_record(text)
    answer = _quote_with(record, "I have read it twice")
    assert answer.speaker_text == "KOWALSKI" and answer.cue == ":"
    assert answer.text.startswith("Well") and answer.text.endswith("roads")
    assert not any("story has been changed" in q.text and q.speaker_text == "UPDATE" for q in record.quotes)


@pytest.mark.model
def test_quotes_interjected_and_barked_are_cues(make_record):
    record = make_record("“Only on weekends,” Mayor Lena Ortiz interjected. “Sit down now,” Coach Dan Reyes barked.")
    assert _quote_with(record, "Only on weekends").cue == "interjected"
    assert _quote_with(record, "Sit down now").cue == "barked"


@pytest.mark.model
def test_quotes_quotation_ending_a_reported_clause_is_partial(make_record):
    text = "Governor Ann Blake says no matter what action the legislature takes on taxes, “her budget will not change.”"
    record = make_record(text)
    reported = next(q for q in record.quotes if q.kind == "indirect")
    assert reported.text.startswith("no matter what") and "budget will not change" in reported.text
    quoted = [q for q in record.quotes if q.kind != "indirect" and "budget will not change" in q.text]
    assert [(q.kind, q.cue) for q in quoted] == [("partial", "says")]


@pytest.mark.model
def test_quotes_naming_verb_reports_the_thing_named_and_the_name(make_record):
    record = make_record("Mayor Tom Hale took the stage on Friday and called the city council “lazy to the bone.”")
    reported = next(q for q in record.quotes if q.kind == "indirect" and q.cue == "called")
    assert reported.text.startswith("the city council") and "lazy to the bone" in reported.text
    assert [q.kind for q in record.quotes if q.text.startswith("lazy to the bone")] == ["partial"]


@pytest.mark.model
def test_quotes_broken_by_a_long_speaker_phrase_is_one_quote(make_record):
    # regression: a speaker phrase of more than six words between the quotation and its verb made the
    # quotation look embedded in a sentence (partial), so its continuation lost its speaker
    text = (
        "“The plan is a good one for the city,” Mary Olsen, director of the Urban Policy Center at Kent "
        "University, said of the mayor's plan. “It does not raise taxes on anyone.”"
    )
    record = make_record(text)
    quote = _quote_with(record, "good one for the city")
    assert quote.kind == "direct" and len(quote.parts) == 2
    assert "raise taxes" in quote.text
    assert (quote.speaker_text or "").startswith("Mary Olsen, director")


@pytest.mark.model
def test_quotes_continued_in_the_next_paragraph_is_one_quote(make_record):
    text = (
        "“We will open the new library in the spring,” Mayor Ruth Quinn said on Tuesday.\n\n"
        "“It will have a room for children and a garden on the roof.”\n\n"
        "The council approved the budget in March.\n"
    )
    record = make_record(text)
    quote = _quote_with(record, "new library")
    assert quote.kind == "direct" and len(quote.parts) == 2
    assert "garden on the roof" in quote.text
    assert "Quinn" in (_speaker_name(record, quote) or "")


@pytest.mark.model
def test_quotes_headline_speaker_label(make_record):
    text = (
        "Governor McKenna: Property Taxes Must Fall Before Winter.\n\n"
        "Stealth Over Health: A Look at the Hospital Budget.\n\n"
        "The governor spoke in Dover on Monday.\n"
    )
    record = make_record(text)
    headline = _quote_with(record, "Property Taxes Must Fall")
    assert headline.speaker_text == "Governor McKenna" and headline.cue == ":"
    assert not any(q.speaker_text == "Stealth Over Health" for q in record.quotes)


@pytest.mark.model
def test_quotes_reported_clause_runs_to_the_end_of_its_partial_quote(make_record):
    record = make_record("Governor Ann Blake says the senator's remarks about the budget were “reckless and cruel.”")
    reported = [q for q in record.quotes if q.kind == "indirect"]
    assert len(reported) == 1 and reported[0].text.startswith("the senator's remarks")
    assert "reckless and cruel" in reported[0].text
    assert [q.kind for q in record.quotes if q.text.startswith("reckless")] == ["partial"]


@pytest.mark.model
def test_quotes_any_verb_with_a_that_clause_reports(make_record):
    record = make_record("Senator Amy Ross learned on Monday that the factory would close in June.")
    reported = next(q for q in record.quotes if q.kind == "indirect")
    assert reported.cue == "learned" and "factory would close" in reported.text
    assert "Ross" in (reported.speaker_text or "")


@pytest.mark.model
def test_quotes_reported_clause_stops_before_a_contrast(make_record):
    record = make_record("Half of the voters said they prefer a new mayor, while about a third want the old one back.")
    reported = next(q for q in record.quotes if q.cue == "said")
    assert reported.text == "they prefer a new mayor"


@pytest.mark.model
def test_quotes_title_in_marks_is_no_quotation(make_record):
    text = "Speaking on “Morning Harbor Report,” Mayor Lena Ortiz said the ferry would run all winter."
    record = make_record(text)
    title = next(q for q in record.quotes if q.text.startswith("Morning Harbor Report"))
    assert title.kind == "partial" and title.speaker is None and title.cue is None
    assert any(q.kind == "indirect" and "ferry would run" in q.text for q in record.quotes)


@pytest.mark.model
def test_quotes_according_to_before_a_quotation_gives_its_speaker(make_record):
    text = "According to the county report, “the river has risen two feet since Monday and the bridge is closed.”"
    record = make_record(text)
    quote = _quote_with(record, "river has risen")
    assert quote.kind == "direct" and quote.cue == "According to"
    assert "county report" in (quote.speaker_text or "")
    assert not any(q.kind == "indirect" for q in record.quotes)


@pytest.mark.model
def test_quotes_according_to_a_poll_is_the_source_of_the_whole_sentence(make_record):
    text = "Most farmers say they want lower fuel taxes next year, according to a new survey by the state university."
    record = make_record(text)
    sources = [q for q in record.quotes if q.cue == "according to"]
    assert len(sources) == 1 and sources[0].text.startswith("Most farmers say")
    assert "survey" in (sources[0].speaker_text or "")


@pytest.mark.model
def test_quotes_quotation_then_according_to_is_direct(make_record):
    text = "“The bridge will stay closed until the inspection is finished,” according to the county engineer."
    record = make_record(text)
    quote = _quote_with(record, "bridge will stay closed")
    assert quote.kind == "direct" and "county engineer" in (quote.speaker_text or "")


@pytest.mark.model
def test_quotes_name_right_before_a_verb_without_subject_speaks(make_record):
    # the parser hangs "Mark Dunford" on "the Gazette" as an apposition, leaving "said" with no subject
    text = (
        "In a statement to the Gazette, her senior housing adviser, Mark Dunford, said: “The mayor believes that "
        "rents are too high, and that the city must build more homes. She will present a plan in May.”"
    )
    record = make_record(text)
    quote = _quote_with(record, "rents are too high")
    assert quote.cue == "said" and quote.speaker_text == "Mark Dunford"


@pytest.mark.model
def test_quotes_headline_label_with_a_quoted_phrase(make_record):
    text = "Mayor Quinn: Harbor Plan Brings ‘Jobs For Everyone.’\n\nThe mayor spoke in Dover on Monday.\n"
    record = make_record(text)
    headline = next(q for q in record.quotes if q.kind == "indirect")
    assert headline.text.startswith("Harbor Plan") and headline.speaker_text == "Mayor Quinn"


@pytest.mark.model
def test_quotes_expected_to_has_no_speaker_and_keeps_its_subject(make_record):
    record = make_record("Governor Tom Hale is expected to sign the water bill on Friday.")
    expected = next(q for q in record.quotes if q.cue == "expected")
    assert expected.speaker is None and expected.speaker_text is None
    assert expected.text.startswith("Governor Tom Hale") and "sign the water bill" in expected.text


@pytest.mark.model
def test_quotes_expectation_gives_way_to_words_inside_it(make_record):
    text = "Next week the council is expected to approve a budget that Mayor Ruth Quinn called “a gift to taxpayers”."
    record = make_record(text)
    holding = [q for q in record.quotes if "gift to taxpayers" in q.text]
    assert holding and all("Quinn" in (q.speaker_text or "") for q in holding)


@pytest.mark.model
def test_quotes_parenthetical_cue_reports_the_clause_around_it(make_record):
    record = make_record("The new levy, the mayor said, will pay for two more ferries next year.")
    quote = next(q for q in record.quotes if q.cue == "said")
    assert [record.article.text[p.start : p.end] for p in quote.parts] == [
        "The new levy",
        "will pay for two more ferries next year",
    ]
    assert quote.speaker_text == "the mayor"


@pytest.mark.model
def test_quotes_seems_to_is_an_impression_with_no_speaker(make_record):
    record = make_record("Governor Tom Hale appeared to be losing patience with the committee.")
    quote = next(q for q in record.quotes if q.cue == "appeared")
    assert quote.speaker is None and quote.speaker_text is None
    assert [record.article.text[p.start : p.end] for p in quote.parts] == [
        "Governor Tom Hale",
        "to be losing patience with the committee",
    ]


@pytest.mark.model
def test_quotes_appeared_on_a_show_reports_nothing(make_record):
    record = make_record("Governor Tom Hale appeared on a morning show in Dover on Sunday.")
    assert not [q for q in record.quotes if q.cue == "appeared"]


@pytest.mark.model
def test_quotes_declined_to_is_a_stance_with_its_speaker(make_record):
    record = make_record("Senator Ruth Quinn declined to comment on the budget.")
    quote = next(q for q in record.quotes if q.cue == "declined")
    assert quote.kind == "indirect" and quote.text == "to comment on the budget"
    assert quote.speaker_text == "Senator Ruth Quinn" and quote.polarity == "intend"


@pytest.mark.model
def test_quotes_talked_about_reports_the_topic_not_the_listeners(make_record):
    record = make_record("The mayor talked about the new harbor during the meeting. She talked to reporters later.")
    talked = [q for q in record.quotes if q.cue == "talked"]
    assert [q.text for q in talked] == ["the new harbor"]


@pytest.mark.model
def test_quotes_stance_verb_leaves_a_quoted_phrase_partial(make_record):
    record = make_record("The union is seeking “fair wages” for its members.")
    quoted = next(q for q in record.quotes if q.text == "fair wages" and q.kind != "indirect")
    assert quoted.kind == "partial"


@pytest.mark.model
def test_quotes_found_reports_a_clause_not_an_object(make_record):
    record = make_record(
        "The auditors found a new office in Dover. Later the auditors found that the city had overspent."
    )
    found = [q.text for q in record.quotes if q.cue == "found"]
    assert found == ["that the city had overspent"]


@pytest.mark.model
def test_quotes_attack_on_a_target_is_an_act_and_on_a_plan_as_something_a_statement(make_record):
    record = make_record(
        "Gunmen attacked a police checkpoint near the border on Sunday, killing two officers. "
        "Militants attacked Kandahar overnight. "
        "The senator attacked the plan as a giveaway to insurers."
    )
    attacked = [(q.text, q.speaker_text) for q in record.quotes if q.cue and q.cue.startswith("attack")]
    assert attacked == [("the plan as a giveaway to insurers", "The senator")]


@pytest.mark.model
def test_quotes_claim_that_is_held_by_its_owner(make_record):
    record = make_record("Mr. Lane's claim that the vote was rigged drew scorn.")
    quote = next(q for q in record.quotes if q.cue == "claim")
    assert quote.text == "that the vote was rigged" and quote.speaker_text == "Mr. Lane's"


@pytest.mark.model
def test_quotes_belief_shared_is_held_by_the_named_subject(make_record):
    record = make_record("Senator Ruth Quinn shared her belief that the harbor tax would pass.")
    quote = next(q for q in record.quotes if q.cue == "belief")
    assert quote.text == "that the harbor tax would pass" and quote.speaker_text == "Senator Ruth Quinn"


@pytest.mark.model
def test_quotes_fear_with_no_holder_names_no_speaker(make_record):
    record = make_record("The fear that the bridge will close has spread through the town.")
    quote = next(q for q in record.quotes if q.cue == "fear")
    assert quote.text == "that the bridge will close" and quote.speaker is None and quote.speaker_text is None


@pytest.mark.model
def test_quotes_opposition_to_reports_what_is_opposed(make_record):
    record = make_record("Their opposition to the harbor deal is well known.")
    quote = next(q for q in record.quotes if q.cue == "opposition")
    assert quote.text == "the harbor deal" and quote.speaker_text == "Their"


@pytest.mark.model
def test_quotes_pointed_to_reports_what_is_pointed_to(make_record):
    record = make_record("Senator Ruth Quinn pointed to the closed shipyard in Dover.")
    quote = next(q for q in record.quotes if q.cue == "pointed")
    assert quote.text == "the closed shipyard in Dover" and quote.speaker_text == "Senator Ruth Quinn"


@pytest.mark.model
def test_quotes_in_a_poll_is_the_source_of_its_sentence(make_record):
    record = make_record("In a Monday poll by the Dover Times, Lee leads the mayor by nine points.")
    quote = next(q for q in record.quotes if q.cue == "In")
    assert quote.text == "Lee leads the mayor by nine points"
    assert quote.speaker_text == "a Monday poll by the Dover Times"


@pytest.mark.model
def test_quotes_in_a_poll_gives_way_to_a_speaker_in_the_sentence(make_record):
    record = make_record("In a poll released Monday, voters said the economy was the top issue.")
    assert [q.cue for q in record.quotes] == ["said"]


@pytest.mark.model
def test_quotes_railed_against_reports_its_target(make_record):
    record = make_record("Senator Ruth Quinn railed against the harbor tax on Monday.")
    quote = next(q for q in record.quotes if q.cue == "railed")
    assert quote.text == "the harbor tax" and quote.polarity == "criticize"
    assert quote.speaker_text == "Senator Ruth Quinn"


@pytest.mark.model
def test_quotes_confident_that_is_held_by_the_subject(make_record):
    record = make_record("Ms. Lee was confident that the bill would pass. The road was closed to traffic.")
    quote = next(q for q in record.quotes if q.cue == "confident")
    assert quote.text == "that the bill would pass" and quote.speaker_text == "Ms. Lee"
    assert [q.cue for q in record.quotes] == ["confident"]


@pytest.mark.model
def test_quotes_wary_of_reports_the_object_of_the_stance(make_record):
    record = make_record("Voters are wary of the new mayor.")
    quote = next(q for q in record.quotes if q.cue == "wary")
    assert quote.text == "the new mayor" and quote.speaker_text == "Voters"


@pytest.mark.model
def test_quotes_letter_read_attributes_the_quotation_to_the_letter(make_record):
    record = make_record("The letter read: “We will not pay the fine.” She read the report twice before the meeting.")
    quote = _quote_with(record, "pay the fine")
    assert quote.kind == "direct" and quote.cue == "read" and quote.speaker_text == "The letter"
    assert [q.cue for q in record.quotes] == ["read"]


@pytest.mark.model
def test_quotes_voted_for_reports_what_was_backed(make_record):
    record = make_record("Senator Ruth Quinn voted against the harbor tax.")
    quote = next(q for q in record.quotes if q.cue == "voted")
    assert quote.text == "the harbor tax" and quote.speaker_text == "Senator Ruth Quinn"


@pytest.mark.model
def test_quotes_sees_as_is_a_stance_and_plain_seeing_is_not(make_record):
    record = make_record("The governor sees the port as the key to growth. The mayor saw a rise in prices.")
    assert [(q.cue, q.text) for q in record.quotes] == [("sees", "the port as the key to growth")]


@pytest.mark.model
def test_quotes_title_after_its_kind_quotes_no_one(make_record):
    record = make_record(
        "Lee, the host of the cooking show “Kitchen Wars,” said in an interview that the season was over."
    )
    title = _quote_with(record, "Kitchen Wars")
    assert title.kind == "partial" and title.cue is None and title.speaker is None


@pytest.mark.model
def test_quotes_made_it_clear_reports_the_clause(make_record):
    record = make_record("The mayor made it clear that the port would stay open. The storm made the roads icy.")
    assert [(q.cue, q.text, q.speaker_text) for q in record.quotes] == [
        ("made", "that the port would stay open", "The mayor")
    ]


@pytest.mark.model
def test_quotes_widely_seen_as_is_held_by_no_one_named(make_record):
    record = make_record("Ms. Brainard is widely seen as a strong candidate.")
    quote = next(q for q in record.quotes if q.cue == "seen")
    assert quote.speaker is None and quote.speaker_text is None
    assert quote.text.startswith("Ms. Brainard") and quote.text.endswith("as a strong candidate")


@pytest.mark.model
def test_quotes_reportedly_is_hearsay_without_the_adverb(make_record):
    record = make_record("The FBI is reportedly making arrangements to interview the mayor.")
    quote = next(q for q in record.quotes if q.cue == "reportedly")
    assert quote.speaker is None
    assert [record.article.text[p.start : p.end] for p in quote.parts] == [
        "The FBI is",
        "making arrangements to interview the mayor",
    ]


@pytest.mark.model
def test_quotes_according_to_keeps_an_action_it_reports(make_record):
    record = make_record("According to the county report, the mayor decided to close the port.")
    assert [(q.cue, q.text, q.speaker_text) for q in record.quotes] == [
        ("According to", "the mayor decided to close the port", "the county report")
    ]


@pytest.mark.model
def test_quotes_called_for_someone_to_act_reports_the_clause(make_record):
    record = make_record("Senator Ruth Quinn called for the harbor master to resign.")
    quote = next(q for q in record.quotes if q.cue == "called")
    assert "the harbor master to resign" in quote.text and quote.speaker_text == "Senator Ruth Quinn"


@pytest.mark.model
def test_quotes_asked_in_the_passive_names_no_asker(make_record):
    record = make_record(
        "Asked whether he would fire the clerk, Mayor Lee said no. Ms. Quinn asked whether the port would close."
    )
    passive = next(q for q in record.quotes if q.cue == "Asked")
    assert passive.text == "whether he would fire the clerk" and passive.speaker_text is None
    active = next(q for q in record.quotes if q.cue == "asked")
    assert active.speaker_text == "Ms. Quinn"


@pytest.mark.model
def test_quotes_labels_for_bylines_and_name_lists_say_nothing(make_record):
    text = (
        "BYLINE: Anna Marsh\n\nMaine: Tom Ford, Ann Lee, Rob Hart, Jim Cole, Sue Park\n\n"
        "Mayor Quinn: The harbor will reopen in May.\n"
    )
    record = make_record(text)
    assert [q.speaker_text for q in record.quotes] == ["Mayor Quinn"]


@pytest.mark.model
def test_quotes_content_stops_before_the_writers_aside(make_record):
    text = (
        "The senator said he would look at the bill, which would give police more time. "
        "Ms. Quinn reiterated her support for the plan, a proposal the council rejected."
    )
    record = make_record(text)
    assert [q.text for q in record.quotes if q.kind == "indirect"] == [
        "he would look at the bill",
        "her support for the plan",
    ]


@pytest.mark.model
def test_quotes_held_claim_stops_before_the_writers_aside(make_record):
    record = make_record("The uproar followed Lee's claim that the vote was rigged by the council, which never met.")
    quote = next(q for q in record.quotes if q.cue == "claim")
    assert quote.text == "that the vote was rigged by the council"


@pytest.mark.model
def test_quotes_known_as_names_and_quotes_no_one(make_record):
    record = make_record("Many of the courses, derisively known as “rabbit patches,” closed last year.")
    name = _quote_with(record, "rabbit patches")
    assert name.cue is None and name.speaker is None


@pytest.mark.model
def test_quotes_said_then_according_to_is_the_sources_account(make_record):
    record = make_record("“We will not pay the fine,” the mayor said, according to the county newspaper.")
    quote = _quote_with(record, "pay the fine")
    assert quote.kind == "direct" and quote.speaker_text == "the county newspaper"
    assert all(q.speaker_text == "the county newspaper" for q in record.quotes)


@pytest.mark.model
def test_quotes_parenthetical_cue_after_the_main_verb_reports_both_sides(make_record):
    record = make_record("The harbor is safe, the mayor said, and the ferries will run on Monday.")
    quote = next(q for q in record.quotes if q.cue == "said")
    assert [record.article.text[p.start : p.end] for p in quote.parts] == [
        "The harbor is safe",
        "and the ferries will run on Monday",
    ]


@pytest.mark.model
def test_quotes_speaker_set_beside_a_possessed_phrase_is_the_appositive(make_record):
    record = make_record(
        "Kenya's disaster management agency, NDMA, said it had sent 200 tonnes of food to the region on Monday."
    )
    names = {e.id: e.name for e in record.entities}
    statement = next(q for q in record.quotes if "200 tonnes" in q.text)
    assert names.get(statement.speaker) == "NDMA"


@pytest.mark.model
def test_quotes_headline_label_naming_no_one_is_the_outlets_not_a_quote(make_record):
    record = make_record(
        "Officials: Car Bomb Kills 20 In Northern Town\n\nA car bomb exploded on Monday, police said.\n"
    )
    assert not [q for q in record.quotes if "Car Bomb" in q.text]
    poll = make_record("Poll: Wealthy Voters Abandon The Governor\n\nThe survey was taken last week.\n")
    assert [q for q in poll.quotes if q.text.startswith("Wealthy Voters")]  # a poll speaks for itself
