"""Reading the ledger: filtered, paginated queries that return plain dicts (JSON-ready).

Mixed into `Store`, so readers call `store.events(since="2021-09-01", country="AF", limit=50)`. Every list
query takes `limit` and `offset` and has a `count_…` twin with the same filters (for pagination and facets).
Dates are ISO strings; filters left as None are not applied.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, and_, cast, exists, func, literal, or_, select, text, union_all
from sqlalchemy.sql import Select

from newsledger.store import schema

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.sql.elements import ColumnElement

MAX_PAGE = 10_000
REVIEWED_STATUSES = ("confirmed", "corrected")


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(int(limit), MAX_PAGE)), max(0, int(offset))


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _alias_match(aliases: Any, pattern: str, dialect: str) -> ColumnElement[bool]:
    """True when any alias (a value of the JSON array, never its JSON text: brackets, quotes and the JSON escape
    of a backslash do not match) contains `pattern`, a `_like` pattern with backslash as its ESCAPE."""
    elements = func.json_array_elements_text if dialect == "postgresql" else func.json_each
    alias = elements(aliases).table_valued("value").alias("alias")
    return exists(select(literal(1)).select_from(alias).where(func.lower(alias.c.value).like(pattern, escape="\\")))


class QueryMixin:
    engine: Engine
    dialect: str

    # --- events ----------------------------------------------------------------------------------

    def _event_filters(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        type: str | None = None,
        actor: str | int | None = None,
        status: str | None = None,
        disputed: bool | None = None,
        reviewed: bool | None = None,
        cluster_id: int | None = None,
        article_id: str | None = None,
        outlet: str | None = None,
    ) -> list[ColumnElement[bool]]:
        ev = schema.events
        conditions: list[ColumnElement[bool]] = []
        if since:
            conditions.append(ev.c.event_date >= since)
        if until:
            conditions.append(ev.c.event_date <= until)
        if country:
            conditions.append(ev.c.country == country.upper())
        if admin1:
            conditions.append(func.lower(ev.c.admin1) == admin1.lower())
        if bbox:
            min_lon, min_lat, max_lon, max_lat = bbox
            conditions.append(and_(ev.c.lon >= min_lon, ev.c.lon <= max_lon, ev.c.lat >= min_lat, ev.c.lat <= max_lat))
        if type:
            types = [t.strip() for t in type.split(",") if t.strip()]
            conditions.append(
                or_(
                    ev.c.type.in_([t.upper() for t in types]),
                    func.lower(ev.c.acled_type).in_([t.lower() for t in types]),
                )
            )
        if actor is not None and str(actor) != "":
            conditions.append(_actor_condition(actor, self.dialect))
        if status:
            conditions.append(ev.c.status.in_([s.strip() for s in status.split(",")]))
        if disputed is not None:
            disputing = select(schema.event_clusters.c.id).where(schema.event_clusters.c.n_disputing_outlets > 0)
            in_disputed = or_(ev.c.cluster_id.in_(disputing), ev.c.status == "denied")
            conditions.append(in_disputed if disputed else ~in_disputed)
        if reviewed is not None:
            reviewed_pks = select(schema.event_reviews.c.event_pk).where(
                schema.event_reviews.c.status.in_(REVIEWED_STATUSES)
            )
            conditions.append(ev.c.pk.in_(reviewed_pks) if reviewed else ~ev.c.pk.in_(reviewed_pks))
        if cluster_id is not None:
            conditions.append(ev.c.cluster_id == cluster_id)
        if article_id:
            conditions.append(ev.c.article_id == article_id)
        if outlet:
            conditions.append(ev.c.outlet == outlet)
        return conditions

    def events(self, *, limit: int = 100, offset: int = 0, order: str = "date", **filters: Any) -> list[dict[str, Any]]:
        """Events (one row per report of an event), newest first by default (`order="date"`; or "-date" for
        oldest first). Each dict has the events table's columns (an analyst's corrections included) plus
        `review_status`, and `review` and `pipeline_values` when an analyst has corrected it. Filters: since,
        until (event_date), country (ISO2), admin1, bbox (min_lon, min_lat, max_lon, max_lat), type (PLOVER or
        ACLED type, comma separated), actor (name substring or actor id), status (comma separated), disputed,
        reviewed, cluster_id, article_id, outlet."""
        limit, offset = _page(limit, offset)
        ev, rv = schema.events, schema.event_reviews
        query: Select[Any] = (
            select(
                ev,
                rv.c.status.label("review_status"),
                rv.c.corrections.label("review_corrections"),
                rv.c.originals.label("review_originals"),
            )
            .select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
            .where(*self._event_filters(**filters))
        )
        ordering = (ev.c.event_date.asc(), ev.c.pk.asc()) if order == "-date" else (ev.c.event_date.desc(), ev.c.pk)
        query = query.order_by(*ordering).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_event_dict(row) for row in rows]

    def count_events(self, **filters: Any) -> int:
        query = select(func.count()).select_from(schema.events).where(*self._event_filters(**filters))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def event_facets(self, column: str, *, limit: int = 50, **filters: Any) -> list[dict[str, Any]]:
        """Counts of events by one column (type, acled_type, country, status, outlet, event_date) under filters.
        Grouping a filtered list by `column || ''` (same values) keeps SQLite from walking the whole index of that
        column to avoid a sort: the filter's own index reads only matching rows, which is what makes facets of a
        filtered list fast on a large ledger (benchmarks/bench_api.py). Unfiltered, walking the column's own index
        is the best plan."""
        col = schema.events.c[column]
        value = col.concat("") if filters else col
        query = (
            select(value.label("value"), func.count().label("n"))
            .where(*self._event_filters(**filters))
            .group_by(value)
            .order_by(func.count().desc(), value)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def event_total_and_facets(
        self, columns: tuple[str, ...], *, limit: int = 20, **filters: Any
    ) -> tuple[int, dict[str, list[dict[str, Any]]]]:
        """The number of events under the filters and their counts by each column. A filtered list is read once,
        through the filter's own index, into a common table expression (materialized, as it is used once per
        column) that each column's GROUP BY then counts, all in one statement: only each column's few values come
        back. (Grouping by all the columns at once instead returns about one row per matching event when they
        include the outlet, thousands for a common status, and costs more than the read.) The whole ledger is
        counted per column along each column's index instead (where one pass over every row would be the slow
        plan)."""
        if not filters:
            return self.count_events(), {column: self.event_facets(column, limit=limit) for column in columns}
        ev = schema.events
        matching = select(*(ev.c[column] for column in columns)).where(*self._event_filters(**filters)).cte("matching")
        per_column = union_all(
            *(
                select(
                    literal(index).label("facet"), matching.c[column].label("value"), func.count().label("n")
                ).group_by(matching.c[column])
                for index, column in enumerate(columns)
            )
        )
        counts: dict[str, dict[Any, int]] = {column: {} for column in columns}
        with self.engine.connect() as conn:
            for row in conn.execute(per_column):
                counts[columns[row.facet]][row.value] = int(row.n)
        total = sum(counts[columns[0]].values())  # every row is in exactly one group of any one column
        facets = {
            column: [
                {"value": value, "n": n}
                for value, n in sorted(found.items(), key=lambda item: (-item[1], item[0] is None, str(item[0])))[
                    :limit
                ]
            ]
            for column, found in counts.items()
        }
        return total, facets

    def timeline_counts(self, **filters: Any) -> list[dict[str, Any]]:
        """Events per day and type: [{day, type, n}] in day order."""
        ev = schema.events
        query = (
            select(ev.c.event_date.label("day"), ev.c.type, func.count().label("n"))
            .where(ev.c.event_date.is_not(None), *self._event_filters(**filters))
            .group_by(ev.c.event_date, ev.c.type)
            .order_by(ev.c.event_date, ev.c.type)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def map_points(self, *, limit: int = 5000, **filters: Any) -> list[dict[str, Any]]:
        """Located events, with what a popup needs to point at the evidence."""
        ev, ar = schema.events, schema.articles
        query = (
            select(
                ev.c.pk,
                ev.c.type,
                ev.c.status,
                ev.c.lat,
                ev.c.lon,
                ev.c.location,
                ev.c.country,
                ev.c.event_date,
                ev.c.trigger_text,
                ev.c.source_name,
                ev.c.target_name,
                ev.c.article_id,
                ev.c.outlet,
                ar.c.title,
            )
            .select_from(ev.join(ar, ar.c.id == ev.c.article_id))
            .where(ev.c.lat.is_not(None), ev.c.lon.is_not(None), *self._event_filters(**filters))
            .order_by(ev.c.event_date.desc(), ev.c.pk)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def article_event_pks(self, article_id: str) -> dict[str, int]:
        """{event id in the record: events.pk} of one article (to link highlights to the review page)."""
        ev = schema.events
        with self.engine.connect() as conn:
            rows = conn.execute(select(ev.c.id, ev.c.pk).where(ev.c.article_id == article_id))
            return {row.id: row.pk for row in rows}

    def event(self, event_pk: int) -> dict[str, Any] | None:
        ev, rv = schema.events, schema.event_reviews
        query = (
            select(
                ev,
                rv.c.status.label("review_status"),
                rv.c.corrections.label("review_corrections"),
                rv.c.originals.label("review_originals"),
            )
            .select_from(ev.outerjoin(rv, rv.c.event_pk == ev.c.pk))
            .where(ev.c.pk == event_pk)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return _event_dict(row) if row is not None else None

    # --- clusters --------------------------------------------------------------------------------

    def clusters(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        type: str | None = None,
        min_outlets: int | None = None,
        disputed: bool | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Event clusters (one real event, many reports), most reported first."""
        limit, offset = _page(limit, offset)
        cl = schema.event_clusters
        conditions: list[ColumnElement[bool]] = []
        if since:
            conditions.append(cl.c.date_max >= since)
        if until:
            conditions.append(cl.c.date_min <= until)
        if country:
            conditions.append(cl.c.country == country.upper())
        if type:
            conditions.append(cl.c.type == type.upper())
        if min_outlets:
            conditions.append(cl.c.n_outlets >= min_outlets)
        if disputed is not None:
            conditions.append(cl.c.n_disputing_outlets > 0 if disputed else cl.c.n_disputing_outlets == 0)
        query = (
            select(cl)
            .where(*conditions)
            .order_by(cl.c.n_outlets.desc(), cl.c.date_min.desc(), cl.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def cluster(self, cluster_id: int) -> dict[str, Any] | None:
        """One cluster with its member events (every source's evidence)."""
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(schema.event_clusters).where(schema.event_clusters.c.id == cluster_id))
                .mappings()
                .first()
            )
        if row is None:
            return None
        found = dict(row)
        found["events"] = self.events(cluster_id=cluster_id, limit=MAX_PAGE, order="-date")
        return found

    # --- claims ----------------------------------------------------------------------------------

    def claims(
        self,
        *,
        disputed: bool | None = None,
        article_id: str | None = None,
        claimant: str | None = None,
        stance: str | None = None,
        cluster_id: int | None = None,
        board: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims, each with `disputes` / `disputed_by`: lists of the other claims (with outlet and date) it
        contradicts or that contradict it, within the article or across articles.

        `board`: the disputed-claims board, which lists each disputing pair once: only claims that dispute
        another, each with the claims it disputes (`disputed_by` left empty, so no pair shows under both its
        claims; of two claims that dispute each other, the pair is listed under the one whose link came first)."""
        limit, offset = _page(limit, offset)
        cl = schema.claims
        cd = _board_links() if board else schema.claim_disputes
        conditions = self._claim_filters(disputed, article_id, claimant, stance, cluster_id, board)
        query = select(cl).where(*conditions).order_by(cl.c.published.desc(), cl.c.pk).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
            pks = [r["pk"] for r in rows]
            links = (
                conn.execute(select(cd).where(or_(cd.c.claim_pk.in_(pks), cd.c.disputed_pk.in_(pks)))).mappings().all()
            )
            other_pks = {link["claim_pk"] for link in links} | {link["disputed_pk"] for link in links}
            others = {
                r["pk"]: _claim_brief(r) for r in conn.execute(select(cl).where(cl.c.pk.in_(other_pks))).mappings()
            }
        for row in rows:
            row["disputes"] = [
                {**others[link["disputed_pk"]], "cross_article": link["cross_article"], "origin": link["origin"]}
                for link in links
                if link["claim_pk"] == row["pk"]
            ]
            row["disputed_by"] = [
                {**others[link["claim_pk"]], "cross_article": link["cross_article"], "origin": link["origin"]}
                for link in links
                if link["disputed_pk"] == row["pk"] and not board
            ]
        return rows

    def _claim_filters(
        self,
        disputed: bool | None,
        article_id: str | None,
        claimant: str | None,
        stance: str | None,
        cluster_id: int | None,
        board: bool = False,
    ) -> list[ColumnElement[bool]]:
        cl, cd = schema.claims, schema.claim_disputes
        conditions: list[ColumnElement[bool]] = []
        if board:
            conditions.append(cl.c.pk.in_(select(_board_links().c.claim_pk)))
        elif disputed is not None:
            involved = or_(cl.c.pk.in_(select(cd.c.claim_pk)), cl.c.pk.in_(select(cd.c.disputed_pk)))
            conditions.append(involved if disputed else ~involved)
        if article_id:
            conditions.append(cl.c.article_id == article_id)
        if claimant:
            conditions.append(func.lower(cl.c.claimant_name).like(_like(claimant), escape="\\"))
        if stance:
            conditions.append(cl.c.stance == stance)
        if cluster_id is not None:
            conditions.append(cl.c.cluster_id == cluster_id)
        return conditions

    def count_claims(
        self,
        *,
        disputed: bool | None = None,
        article_id: str | None = None,
        claimant: str | None = None,
        stance: str | None = None,
        cluster_id: int | None = None,
        board: bool = False,
    ) -> int:
        conditions = self._claim_filters(disputed, article_id, claimant, stance, cluster_id, board)
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.claims).where(*conditions)).scalar_one())

    # --- actors, quotes, places ------------------------------------------------------------------

    def actors(
        self,
        *,
        q: str | None = None,
        type: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Cross-article actors (most mentioned first); `q` matches the name or any alias."""
        limit, offset = _page(limit, offset)
        ac = schema.actors
        conditions: list[ColumnElement[bool]] = []
        if q:
            conditions.append(
                or_(
                    func.lower(ac.c.name).like(_like(q), escape="\\"),
                    _alias_match(ac.c.aliases, _like(q), self.dialect),
                )
            )
        if type:
            conditions.append(ac.c.type == type.upper())
        query = (
            select(ac)
            .where(*conditions)
            .order_by(ac.c.n_articles.desc(), ac.c.n_mentions.desc(), ac.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def actor(self, actor_id: int) -> dict[str, Any] | None:
        """One actor with its quotes and the events it is source or target of."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.actors).where(schema.actors.c.id == actor_id)).mappings().first()
        if row is None:
            return None
        found = dict(row)
        found["quotes"] = self.quotes(actor_id=actor_id, limit=500)
        found["events"] = self.events(actor=actor_id, limit=500)
        return found

    def quotes(
        self,
        *,
        speaker: str | None = None,
        q: str | None = None,
        actor_id: int | None = None,
        article_id: str | None = None,
        kind: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quotes with speaker, outlet and date; `speaker` matches the speaker's name, `q` searches the text
        (full-text)."""
        limit, offset = _page(limit, offset)
        qt, ar = schema.quotes, schema.articles
        conditions: list[ColumnElement[bool]] = []
        if speaker:
            conditions.append(
                or_(
                    func.lower(qt.c.speaker_name).like(_like(speaker), escape="\\"),
                    func.lower(qt.c.speaker_text).like(_like(speaker), escape="\\"),
                )
            )
        if q:
            conditions.append(qt.c.pk.in_(self._quote_search(q)))
        if actor_id is not None:
            conditions.append(qt.c.actor_id == actor_id)
        if article_id:
            conditions.append(qt.c.article_id == article_id)
        if kind:
            conditions.append(qt.c.kind == kind)
        query = (
            select(qt, ar.c.outlet, ar.c.published, ar.c.title)
            .select_from(qt.join(ar, ar.c.id == qt.c.article_id))
            .where(*conditions)
            .order_by(ar.c.published.desc(), qt.c.pk)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def places(
        self, *, country: str | None = None, q: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Places mentioned across articles, grouped by geonameid (or name when unresolved), most reported first."""
        limit, offset = _page(limit, offset)
        pl = schema.places
        conditions: list[ColumnElement[bool]] = []
        if country:
            conditions.append(pl.c.country == country.upper())
        if q:
            conditions.append(func.lower(pl.c.name).like(_like(q), escape="\\"))
        key = func.coalesce(cast(pl.c.geonameid, String), pl.c.name)
        query = (
            select(
                func.min(pl.c.name).label("name"),
                pl.c.geonameid,
                func.min(pl.c.lat).label("lat"),
                func.min(pl.c.lon).label("lon"),
                func.min(pl.c.country).label("country"),
                func.min(pl.c.admin1).label("admin1"),
                func.min(pl.c.feature).label("feature"),
                func.count(func.distinct(pl.c.article_id)).label("n_articles"),
            )
            .where(*conditions)
            .group_by(key, pl.c.geonameid)
            .order_by(func.count(func.distinct(pl.c.article_id)).desc(), func.min(pl.c.name))
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    # --- articles and search ---------------------------------------------------------------------

    def articles(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Article metadata (no text), newest first; `q` is a full-text search."""
        limit, offset = _page(limit, offset)
        ar = schema.articles
        conditions: list[ColumnElement[bool]] = []
        if since:
            conditions.append(ar.c.published >= since)
        if until:
            conditions.append(ar.c.published <= until)
        if outlet:
            conditions.append(ar.c.outlet == outlet)
        if q:
            conditions.append(ar.c.id.in_(self._article_search(q)))
        columns = [c for c in ar.c if c.name not in ("text", "record")]
        opening = func.substr(ar.c.text, 1, OPENING_CHARS).label("opening")
        query = (
            select(*columns, opening)
            .where(*conditions)
            .order_by(ar.c.published.desc(), ar.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        for row in rows:
            row["first_line"] = first_line(row.pop("opening") or "")
        return rows

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The full public record of one article (with its text), as `extract --format json` prints it."""
        record = self.get_record(article_id)  # type: ignore[attr-defined]
        if record is None:
            return None
        found: dict[str, Any] = record.to_dict()
        found["article"]["text"] = record.article.text
        return found

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over articles (FTS5 / tsvector): id, title, outlet, published, snippet."""
        limit, offset = _page(limit, offset)
        terms = _search_terms(q)
        if not terms:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                rows = conn.execute(
                    text(
                        "SELECT a.id, a.title, a.outlet, a.published, substr(a.text, 1, :opening) AS opening, "
                        "snippet(articles_fts, 2, :hit_open, :hit_close, '…', 16) AS snippet "
                        "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                        "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
                    ),
                    {
                        "q": _fts5_query(terms),
                        "limit": limit,
                        "offset": offset,
                        "hit_open": HIT_OPEN,
                        "hit_close": HIT_CLOSE,
                        "opening": OPENING_CHARS,
                    },
                )
            else:
                rows = conn.execute(
                    text(
                        "SELECT a.id, a.title, a.outlet, a.published, substr(a.text, 1, :opening) AS opening, "
                        "ts_headline('english', a.text, query, :headline_options) AS snippet "
                        "FROM articles a, plainto_tsquery('english', :q) AS query "
                        "WHERE a.search @@ query ORDER BY ts_rank(a.search, query) DESC, a.id "
                        "LIMIT :limit OFFSET :offset"
                    ),
                    {
                        "q": " ".join(terms),
                        "limit": limit,
                        "offset": offset,
                        "headline_options": f"StartSel={HIT_OPEN},StopSel={HIT_CLOSE},MaxWords=30",
                        "opening": OPENING_CHARS,
                    },
                )
            return [_with_snippet_parts(dict(row)) for row in rows.mappings()]

    def _article_search(self, q: str) -> Any:
        terms = _search_terms(q)
        if self.dialect == "sqlite":
            return select(text("article_id FROM articles_fts WHERE articles_fts MATCH :fq")).params(
                fq=_fts5_query(terms) or '""'
            )
        return select(schema.articles.c.id).where(
            text("articles.search @@ plainto_tsquery('english', :fq)").bindparams(fq=" ".join(terms))
        )

    def _quote_search(self, q: str) -> Any:
        terms = _search_terms(q)
        if self.dialect == "sqlite":
            return select(text("rowid FROM quotes_fts WHERE quotes_fts MATCH :qq")).params(
                qq=_fts5_query(terms) or '""'
            )
        return select(schema.quotes.c.pk).where(
            text("quotes.search @@ plainto_tsquery('english', :qq)").bindparams(qq=" ".join(terms))
        )

    def rejected_keys(self) -> set[tuple[str, str]]:
        """(source, reason) of every recorded rejection (to record each one once)."""
        rj = schema.rejected
        with self.engine.connect() as conn:
            return {(row.source, row.reason) for row in conn.execute(select(rj.c.source, rj.c.reason))}

    def rejected_inputs(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = _page(limit, offset)
        rj = schema.rejected
        query = select(rj).order_by(rj.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]


def event_column_kinds() -> list[tuple[str, str]]:
    """(name, kind) of each column of the events table, in table order; kind is integer, float, boolean or text
    (for exports that declare their own typed schema, such as Parquet)."""
    kinds = {"Integer": "integer", "Float": "float", "Boolean": "boolean"}
    return [(column.name, kinds.get(type(column.type).__name__, "text")) for column in schema.events.c]


def _actor_condition(actor: str | int, dialect: str) -> ColumnElement[bool]:
    ev, ac = schema.events, schema.actors
    if isinstance(actor, int) or str(actor).isdigit():
        actor_id = int(actor)
        return or_(ev.c.source_actor_id == actor_id, ev.c.target_actor_id == actor_id)
    pattern = _like(str(actor))
    matching_actors = select(ac.c.id).where(
        or_(
            func.lower(ac.c.name).like(pattern, escape="\\"),
            _alias_match(ac.c.aliases, pattern, dialect),
        )
    )
    return or_(
        func.lower(ev.c.source_name).like(pattern, escape="\\"),
        func.lower(ev.c.target_name).like(pattern, escape="\\"),
        ev.c.source_actor_id.in_(matching_actors),
        ev.c.target_actor_id.in_(matching_actors),
    )


def _event_dict(row: Any) -> dict[str, Any]:
    """An events row (which holds the analyst's corrections) with `review` (what the analyst changed) and
    `pipeline_values` (what the pipeline had said of those columns) when it was corrected."""
    found = dict(row)
    corrections = found.pop("review_corrections", None)
    originals = found.pop("review_originals", None)
    if corrections:
        found["review"] = dict(corrections)
        found["pipeline_values"] = dict(originals or {})
    return found


def _claim_brief(row: Any) -> dict[str, Any]:
    return {
        key: row[key]
        for key in (
            "pk",
            "article_id",
            "id",
            "claimant",
            "claimant_name",
            "stance",
            "proposition",
            "outlet",
            "published",
        )
    }


_WORD = re.compile(r"\w+", re.UNICODE)
# The search engines mark hits in a snippet with these (control characters never found in stored text, unlike
# brackets); the snippet goes out as plain text with the hits as separate parts.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


OPENING_CHARS = 300
FIRST_LINE_CHARS = 120


def first_line(text: str) -> str:
    """What an untitled report is listed by: its first non-empty line, cut at a word near 120 characters."""
    line = next((" ".join(part.split()) for part in text.splitlines() if part.strip()), "")
    if len(line) <= FIRST_LINE_CHARS:
        return line
    cut = line[:FIRST_LINE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _with_snippet_parts(row: dict[str, Any]) -> dict[str, Any]:
    """`snippet` as plain text, and `snippet_parts`: [{text, hit}] for real highlighting; `first_line` for an
    untitled report."""
    row["first_line"] = first_line(row.pop("opening", None) or "")
    raw = row.get("snippet") or ""
    parts: list[dict[str, Any]] = []
    for index, piece in enumerate(re.split(f"[{HIT_OPEN}{HIT_CLOSE}]", raw)):
        if piece:
            parts.append({"text": piece, "hit": index % 2 == 1})
    row["snippet"] = raw.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")
    row["snippet_parts"] = parts
    return row


def _search_terms(q: str) -> list[str]:
    return _WORD.findall(q or "")[:32]


def _fts5_query(terms: list[str]) -> str:
    """User words as quoted FTS5 strings (all must match): no FTS5 syntax from the user is ever interpreted."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _board_links() -> Any:
    """The claim_disputes links, one per disputing pair: of two links a->b and b->a, only the first stored."""
    cd = schema.claim_disputes
    reverse = schema.claim_disputes.alias("reverse_dispute")
    earlier_reverse = (
        select(reverse.c.pk)
        .where(reverse.c.claim_pk == cd.c.disputed_pk, reverse.c.disputed_pk == cd.c.claim_pk, reverse.c.pk < cd.c.pk)
        .exists()
    )
    return select(cd).where(~earlier_reverse).subquery("board_links")
