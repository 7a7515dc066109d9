"""Extractors: spaCy components that read a Doc and leave plain records in `doc._.newsledger`.

Importing this package registers the components with spaCy, so a user can add them to their own pipeline:
`nlp.add_pipe("newsledger_entities")`. Each module also offers its extractor as a plain function.
"""

from newsledger.extract import claims, entities, events, places, quotes, times

__all__ = ["claims", "entities", "events", "places", "quotes", "times"]
