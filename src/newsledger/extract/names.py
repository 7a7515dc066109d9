"""Names as an analyst compares them: spelling-insensitive keys, titles kept apart, acronyms and initials.

String functions and the small general knowledge base (`data/kb/`), whose title and role phrases are found in a
Doc by spaCy's `PhraseMatcher`.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

KB_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"

# Words that stay lowercase inside a long form and are skipped by its acronym ("Bank *for* International...").
NAME_PARTICLES = frozenset(
    {"of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "di", "da", "&", "on", "in"}
)
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A transliteration-insensitive key: Ahmad/Ahmed, Hussein/Husain, Mohammad/Muhammed fold alike.

    Transliterations of the same name differ mostly in vowels and doubled consonants, so both are dropped
    (keeping the first letter, which carries most of a name's identity).
    """
    word = strip_accents(word).lower()
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return ""
    head, tail = word[0], word[1:]
    tail = tail.replace("ph", "f").replace("kh", "k").replace("q", "k")
    tail = _VOWELS.sub("", tail)
    return _DOUBLES.sub(r"\1", head + tail)


def fold_name(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(k for k in (fold_word(w) for w in words) if k)


@functools.lru_cache(maxsize=65536)
def normal_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for organisation and place names."""
    text = strip_accents(text).lower().replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in NAME_PARTICLES and w[0].isalpha()).upper()


def is_acronym_of(acronym: str, words: list[str]) -> bool:
    """'SPLM' for 'Sudan People's Liberation Movement'; also tolerates particles kept in the acronym."""
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    if len(letters) < 2 or len(words) < 2:
        return False
    if initials(words) == letters:
        return True
    with_particles = "".join(w[0] for w in words if w and w[0].isalpha()).upper()
    if with_particles == letters:
        return True
    # Schwartz & Hearst: every acronym letter found in order, the first at a word start.
    long_form = " ".join(words).upper()
    position = len(long_form)
    for i, letter in enumerate(reversed(letters)):
        position = long_form.rfind(letter, 0, position)
        if position < 0:
            return False
        if i == len(letters) - 1 and position != 0 and long_form[position - 1] != " ":
            return False
    return letters[0] == words[0][0].upper()


def looks_like_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 10 and letters.isupper() and letters.isalnum() and any(c.isalpha() for c in letters)


# --- the knowledge base ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownActor:
    """An entry of the general knowledge base: a country, an IGO, a major NGO, a well-known armed group."""

    name: str
    type: str  # GPE, ORG
    kind: str  # country, IGO, NGO, armed group
    country: str | None = None  # ISO2 for countries


@dataclass
class KnowledgeBase:
    by_name: dict[str, KnownActor] = field(default_factory=dict)  # normal_key(name or alias) -> actor
    by_acronym: dict[str, KnownActor] = field(default_factory=dict)  # exact acronym -> actor
    demonyms: dict[str, KnownActor] = field(default_factory=dict)  # demonym -> country
    honorifics: PhraseTable = field(default_factory=lambda: PhraseTable("honorifics", ()))
    offices: PhraseTable = field(default_factory=lambda: PhraseTable("offices", ()))
    roles: PhraseTable = field(default_factory=lambda: PhraseTable("roles", ()))
    role_modifiers: frozenset[str] = frozenset()
    kind_name_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    kind_following_words: dict[str, str] = field(default_factory=dict)
    first_names: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()  # single words that name an organisation's kind

    def actor(self, text: str) -> KnownActor | None:
        if text in self.by_acronym:
            return self.by_acronym[text]
        return self.by_name.get(normal_key(text))


class PhraseTable:
    """Lowercased token phrases, found in a Doc by spaCy's PhraseMatcher and looked up by where they start or end,
    longest first. The matches are found once per Doc and table (kept in `doc.user_data`)."""

    def __init__(self, name: str, phrases: Iterable[tuple[str, ...]]) -> None:
        self.name = name
        self.phrases = frozenset(phrases)
        # PhraseMatcher is built for a vocab; the vocab is kept with it, so its id cannot be reused by another.
        self._matchers: dict[int, tuple[Vocab, PhraseMatcher]] = {}

    def __contains__(self, phrase: object) -> bool:
        return phrase in self.phrases

    def ending_at(self, doc: Doc, end: int, *, lowest: int) -> int:
        """Start of the longest phrase that ends at token `end` (exclusive) and starts at `lowest` or after, or -1."""
        return next((start for start in self._found(doc).starts_by_end.get(end, ()) if start >= lowest), -1)

    def starting_at(self, doc: Doc, start: int, *, highest: int) -> int:
        """End of the longest phrase that starts at token `start` and ends at `highest` or before, or -1."""
        return next((end for end in self._found(doc).ends_by_start.get(start, ()) if end <= highest), -1)

    def _found(self, doc: Doc) -> _Matches:
        cache = doc.user_data.setdefault("newsledger_phrases", {})
        found = cache.get(self.name)
        if not isinstance(found, _Matches) or found.tokens != len(doc):  # none yet, or the doc was retokenized
            found = cache[self.name] = _Matches.of(self._matcher(doc.vocab)(doc), len(doc))
        return found

    def _matcher(self, vocab: Vocab) -> PhraseMatcher:
        if id(vocab) not in self._matchers:
            matcher = PhraseMatcher(vocab, attr="LOWER")
            matcher.add(self.name, [Doc(vocab, words=list(phrase)) for phrase in sorted(self.phrases)])
            self._matchers[id(vocab)] = (vocab, matcher)
        return self._matchers[id(vocab)][1]


@dataclass(frozen=True)
class _Matches:
    tokens: int  # the Doc's length when matched
    starts_by_end: dict[int, list[int]]  # ascending: the longest phrase first
    ends_by_start: dict[int, list[int]]  # descending: the longest phrase first

    @classmethod
    def of(cls, matches: Iterable[tuple[int, int, int]], tokens: int) -> _Matches:
        starts_by_end: dict[int, list[int]] = {}
        ends_by_start: dict[int, list[int]] = {}
        for _, start, end in matches:
            starts_by_end.setdefault(end, []).append(start)
            ends_by_start.setdefault(start, []).append(end)
        for starts in starts_by_end.values():
            starts.sort()
        for ends in ends_by_start.values():
            ends.sort(reverse=True)
        return cls(tokens, starts_by_end, ends_by_start)


def _phrases(name: str, items: list[str]) -> PhraseTable:
    return PhraseTable(name, (tuple(_title_tokens(item)) for item in items))


@functools.lru_cache(maxsize=1)
def known_names() -> tuple[PhraseTable, frozenset[str]]:
    """The names of international organisations and armed groups as spaCy's English tokenizer splits them, and as
    written (the entities step finds them wherever the model missed them). Built on first use, not with the
    knowledge base: the tokenizer costs start-up time that only entity extraction needs to pay."""
    surfaces = [
        name
        for entry in _read("igos.json") + _read("armed_groups.json")
        for name in [entry["name"], *entry.get("aliases", [])]
    ]
    return PhraseTable("known names", (tuple(_name_tokens(name)) for name in surfaces)), frozenset(surfaces)


def _name_tokens(text: str) -> list[str]:
    """A name's lowercased tokens as spaCy's English tokenizer splits them ("al-Qaeda": al, -, qaeda)."""
    return [token.lower_ for token in _english_tokenizer()(text)]


@functools.lru_cache(maxsize=1)
def _english_tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def _title_tokens(text: str) -> list[str]:
    # "Secretary-General" is one spaCy token, "Secretary of State" three; "Dr." one: match token texts.
    return re.findall(r"[^\s-]+|-", text.lower())


def _read(name: str) -> Any:
    return json.loads((KB_DIR / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    kb = KnowledgeBase()
    for country in _read("countries.json"):
        actor = KnownActor(name=country["name"], type="GPE", kind="country", country=country["iso2"])
        for name in [country["name"], *country["aliases"]]:
            kb.by_name.setdefault(normal_key(name), actor)
            if looks_like_acronym(name):
                kb.by_acronym.setdefault(name, actor)
        for demonym in country["demonyms"]:
            kb.demonyms.setdefault(demonym, actor)
    # International organisations and major NGOs, armed groups that news names daily, major parties with the
    # short names news gives them, and the online platforms news cites (general knowledge: "al Shabaab" is an
    # organisation whatever the model's guess, "GOP" is the Republican Party, "Twitter" no person; the canonical
    # name merges the spellings).
    known = ("igos.json", "armed_groups.json", "parties.json", "platforms.json")
    for igo in [entry for name in known for entry in _read(name)]:
        actor = KnownActor(name=igo["name"], type="ORG", kind=igo["kind"])
        for name in [igo["name"], *igo.get("aliases", [])]:
            kb.by_name[normal_key(name)] = actor
        for acronym in igo.get("acronyms", []):
            kb.by_acronym[acronym] = actor
    titles = _read("titles.json")
    kb.honorifics = _phrases("honorifics", titles["honorifics"] + titles["offices"])
    kb.offices = _phrases("offices", titles["offices"])
    kb.roles = _phrases("roles", titles["roles"] + titles["offices"])
    kb.role_modifiers = frozenset(titles["role_modifiers"])
    kinds = _read("kinds.json")
    kb.kind_name_words = tuple((kind, tuple(words)) for kind, words in kinds["name_words"].items())
    kb.organisation_words = frozenset(
        word
        for kind, words in kinds["name_words"].items()
        if kind != "sports team"
        for word in words
        if " " not in word
    )
    kb.kind_following_words = {w: kind for kind, words in kinds["following_words"].items() for w in words}
    kb.first_names = _first_names()
    return kb


def _first_names() -> frozenset[str]:
    """Given names from the US census lists shipped by the `names` package (lowercased)."""
    found: set[str] = set()
    try:
        package = resources.files("names")
    except ModuleNotFoundError:
        return frozenset()
    for filename in ("dist.male.first", "dist.female.first"):
        try:
            text = (package / filename).read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return frozenset(found)
