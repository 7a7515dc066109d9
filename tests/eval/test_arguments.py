"""The arguments scorer and the type table, on small WikiEvents and RAMS files the tests write."""

from __future__ import annotations

import json

import pytest

from newsledger.eval.argument_types import mapping_of, role_family
from newsledger.eval.arguments import (
    PredictedEvent,
    head_start,
    read_rams,
    read_wikievents,
    score_rams,
    score_wikievents,
    select_part,
)


def _sentence(tokens: list[str], start: int) -> tuple[list[list], str, int]:
    out = []
    offset = start
    for token in tokens:
        out.append([token, offset, offset + len(token)])
        offset += len(token) + 1
    return out, " ".join(tokens), offset


@pytest.fixture
def wikievents_file(tmp_path):
    first, first_text, after = _sentence("Gunmen attacked a bus in Kano".split(), 0)
    second, second_text, _ = _sentence("They killed the driver .".split(), after)
    tokens = [t[0] for t in first + second]
    row = {
        "doc_id": "d1",
        "tokens": tokens,
        "text": first_text + second_text,
        "sentences": [[first, first_text], [second, second_text]],
        "entity_mentions": [
            {"id": "d1-T1", "sent_idx": 0, "start": 0, "end": 1, "entity_type": "PER", "text": "Gunmen"},
            {"id": "d1-T2", "sent_idx": 0, "start": 3, "end": 4, "entity_type": "VEH", "text": "bus"},
            {"id": "d1-T3", "sent_idx": 0, "start": 5, "end": 6, "entity_type": "GPE", "text": "Kano"},
            {"id": "d1-T4", "sent_idx": 1, "start": 6, "end": 7, "entity_type": "PER", "text": "They"},
            {"id": "d1-T5", "sent_idx": 1, "start": 8, "end": 10, "entity_type": "PER", "text": "the driver"},
        ],
        "relation_mentions": [],
        "event_mentions": [
            {
                "id": "d1-E1",
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "d1-T1", "role": "Attacker", "text": "Gunmen"},
                    {"entity_id": "d1-T2", "role": "Target", "text": "bus"},
                    {"entity_id": "d1-T3", "role": "Place", "text": "Kano"},
                ],
            },
            {
                "id": "d1-E2",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 7, "end": 8, "text": "killed", "sent_idx": 1},
                "arguments": [
                    {"entity_id": "d1-T4", "role": "Killer", "text": "They"},
                    {"entity_id": "d1-T5", "role": "Victim", "text": "the driver"},
                ],
            },
            {
                "id": "d1-E3",
                "event_type": "Contact.Contact.Broadcast",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [],
            },
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "coref").mkdir()
    coref = {"doc_key": "d1", "clusters": [["d1-T1", "d1-T4"]]}
    (tmp_path / "coref" / "dev.jsonlines").write_text(json.dumps(coref) + "\n", encoding="utf-8")
    return path


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_arguments_type_table_maps_attacks_deaths_and_leaves_the_rest_out():
    attack = mapping_of("Conflict.Attack.DetonateExplode")
    assert attack is not None and attack.plover[0] == "ASSAULT"
    death = mapping_of("Life.Die.Unspecified")
    assert death is not None and role_family(death, "Victim") == "target" and role_family(death, "Killer") == "source"
    assert mapping_of("life.die.deathcausedbyviolentevents") is not None
    assert mapping_of("life.die.nonviolentdeath") is None
    assert mapping_of("Contact.Contact.Broadcast") is None
    assert mapping_of("Disaster.DiseaseOutbreak.Unspecified") is None
    rams = mapping_of("conflict.attack.n/a")
    assert rams is not None and role_family(rams, "evt011arg01attacker") == "source"
    assert role_family(rams, "evt011arg03instrument") is None


def test_arguments_read_wikievents_spans_point_at_their_words(wikievents_file):
    (document,) = read_wikievents(wikievents_file)
    text = document.text
    assert text.startswith("Gunmen attacked a bus in Kano\nThey killed")  # a line with no stop ends there
    attack, death, broadcast = document.events
    assert text[slice(*attack.trigger)] == "attacked" and attack.mapping is not None
    assert broadcast.mapping is None
    killer = next(a for a in death.arguments if a.family == "source")
    assert [text[slice(*m)] for m in killer.mentions] == ["They", "Gunmen"]  # its coreference cluster


def test_arguments_head_word_skips_modifiers_after_the_head():
    text = "the leader of the group, who fled, and Mosul's mayor"
    assert text[head_start(text, (0, 23)) :].startswith("leader")
    assert text[head_start(text, (0, 33)) :].startswith("leader")
    assert text[head_start(text, (38, 45)) :].startswith("Mosul")


def test_arguments_wikievents_scores_triggers_types_and_coref_arguments(wikievents_file):
    (document,) = read_wikievents(wikievents_file)
    text = document.text
    second_gunmen = _span(text, "They")
    ours = [
        PredictedEvent(
            "ASSAULT", _span(text, "attacked"), (("source", _span(text, "Gunmen")), ("place", _span(text, "Kano")))
        ),
        # the killer found as its antecedent's mention: right by coreference, wrong by head
        PredictedEvent("ACCUSE", _span(text, "killed"), (("source", _span(text, "Gunmen")), ("target", second_gunmen))),
        PredictedEvent("SUPPORT", _span(text, "bus"), ()),  # a type no gold type maps to: not scored
    ]
    metrics = score_wikievents([document], [ours])
    assert metrics["trigger_p"] == 1.0 and metrics["trigger_r"] == 1.0
    assert metrics["type_p"] == 0.5 and metrics["type_r"] == 0.5
    # gold: 5 arguments; ours: 4, of which Gunmen/Kano for the attack and Gunmen (coref) for the killing
    assert metrics["arg_p"] == pytest.approx(3 / 4) and metrics["arg_r"] == pytest.approx(3 / 5)
    assert metrics["arg_head_p"] == pytest.approx(2 / 4)
    assert metrics["arg_place_f1"] == 1.0


def test_arguments_rams_recall_and_arguments_on_found_triggers(tmp_path):
    row = {
        "doc_key": "r1",
        "sentences": [
            ["Rebels", "shelled", "the", "town", "of", "Idlib", "."],
            ["Officials", "did", "n't", "say", "."],
        ],
        "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
        "gold_evt_links": [[[1, 1], [0, 0], "evt001arg01attacker"], [[1, 1], [5, 5], "evt001arg04place"]],
    }
    other = dict(row, doc_key="r2", evt_triggers=[[1, 1, [["life.die.nonviolentdeath", 1.0]]]], gold_evt_links=[])
    path = tmp_path / "dev.jsonlines"
    path.write_text(json.dumps(row) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    documents = read_rams(path)
    text = documents[0].text
    assert "didn't say." in text
    ours = [PredictedEvent("ASSAULT", _span(text, "shelled"), (("source", _span(text, "Rebels")),))]
    metrics = score_rams(documents, [ours, []])
    assert metrics["trigger_recall"] == 1.0  # the unmapped second document is left out
    assert metrics["arg_p"] == 1.0 and metrics["arg_r"] == 0.5


def test_arguments_parts_split_at_three_quarters():
    items = list(range(20))
    assert select_part(items, "first") == list(range(15))  # type: ignore[arg-type]
    assert select_part(items, "last") == list(range(15, 20))  # type: ignore[arg-type]


def test_arguments_each_word_of_an_event_is_scored_with_the_arguments_of_its_own_sentence():
    from newsledger.eval.arguments import predicted_events
    from newsledger.model import Article, ArticleRecord, Entity, Event, EventArgument, Mention, TextSpan

    text = "Gunmen attacked a bus near the market. Two guards were wounded. The attack was blamed on the gunmen."

    def mention(word: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Mention(start, start + len(word), word)

    gunmen = Entity(id="e1", name="gunmen", type="ORG", mentions=(mention("Gunmen"), mention("gunmen")))
    bus = Entity(id="e2", name="bus", type="PRODUCT", mentions=(mention("bus"),))
    guards = Entity(id="e3", name="guards", type="ORG", mentions=(mention("Two guards"),))
    attacked, wounded, attack = mention("attacked"), mention("wounded"), mention("attack", 1)
    event = Event(
        id="ev1",
        type="ASSAULT",
        trigger=attacked,
        sentence=TextSpan(0, text.index(".") + 1),
        source="e1",
        target="e2",
        mentions=(wounded, attack),
        arguments=(
            EventArgument("source", mention("Gunmen"), attacked, entity="e1"),
            EventArgument("target", mention("bus"), attacked, entity="e2"),
            EventArgument("target", mention("Two guards"), wounded, entity="e3"),
            EventArgument("source", mention("gunmen"), attack, entity="e1"),
        ),
    )
    record = ArticleRecord(article=Article.from_text(text), entities=(gunmen, bus, guards), events=(event,))
    by_trigger = {text[p.trigger[0] : p.trigger[1]]: p.arguments for p in predicted_events(record)}
    assert by_trigger["attacked"] == (("source", _span(text, "Gunmen")), ("target", _span(text, "bus")))
    assert by_trigger["wounded"] == (("target", _span(text, "Two guards")),)  # its own victims, not the bus
    later = text.rindex("gunmen")
    assert by_trigger["attack"] == (("source", (later, later + 6)),)


def test_arguments_fold_linkers_are_read_by_document_and_only_with_the_linker_they_were_written_with(tmp_path):
    from newsledger.errors import NewsledgerError
    from newsledger.eval.arguments import held_out_linkers, linker_sha256
    from newsledger.extract.arguments_linker import LinkerModel

    def model(bias: float) -> LinkerModel:
        return LinkerModel(("none", "source"), (bias, 0.0), {"dep=nsubj": (0.0, 2.0)}, 0.3)

    shipped = tmp_path / "linker.json"
    shipped.write_text(model(0.0).to_json(), encoding="utf-8")
    folds = tmp_path / "folds.json"
    fold_data = {
        "linker_sha256": linker_sha256(shipped),
        "folds": [
            {"documents": ["a", "b"], "model": json.loads(model(1.0).to_json())},
            {"documents": ["c"], "model": json.loads(model(2.0).to_json())},
        ],
    }
    folds.write_text(json.dumps(fold_data), encoding="utf-8")
    by_document = held_out_linkers(folds, shipped)
    assert set(by_document) == {"a", "b", "c"}
    assert by_document["a"].intercepts == (1.0, 0.0) and by_document["c"].intercepts == (2.0, 0.0)

    shipped.write_text(model(0.5).to_json(), encoding="utf-8")  # retrained without its folds
    with pytest.raises(NewsledgerError, match="not written with the shipped linker"):
        held_out_linkers(folds, shipped)
    assert held_out_linkers(folds, tmp_path / "no-linker.json") == {}


def test_arguments_training_writes_each_fold_with_the_documents_it_left_out():
    from newsledger.eval.arguments import GoldDocument
    from newsledger.eval.arguments_training import folds_json
    from newsledger.extract.arguments_linker import LinkerModel

    documents = [GoldDocument(f"doc{n}", "text", []) for n in range(3)]
    folders = {"wikievents": (documents, [])}
    first = LinkerModel(("none", "source"), (0.0, 0.0), {}, 0.3)
    second = LinkerModel(("none", "source"), (1.0, 0.0), {}, 0.3)
    written = json.loads(
        folds_json(folders, [(first, [("wikievents", 2), ("wikievents", 0)]), (second, [("wikievents", 1)])], "abc")
    )
    assert written["linker_sha256"] == "abc"
    assert [fold["documents"] for fold in written["folds"]] == [["doc0", "doc2"], ["doc1"]]
    assert LinkerModel.from_json(json.dumps(written["folds"][1]["model"])).intercepts == (1.0, 0.0)
