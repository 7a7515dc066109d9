"""Fixtures of the desk's tests: a real SQLite ledger in tmp_path, filled through the real Store with records
built here from texts these tests write (one carries script and onerror payloads everywhere a string goes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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
    TimeExpr,
    TimeRef,
)

SCRIPT = '<script>alert("pwned")</script>'
ONERROR = "<img src=x onerror=alert(1)>"


def _mention(text: str, part: str, *, after: int = 0) -> Mention:
    start = text.index(part, after)
    return Mention(start, start + len(part), part)


def hostile_record() -> ArticleRecord:
    """An attack claimed by a group whose name is a script tag, denied by the army; payloads in every field."""
    group = f"{SCRIPT} Front"
    quote_text = f"We took the town {ONERROR}"
    text = (
        f"Fighters of the {group} attacked Dorvale on 1 March, killing 12 people. "
        f'"{quote_text}," said Bob Smith, a spokesman for the {group}. '
        "The Army denied that the town had fallen."
    )
    article = Article.from_text(text, title=f"Clashes {SCRIPT}", outlet=f"Outlet {ONERROR}", published="2024-03-02")
    text = article.text
    attack = _mention(text, "attacked")
    quote = _mention(text, quote_text)
    denial = _mention(text, "The Army denied that the town had fallen")
    return ArticleRecord(
        article=article,
        entities=(
            Entity(
                id="e1",
                name=group,
                type="ORG",
                mentions=(_mention(text, group), _mention(text, group, after=quote.end)),
                aliases=(ONERROR,),
            ),
            Entity(id="e2", name="Bob Smith", type="PERSON", mentions=(_mention(text, "Bob Smith"),), role="spokesman"),
            Entity(id="e3", name="Army", type="ORG", mentions=(_mention(text, "Army"),)),
        ),
        places=(
            Place(
                id="p1",
                name="Dorvale",
                mentions=(_mention(text, "Dorvale"),),
                lat=34.5,
                lon=69.2,
                country="AF",
                admin1="Kabul",
                feature="city",
                precision=1,
            ),
        ),
        times=(
            TimeExpr(
                id="t1", text="1 March", start=text.index("1 March"), end=text.index("1 March") + 7, value="2024-03-01"
            ),
        ),
        quotes=(
            Quote(
                id="q1",
                text=quote.text,
                start=quote.start,
                end=quote.end,
                kind="direct",
                speaker="e2",
                speaker_text="Bob Smith",
                cue="said",
            ),
        ),
        events=(
            Event(
                id="ev1",
                type="ASSAULT",
                trigger=attack,
                sentence=TextSpan(0, text.index(".") + 1),
                source="e1",
                place="p1",
                when=TimeRef(value="2024-03-01", precision=1, time="t1"),
                status="claimed",
                according_to="e1",
                fatalities=Fatalities(count=12, text="killing 12 people", according_to="reporter"),
                claim="c1",
                confidence=0.8,
            ),
        ),
        claims=(
            Claim(id="c1", claimant="e1", stance="asserts", proposition=f"took the town {ONERROR}", evidence=(quote,)),
            Claim(
                id="c2",
                claimant="e3",
                stance="denies",
                proposition="the town had fallen",
                evidence=(denial,),
                disputes=("c1",),
            ),
        ),
        pipeline="test",
    )


def protest_record() -> ArticleRecord:
    """A second, quiet report: a protest in another country and on another day."""
    text = "Farmers protested in Velmont on 5 April against new taxes."
    article = Article.from_text(text, title="Farmers protest", outlet="Daily Plain", published="2024-04-05")
    return ArticleRecord(
        article=article,
        entities=(Entity(id="e1", name="Farmers", type="NORP", mentions=(_mention(text, "Farmers"),)),),
        places=(
            Place(id="p1", name="Velmont", mentions=(_mention(text, "Velmont"),), lat=46.0, lon=4.0, country="FR"),
        ),
        events=(
            Event(
                id="ev1",
                type="PROTEST",
                trigger=_mention(text, "protested"),
                sentence=TextSpan(0, len(text)),
                source="e1",
                place="p1",
                when=TimeRef(value="2024-04-05", precision=1),
                status="reported",
            ),
        ),
        pipeline="test",
    )


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    from newsledger.resolve import resolve_store
    from newsledger.store import Store

    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        store.save_record(hostile_record())
        store.save_record(protest_record())
        resolve_store(store)
    return db


@pytest.fixture
def client(ledger: Path) -> Iterator[TestClient]:
    from newsledger.api import create_app

    with TestClient(create_app(ledger)) as test_client:
        yield test_client


@pytest.fixture
def token(ledger: Path) -> str:
    from newsledger.api.auth import create_token
    from newsledger.store import Store

    with Store.open(ledger) as store:
        return create_token(store, "analyst")
