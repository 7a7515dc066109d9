"""Extractors: spaCy components that read a Doc and leave plain records in `doc._.newsledger`.

Importing this package registers the components with spaCy, so a user can add them to their own pipeline:
`nlp.add_pipe("newsledger_entities")`. Each module also offers its extractor as a plain function.
"""

from collections.abc import Callable, Iterable

from newsledger.extract import claims, entities, events, places, quantities, quoting, times
from newsledger.extract.claims import claim_lexicon
from newsledger.extract.embeddings import minilm_encoder
from newsledger.extract.entities import place_words
from newsledger.extract.event_classifier import shipped_classifier
from newsledger.extract.names import knowledge_base
from newsledger.gazetteer.index import get_gazetteer
from newsledger.nlp.pipeline import settle_loaded_objects

__all__ = ["claims", "entities", "events", "load_resources", "places", "quantities", "quoting", "times"]

# What each component loads the first time an article needs it. A long-lived process (a batch worker)
# loads these up front, so that the first article to need one does not pay seconds for it: MiniLM took ~3 s
# and is only reached by an article with an unsure violent-event sentence, which a warm-up text may not have.
RESOURCES_OF_COMPONENT: dict[str, tuple[Callable[[], object], ...]] = {
    "newsledger_entities": (knowledge_base, place_words),
    "newsledger_places": (get_gazetteer,),
    "newsledger_events": (shipped_classifier, minilm_encoder),
    "newsledger_claims": (claim_lexicon,),
}


def load_resources(components: Iterable[str]) -> None:
    """Load now, once per process, every resource the named components would otherwise load on first need."""
    for component in components:
        for load in RESOURCES_OF_COMPONENT.get(component, ()):
            load()
    settle_loaded_objects()
