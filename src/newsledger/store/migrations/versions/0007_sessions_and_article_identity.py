"""Desk sessions on the server (auth_sessions), and stored article ids recomputed with the identity rule that
ignores spaces and invisible characters

A ledger built before the rule holds articles under the SHA-256 of their plain normalized text. Re-ingesting
those texts would store them again under their new id (117 of 200 PolNeAR texts, mostly those holding NBSP).
So each such article moves to its new id, with every row that names it: its records, cluster members, watched
items, cluster keys, the fatalities-by-source lists, the audit log's targets and the id inside the stored
record. Reviews hang on event rows, which keep their keys, so they follow. Each move is written to the audit log
(`article_id_changed`, before and after), so an id kept elsewhere (an export, a link) can be traced. When two
stored texts now have the same id, the earliest ingested takes it and the other keeps its old id (nothing is
deleted; the audit log says `article_same_text`).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

import sqlalchemy as sa
from alembic import op

from newsledger.model import article_id_for

revision = "0007"
down_revision = "0006"

WHO = "migration 0007"


def upgrade() -> None:
    op.create_table(
        "auth_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["api_tokens.id"],
            name=op.f("fk_auth_sessions_token_id_api_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_auth_sessions")),
    )
    op.create_index(op.f("ix_auth_sessions_token_id"), "auth_sessions", ["token_id"], unique=False)
    op.create_index(op.f("ix_auth_sessions_expires_at"), "auth_sessions", ["expires_at"], unique=False)
    # The secret the desk's CSRF values are derived from, made here so that no page view has to write it.
    state = sa.table("ledger_state", sa.column("key", sa.String), sa.column("value", sa.Text))
    op.get_bind().execute(state.insert().values(key="csrf_secret", value=secrets.token_hex(32)))
    recompute_article_ids(op.get_bind())


def downgrade() -> None:
    # Article ids stay as they are: the old rule stored some texts twice, which is what the upgrade avoided.
    op.drop_index(op.f("ix_auth_sessions_expires_at"), table_name="auth_sessions")
    op.drop_index(op.f("ix_auth_sessions_token_id"), table_name="auth_sessions")
    op.drop_table("auth_sessions")
    op.execute("DELETE FROM ledger_state WHERE key = 'csrf_secret'")


# Every table naming an article by `article_id` at this revision (the full-text indexes follow by trigger on
# SQLite and by generated column on PostgreSQL).
REFERENCING = (
    "entities",
    "mentions",
    "places",
    "times",
    "quotes",
    "quantities",
    "events",
    "claims",
    "event_cluster_members",
    "watch_items",
)


def recompute_article_ids(conn: sa.Connection) -> dict[str, str]:
    """Move every article whose id is not `article_id_for` of its text; {old id: new id} of the moves."""
    meta = sa.MetaData()
    meta.reflect(conn, only=("articles", "audit_log", "event_clusters", *REFERENCING))
    articles, audit = meta.tables["articles"], meta.tables["audit_log"]
    stored_columns = [column for column in articles.columns if column.name != "search" and column.computed is None]
    found = conn.execute(
        sa.select(articles.c.id, articles.c.text)
        .order_by(articles.c.ingested_at, articles.c.id)
        .execution_options(yield_per=500)
    )
    wanted = [(row.id, new) for row in found if (new := article_id_for(row.text)) != row.id]
    moves: dict[str, str] = {}
    same_text: list[tuple[str, str]] = []
    taken: set[str] = set()
    for old, new in wanted:
        if new in taken or conn.execute(sa.select(articles.c.id).where(articles.c.id == new)).first():
            same_text.append((old, new))
        else:
            moves[old] = new
            taken.add(new)
    now = dt.datetime.now(dt.UTC)
    for old, new in moves.items():
        row = conn.execute(sa.select(*stored_columns).where(articles.c.id == old)).mappings().one()
        conn.execute(articles.insert().values({**row, "id": new, "record": _record_with_id(row["record"], new)}))
        for name in REFERENCING:
            table = meta.tables[name]
            conn.execute(sa.update(table).where(table.c.article_id == old).values(article_id=new))
        conn.execute(sa.update(audit).where(audit.c.target == f"article:{old}").values(target=f"article:{new}"))
        conn.execute(sa.delete(articles).where(articles.c.id == old))
    if moves:
        _rename_in_clusters(conn, meta.tables["event_clusters"], moves)
    notes = [
        {"action": "article_id_changed", "target": f"article:{new}", "before": {"id": old}, "after": {"id": new}}
        for old, new in moves.items()
    ] + [
        {"action": "article_same_text", "target": f"article:{old}", "before": None, "after": {"same_text_as": new}}
        for old, new in same_text
    ]
    if notes:
        conn.execute(audit.insert(), [{"at": now, "who": WHO, **note} for note in notes])
    return moves


def _record_with_id(record: str, new: str) -> str:
    # The same bytes `ArticleRecord.to_json` writes (key order kept, ensure_ascii off), with the new id.
    data = json.loads(record)
    data["article"]["id"] = new
    return json.dumps(data, ensure_ascii=False)


def _rename_in_clusters(conn: sa.Connection, clusters: sa.Table, moves: dict[str, str]) -> None:
    """Cluster keys ("event:<article id>:<event pk>") and the fatalities-by-source lists name article ids."""
    for row in conn.execute(sa.select(clusters.c.id, clusters.c.key, clusters.c.fatalities_by_source)).all():
        changes: dict[str, Any] = {}
        parts = row.key.split(":")
        if len(parts) == 3 and parts[0] == "event" and parts[1] in moves:
            changes["key"] = f"event:{moves[parts[1]]}:{parts[2]}"
        sources = json.loads(row.fatalities_by_source) if isinstance(row.fatalities_by_source, str) else None
        sources = sources if sources is not None else row.fatalities_by_source
        if isinstance(sources, list) and any(isinstance(s, dict) and s.get("article_id") in moves for s in sources):
            changes["fatalities_by_source"] = [
                {**s, "article_id": moves[s["article_id"]]}
                if isinstance(s, dict) and s.get("article_id") in moves
                else s
                for s in sources
            ]
        if changes:
            conn.execute(sa.update(clusters).where(clusters.c.id == row.id).values(**changes))
