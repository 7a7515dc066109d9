"""Acceptance: the quotes and reported statements of the seed report's hand annotation."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.conftest import SEED_GOLD


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().strip('"').strip().lower()


def _overlaps(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _same_actor(entity, accepted: list[str]) -> bool:
    """The entity's name, aliases or mentions hold the gold name; for persons the surname is enough."""
    if entity is None:
        return False
    names = {_norm(entity.name), *(_norm(a) for a in entity.aliases), *(_norm(m.text) for m in entity.mentions)}
    for gold in map(_norm, accepted):
        if gold in names:
            return True
        if entity.type == "PERSON" and 2 <= len(gold.split()) <= 4:
            if any(name.split() and name.split()[-1] == gold.split()[-1] for name in names):
                return True
    return False


@pytest.fixture(scope="module")
def gold():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _found_and_right(record, items, text_key):
    entities = {e.id: e for e in record.entities}
    found = right = 0
    for item in items:
        match = next((q for q in record.quotes if _overlaps(q.text, item[text_key])), None)
        if match is None:
            continue
        found += 1
        accepted = [item["speaker"], *item.get("speaker_alternatives", [])]
        right += _same_actor(entities.get(match.speaker), accepted)
    return found, right


@pytest.mark.model
def test_quotes_seed_quoted_passages(seed_record, gold):
    found, right = _found_and_right(seed_record, gold["quotes"], "text")
    assert found == len(gold["quotes"]) == 14
    assert right >= 12


@pytest.mark.model
def test_quotes_seed_reported_statements(seed_record, gold):
    statements = gold["indirect_statements"]
    _found, right = _found_and_right(seed_record, statements, "content")
    assert len(statements) == 10
    assert right >= 8
