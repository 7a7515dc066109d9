"""Acceptance on the seed article: the gold events found by trigger overlap, and typed as the gold says."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from tests.conftest import SEED_GOLD

pytestmark = pytest.mark.model


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().strip('"').strip().lower()


def _overlaps(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def test_events_seed_gold_found_and_typed(seed_record):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["events"]
    found = typed = 0
    for event in gold:
        candidates = [e for e in seed_record.events if _overlaps(e.trigger.text, event["trigger_text"])]
        found += bool(candidates)
        typed += any(e.type == event["plover"] for e in candidates)
    assert len(gold) == 21
    assert found >= 15
    assert typed >= 12


def test_events_seed_records_are_well_formed(seed_record):
    text = seed_record.article.text
    place_ids = {p.id for p in seed_record.places}
    entity_ids = {e.id for e in seed_record.entities}
    for event in seed_record.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.place is None or event.place in place_ids
        assert event.source is None or event.source in entity_ids
        assert event.target is None or event.target in entity_ids
        assert event.according_to == "reporter" or event.according_to in entity_ids
        assert event.confidence is not None and 0 < event.confidence <= 1
