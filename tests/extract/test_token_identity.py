"""spaCy makes a new Token object at every access (`doc[i]`, `token.head`), so `a is b` between tokens is False
even for the same token. One such test never found the root of a verbless sentence and looped for ever on a
real article; this guards the extractors against the whole class (compare `.i` instead)."""

from __future__ import annotations

import re
from pathlib import Path

import newsledger

SOURCES = Path(newsledger.__file__).parent
TOKENISH = r"(?:token|tok|head|root|verb|cue|ancestor|child|grandchild|trigger|word|parent|subject)"
IDENTITY_BETWEEN_TOKENS = re.compile(
    rf"\b{TOKENISH}(?:\.head)?\s+is\s+(?:not\s+)?{TOKENISH}(?:\.head)?\b|\.head\s+is\s+(?:not\s+)?(?!None\b)\w"
)


def test_token_identity_no_extractor_compares_spacy_tokens_with_is():
    offending = [
        f"{path.relative_to(SOURCES)}:{number}: {line.strip()}"
        for folder in ("extract", "nlp")
        for path in sorted((SOURCES / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if not line.lstrip().startswith("#") and IDENTITY_BETWEEN_TOKENS.search(line.split("#")[0])
    ]
    assert offending == []


def test_token_identity_pattern_catches_the_forms_that_caused_bugs():
    assert IDENTITY_BETWEEN_TOKENS.search("while head.head is not head:")
    assert IDENTITY_BETWEEN_TOKENS.search("if token.head is token:")
    assert IDENTITY_BETWEEN_TOKENS.search("if head_verb is None or root.head is ancestor:")
    assert not IDENTITY_BETWEEN_TOKENS.search("if token.head.i == token.i:")
    assert not IDENTITY_BETWEEN_TOKENS.search("if verb is None:")
