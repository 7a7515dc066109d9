from __future__ import annotations

from pathlib import Path

from newsledger.eval.stance_fnc import fnc_score, is_fnc_folder, read_fnc, scores, split_bodies


def test_stance_fnc_relative_score_follows_the_official_weights():
    gold = ["agree", "unrelated", "disagree", "discuss"]
    assert fnc_score(gold, gold) == 1.0
    # best = 1 + 0.25 + 1 + 1 = 3.25; related/unrelated right everywhere, one related class wrong -> 3.25 - 0.75
    assert fnc_score(gold, ["agree", "unrelated", "discuss", "discuss"]) == (3.25 - 0.75) / 3.25
    assert fnc_score(gold, ["unrelated"] * 4) == 0.25 / 3.25
    metrics = scores(gold, ["agree", "unrelated", "discuss", "discuss"])
    assert metrics["disagree_f1"] == 0.0 and metrics["agree_f1"] == 1.0


def test_stance_fnc_reads_the_folder_and_keeps_the_last_quarter_of_bodies_apart(tmp_path: Path):
    (tmp_path / "train_bodies.csv").write_text(
        'Body ID,articleBody\n0,"A boom was heard, officials said."\n1,Nothing happened.\n2,x\n3,y\n',
        encoding="utf-8",
    )
    (tmp_path / "train_stances.csv").write_text(
        "Headline,Body ID,Stance\nMeteor hits city,0,agree\nMeteor hits city,1,unrelated\nA,2,discuss\n"
        "B,3,disagree\nC,9,agree\nD,2,bogus\n",
        encoding="utf-8",
    )
    assert is_fnc_folder(tmp_path)
    pairs, bodies, skipped = read_fnc(tmp_path)
    assert skipped == 2  # body 9 is unknown, 'bogus' is no label
    assert [(p.body_id, p.stance) for p in pairs] == [(0, "agree"), (1, "unrelated"), (2, "discuss"), (3, "disagree")]
    assert bodies[0].startswith("A boom")
    development, gate = split_bodies(pairs)
    assert development == {0, 1, 2} and gate == {3}
