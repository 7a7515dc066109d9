"""Review: an analyst's corrections are written into the events row; the pipeline's values move to the review

Until now a correction lived only in event_reviews.corrections and was laid over the row when one event was
read, so filters, counts, the timeline, the map and the exports still saw the pipeline's values. From here on
the events row holds what the analyst left, with its indexes, and event_reviews.originals keeps the pipeline's
value of each corrected column. Existing corrections are applied here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("originals", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    conn = op.get_bind()
    metadata = sa.MetaData()
    events = sa.Table("events", metadata, autoload_with=conn)
    reviews = sa.Table("event_reviews", metadata, autoload_with=conn)
    for review in conn.execute(sa.select(reviews.c.event_pk, reviews.c.corrections)).mappings().all():
        corrections = {k: v for k, v in (review["corrections"] or {}).items() if k in events.c}
        if not corrections:
            continue
        row = conn.execute(sa.select(events).where(events.c.pk == review["event_pk"])).mappings().one()
        originals = {column: row[column] for column in corrections}
        conn.execute(sa.update(events).where(events.c.pk == review["event_pk"]).values(**corrections))
        conn.execute(sa.update(reviews).where(reviews.c.event_pk == review["event_pk"]).values(originals=originals))


def downgrade() -> None:
    conn = op.get_bind()
    metadata = sa.MetaData()
    events = sa.Table("events", metadata, autoload_with=conn)
    reviews = sa.Table("event_reviews", metadata, autoload_with=conn)
    for review in conn.execute(sa.select(reviews.c.event_pk, reviews.c.originals)).mappings().all():
        if review["originals"]:
            conn.execute(sa.update(events).where(events.c.pk == review["event_pk"]).values(**review["originals"]))
    with op.batch_alter_table("event_reviews", schema=None) as batch_op:
        batch_op.drop_column("originals")
