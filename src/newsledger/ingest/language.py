"""A small, dependency-free language guess: enough to keep non-English text out of an English pipeline.

Function words are the most reliable signal in news prose; scripts settle the rest. Short snippets
(headlines, test sentences) are given the benefit of the doubt unless their script says otherwise.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with as was by he it at from his said have has are be an this "
    "which or were but not they their its who had been will would after also we there".split(),
    "fr": "le la les de des du et est un une dans pour que qui sur au aux par pas avec il elle ce cette sont "
    "été ont".split(),
    "de": "der die das und ist nicht ein eine mit von zu den dem des auf für sich im auch es sie ich wird "
    "wurde".split(),
    "es": "el la los las de del y en que un una por con para es se su al lo como más pero fue".split(),
    "it": "il lo la gli le di del della e che un una per con non è sono nel alla dei".split(),
    "pt": "o a os as de do da dos das e em que um uma para com não é se por no na ao".split(),
    "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als".split(),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SCRIPT_LANGUAGE = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "HEBREW": "he",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "THAI": "th",
}


@functools.lru_cache(maxsize=8192)
def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


# Languages that share a script, told apart by letters only they use (checked in this order; the script's
# own entry in _SCRIPT_LANGUAGE is the default). Persian, Urdu and Pashto add letters to the Arabic alphabet;
# the Cyrillic languages each have a few of their own.
_SCRIPT_MARKERS: dict[str, tuple[tuple[str, str], ...]] = {
    "ARABIC": (("ur", "ٹڈڑںے"), ("ps", "ټډړږښځڅۍې"), ("fa", "پچژگکی")),
    "CYRILLIC": (("kk", "әғқңөұүһ"), ("mk", "ѓќѕ"), ("sr", "ђћџљњ"), ("be", "ў"), ("uk", "їєґі")),
}
_MARKER_SHARE = 0.01  # of the script's letters: a loanword or a name does not make a language


def _spread_sample(text: str, sample_chars: int, windows: int = 10) -> str:
    """`sample_chars` characters taken from `windows` places spread over the whole text, so a text that
    starts in English and goes on in another language is judged by all of it."""
    if len(text) <= sample_chars:
        return text
    size = sample_chars // windows
    step = (len(text) - size) / (windows - 1)
    return "\n".join(text[round(i * step) : round(i * step) + size] for i in range(windows))


def _language_of_script(script: str, letters: Counter[str]) -> str:
    in_script = {c: n for c, n in letters.items() if _script_of(c) == script}
    in_script_total = sum(in_script.values())
    for language, markers in _SCRIPT_MARKERS.get(script, ()):
        found = sum(n for c, n in in_script.items() if c in markers)
        if found / in_script_total >= _MARKER_SHARE:
            return language
    kana = sum(n for c, n in letters.items() if _script_of(c) in ("HIRAGANA", "KATAKANA"))
    if script == "CJK" and kana / letters.total() > 0.05:
        return "ja"
    return _SCRIPT_LANGUAGE.get(script, "und")


def guess_language(text: str, *, sample_chars: int = 20000) -> str:
    """Return an ISO 639-1 code ("en", "fr", ...) or "und" when nothing fits."""
    sample = _spread_sample(text, sample_chars)
    # Counted by distinct letter, in order of first use (so most_common breaks ties as a count per letter would):
    # looking up each of a text's letters took ~40 ms of the reader's time per news article.
    letters = Counter({c: n for c, n in Counter(sample).items() if c.isalpha()})
    if not letters:
        return "und"
    scripts: Counter[str] = Counter()
    for letter, count in letters.items():
        scripts[_script_of(letter)] += count
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count / letters.total() > 0.5:
        return _language_of_script(script, letters)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 12:
        return "en"
    word_counts = Counter(words)
    hits = {lang: sum(n for w, n in word_counts.items() if w in vocab) for lang, vocab in _VOCAB.items()}
    best = max(hits, key=lambda lang: hits[lang])
    if best == "en" and hits["en"] / len(words) >= 0.08:
        return "en"
    if hits[best] / len(words) >= 0.08:
        return best
    return "und"


_VOCAB = {lang: frozenset(words) for lang, words in _FUNCTION_WORDS.items()}
