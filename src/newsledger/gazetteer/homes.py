"""An outlet's home, learnt from the ledger: the province (or country) its reports' places cluster in.

Local news names its towns bare ("the Richmond council", "a crash on Route 9 near Milford"), and a bare name has
namesakes everywhere. Read alone, such a report gives its reader the famous or the largest namesake; its
readers know better, because they know where the paper is. The ledger learns the same thing from the outlet's
earlier reports: the province most of their confidently placed towns and provinces lie in, once several reports
agree, becomes the home the geoparser weighs (`Context.home_admin1`; see `gazetteer.resolve`).

The home is written on each article as the ledger reads it (`Article.outlet_home`: a GeoNames admin1 code such
as "US.OH", or a country code alone), so every stored record says which home its places were read with, and a
report read before its outlet's home was known (or under a home learnt since to be another) is read again:
`service.ingest_articles` does so at the end of each run. The evaluation (`eval geoparse`) learns homes with
this same class, in the same order, so its figure is the ledger's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from newsledger.gazetteer.index import Gazetteer

if TYPE_CHECKING:
    from newsledger.model import ArticleRecord

# A place read with at least this confidence counts towards its outlet's home (a resolution's score).
CONFIDENT = 0.6
# The home is the province (country) the most of an outlet's confident places lie in, provided that no other
# has as many, that it holds at least MIN_SHARE of them and MIN_PLACES places, and that it is named in at least
# MIN_ARTICLES of the outlet's reports and in MIN_REPORT_SHARE of all of them: one report about a trip does not
# move a newspaper, nor do a few confident places among many reports of a wire service that covers the world.
# A national outlet spreads its places over many provinces: read on 100 PolNeAR reports, none of seven national
# outlets has a province above 0.29 of its places (Politico's Florida in a primary season), while local papers'
# home provinces hold 0.4-1.0 of theirs (LGL's first 441 articles). Neither share loses a local paper's home on
# LGL's first 441 articles nor on the rest of the file (a report share of a third would).
MIN_SHARE = 1 / 3
MIN_PLACES = 3
MIN_ARTICLES = 2
MIN_REPORT_SHARE = 0.25
# The kinds of place whose province says where the outlet is (a country's own entry names no province).
LOCAL_FEATURES = frozenset({"city", "admin2", "admin1"})

K = TypeVar("K")


@dataclass(frozen=True)
class PlaceVote:
    """What one stored place says about its outlet's home: its country, and its province (admin1 name) when it
    is a town, a district or a province."""

    country: str
    province: str | None


def votes_of(places: Iterable[tuple[str | None, str | None, str | None, float | None]]) -> list[PlaceVote]:
    """The votes of a report's places, given as (country, admin1 name, feature, score)."""
    votes = []
    for country, admin1, feature, score in places:
        if score is None or score < CONFIDENT or not country:
            continue
        votes.append(PlaceVote(country, admin1 if admin1 and feature in LOCAL_FEATURES else None))
    return votes


# What a loader gives for one outlet: each of its stored reports' id and votes (none for a report with no
# confident place).
OutletLoader = Callable[[str], Iterable[tuple[str, list[PlaceVote]]]]


@dataclass
class _Tally:
    """One outlet's votes, counted as they come: the votes of each report (a report read again replaces its
    own), and per key (a province, or a country) how many votes and how many reports name it."""

    by_report: dict[str, list[PlaceVote]] = field(default_factory=dict)
    provinces: Counter[tuple[str, str]] = field(default_factory=Counter)
    province_reports: Counter[tuple[str, str]] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    country_reports: Counter[str] = field(default_factory=Counter)

    def count(self, votes: list[PlaceVote], sign: int) -> None:
        provinces = [(v.country, v.province) for v in votes if v.province]
        countries = [v.country for v in votes]
        _shift(self.provinces, provinces, sign)
        _shift(self.province_reports, set(provinces), sign)
        _shift(self.countries, countries, sign)
        _shift(self.country_reports, set(countries), sign)


def _shift(counter: Counter[K], keys: Iterable[K], sign: int) -> None:
    """Count `keys` in (sign 1) or out (sign -1); a key counted out to nothing leaves the counter."""
    for key, n in Counter(keys).items():
        counter[key] += sign * n
        if counter[key] <= 0:
            del counter[key]


@dataclass
class OutletHomes:
    """The votes of every report of every outlet met so far, and the home they make for each outlet. With
    `load`, an outlet's stored reports are read the first time the outlet is met (a run reads only the outlets
    it touches, not the whole ledger)."""

    gazetteer: Gazetteer
    load: OutletLoader | None = None
    tallies: dict[str, _Tally] = field(default_factory=dict)
    _codes: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    def _tally(self, outlet: str) -> _Tally:
        tally = self.tallies.get(outlet)
        if tally is None:
            tally = self.tallies[outlet] = _Tally()
            for article_id, votes in self.load(outlet) if self.load is not None else ():
                self._put(tally, article_id, votes)
        return tally

    def add(self, outlet: str | None, article_id: str, votes: list[PlaceVote]) -> None:
        if outlet:
            self._put(self._tally(outlet), article_id, votes)

    @staticmethod
    def _put(tally: _Tally, article_id: str, votes: list[PlaceVote]) -> None:
        old = tally.by_report.get(article_id)
        if old is not None:
            tally.count(old, -1)
        tally.by_report[article_id] = votes
        tally.count(votes, +1)

    def add_record(self, record: ArticleRecord) -> None:
        """A report's places as its votes (replacing the votes of the same report read before)."""
        places = ((p.country, p.admin1, p.feature, p.score) for p in record.places)
        self.add(record.article.outlet, record.article.id, votes_of(places))

    def home(self, outlet: str | None) -> str | None:
        """The outlet's home: a GeoNames admin1 code ("US.OH"), a country code ("US") when only the country is
        known, or None."""
        if not outlet:
            return None
        tally = self._tally(outlet)
        reports = len(tally.by_report)
        province = _dominant(tally.provinces, tally.province_reports, reports)
        if province is not None:
            code = self._admin1_code(*province)
            if code is not None:
                return code
        return _dominant(tally.countries, tally.country_reports, reports)

    def outlets(self) -> list[str]:
        return list(self.tallies)

    def _admin1_code(self, country: str, name: str) -> str | None:
        if (country, name) not in self._codes:  # a scan of the index's provinces: asked once per province
            found = self.gazetteer.admin1_named(country, name)
            self._codes[(country, name)] = found.admin1_code if found is not None else None
        return self._codes[(country, name)]


def _dominant(votes: Counter[K], reports_naming: Counter[K], reports: int) -> K | None:
    """The key most votes go to, if no other has as many, and it has at least MIN_SHARE of them, MIN_PLACES
    votes, and votes from MIN_ARTICLES reports and from MIN_REPORT_SHARE of all the outlet's `reports`."""
    if not votes:
        return None
    top = votes.most_common(2)
    key, count = top[0]
    if len(top) == 2 and top[1][1] == count:  # a tie is no home (and the answer must not hang on input order)
        return None
    named_in = reports_naming[key]
    if (
        count >= MIN_PLACES
        and count / votes.total() >= MIN_SHARE
        and named_in >= MIN_ARTICLES
        and named_in / reports >= MIN_REPORT_SHARE
    ):
        return key
    return None


def split_home(home: str | None) -> tuple[str | None, str | None]:
    """("US", "US.OH") from "US.OH"; ("US", None) from "US"."""
    if not home:
        return None, None
    if "." in home:
        return home.split(".", 1)[0], home
    return home, None
