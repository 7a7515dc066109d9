from __future__ import annotations

from pathlib import Path

from newsledger.eval.coref import Mention
from newsledger.eval.coref_entities import (
    NameTest,
    _views,
    annotated,
    recurring_unlinked,
    selected_sentences,
    wrong_links,
)

NO_COMMON = NameTest(frozenset(), frozenset())


def _mentions() -> list[Mention]:
    # d1 and d2 name the same man; the annotators linked him in d1 only and left d2's names as singletons
    return [
        Mention("1", "1", "1_1ecb", 0, (1,), "Karl Brandt", "hum1"),
        Mention("2", "1", "1_1ecb", 1, (9,), "Brandt", "hum1"),
        Mention("3", "1", "1_2ecb", 0, (1,), "Karl Brandt", "1_2ecb:singleton:m3"),
        Mention("4", "1", "1_2ecb", 2, (30,), "Brandt", "1_2ecb:singleton:m4"),
        Mention("5", "1", "1_2ecb", 3, (40,), "Ilse Meyer", "hum2"),
    ]


def test_coref_entities_wrong_links_are_counted_by_gold_kind_and_name_relation():
    counts = wrong_links(_mentions(), NO_COMMON)
    # the resolver joins 1-4 (one man): 6 links, 1-2 right; 4 join a linked mention to a singleton, 1 two singletons
    assert counts["total"] == 5
    assert counts["gold_linked/unlinked"] == 4 and counts["gold_unlinked/unlinked"] == 1
    assert counts["names_same_name"] == 2 and counts["names_same_last"] == 3
    assert counts["in_document"] == 1 and counts["across_documents"] == 4


def _selection(tmp_path: Path) -> frozenset[tuple[str, int]]:
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n1,2ecb,0\n1,2ecb,3\n1,3ecb,0\n", encoding="utf-8"
    )
    selected = selected_sentences(tmp_path)
    assert selected is not None
    return selected


def test_coref_entities_views_score_only_what_the_annotators_linked(tmp_path: Path):
    selected = _selection(tmp_path)
    assert ("2ecb", 3) in selected and ("1ecb", 1) not in selected
    assert selected_sentences(tmp_path / "missing") is None
    result = _views(_mentions(), NO_COMMON, selected)
    linked = result["linked_mentions"]
    assert linked["n"] == 3 and linked["metrics"]["b3_p"] == 1.0 and linked["metrics"]["conll_f1"] == 1.0
    inside = result["selected_sentences"]
    assert inside["n"] == 3  # mentions 1, 3 and 5; 1 and 3 are one cluster, gold says two
    assert inside["metrics"]["b3_p"] < 1.0
    assert result["all_names"]["n"] == 5 and result["all_names"]["metrics"]["b3_p"] < 1.0


def test_coref_entities_headline_is_the_chained_names_of_the_selected_sentences(tmp_path: Path):
    selected = _selection(tmp_path)
    mentions = _mentions()
    # mention 2 is in a chain but outside the selection; 3 and 4 are in no chain
    assert annotated(mentions, selected) == frozenset({"1", "5"})
    assert _views(mentions, NO_COMMON, selected)["metrics"]["b3_p"] == 1.0
    # a second Ilse Meyer the annotators gave an instance of her own: joining her is a wrong link the headline counts
    mentions.append(Mention("6", "1", "1_3ecb", 0, (1,), "Ilse Meyer", "hum3"))
    result = _views(mentions, NO_COMMON, selected)
    assert result["n"] == 3 and result["metrics"]["b3_p"] < 1.0
    assert result["wrong_links"]["gold_linked/linked"] == 1
    # the one unlinked name in a selected sentence (mention 3) carries a name another mention of its topic carries
    assert recurring_unlinked(mentions, selected) == (1, 1)
