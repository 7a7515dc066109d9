"""Store: the ledger database (SQLite by default, PostgreSQL for teams; one schema, Alembic migrations).

    from newsledger.store import Store
    with Store.open("sqlite:///var/newsledger.db") as store:      # or a path, or postgresql://…
        store.save_record(record)            # -> "inserted" | "updated" | "unchanged"  (one transaction)
        store.reject(source, reason)         # quarantine a bad input
        store.get_record(article_id)         # ArticleRecord (lossless) or None
        store.iter_records()                 # every stored ArticleRecord
        store.events(since=..., country=..., type=..., actor=..., status=..., limit=50, offset=0)
        store.count_events(...), store.event_facets("type", ...), store.event(pk)
        store.clusters(...), store.cluster(id), store.claims(disputed=True), store.actors(q=...),
        store.actor(id), store.quotes(speaker=..., q=...), store.places(...), store.articles(...),
        store.article(article_id), store.search("words"), store.rejected_inputs()

Tables are in `newsledger.store.schema` (SQLAlchemy Core) for readers that need their own queries;
`store.engine` is the SQLAlchemy engine and `store.writing()` a write transaction.
"""

from newsledger.store.db import DEFAULT_URL, SaveResult, Store, database_url

__all__ = ["DEFAULT_URL", "SaveResult", "Store", "database_url"]
