"""Acceptance: every place of the seed's gold with coordinates within 50 km, every country to its ISO code."""

import json
import math

import pytest

from tests.conftest import SEED_GOLD

pytestmark = pytest.mark.model


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _gold_places():
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))["places"]


@pytest.mark.parametrize("gold", _gold_places(), ids=lambda g: g["text"])
def test_places_seed_gold_place_resolved(seed_record, gold):
    places = [
        p
        for p in seed_record.places
        if p.name.lower() == gold["text"].lower() or any(m.text.lower() == gold["text"].lower() for m in p.mentions)
    ]
    assert places, f"{gold['text']} not found"
    place = places[0]
    assert place.country == gold["country"]
    if "lat" in gold:
        assert _km(gold["lat"], gold["lon"], place.lat, place.lon) <= 50
