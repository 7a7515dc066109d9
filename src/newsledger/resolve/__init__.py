"""Resolve across articles: actors (one per real person or group, with every alias), event clusters (reports
of the same event, each source's evidence and figures kept), and claims disputed across articles.

`resolve_store(store)` runs all three over a store; `ingest` and `load` call it after writing.
`reresolve_events(store, event_pks)` re-clusters only the clusters some events (reviewed, or new) may touch."""

from newsledger.resolve.ledger import ResolveSummary, resolve_store
from newsledger.resolve.scoped import reresolve_events

__all__ = ["ResolveSummary", "reresolve_events", "resolve_store"]
