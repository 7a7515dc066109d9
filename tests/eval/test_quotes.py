"""The PolNeAR scorer on a tiny BRAT sample written here."""

from __future__ import annotations

from newsledger.eval.quotes import (
    Attribution,
    Prediction,
    is_direct,
    predictions,
    read_ann,
    read_polnear,
    score_article,
)
from newsledger.model import Quote, TextSpan

TEXT = "“We won,” Smith said. Jones said the vote was fair.\n"


def _offsets(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _ann() -> str:
    q, smith, said1 = _offsets("“We won,”"), _offsets("Smith"), _offsets("said")
    jones, fair = _offsets("Jones"), _offsets("the vote was fair")
    said2 = (TEXT.index("said", said1[1]), TEXT.index("said", said1[1]) + 4)
    return (
        f"T1\tContent {q[0]} {q[1]}\t“We won,”\n"
        f"T2\tSource {smith[0]} {smith[1]}\tSmith\n"
        f"T3\tCue {said1[0]} {said1[1]}\tsaid\n"
        f"E1\tAttribution:T3 Content:T1 Source:T2 Cue:T3\n"
        f"T4\tContent {fair[0]} {fair[1]}\tthe vote was fair\n"
        f"T5\tSource {jones[0]} {jones[1]}\tJones\n"
        f"T6\tCue {said2[0]} {said2[1]}\tsaid\n"
        f"E2\tAttribution:T6 Content:T4 Source:T5 Cue:T6\n"
    )


def test_quotes_read_ann_marks_direct_attributions():
    attributions = read_ann(TEXT, _ann())
    assert [a.direct for a in attributions] == [True, False]
    assert attributions[0].source == (_offsets("Smith"),)


def test_quotes_is_direct_needs_marks_on_both_ends():
    assert is_direct(TEXT, (_offsets("“We won,”"),))
    assert not is_direct(TEXT, (_offsets("the vote was fair"),))


def test_quotes_score_overlap_exact_and_speaker():
    gold = list(read_ann(TEXT, _ann()))
    ours = [
        Prediction((_offsets("We won"),), (_offsets("Smith"),)),  # same letters as the gold content: exact
        Prediction((_offsets("the vote was"),), (_offsets("Smith"),)),  # overlaps, wrong speaker
        Prediction((_offsets("Jones"),), None),  # matches nothing
    ]
    counts = score_article(TEXT, gold, ours)
    assert (counts.predicted, counts.gold) == (3, 2)
    assert counts.overlap == 2
    assert counts.exact == 1
    assert counts.speaker_right == 1


def test_quotes_score_no_source_is_right_only_without_speaker():
    gold = [Attribution((_offsets("the vote was fair"),), None, False)]
    assert score_article(TEXT, gold, [Prediction(gold[0].content, None)]).speaker_right == 1
    assert score_article(TEXT, gold, [Prediction(gold[0].content, (_offsets("Jones"),))]).speaker_right == 0


def test_quotes_predictions_skip_nested_partials_and_unattributed_quotes():
    outer = Quote("q1", "the vote was fair", 26, 43, "indirect", cue="said", speaker_start=21, speaker_end=26)
    nested = Quote("q2", "fair", 39, 43, "partial", cue="said", speaker_start=21, speaker_end=26)
    title = Quote("q3", "We won", 1, 7, "direct")
    broken = Quote("q4", "a … b", 0, 20, "direct", cue="said", parts=(TextSpan(0, 5), TextSpan(15, 20)))
    chosen = predictions((outer, nested, title, broken), direct_only=False)
    assert [p.content for p in chosen] == [((26, 43),), ((0, 5), (15, 20))]
    assert len(predictions((outer, nested, title, broken), direct_only=True)) == 1


def test_quotes_read_polnear_groups_annotators(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "paper_2016-01-01_vote.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("a1", "b2"):
        (tmp_path / "attributions" / f"paper_2016-01-01_vote_{annotator}.ann").write_text(_ann(), encoding="utf-8")
    articles, notes = read_polnear(tmp_path)
    assert notes == []
    assert len(articles) == 1 and len(articles[0].annotations) == 2
