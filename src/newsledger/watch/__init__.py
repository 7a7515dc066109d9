"""`newsledger watch`: poll feeds and drop folders on a schedule, store what is new, resolve, tell the alerts.

The state (each source's ETag and Last-Modified, its failures, and the key of every item handled) lives in the
ledger (`watch_sources`, `watch_items`), so a restart, even after `kill -9`, loses and repeats nothing."""
