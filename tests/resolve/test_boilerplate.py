from __future__ import annotations

from newsledger.resolve.boilerplate import Passage, boilerplate_spans, normalized, overlaps, segments

NOTE = "Editor's note: The mayor has repeatedly pledged to ban all cars from the old town."


def article(article_id: str, outlet: str | None, *story: str, note: str = NOTE) -> list[Passage]:
    """One passage per story sentence, then the note glued to the last story sentence (as a splitter may)."""
    passages, position = [], 0
    for sentence in story[:-1]:
        passages.append(Passage(article_id, outlet, position, position + len(sentence), sentence))
        position += len(sentence) + 1
    last = f"{story[-1]}\n\n{note}" if note else story[-1]
    passages.append(Passage(article_id, outlet, position, position + len(last), last))
    return passages


def note_span(passages: list[Passage]) -> tuple[int, int]:
    last = passages[-1]
    start = last.start + last.text.index("Editor")
    return start, start + len(NOTE)


def test_boilerplate_a_note_one_outlet_repeats_is_found_even_glued_to_the_sentence_before():
    first = article(
        "a1", "Daily Example", "The council met on Monday to discuss the budget.", "It approved new bus lanes."
    )
    second = article(
        "a2", "Daily Example", "Floods closed three schools in the valley.", "Pupils were sent home early."
    )
    spans = boilerplate_spans(first + second)
    for passages in (first, second):
        start, _end = note_span(passages)
        assert overlaps(spans, passages[0].article_id, start + 20, start + 27)  # "pledged" inside the note
        assert not overlaps(spans, passages[0].article_id, 0, 10)  # the story's own first sentence


def test_boilerplate_two_outlets_sharing_a_sentence_once_is_no_boilerplate_but_three_articles_are():
    first = article("a1", "Wire A", "The council met on Monday to discuss the budget.", "It approved new bus lanes.")
    second = article("a2", "Wire B", "Floods closed three schools in the valley.", "Pupils were sent home early.")
    assert boilerplate_spans(first + second) == {}
    third = article("a3", "Wire C", "A fire destroyed a warehouse near the port.", "Nobody was hurt in the blaze.")
    spans = boilerplate_spans(first + second + third)
    assert sorted(spans) == ["a1", "a2", "a3"]


def test_boilerplate_a_copy_of_a_story_shares_that_story_not_boilerplate():
    story = (
        "Gunmen attacked a police post near the river crossing on Monday night.",
        "Four guards were killed and two wounded in the fighting.",
        "The governor said reinforcements had been sent to the town.",
    )
    copy_one = article("a1", "Daily Example", *story, note="")
    copy_two = article("a2", "Daily Example", *story, note="")
    assert boilerplate_spans(copy_one + copy_two) == {}


def test_boilerplate_short_pieces_repeat_by_chance_and_are_ignored():
    short = [Passage(f"a{k}", "Daily Example", 0, 14, "He said no to it.") for k in range(4)]
    assert boilerplate_spans(short) == {}


def test_boilerplate_segments_cut_at_paragraphs_and_sentence_ends_with_offsets_in_the_article():
    passage = Passage("a1", None, 100, 100 + 43, "It rained. “Really?” he asked.\n\nNote: none.")
    pieces = segments(passage)
    assert [text for _s, _e, text in pieces] == ["it rained", "really", "he asked", "note none"]
    start, end, _text = pieces[-1]
    assert passage.text[start - 100 : end - 100] == "Note: none."
    assert normalized("Editor’s  note:\nThe MAYOR") == normalized("editor s note the mayor")
