"""The naive dependency baseline of the arguments evaluation, on sentences the tests write."""

from __future__ import annotations

import pytest

from newsledger.extract.event_baseline import records_with_baseline
from newsledger.model import Article

pytestmark = pytest.mark.model


def test_event_baseline_reads_subject_object_and_nearest_place(nlp):
    text = "Gunmen attacked a police station in Kano on Monday."
    ((record, baseline),) = list(records_with_baseline(nlp, [Article.from_text(text)]))
    attack = next(e for e in record.events if e.trigger.text == "attacked")
    arguments = baseline[attack.id]
    assert arguments.source is not None and text[slice(*arguments.source)] == "Gunmen"
    assert arguments.target is not None and text[slice(*arguments.target)] == "station"
    assert arguments.place is not None and text[slice(*arguments.place)] == "Kano"


def test_event_baseline_leaves_a_role_empty_when_the_parse_has_none(nlp):
    text = "The attack on the convoy angered residents."
    ((record, baseline),) = list(records_with_baseline(nlp, [Article.from_text(text)]))
    attack = next(e for e in record.events if e.trigger.text == "attack")
    assert baseline[attack.id].source is None and baseline[attack.id].place is None
