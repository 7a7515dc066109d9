"""Quotes and reported statements (the `newsledger_quotes` component), read from the parse the pipeline made.

`component` finds them all and makes the records; `in_marks` reads quotations in marks, `reported` reported
speech without them, both from what `found` shares (cues, paragraphs, speakers); `marks` pairs the quotation
marks on the raw text, `speakers` resolves a speaker to an entity, `lexicon` holds the words.
"""

from newsledger.extract.quoting.component import extract_quotes, quotes_component

__all__ = ["extract_quotes", "quotes_component"]
