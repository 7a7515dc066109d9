"""Resolve across articles: actors (one per real person or group, with every alias), event clusters (reports
of the same event, each source's evidence and figures kept), and claims disputed across articles.

`resolve_store(store)` runs all three over a store; `ingest` and `load` call it after writing."""

from newsledger.resolve.ledger import ResolveSummary, resolve_store

__all__ = ["ResolveSummary", "resolve_store"]
