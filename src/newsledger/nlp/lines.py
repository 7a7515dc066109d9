"""Lines of their own: a heading, a caption or a byline written on its own line starts no sentence for the parser.

Text taken from web pages keeps its layout: "Calls for calm" over a paragraph, "image caption Dagestan sees
frequent attacks" under a photo, "― Jane Doe" after a reader's quote. With no full stop to end them, the parser
runs such a line into the sentence on the next line ("Insufficient response Neither MI5 nor the police
responded …"), and what the extractors read in that sentence (its subject, its place, who speaks) crosses from
one to the other. This component, run before the parser, starts a sentence on the line after such a line; the
parser respects boundaries set before it and decides the rest.

Text wrapped at a fixed width ("… said the\\nminister on Tuesday") breaks its lines inside sentences, so a line
that goes on in lower case, or ends on a comma, colon or dash, starts nothing, and a text that does that often
is read as wrapped: its newlines decide nothing.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "newsledger_lines"
# What closes a line that is a sentence of its own, or a heading; a line ending otherwise goes on.
_OPEN_ENDINGS = frozenset(",;:-–—([{/&")
# A text with more of its line breaks than this inside a sentence (the next line opening in lower case), and
# more than one, is wrapped at a width, not laid out in lines.
WRAPPED_SHARE = 0.2


def line_starts(doc: Doc) -> list[int]:
    """The tokens that open a line after a line of its own (see the module's docstring)."""
    breaks = [t.i for t in doc if t.is_space and "\n" in t.text and t.i + 1 < len(doc)]
    if not breaks:
        return []
    openers: list[int] = []
    inside = 0
    for i in breaks:
        if i == 0:
            continue
        before, after = doc[i - 1], doc[i + 1]
        if after.is_space:
            continue  # the next break decides
        if after.text[0].islower():
            inside += 1
        elif before.text[-1] not in _OPEN_ENDINGS and not before.is_space:
            openers.append(after.i)
    if inside > max(1, WRAPPED_SHARE * len(breaks)):
        return []
    return openers


def start_sentences_at_lines(doc: Doc) -> Doc:
    for i in line_starts(doc):
        doc[i].is_sent_start = True
    return doc


Language.component(COMPONENT, assigns=["token.is_sent_start"], func=start_sentences_at_lines)
