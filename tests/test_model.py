from __future__ import annotations

import json

from newsledger.model import (
    Article,
    ArticleRecord,
    Claim,
    Entity,
    Event,
    Fatalities,
    Mention,
    Place,
    Quantity,
    Quote,
    TextSpan,
    TimeExpr,
    TimeRef,
    article_id_for,
)


def _full_record() -> ArticleRecord:
    text = "Café fighting in Kabul killed 2, officials said."
    article = Article.from_text(text, url="http://x", outlet="O", title="T", published="2021-09-06")
    m = Mention(17, 22, "Kabul")
    return ArticleRecord(
        article=article,
        entities=(Entity(id="e1", name="Kabul", type="GPE", mentions=(m,), aliases=("Kabol",), country="AF"),),
        places=(Place(id="p1", name="Kabul", mentions=(m,), geonameid=1138958, lat=34.5, lon=69.2, precision=1),),
        times=(TimeExpr(id="t1", text="x", start=0, end=1, value="P1W", type="DURATION"),),
        quotes=(Quote(id="q1", text="y", start=1, end=2, kind="indirect", cue="said", cue_start=40, cue_end=44),),
        quantities=(Quantity(id="n1", text="2", start=30, end=31, value=2.0, unit="people", category="killed"),),
        events=(
            Event(
                id="ev1",
                type="ASSAULT",
                trigger=Mention(5, 13, "fighting"),
                sentence=TextSpan(0, len(text)),
                when=TimeRef("2021-09-06", 1),
                fatalities=Fatalities(2, "2", "reporter"),
                confidence=0.5,
            ),
        ),
        claims=(
            Claim(id="c1", claimant="reporter", stance="asserts", proposition="p", evidence=(m,), disputes=("c2",)),
        ),
        pipeline="test",
        warnings=("w",),
    )


def test_model_json_round_trip_is_lossless():
    record = _full_record()
    again = ArticleRecord.from_json(record.to_json())
    assert again == record
    assert again.to_json() == record.to_json()


def test_model_json_has_public_shape():
    data = json.loads(_full_record().to_json())
    assert set(data) >= {"article", "entities", "places", "times", "quotes", "quantities", "events", "claims"}
    assert data["article"]["chars"] == len(data["article"]["text"])
    assert data["events"][0]["trigger"] == {"start": 5, "end": 13, "text": "fighting"}
    assert data["events"][0]["when"]["value"] == "2021-09-06"
    assert data["entities"][0]["mentions"][0] == {"start": 17, "end": 22, "text": "Kabul"}


def test_model_article_id_is_sha256_of_nfc_text():
    composed = "Caf\u00e9"
    decomposed = "Cafe\u0301"
    assert article_id_for(composed) == article_id_for(decomposed)
    assert Article.from_text(decomposed).text == composed
    assert len(article_id_for("x")) == 64


def test_model_vocabulary_fields_are_typed_by_their_vocabularies():
    import typing

    from newsledger.model import CLAIM_STANCES, EVENT_STATUSES, QUOTE_KINDS, Claim, Event, Quote

    for record, name, values in ((Quote, "kind", QUOTE_KINDS), (Claim, "stance", CLAIM_STANCES)):
        assert typing.get_args(typing.get_type_hints(record)[name]) == values
    assert typing.get_args(typing.get_type_hints(Event)["status"]) == EVENT_STATUSES
    assert "reported" in EVENT_STATUSES and "indirect" in QUOTE_KINDS and "denies" in CLAIM_STANCES
