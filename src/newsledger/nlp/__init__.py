"""NLP: the spaCy pipeline and the single processing path. spaCy objects stay inside nlp/ and extract/."""

from newsledger.nlp.pipeline import COMPONENTS, MODEL, load_nlp, pipeline_version
from newsledger.nlp.process import process_article, process_articles

__all__ = ["COMPONENTS", "MODEL", "load_nlp", "pipeline_version", "process_article", "process_articles"]
