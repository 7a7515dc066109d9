"""The analyst's desk: JSON API and web pages over the ledger (`create_app(db_url, settings=...)`)."""

from newsledger.api.app import create_app
from newsledger.api.settings import Settings

__all__ = ["Settings", "create_app"]
