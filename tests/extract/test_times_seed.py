"""Acceptance: every time expression of the seed gold comes out with the gold value (as seed_report checks)."""

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


GOLD_TIMES = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["times"] if SEED_GOLD.exists() else []


@pytest.mark.model
@pytest.mark.parametrize("gold", GOLD_TIMES, ids=[t["text"] for t in GOLD_TIMES])
def test_times_seed_gold_value(seed_record, gold):
    candidates = [t for t in seed_record.times if _overlaps(t.text, gold["text"])]
    assert candidates, f"no time expression overlaps {gold['text']!r}"
    accepted = [gold["value"], *gold.get("value_alternatives", [])]
    assert any(t.value in accepted for t in candidates), [(t.text, t.value) for t in candidates]
