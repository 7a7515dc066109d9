"""`newsledger eval ner`: reading CoNLL-2003, rebuilding text and gold spans, and exact-span scoring."""

from __future__ import annotations

import json

import pytest

from newsledger.eval.ner import ConllDocument, read_conll, score

TINY = """-DOCSTART- -X- O O

Peter NNP B-NP B-PER
Blair NNP I-NP I-PER
visited VBD B-VP O
Paris NNP B-NP B-LOC
. . O O

Reuters NNP B-NP B-ORG
said VBD B-VP O
so RB O O
. . O O

-DOCSTART- -X- O O

German JJ B-NP B-MISC
banks NNS I-NP O
rose VBD B-VP O
. . O O
"""


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_ner_reads_documents_split_at_docstart(tiny):
    documents = read_conll(tiny)
    assert [len(d.sentences) for d in documents] == [2, 1]
    text, spans = documents[0].text_and_spans()
    assert text == "Peter Blair visited Paris .\nReuters said so ."
    assert {(text[a:b], label) for a, b, label in spans} == {
        ("Peter Blair", "PER"),
        ("Paris", "LOC"),
        ("Reuters", "ORG"),
    }


def test_ner_splits_at_datelines_when_docstart_is_missing(tmp_path):
    rows = []
    for headline, city in (("RAIN FALLS", "LONDON"), ("SUN SHINES", "PARIS")):
        rows += [f"{w} NNP B-NP O" for w in headline.split()] + [""]
        rows += [f"{city} NNP B-NP B-LOC", "1996-08-30 CD I-NP O", ""]
        rows += ["It PRP B-NP O", "rained VBD B-VP O", ". . O O", ""]
    path = tmp_path / "nodocstart.conll"
    path.write_text("\n".join(rows), encoding="utf-8")
    documents = read_conll(path)
    assert [d.sentences[0][0][0] for d in documents] == ["RAIN", "SUN"]


def test_ner_iob1_inside_tag_opens_a_span():
    document = ConllDocument([[("New", "I-LOC"), ("York", "I-LOC"), ("and", "O"), ("Boston", "I-LOC")]])
    text, spans = document.text_and_spans()
    assert sorted(text[a:b] for a, b, _ in spans) == ["Boston", "New York"]


def test_ner_score_exact_spans_by_hand():
    gold = [{(0, 11, "PER"), (20, 25, "LOC"), (28, 35, "ORG")}, {(0, 6, "MISC")}]
    predicted = [
        {(0, 11, "PER"), (20, 25, "ORG"), (28, 35, "ORG"), (40, 44, "LOC")},  # 2 right, 1 wrong type, 1 spurious
        {(0, 12, "MISC")},  # wrong boundary
    ]
    metrics = score(gold, predicted)
    # tp 2, predicted 5, gold 4 -> P 0.4, R 0.5, F1 = 2*0.4*0.5/0.9
    assert metrics["micro_p"] == 0.4
    assert metrics["micro_r"] == 0.5
    assert metrics["micro_f1"] == round(0.4 / 0.9, 4)
    assert metrics["PER_f1"] == 1.0
    assert metrics["ORG_p"] == 0.5 and metrics["ORG_r"] == 1.0
    assert metrics["LOC_p"] == 0.0 and metrics["LOC_r"] == 0.0
    assert metrics["MISC_f1"] == 0.0
    assert metrics["gold_entities"] == 4


def test_ner_broken_file_is_one_line_error(tmp_path, capsys):
    import typer

    from newsledger.eval.ner import command

    path = tmp_path / "broken.conll"
    path.write_text("Peter\n", encoding="utf-8")
    with pytest.raises(typer.Exit):
        command(path, json_out=True, limit=None)
    err = capsys.readouterr().err.strip()
    assert "[E202]" in err and str(path) in err and "\n" not in err


@pytest.mark.model
def test_ner_command_prints_contract_json_with_spacy_baseline(tiny, capsys):
    from newsledger.eval.ner import command

    command(tiny, json_out=True, limit=None)
    result = json.loads(capsys.readouterr().out)
    assert result["task"] == "ner" and result["n"] == 2 and result["path"] == str(tiny)
    for metrics in (result["metrics"], result["baselines"]["spacy"]):
        assert 0.0 <= metrics["micro_f1"] <= 1.0
        assert metrics["gold_entities"] == 4
