from __future__ import annotations

from newsledger.resolve.stance import STANCES, fit_pair_stance_model, sentences

TOPICS = [
    ("A singer bought a castle in Scotland", "The singer bought the castle in Scotland last week, her agent said."),
    ("A city banned cars from its centre", "The city banned cars from its centre on Monday, officials said."),
    ("A dog learned to drive a car", "The dog learned to drive a car, its trainer said in a video."),
    ("A meteorite hit a town in Peru", "A meteorite hit the town in Peru overnight, leaving a crater."),
    ("A bank robber left his wallet", "The bank robber left his wallet at the counter, police said."),
    ("A whale swam up the river", "The whale swam up the river past the bridge, witnesses said."),
]


def test_stance_pair_model_tells_related_from_unrelated_and_gives_a_side():
    pairs, labels = [], []
    for k, (headline, body) in enumerate(TOPICS):
        other = TOPICS[(k + 1) % len(TOPICS)][1]
        pairs += [
            (headline, body),
            (headline, body.replace("said", "said on Tuesday")),
            (headline, "It is a hoax: " + body.replace(" said", " denied it, calling the story fake")),
            (headline, "Reports say " + body.replace("said", "reportedly claimed")),
            (headline, other),
            (headline, other.replace("said", "added")),
        ]
        labels += ["agree", "agree", "disagree", "discuss", "unrelated", "unrelated"]
    model = fit_pair_stance_model(pairs, labels)
    related, stance = model.probabilities([(TOPICS[0][0], TOPICS[0][1]), (TOPICS[0][0], TOPICS[3][1])])
    assert related[0] > 0.5 > related[1]
    assert stance.shape == (2, len(STANCES))
    assert model.predict([(TOPICS[0][0], TOPICS[3][1])]) == ["unrelated"]


def test_stance_sentences_split_on_stops_and_lines():
    assert sentences("One. Two!\nThree?") == ["One.", "Two!", "Three?"]
