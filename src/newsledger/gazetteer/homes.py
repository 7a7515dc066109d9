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
from collections.abc import Iterable
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


@dataclass
class OutletHomes:
    """The votes of every report of every outlet the ledger holds, and the home they make for each outlet."""

    gazetteer: Gazetteer
    # outlet -> article id -> that report's votes (a report read again replaces its own votes)
    votes: dict[str, dict[str, list[PlaceVote]]] = field(default_factory=dict)
    _codes: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    def add(self, outlet: str | None, article_id: str, votes: list[PlaceVote]) -> None:
        if outlet:
            self.votes.setdefault(outlet, {})[article_id] = votes

    def add_record(self, record: ArticleRecord) -> None:
        """A report's places as its votes (replacing the votes of the same report read before)."""
        places = ((p.country, p.admin1, p.feature, p.score) for p in record.places)
        self.add(record.article.outlet, record.article.id, votes_of(places))

    def home(self, outlet: str | None) -> str | None:
        """The outlet's home: a GeoNames admin1 code ("US.OH"), a country code ("US") when only the country is
        known, or None."""
        if not outlet or outlet not in self.votes:
            return None
        reports = list(self.votes[outlet].values())
        province = _dominant([[(v.country, v.province) for v in votes if v.province] for votes in reports])
        if province is not None:
            code = self._admin1_code(*province)
            if code is not None:
                return code
        return _dominant([[v.country for v in votes if v.country] for votes in reports])

    def _admin1_code(self, country: str, name: str) -> str | None:
        if (country, name) not in self._codes:  # a scan of the index's provinces: asked once per province
            found = self.gazetteer.admin1_named(country, name)
            self._codes[(country, name)] = found.admin1_code if found is not None else None
        return self._codes[(country, name)]


def _dominant(per_report: list[list[K]]) -> K | None:
    """The key most votes go to (`per_report`: each report's votes, none for a report with no confident place),
    if no other has as many, and it has at least MIN_SHARE of them, MIN_PLACES votes, and votes from
    MIN_ARTICLES reports and from MIN_REPORT_SHARE of all the outlet's reports."""
    counts: Counter[K] = Counter(key for votes in per_report for key in votes)
    if not counts:
        return None
    top = counts.most_common(2)
    key, count = top[0]
    if len(top) == 2 and top[1][1] == count:  # a tie is no home (and the answer must not hang on input order)
        return None
    reports = sum(1 for votes in per_report if key in votes)
    if (
        count >= MIN_PLACES
        and count / counts.total() >= MIN_SHARE
        and reports >= MIN_ARTICLES
        and reports / len(per_report) >= MIN_REPORT_SHARE
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
