"""Hand-built records for store, resolve and export tests: texts the tests write, offsets found in them."""

from __future__ import annotations

from typing import Any

from newsledger.model import (
    Article,
    ArticleRecord,
    Claim,
    Entity,
    Event,
    Fatalities,
    Mention,
    Place,
    Quote,
    TextSpan,
    TimeRef,
)


def span(text: str, part: str, *, after: int = 0) -> Mention:
    start = text.index(part, after)
    return Mention(start, start + len(part), part)


def build_record(
    text: str,
    *,
    outlet: str | None = "Test Wire",
    published: str = "2021-09-06",
    people: dict[str, str] | None = None,  # entity id -> name as written
    groups: dict[str, str] | None = None,
    places: dict[str, dict[str, Any]] | None = None,  # place id -> {name, lat, lon, country, admin1, precision}
    events: list[dict[str, Any]] | None = None,  # {type, trigger, source, target, place, when, fatalities, status}
    claims: list[dict[str, Any]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
    pipeline: str = "test-1",
) -> ArticleRecord:
    article = Article.from_text(text, outlet=outlet, published=published)
    text = article.text
    entities = []
    for kind, found in (("PERSON", people or {}), ("ORG", groups or {})):
        for entity_id, name in found.items():
            entities.append(Entity(id=entity_id, name=name, type=kind, mentions=(span(text, name),)))
    place_records = [
        Place(
            id=place_id,
            name=info["name"],
            mentions=(span(text, info["name"]),) if info["name"] in text else (),
            lat=info.get("lat"),
            lon=info.get("lon"),
            country=info.get("country"),
            admin1=info.get("admin1"),
            precision=info.get("precision", 1),
        )
        for place_id, info in (places or {}).items()
    ]
    event_records = []
    for index, info in enumerate(events or [], start=1):
        trigger = span(text, info["trigger"])
        fatalities = info.get("fatalities")
        event_records.append(
            Event(
                id=f"ev{index}",
                type=info["type"],
                trigger=trigger,
                sentence=TextSpan(0, len(text)),
                source=info.get("source"),
                target=info.get("target"),
                place=info.get("place"),
                when=TimeRef(info["when"], 1) if info.get("when") else None,
                status=info.get("status", "reported"),
                fatalities=Fatalities(fatalities, str(fatalities), "reporter") if fatalities is not None else None,
                claim=info.get("claim"),
                acled_type=info.get("acled_type"),
                acled_subtype=info.get("acled_subtype"),
            )
        )
    claim_records = [
        Claim(
            id=info.get("id", f"c{index}"),
            claimant=info.get("claimant", "reporter"),
            stance=info["stance"],
            proposition=info["proposition"],
            disputes=tuple(info.get("disputes", ())),
        )
        for index, info in enumerate(claims or [], start=1)
    ]
    quote_records = []
    for index, info in enumerate(quotes or [], start=1):
        found = span(text, info["text"])
        quote_records.append(
            Quote(
                id=f"q{index}",
                text=found.text,
                start=found.start,
                end=found.end,
                kind="direct",
                speaker=info.get("speaker"),
            )
        )
    return ArticleRecord(
        article=article,
        entities=tuple(entities),
        places=tuple(place_records),
        events=tuple(event_records),
        claims=tuple(claim_records),
        quotes=tuple(quote_records),
        pipeline=pipeline,
    )
