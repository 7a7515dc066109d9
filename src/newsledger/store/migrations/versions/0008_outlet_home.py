"""The outlet's home each article was read with (`Article.outlet_home`, learnt from the ledger: see
gazetteer/homes.py), so that a report read before its outlet's home was known is found and read again

Articles stored before have none (they were read without one); the next ingest or `reprocess` reads again those
whose outlet's home the ledger now knows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.add_column("articles", sa.Column("outlet_home", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # In place on both backends (SQLite 3.35+): a batch copy of `articles` would have to drop the table that the
    # full-text index's triggers and every record table's foreign key name.
    op.execute("ALTER TABLE articles DROP COLUMN outlet_home")
