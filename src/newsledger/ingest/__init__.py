"""Ingest: turn files, feeds and archives into `Article`s (or `InputError`s naming the input and the reason)."""

from newsledger.ingest.read import DEFAULT_MAX_BYTES, ArticleMeta, read_bytes, read_path

__all__ = ["DEFAULT_MAX_BYTES", "ArticleMeta", "read_bytes", "read_path"]
