"""Lookup keys: one spelling-insensitive form per name, so "Kâbul", "KABUL" and "Kabul" meet in the index.

The key is NFKD-decomposed, accent-stripped, transliterated to ASCII, casefolded, with punctuation dropped
("U.S." -> "us", "W.Va." -> "wva") and hyphens and apostrophes treated as word breaks or nothing.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_DOTS = re.compile(r"\.")
_APOSTROPHES = re.compile(r"['’‘`ʻʼ]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEADING_THE = re.compile(r"^the ")


def name_key(text: str) -> str:
    """The index key of a place name (empty when the name has no letters or digits)."""
    if text.isascii():
        ascii_text = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        ascii_text = unidecode(stripped).casefold()
    ascii_text = _DOTS.sub("", ascii_text)
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    key = _NON_WORD.sub(" ", ascii_text).strip()
    return _LEADING_THE.sub("", key)


def compact_key(key: str) -> str:
    """The key without spaces: "ad dawhah" and "addawhah", "new york" and "newyork" meet here."""
    return key.replace(" ", "")


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin script (others transliterate into noise that collides with English)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, ""))
    return latin == len(letters)


_INNER_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")


def skeleton_key(key: str) -> str:
    """The compact key without inner vowels and doubled letters: "pishawar" and "peshawar" -> "pshwr"."""
    skeleton = _INNER_VOWELS.sub("", compact_key(key))
    return re.sub(r"(.)\1+", r"\1", skeleton)
