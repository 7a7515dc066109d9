from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.eval.coref import b_cubed, ceaf_e, gold_clusters, muc, read_corpus, score_clusters


def test_coref_muc_follows_vilain_et_al():
    key = [["a", "b", "c", "d"]]
    precision, recall, _f1 = muc(key, [["a", "b"], ["c", "d"]])
    assert recall == pytest.approx(2 / 3)
    assert precision == 1.0


def test_coref_perfect_response_scores_one_and_all_singletons_score_zero_muc():
    key = [["a", "b"], ["c"], ["d", "e", "f"]]
    assert score_clusters(key, key)["conll_f1"] == pytest.approx(1.0)
    singletons = [[m] for cluster in key for m in cluster]
    assert muc(key, singletons)[2] == 0.0
    assert b_cubed(key, singletons)[0] == 1.0  # every singleton is precise
    assert 0 < ceaf_e(key, singletons)[2] < 1


def test_coref_b_cubed_of_one_merged_cluster():
    key = [["a", "b"], ["c", "d"]]
    precision, recall, _ = b_cubed(key, [["a", "b", "c", "d"]])
    assert recall == 1.0
    assert precision == pytest.approx(0.5)


DOC = """<Document doc_name="{name}" doc_id="1">
<token t_id="1" sentence="0" number="0">Rebels</token>
<token t_id="2" sentence="0" number="1">attacked</token>
<token t_id="3" sentence="0" number="2">Dara</token>
<token t_id="4" sentence="0" number="3">and</token>
<token t_id="5" sentence="0" number="4">left</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="2"><token_anchor t_id="5"/></ACTION_OCCURRENCE>
<LOC_GEO m_id="3"><token_anchor t_id="3"/></LOC_GEO>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t1_attack" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1" /><target m_id="9" /></CROSS_DOC_COREF>
</Relations>
</Document>"""


def test_coref_reads_gold_chains_and_singletons(tmp_path: Path):
    topic = tmp_path / "ECB+" / "1"
    topic.mkdir(parents=True)
    for name in ("1_1ecb.xml", "1_2ecb.xml"):
        (topic / name).write_text(DOC.format(name=name))
    documents = read_corpus(tmp_path)
    mentions = [m for doc in documents for m in doc.mentions]
    assert [m.text for m in mentions] == ["attacked", "left", "attacked", "left"]
    clusters = sorted(sorted(c) for c in gold_clusters(mentions))
    assert clusters == [["1_1ecb:1", "1_2ecb:1"], ["1_1ecb:2"], ["1_2ecb:2"]]
    assert [(tag, sentence) for tag, sentence, _ in documents[0].arguments] == [("LOC_GEO", 0)]


def test_coref_false_link_rate_counts_cross_document_links_across_gold_topics():
    from newsledger.eval.coref import Mention, false_link_rate_of

    def mention(id_: str, topic: str, doc: str) -> Mention:
        return Mention(id_, topic, doc, 0, (1,), "attack", "g")

    mentions = [mention("a", "1", "d1"), mention("b", "1", "d1"), mention("c", "1", "d2"), mention("d", "2", "d3")]
    # {a, b, c, d}: cross-document pairs a-c, b-c, a-d, b-d, c-d; of them a-d, b-d, c-d cross topics
    assert false_link_rate_of(mentions, [["a", "b", "c", "d"]]) == 3 / 5
    assert false_link_rate_of(mentions, [["a", "b", "c"], ["d"]]) == 0.0


def test_coref_gate_is_the_last_quarter_of_topics_by_number():
    from newsledger.eval.coref import split_topics

    development, gate = split_topics(str(t) for t in range(1, 13))
    assert development == [str(t) for t in range(1, 10)] and gate == ["10", "11", "12"]


def test_coref_entities_names_and_pooled_person_clusters(tmp_path: Path):
    from newsledger.eval.coref import Mention
    from newsledger.eval.coref_entities import NameTest, is_name, person_clusters

    assert is_name("Barack Obama") and is_name("Obama's")
    assert not is_name("he") and not is_name("I'm")
    assert not is_name("Lawyer", frozenset({"lawyer"}), sentence_initial=True)
    assert is_name("Page", frozenset({"page"}), sentence_initial=False)
    mentions = [
        Mention("1", "1", "d1", 0, (1,), "Barack Obama", "obama"),
        Mention("2", "1", "d1", 1, (9,), "Obama", "obama"),
        Mention("3", "2", "d2", 0, (1,), "Michelle Obama", "michelle"),
        Mention("4", "2", "d2", 0, (5,), "she", "michelle"),
    ]
    clusters = sorted(sorted(c) for c in person_clusters(mentions, NameTest(frozenset(), frozenset())))
    assert clusters == [["1", "2"], ["3"], ["4"]]


def test_coref_entities_a_common_word_in_a_title_cased_headline_is_no_name():
    from newsledger.eval.coref import Document, Mention
    from newsledger.eval.coref_entities import NameTest, title_cased

    headline = Document("d1", "1")
    for t_id, word in enumerate("Woman Found Dead In Her Home After Fire".split()):
        headline.tokens[t_id] = (word, 0)
    for t_id, word in enumerate("A woman was found dead , police said .".split(), start=20):
        headline.tokens[t_id] = (word, 1)
    titles = title_cased([headline])
    assert titles == frozenset({("d1", 0)})
    test = NameTest(frozenset({"woman", "page"}), frozenset({("d1", 0), ("d1", 20)}), titles)
    assert not test(Mention("1", "1", "d1", 0, (0,), "Woman", "w"))
    assert not test(Mention("2", "1", "d1", 0, (4,), "Woman", "w"))  # anywhere in the headline
    assert test(Mention("3", "1", "d1", 1, (23,), "Page", "p"))  # mid-sentence in running text: a surname
