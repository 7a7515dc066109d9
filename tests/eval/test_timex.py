"""The TimeML scorer on a tiny .tml file the test writes."""

from __future__ import annotations

import pytest

from newsledger.eval.timex import GoldTimex, TimeMLDoc, read_tml, score
from newsledger.model import TimeExpr

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2010-03-17" temporalFunction="false" functionInDocument="CREATION_TIME">20100317</TIMEX3></DCT>
<TEXT>
Prices <EVENT eid="e1" class="OCCURRENCE">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="2010-03-16">yesterday</TIMEX3> &amp; fell for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> before <TIMEX3 tid="t3" type="DATE" value="2010-W10">last week</TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


@pytest.fixture
def tml_doc(tmp_path):
    path = tmp_path / "t1.tml"
    path.write_text(TML, encoding="utf-8")
    return read_tml(path)


def _expr(doc: TimeMLDoc, text: str, value: str | None, kind: str = "DATE", *, widen: int = 0) -> TimeExpr:
    start = doc.text.index(text)
    return TimeExpr(id="x", text=text, start=start - widen, end=start + len(text), value=value, type=kind)


def test_timex_read_tml_offsets_and_dct(tml_doc):
    assert tml_doc.dct == "2010-03-17"
    assert [g.text for g in tml_doc.timexes] == ["yesterday", "two weeks", "last week"]
    for gold in tml_doc.timexes:
        assert tml_doc.text[gold.start : gold.end] == gold.text
    assert "&" in tml_doc.text and "<EVENT" not in tml_doc.text


def test_timex_score_strict_relaxed_value_type(tml_doc):
    system = [
        _expr(tml_doc, "yesterday", "2010-03-16"),  # exact, right value
        _expr(tml_doc, "two weeks", "P2W", "DURATION", widen=4),  # "for two weeks": relaxed only
        _expr(tml_doc, "Prices", None),  # false positive
    ]
    metrics = score([tml_doc], [system])
    assert metrics["strict_precision"] == pytest.approx(1 / 3)
    assert metrics["strict_recall"] == pytest.approx(1 / 3)
    assert metrics["relaxed_precision"] == pytest.approx(2 / 3)
    assert metrics["relaxed_recall"] == pytest.approx(2 / 3)
    assert metrics["relaxed_f1"] == pytest.approx(2 / 3)
    assert metrics["value_acc"] == pytest.approx(1.0)
    assert metrics["value_f1"] == pytest.approx(2 / 3)
    assert metrics["type_acc"] == pytest.approx(1.0)


def test_timex_score_wrong_value_counts_against_value_f1(tml_doc):
    system = [_expr(tml_doc, "yesterday", "2010-03-15"), _expr(tml_doc, "last week", "2010-W10", "DURATION")]
    metrics = score([tml_doc], [system])
    assert metrics["relaxed_f1"] == pytest.approx(0.8)
    assert metrics["value_acc"] == pytest.approx(0.5)
    assert metrics["value_f1"] == pytest.approx(0.4)
    assert metrics["type_acc"] == pytest.approx(0.5)


def test_timex_read_tml_without_dct_is_an_error(tmp_path):
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>no dates</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(ValueError):
        read_tml(path)


def test_timex_gold_record_is_plain():
    gold = GoldTimex(0, 5, "today", "DATE", "2010-03-17")
    assert gold.value == "2010-03-17"


def test_timex_score_compares_values_as_exact_strings(tml_doc):
    # TempEval-3's script compares value strings as written: an ISO week spelled differently is another value
    system = [_expr(tml_doc, "last week", "2010-W010")]
    metrics = score([tml_doc], [system])
    assert metrics["relaxed_recall"] == pytest.approx(1 / 3)
    assert metrics["value_acc"] == pytest.approx(0.0)
