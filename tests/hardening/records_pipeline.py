"""A fast pipeline for crash tests: a blank spaCy pipeline whose component writes real records (an entity per
capitalised word with its mentions, a quantity per number, a time, a quote, an event and a claim), so that an
article killed half-way through its write would show as rows missing from some table.

NEWSLEDGER_HARDENING_DELAY (seconds per article) slows it down so a kill lands mid-run."""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.model import Claim, Entity, Event, Mention, Quantity, Quote, TextSpan, TimeExpr
from newsledger.nlp.state import get_state


@Language.component("newsledger_hardening_records")
def records_component(doc: Doc) -> Doc:
    time.sleep(float(os.environ.get("NEWSLEDGER_HARDENING_DELAY", "0")))
    state = get_state(doc)
    mentions_by_name: dict[str, list[Mention]] = {}
    for token in doc:
        if token.is_title and token.is_alpha:
            mention = Mention(token.idx, token.idx + len(token.text), token.text)
            mentions_by_name.setdefault(token.text, []).append(mention)
        elif token.like_num and token.text.isdigit():
            start = token.idx
            state.quantities.append(
                Quantity(
                    id=f"q{len(state.quantities)}",
                    text=token.text,
                    start=start,
                    end=start + len(token),
                    value=float(token.text),
                )
            )
    state.entities = [
        Entity(id=f"e{i}", name=name, type="ORG", mentions=tuple(found))
        for i, (name, found) in enumerate(mentions_by_name.items())
    ]
    if len(doc) >= 2:
        first, last = doc[0], doc[-1]
        whole = Mention(0, len(doc.text), doc.text)
        state.times.append(TimeExpr(id="t0", text=first.text, start=first.idx, end=first.idx + len(first), value=None))
        state.quotes.append(Quote(id="q0", text=doc.text, start=0, end=len(doc.text), kind="indirect"))
        trigger = Mention(last.idx, last.idx + len(last), last.text)
        state.events.append(Event(id="v0", type="ACCIDENT", trigger=trigger, sentence=TextSpan(0, len(doc.text))))
        state.claims.append(
            Claim(id="c0", claimant="reporter", stance="asserts", proposition=doc.text[:80], evidence=(whole,))
        )
    return doc


def make_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.meta["name"] = "hardening"
    nlp.meta["version"] = "1.0.0"
    nlp.add_pipe("newsledger_hardening_records")
    return nlp
