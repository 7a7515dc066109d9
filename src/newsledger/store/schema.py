"""The ledger's tables: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Conventions, so that readers (API, web, export) can query without surprises:
- every per-article table has an integer surrogate key `pk` and the record's own id in `id`, unique together
  with `article_id`; rows of an article are deleted with it (`ON DELETE CASCADE`);
- character offsets are `start_char` / `end_char` (`end` is reserved in SQL);
- dates are ISO strings (`YYYY-MM-DD`, or TIMEX3 values as the record has them) so that both backends sort
  and compare them the same way; `event_date` on events is the day an event is filed under (its own date
  when known to the day or week, else the publication date);
- JSON columns hold lists/objects exactly as in the public record.

The schema changes only through Alembic migrations in `store/migrations/` (this module is their target).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)  # article ids are sha256 hex; record ids are short ("e3", "ev1")


def _article_fk() -> Column[str]:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),  # sha256 of the normalized text
    Column("url", Text),
    Column("outlet", String(200), index=True),
    Column("title", Text),
    Column("published", String(32), index=True),
    Column("language", String(8), nullable=False, default="en"),
    Column("source", Text),  # where it was read from
    Column("chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("pipeline", String(200), nullable=False, index=True),  # version that produced the record
    Column("outlet_home", String(16)),  # the outlet's home the places were read with (gazetteer/homes.py)
    Column("schema_version", Integer, nullable=False),
    Column("record", Text, nullable=False),  # ArticleRecord.to_json(): the lossless copy
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # stable identity key chosen by resolve/
    Column("name", Text, nullable=False),
    Column("type", String(20)),
    Column("kind", String(40)),
    Column("country", String(2)),
    Column("aliases", JSON, nullable=False),  # every surface name seen across articles
    Column("roles", JSON, nullable=False),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("n_mentions", Integer, nullable=False, default=0),
)

entities = Table(
    "entities",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("kind", String(40)),
    Column("role", Text),
    Column("affiliation", String(40)),
    Column("country", String(2)),
    Column("aliases", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="SET NULL"), index=True),
    UniqueConstraint("article_id", "id"),
    Index("ix_entities_name", "name"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", String(40), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_mentions_article_entity", "article_id", "entity_id"),
)

places = Table(
    "places",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2), index=True),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("feature", String(40)),
    Column("precision", Integer),
    Column("score", Float),
    Column("dateline", Boolean, nullable=False, default=False),
    Column("mentions", JSON, nullable=False),
    UniqueConstraint("article_id", "id"),
)

times = Table(
    "times",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("value", String(64)),
    Column("type", String(16)),
    Column("precision", String(20)),
    Column("anchor", String(20)),
    UniqueConstraint("article_id", "id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", String(40)),  # entity id within the article
    Column("speaker_text", Text),
    Column("speaker_name", Text, index=True),  # canonical name of the speaker entity
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="SET NULL"), index=True),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("polarity", String(20)),
    UniqueConstraint("article_id", "id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("value", Float),
    Column("qualifier", String(40)),
    Column("unit", String(40)),
    Column("according_to", String(40)),
    Column("category", String(40)),
    Column("event_id", String(40)),
    UniqueConstraint("article_id", "id"),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # stable across re-resolution (first member)
    Column("type", String(20), nullable=False, index=True),
    Column("family", String(20), nullable=False),
    Column("date_min", String(32), index=True),
    Column("date_max", String(32)),
    Column("country", String(2), index=True),
    Column("admin1", Text),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("n_reports", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("n_asserting_outlets", Integer, nullable=False),  # independent outlets that report it as fact/claim
    Column("n_disputing_outlets", Integer, nullable=False),  # outlets carrying a denial or disputing claim
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("fatalities_by_source", JSON, nullable=False),  # [{outlet, article_id, count, text, according_to}]
    Column("status", String(20), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("type", String(20), nullable=False, index=True),
    Column("mode", String(40)),
    Column("acled_type", String(60)),
    Column("acled_subtype", String(80)),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("source_entity", String(40)),
    Column("target_entity", String(40)),
    Column("source_name", Text),
    Column("target_name", Text),
    Column("source_actor_id", Integer, ForeignKey("actors.id", ondelete="SET NULL"), index=True),
    Column("target_actor_id", Integer, ForeignKey("actors.id", ondelete="SET NULL"), index=True),
    Column("place_id", String(40)),
    Column("location", Text),
    Column("country", String(2), index=True),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("when_value", String(64)),
    Column("time_precision", Integer),
    Column("event_date", String(32), index=True),
    Column("status", String(20), nullable=False, index=True),
    Column("according_to", String(40)),
    Column("fatalities", Integer),
    Column("fatalities_text", Text),
    Column("fatalities_according_to", String(40)),
    Column("claim_id", String(40)),
    Column("confidence", Float),
    Column("outlet", String(200)),
    Column("published", String(32)),
    Column("cluster_id", Integer, ForeignKey("event_clusters.id", ondelete="SET NULL"), index=True),
    UniqueConstraint("article_id", "id"),
)

event_cluster_members = Table(
    "event_cluster_members",
    metadata,
    Column("cluster_id", Integer, ForeignKey("event_clusters.id", ondelete="CASCADE"), primary_key=True),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ID, nullable=False, index=True),
    Column("outlet", String(200)),
    Column("fatalities", Integer),
    Column("similarity", Float),  # score to the first member (1.0 for it); NULL when placed by an analyst
)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("id", String(40), nullable=False),
    Column("claimant", String(40), nullable=False),  # entity id or "reporter"
    Column("claimant_name", Text),
    Column("claimant_actor_id", Integer, ForeignKey("actors.id", ondelete="SET NULL"), index=True),
    Column("stance", String(20), nullable=False, index=True),
    Column("proposition", Text, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("disputes", JSON, nullable=False),  # claim ids within the same article, as in the record
    Column("outlet", String(200)),
    Column("published", String(32)),
    Column("cluster_id", Integer, ForeignKey("event_clusters.id", ondelete="SET NULL"), index=True),
    UniqueConstraint("article_id", "id"),
)

claim_disputes = Table(
    "claim_disputes",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("disputed_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("cross_article", Boolean, nullable=False),
    Column("origin", String(20), nullable=False),  # "record" (the extractor said so) or "resolve"
    Column("score", Float),
    UniqueConstraint("claim_pk", "disputed_pk"),
)

rejected = Table(
    "rejected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("code", String(8), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Review (filled by the analyst's desk): one row per reviewed event, and an audit log of every change.
event_reviews = Table(
    "event_reviews",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("status", String(20), nullable=False),  # confirmed, corrected, rejected
    Column("corrections", JSON, nullable=False),  # {column: the analyst's value}, also written into the events row
    Column("originals", JSON, nullable=False, server_default=text("'{}'")),  # {column: the pipeline's value}
    Column("reviewer", String(200), nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("who", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(200), nullable=False),  # e.g. "event:17", "cluster:3"
    Column("before", JSON),
    Column("after", JSON),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("token_hash", String(128), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# A desk log-in: the browser's cookie holds a random session id, the ledger only its SHA-256 (so a copy of the
# database opens no session). Logging out sets `revoked_at`; revoking or replacing the token deletes its sessions.
auth_sessions = Table(
    "auth_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("token_id", Integer, ForeignKey("api_tokens.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
    Column("revoked_at", DateTime(timezone=True)),
)

RECORD_TABLES = (entities, mentions, places, times, quotes, quantities, events, claims)

# The desk for daily work (filled by `newsledger watch` and the saved searches of the desk).
# A saved search is a filtered view of the events with a stable address (`/alerts/{slug}`); `notified_pk` is the
# highest event pk already queued for its webhook, so a match is announced once even across restarts.
saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(80), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("filters", JSON, nullable=False),  # the events filters, as the events page takes them
    Column("webhook_url", Text),
    Column("webhook_secret", String(200)),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("notified_pk", Integer, nullable=False, server_default=text("0")),
)

# One webhook POST to make (or made): queued in the transaction that moves `notified_pk`, sent after it, retried
# with back-off until `delivered_at` is set or the attempts run out.
alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("search_id", Integer, ForeignKey("saved_searches.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False, index=True),
    Column("delivered_at", DateTime(timezone=True)),
    Column("last_error", Text),
)

# What `newsledger watch` knows of each feed or folder: the validators of the last good fetch (so an unchanged
# feed costs a 304), and its failures (for back-off and the report).
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False, unique=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_ok_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("item_count", Integer, nullable=False, server_default=text("0")),
)

# Every item of a watched source already handled (stored, or rejected with its reason), by a key that does not
# change between polls (the entry's id or link; a file's path, size and time).
watch_items = Table(
    "watch_items",
    metadata,
    Column("source_id", Integer, ForeignKey("watch_sources.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(64), primary_key=True),  # sha256 of the item's identity
    Column("item", Text, nullable=False),  # the identity itself, for reading
    Column("article_id", ID),
    Column("outcome", String(20), nullable=False),  # stored, rejected
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

# The desk's filtered event list (a filter plus a date window, newest first) reads a narrow range of one of these
# instead of every event of a country or type: p95 on 1M events, see benchmarks/bench_api.py (migration 0002).
EVENT_LIST_INDEXES = (
    Index("ix_events_country_event_date", events.c.country, events.c.event_date),
    Index("ix_events_type_event_date", events.c.type, events.c.event_date),
    Index("ix_events_status_event_date", events.c.status, events.c.event_date),
    Index("ix_events_event_date_lon_lat", events.c.event_date, events.c.lon, events.c.lat),
    Index("ix_events_outlet", events.c.outlet),
)

# What the ledger's last resolve saw ("resolved": the article count and newest ingested_at then), so a resolve that
# never ran after the last article was stored (a kill in between) is found by the next ingest and by db check.
ledger_state = Table(
    "ledger_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
