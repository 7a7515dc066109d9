"""What our spaCy components leave on a Doc: plain records under one namespace, `doc._.newsledger`.

Each component reads what the earlier ones wrote (quotes need entities; events need everything) and adds its
own records. `process_article` turns the final state into an `ArticleRecord`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsledger.model import Article, Claim, Entity, Event, Place, Quantity, Quote, TimeExpr

EXTENSION = "newsledger"


@dataclass
class DocState:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # token index -> entity id, for every token inside an entity mention (filled by newsledger_entities)
    entity_of_token: dict[int, str] = field(default_factory=dict)

    # entity id -> position of its first entity in `entities`, with the list (held, so that it stays the same
    # object) and the length it was made from
    _positions: tuple[list[Entity] | None, int, dict[str, int]] = field(
        default=(None, -1, {}), repr=False, compare=False
    )

    def entity(self, entity_id: str | None) -> Entity | None:
        """The first entity with the id. Asked for every candidate argument of every event word, so the positions
        are remembered; they hold while entities are only appended or replaced where they stand (the events stage
        adds generic actors and their mentions so), and are made again when the list is another or its length."""
        if entity_id is None:
            return None
        entities = self.entities
        made_for, length, positions = self._positions
        if made_for is not entities or length != len(entities):
            positions = {}
            for at, entity in enumerate(entities):
                positions.setdefault(entity.id, at)
            self._positions = (entities, len(entities), positions)
        position = positions.get(entity_id)
        if position is None:
            return None
        found = entities[position]
        if found.id != entity_id:  # the list was changed some other way: look again
            return next((e for e in entities if e.id == entity_id), None)
        return found


if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)

# Each kind of record is also readable as `doc._.newsledger_<kind>` (a view of the one state): the components
# declare these in `requires=`/`assigns=`, which spaCy can check only at the first level of `doc._`.
RECORD_KINDS = ("entities", "places", "times", "quotes", "quantities", "events", "claims")


def records_attrs(*kinds: str) -> list[str]:
    """The attributes a component names in `requires=`/`assigns=` for these kinds of record."""
    unknown = [kind for kind in kinds if kind not in RECORD_KINDS]
    if unknown:
        raise ValueError(f"no records of kind {unknown}")
    return [f"doc._.{EXTENSION}_{kind}" for kind in kinds]


def _records_getter(kind: str) -> Callable[[Doc], list[Any]]:
    def records(doc: Doc) -> list[Any]:
        state = doc._.get(EXTENSION)
        return list(getattr(state, kind)) if state is not None else []

    return records


for _kind in RECORD_KINDS:
    if not Doc.has_extension(f"{EXTENSION}_{_kind}"):
        Doc.set_extension(f"{EXTENSION}_{_kind}", getter=_records_getter(_kind))


def get_state(doc: Doc) -> DocState:
    """The doc's state; created from the doc's own text when the doc came from a user's pipeline."""
    state = doc._.get(EXTENSION)
    if state is None:
        state = DocState(article=Article.from_text(doc.text))
        doc._.set(EXTENSION, state)
    return state


def attach_article(doc: Doc, article: Article) -> Doc:
    """Attach the article a doc was made from (`nlp.make_doc(article.text)`, so `doc.text == article.text`)."""
    doc._.set(EXTENSION, DocState(article=article))
    doc.user_data["newsledger_text"] = article.text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc: spaCy rebuilds it from every token on each access, which costs
    more than some whole extractors when called in a loop."""
    text = doc.user_data.get("newsledger_text")
    if text is None:
        text = doc.user_data["newsledger_text"] = doc.text
    return str(text)


def span_text(span: Span) -> str:
    """`span.text` from the doc's cached text: spaCy builds it from a Token object per word on each access."""
    return doc_text(span.doc)[span.start_char : span.end_char] if len(span) else ""
