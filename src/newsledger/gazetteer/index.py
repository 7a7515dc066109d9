"""Reading the embedded gazetteer: candidates for a name, demonyms, and places by id.

Lookup tries, in order: the exact key (accent-, case- and punctuation-insensitive), the key without spaces,
then a fuzzy match (edit-distance ratio) among names that share the key's first three letters, so
transliteration variants ("Pishawar", "Peshawar") and small misspellings still find their place.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from newsledger.gazetteer.build import KIND_ABBREVIATION, KIND_ALIAS, KIND_NAME, ensure_index
from newsledger.gazetteer.keys import compact_key, name_key, skeleton_key
from newsledger.gazetteer.lexicon import FUNCTION_WORDS

FUZZY_MIN_RATIO = 90.0
FUZZY_MIN_LENGTH = 6
SKELETON_MIN_RATIO = 0.85

_PLACE_COLUMNS = (
    "p.id, p.geonameid, p.name, p.feature, p.country, p.admin1, p.admin1_code, p.admin2, p.lat, p.lon, "
    "p.population, p.capital, p.point, p.names"
)


class Candidate(NamedTuple):
    """One place a name may refer to, with how the name matched it (a tuple: built per row, so kept cheap)."""

    id: int
    geonameid: int | None
    name: str
    feature: str  # country, admin1, admin2, city, continent
    country: str | None
    admin1: str | None
    admin1_code: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    match: str  # name, alias, abbreviation, compact, fuzzy
    similarity: float = 1.0  # 1.0 for key matches, the fuzzy ratio otherwise
    point: str | None = None  # where the point comes from (build.POINT_SOURCES): "geonames", "factbook centre", …
    names: int = 0  # how many names GeoNames knows a town by, in every language (how widely known it is)


_MATCH_OF_KIND = {KIND_NAME: "name", KIND_ALIAS: "alias", KIND_ABBREVIATION: "abbreviation"}

# The hot path (one exact key) asks SQLite for rows already shaped like a Candidate, so Python only wraps them;
# the (key, place, kind) index covers the name side of the join.
_KEY_QUERY = (
    f"SELECT {_PLACE_COLUMNS}, CASE n.kind WHEN {KIND_NAME} THEN 'name' WHEN {KIND_ALIAS} THEN 'alias' "
    "ELSE 'abbreviation' END FROM name n JOIN place p ON p.id = n.place WHERE n.key = ?"
)


class Gazetteer:
    """Read-only access to the index file; one SQLite connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.lookup = functools.lru_cache(maxsize=65536)(self._lookup)  # type: ignore[method-assign]
        self._demonyms: dict[str, str] | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # Reads through a memory map: pages are shared between processes and the OS keeps them warm.
            conn.execute("PRAGMA mmap_size = 268435456")
            self._local.conn = conn
        return conn

    def lookup(self, text: str, *, fuzzy: bool = True) -> tuple[Candidate, ...]:  # replaced by a cached wrapper
        return self._lookup(text, fuzzy=fuzzy)

    def _lookup(self, text: str, *, fuzzy: bool = True) -> tuple[Candidate, ...]:
        key = name_key(text)
        if len(key) < 2:
            return ()
        found = self._by_key(key)
        if found and _a_word_not_an_abbreviation(text):
            # "In 2009, he …": a postal code is written in capitals ("IN", "ME", "OR"); an English function word
            # in title case that spells one is the word.
            kept = tuple(c for c in found if c.match != "abbreviation")
            if not kept:
                return ()
            found = kept
        if found:
            return found
        found = self._by_column("compact", compact_key(key), match="compact")
        if found or not fuzzy or len(key) < FUZZY_MIN_LENGTH:
            return found
        found = self._by_skeleton(key)
        if found:
            return found
        return self._fuzzy(key)

    def _by_skeleton(self, key: str) -> tuple[Candidate, ...]:
        """Transliteration variants differ in their vowels ("Pishawar", "Peshawar"): match on consonants."""
        rows = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, n.key FROM name n JOIN place p ON p.id = n.place "
            "WHERE n.skeleton = ? AND n.kind < ?",
            (skeleton_key(key), KIND_ABBREVIATION),
        ).fetchall()
        out: dict[int, Candidate] = {}
        for row in rows:
            similarity = fuzz.ratio(key, row[-1]) / 100.0
            if similarity >= SKELETON_MIN_RATIO and (row[0] not in out or out[row[0]].similarity < similarity):
                out[row[0]] = _with_similarity(_candidate(row, "fuzzy"), similarity)
        return tuple(out.values())

    def _by_key(self, key: str) -> tuple[Candidate, ...]:
        make = Candidate._make
        return tuple(
            make((*row[:11], row[11] != 0, row[14], 1.0, row[12], row[13]))
            for row in self.conn.execute(_KEY_QUERY, (key,)).fetchall()
        )

    def _by_column(self, column: str, value: str, *, match: str | None = None) -> tuple[Candidate, ...]:
        rows = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, n.kind FROM name n JOIN place p ON p.id = n.place WHERE n.{column} = ?",
            (value,),
        ).fetchall()
        if column == "key":  # (key, place) pairs are unique in the index
            return tuple(_candidate(row, match or _MATCH_OF_KIND[row[-1]]) for row in rows)
        best: dict[int, tuple[Any, ...]] = {}
        for row in rows:
            if row[0] not in best or row[-1] < best[row[0]][-1]:
                best[row[0]] = row
        return tuple(_candidate(row, match or _MATCH_OF_KIND[row[-1]]) for row in best.values())

    def _fuzzy(self, key: str) -> tuple[Candidate, ...]:
        prefix = key[:3]
        keys = [
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT key FROM name WHERE key >= ? AND key < ? AND kind < ?",
                (prefix, prefix + "\x7f", KIND_ABBREVIATION),
            )
        ]
        best = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO, limit=3)
        out: list[Candidate] = []
        for matched_key, ratio, _ in best:
            for candidate in self._by_column("key", matched_key, match="fuzzy"):
                out.append(_with_similarity(candidate, ratio / 100.0))
        return tuple(out)

    def demonym(self, text: str) -> str | None:
        """ISO2 of the country a demonym ("Afghan", "Iranians") points to, or None."""
        if self._demonyms is None:
            self._demonyms = dict(self.conn.execute("SELECT key, country FROM demonym").fetchall())
        key = name_key(text)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def country(self, iso2: str) -> Candidate | None:
        row = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, 0 FROM place p WHERE p.feature = 'country' AND p.country = ?", (iso2,)
        ).fetchone()
        return _candidate(row, "name") if row else None

    def capital(self, iso2: str) -> Candidate | None:
        """The country's capital city (the most populous, where a country has several)."""
        row = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, 0 FROM place p WHERE p.feature = 'city' AND p.capital = 1 AND p.country = ? "
            "ORDER BY p.population DESC LIMIT 1",
            (iso2,),
        ).fetchone()
        return _candidate(row, "name") if row else None

    def admin1_named(self, iso2: str, name: str) -> Candidate | None:
        """The country's province of that name, as the index names it (a place's `admin1`)."""
        row = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, 0 FROM place p WHERE p.country = ? AND p.feature = 'admin1' AND p.name = ?",
            (iso2, name),
        ).fetchone()
        return _candidate(row, "name") if row else None

    def admin1(self, admin1_code: str) -> Candidate | None:
        row = self.conn.execute(
            f"SELECT {_PLACE_COLUMNS}, 0 FROM place p WHERE p.admin1_code = ? AND p.feature = 'admin1'",
            (admin1_code,),
        ).fetchone()
        return _candidate(row, "name") if row else None


def _candidate(row: tuple[Any, ...], match: str) -> Candidate:
    return Candidate._make((*row[:11], bool(row[11]), match, 1.0, row[12], row[13]))


def _with_similarity(candidate: Candidate, similarity: float) -> Candidate:
    return candidate._replace(similarity=similarity)


_shared: Gazetteer | None = None
_shared_lock = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, building the index on first use if it is missing."""
    global _shared
    with _shared_lock:
        if _shared is None:
            path, _ = ensure_index()
            _shared = Gazetteer(path)
        return _shared


def _a_word_not_an_abbreviation(text: str) -> bool:
    """ "In", "Me", "Or": an English function word not written in capitals."""
    return not text.isupper() and text.lower() in FUNCTION_WORDS
