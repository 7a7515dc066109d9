"""The watch loop: every `every` seconds, poll each source that is due, store the articles of the items not seen
before, then resolve and tell the saved searches. Order matters for restarts: an item is marked seen only after
its articles are stored, and a feed's validators move only after all its new items are marked, so a run killed at
any moment (even `kill -9`) repeats at most the item it was storing, which the store keeps once (same text, same
article), and loses nothing."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsledger.errors import InputError
from newsledger.store import desk
from newsledger.watch.sources import SourceError, poll_source

if TYPE_CHECKING:
    import httpx

    from newsledger.ingest.read import ReadResult
    from newsledger.store.db import Store

# Stores (or, for InputErrors, records as rejected) what one new item read as, before the item is marked seen.
Ingest = Callable[[list["ReadResult"]], None]
Report = Callable[[str], None]
MAX_BACKOFF_SECONDS = 6 * 3600


@dataclass
class SourceRound:
    source: str
    outcome: str  # new, unchanged, failed, waiting (backing off)
    new_items: int = 0
    rejected_items: int = 0
    article_ids: list[str] = field(default_factory=list)  # of the articles stored from its new items
    error: str | None = None
    retry_at: dt.datetime | None = None


@dataclass
class Round:
    sources: list[SourceRound] = field(default_factory=list)

    @property
    def new_items(self) -> int:
        return sum(s.new_items for s in self.sources)

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(article_id for s in self.sources for article_id in s.article_ids))


def backoff_seconds(failures: int, *, every: float, cap: float = MAX_BACKOFF_SECONDS) -> float:
    """How long a source that failed `failures` times in a row rests: the poll interval, doubled per failure."""
    return float(min(cap, every * 2 ** max(0, failures - 1)))


class Watcher:
    def __init__(
        self,
        store: Store,
        sources: Iterable[str],
        *,
        ingest: Ingest,
        client: httpx.Client,
        every: float,
        after_round: Callable[[Round], None] | None = None,
        before_round: Callable[[], None] | None = None,
        report: Report | None = None,
        fetch_pages: bool = True,
        settle_seconds: float = 2.0,
        max_bytes: int = 20_000_000,
        max_backoff: float = MAX_BACKOFF_SECONDS,
    ) -> None:
        self.store = store
        self.sources = list(dict.fromkeys(sources))
        self.ingest = ingest
        self.client = client
        self.every = every
        self.after_round = after_round
        self.before_round = before_round
        self.report = report or (lambda line: None)
        self.fetch_pages = fetch_pages
        self.settle_seconds = settle_seconds
        self.max_bytes = max_bytes
        self.max_backoff = max_backoff
        self.stopping = threading.Event()

    def poll_once(self) -> Round:
        """One round over every source that is due; a failing source never stops the others."""
        round_ = Round()
        if self.before_round is not None:
            self.before_round()
        for source in self.sources:
            if self.stopping.is_set():
                break
            try:
                round_.sources.append(self._poll(source))
            except Exception as exc:  # noqa: BLE001 - one source's surprise must not stop the others
                state = desk.watch_source(self.store, source)
                round_.sources.append(self._failed(state, f"{type(exc).__name__}: {exc}"[:300]))
        if self.after_round is not None and not self.stopping.is_set():
            self.after_round(round_)
        return round_

    def run(self, *, rounds: int | None = None) -> None:
        """Poll until stopped (`stop()`, or `rounds` rounds done)."""
        done = 0
        while not self.stopping.is_set():
            self.poll_once()
            done += 1
            if rounds is not None and done >= rounds:
                break
            self.stopping.wait(self.every)

    def stop(self) -> None:
        self.stopping.set()

    def _poll(self, source: str) -> SourceRound:
        state = desk.watch_source(self.store, source)
        now = dt.datetime.now(dt.UTC)
        if state["next_attempt_at"] is not None and state["next_attempt_at"] > now:
            return SourceRound(source, "waiting", error=state["last_error"], retry_at=state["next_attempt_at"])
        try:
            poll = poll_source(
                source,
                etag=state["etag"],
                last_modified=state["last_modified"],
                client=self.client,
                max_bytes=self.max_bytes,
                fetch_pages=self.fetch_pages,
                settle_seconds=self.settle_seconds,
            )
        except (SourceError, OSError) as exc:
            return self._failed(state, str(exc) or type(exc).__name__)
        if not poll.changed:
            desk.record_poll_success(self.store, state["id"], etag=None, last_modified=None, changed=False)
            return SourceRound(source, "unchanged")
        seen = desk.seen_item_keys(self.store, state["id"], [item.key for item in poll.items])
        result = SourceRound(source, "new")
        for item in poll.items:
            if self.stopping.is_set():
                return result  # validators stay: the next run reads this response again
            if item.key in seen:
                continue
            seen.add(item.key)  # a feed that lists one entry twice
            results = item.read()
            self.ingest(results)
            article_ids = [r.id for r in results if not isinstance(r, InputError)]
            for error in (r for r in results if isinstance(r, InputError)):
                self.report(f"newsledger: watch: rejected {error}")
            outcome = "stored" if article_ids else "rejected"
            desk.mark_item_seen(
                self.store, state["id"], key=item.key, item=item.identity, article_ids=article_ids, outcome=outcome
            )
            result.new_items += 1
            result.rejected_items += outcome == "rejected"
            result.article_ids += article_ids
        desk.record_poll_success(
            self.store, state["id"], etag=poll.etag, last_modified=poll.last_modified, changed=True
        )
        if result.new_items:
            self.report(f"newsledger: watch: {source}: {result.new_items} new item(s)")
        return result

    def _failed(self, state: dict[str, Any], error: str) -> SourceRound:
        failures = int(state["failures"]) + 1
        wait = backoff_seconds(failures, every=self.every, cap=self.max_backoff)
        retry_at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)
        desk.record_poll_failure(self.store, state["id"], error=error, retry_at=retry_at)
        self.report(
            f"newsledger: watch: {state['source']} failed ({error}); failure {failures} in a row, "
            f"next attempt in {wait:.0f} s"
        )
        return SourceRound(state["source"], "failed", error=error, retry_at=retry_at)


def parse_interval(text: str) -> float:
    """'10m', '30s', '1h', '1h30m' or a number of seconds."""
    import re

    cleaned = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return float(cleaned)
    parts = re.findall(r"(\d+(?:\.\d+)?)([smhd])", cleaned)
    if not parts or "".join(n + u for n, u in parts) != cleaned:
        raise ValueError(f"not an interval: {text!r} (examples: 30s, 10m, 1h)")
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return sum(float(n) * unit[u] for n, u in parts)
