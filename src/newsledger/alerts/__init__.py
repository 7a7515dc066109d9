"""Alerts: a saved search is any filtered view of the events, kept under a stable address. Its new matches are an
Atom feed (`/alerts/{slug}?format=atom`) that any feed reader or mail bridge can follow, and, when it has a
webhook, a JSON POST signed with its shared secret (HMAC-SHA256), retried with back-off until it is accepted."""
