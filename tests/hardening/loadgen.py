"""A bounded HTTP load generator: threads, one httpx client each, a fixed mix of paths, stopped by a request
count or a time limit (whichever comes first). Used by tests/hardening/test_load.py and benchmarks/load_api.py."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: list[str] = field(default_factory=list)  # one line per failed request
    by_status: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, q: float) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(q) - 1]

    def line(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"{self.requests} requests in {self.seconds:.1f} s ({rate:.0f}/s), {len(self.errors)} errors, "
            f"p50 {self.percentile(50) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms"
        )


def hammer(
    base: str,
    paths: Sequence[str],
    *,
    threads: int = 8,
    max_requests: int = 400,
    max_seconds: float = 10.0,
    check: Callable[[str, httpx.Response], str | None] | None = None,
) -> LoadResult:
    """GET `paths` round-robin from `threads` threads until `max_requests` are sent or `max_seconds` pass.
    A request fails on a transport error, a status other than 200, or when `check` returns a reason."""
    result = LoadResult()
    lock = threading.Lock()
    sent = 0
    started = time.monotonic()

    def next_index() -> int | None:
        nonlocal sent
        with lock:
            if sent >= max_requests or time.monotonic() - started > max_seconds:
                return None
            sent += 1
            return sent

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while (index := next_index()) is not None:
                path = paths[index % len(paths)]
                began = time.perf_counter()
                try:
                    response = client.get(path)
                except httpx.HTTPError as exc:
                    with lock:
                        result.errors.append(f"{path}: {type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - began
                reason = None if response.status_code == 200 else f"status {response.status_code}"
                if reason is None and check is not None:
                    reason = check(path, response)
                with lock:
                    result.by_status[response.status_code] = result.by_status.get(response.status_code, 0) + 1
                    if reason is None:
                        result.latencies.append(elapsed)
                    else:
                        result.errors.append(f"{path}: {reason}")

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


READ_PATHS = (
    "/api/events?limit=50",
    "/api/events?status=claimed&limit=20",
    "/api/events?since=2024-03-01&until=2024-03-20&type=ASSAULT",
    "/api/articles?limit=20",
    "/api/actors?q=Officials",
    "/api/claims?limit=20",
    "/api/quotes?limit=20",
    "/api/places",
    "/api/clusters?limit=20",
    "/api/search?q=market",
    "/api/timeline",
    "/events",
    "/articles",
    "/claims",
    "/",
)
