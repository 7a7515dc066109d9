"""Settings of the analyst's desk (keyword-only, with safe defaults; `newsledger serve` maps options onto them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Settings:
    # Reads are open on a laptop; a team server sets this so that every request needs a token.
    read_requires_token: bool = False
    # Bodies of write requests are small JSON or form posts; anything larger is refused before it is read.
    max_body_bytes: int = 64 * 1024
    page_size: int = 50
    max_page_size: int = 500
    # Cookies marked Secure only reach the server over HTTPS; off for the default 127.0.0.1 server.
    secure_cookies: bool = False
    # A desk session ends this long after the log-in, or after this long unused, whichever comes first.
    session_hours: float = 12.0
    session_idle_minutes: float = 120.0
    title: str = "newsledger"
