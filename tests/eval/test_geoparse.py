import json

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.eval.geoparse import Alignment, GoldToponym, read_gold, score_resolutions, span_scores
from newsledger.gazetteer.index import Candidate

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <domain>example-ohio-paper.com</domain>
    <text><![CDATA[Police in Columbus, Ohio arrested a man from Nairobi.]]></text>
    <toponyms>
      <toponym><start>10</start><end>18</end><phrase>Columbus</phrase>
        <gaztag geonameid="4509177"><name>Columbus</name><fcode>PPLA</fcode><lat>39.96118</lat><lon>-82.99879</lon>
        </gaztag></toponym>
      <toponym><start>20</start><end>24</end><phrase>Ohio</phrase>
        <gaztag geonameid="5165418"><name>Ohio</name><fcode>ADM1</fcode><lat>40.25034</lat><lon>-83.00018</lon>
        </gaztag></toponym>
      <toponym><start>44</start><end>51</end><phrase>Nairobi</phrase>
        <gaztag geonameid="184745"><name>Nairobi</name><lat>-1.28333</lat><lon>36.81667</lon></gaztag></toponym>
      <toponym><start>0</start><end>5</end><phrase>Atlantis</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GEOVIRUS_XML = """<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Cases rose in Lima and in Peru's north.</text>
    <locations>
      <location><name>Lima</name><start>15</start><end>19</end><lat>-12.04</lat><lon>-77.03</lon></location>
      <location><name>Peru</name><start>27</start><end>31</end><lat>-10</lat><lon>-76</lon></location>
      <location><name>Quito</name><start>1</start><end>6</end><lat>-0.22</lat><lon>-78.5</lon></location>
    </locations>
  </article>
</articles>
"""


def test_geoparse_reads_lgl_layout_and_realigns_spans(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    alignment = Alignment()
    (article,) = read_gold(path, alignment)
    assert article.domain == "example-ohio-paper.com"
    # Nairobi's gold offsets are one off: moved to the exact occurrence; Atlantis is not in the text.
    assert (alignment.exact, alignment.moved, alignment.unaligned) == (2, 1, 1)
    nairobi = article.toponyms[-1]
    assert article.text[nairobi.start : nairobi.end] == "Nairobi" and nairobi.geonameid == 184745


def test_geoparse_reads_geovirus_layout(tmp_path):
    path = tmp_path / "GeoVirus.xml"
    path.write_text(GEOVIRUS_XML, encoding="utf-8")
    alignment = Alignment()
    (article,) = read_gold(path, alignment)
    assert [t.phrase for t in article.toponyms] == ["Lima", "Peru"]
    assert alignment.moved == 2 and alignment.unaligned == 1
    assert article.toponyms[0].lat == -12.04 and article.toponyms[0].geonameid is None


def test_geoparse_span_scores_exact_and_overlap():
    gold = [{(0, 5), (10, 20)}]
    predicted = [{(0, 5), (12, 20), (30, 35)}]
    scores = span_scores(gold, predicted)
    assert scores["toponym_precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["toponym_recall"] == 0.5
    assert scores["toponym_overlap_recall"] == 1.0
    assert scores["toponym_overlap_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["toponym_f1"] == pytest.approx(0.8, abs=1e-3)


def test_geoparse_gold_toponyms_command_scores_resolution(tmp_path):
    path = tmp_path / "lgl.xml"
    path.write_text(LGL_XML, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geoparse", str(path), "--gold-toponyms", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    metrics = data["metrics"]
    assert data["task"] == "geoparse" and data["n"] == 1
    assert metrics["n_toponyms"] == 3
    assert metrics["acc_161km"] == 1.0 and metrics["exact_id"] == 1.0
    assert metrics["median_km"] < 161
    assert any("moved" in note for note in data["notes"])
    # per kind of gold place, from the GeoNames feature codes (Nairobi's gold gives none: "other")
    assert data["per_class"]["city"]["n"] == 1 and data["per_class"]["division"]["n"] == 1
    assert data["per_class"]["other"]["n"] == 1


def test_geoparse_articles_option_scores_a_slice_in_file_order(tmp_path):
    path = tmp_path / "lgl.xml"
    second = LGL_XML.split("<article ")[1].split("</article>")[0].replace("Nairobi", "Lagos")
    path.write_text(LGL_XML.replace("</articles>", f"<article {second}</article></articles>"), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geoparse", str(path), "--gold-toponyms", "--json", "--articles", "1:"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 1 and any("articles 1: of the file's 2" in note for note in data["notes"])
    bad = CliRunner().invoke(app, ["eval", "geoparse", str(path), "--gold-toponyms", "--articles", "x"])
    assert bad.exit_code != 0


def _place(geonameid: int | None, lat: float | None, lon: float | None) -> Candidate:
    return Candidate(1, geonameid, "X", "city", "US", None, None, None, lat, lon, 0, False, "name")


def test_geoparse_misses_are_grouped_by_kind_and_cause():
    def gold(code: str, geonameid: int) -> GoldToponym:
        return GoldToponym("X", 0, 1, 40.0, -83.0, geonameid, code)

    pairs = [
        (gold("PPL", 1), _place(1, 40.1, -83.1)),  # right, within 161 km
        (gold("PPL", 2), _place(3, 10.0, 10.0)),  # a namesake far away
        (gold("ADM1", 4), _place(4, 45.0, -83.0)),  # the right id at a point 556 km off
        (gold("PCLI", 5), None),  # no candidate
        (gold("PCLI", 8), _place(None, None, None)),  # end to end: a place found with no referent
        (gold("PPL", 6), _place(7, 40.0, -83.0)),  # another id at the gold's point: within 161 km, not exact
    ]
    metrics, per_kind = score_resolutions(pairs)
    assert (
        metrics["n_toponyms"] == 6
        and metrics["acc_161km"] == round(2 / 6, 4)
        and metrics["exact_id"] == round(2 / 6, 4)
    )
    assert per_kind["city"] == {
        "n": 3,
        "no_candidate": 0,
        "wrong_referent": 1,
        "right_id_other_point": 0,
        "acc_161km": round(2 / 3, 4),
    }
    assert per_kind["division"]["right_id_other_point"] == 1
    assert per_kind["country"]["no_candidate"] == 2 and metrics["unresolved"] == 2


def test_geoparse_command_reports_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["eval", "geoparse", str(tmp_path / "nope.xml"), "--gold-toponyms"])
    assert result.exit_code == 1


@pytest.mark.model
def test_geoparse_end_to_end_scores_ours_beside_spacy(tmp_path):
    path = tmp_path / "GeoVirus.xml"
    path.write_text(GEOVIRUS_XML, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "geoparse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert 0 <= data["metrics"]["toponym_f1"] <= 1
    assert "spacy_gpe_loc_fac" in data["baselines"]
    assert data["metrics"]["toponym_recall"] > 0
    # the places found on gold toponyms are scored for their points too (GeoVirus has no ids)
    assert data["metrics"]["n_toponyms"] >= 1 and data["metrics"]["exact_id"] is None
    assert 0 <= data["metrics"]["acc_161km"] <= 1
