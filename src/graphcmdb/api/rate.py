"""Requests per API token: a token bucket each. A token holds up to ``burst`` requests
and earns ``rate`` more a second; a request finding its bucket empty is refused (429
RATE_LIMITED with the seconds until the next one is earned), so one caller cannot take
the server from the others however cheap its requests are."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class TokenBuckets:
    """One bucket per key (an API token's id). Bounded: past ``MAX_KEYS`` the least
    recently used bucket is forgotten (it comes back full). ``clock`` is injectable so
    tests drive time instead of sleeping."""

    MAX_KEYS = 10_000

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: str) -> int | None:
        """Spend one request of ``key``'s bucket: None when it may go ahead, else the
        whole seconds until it may (the Retry-After). A rate of 0 limits nothing."""
        if self.rate <= 0:
            return None
        now = self.clock()
        tokens, at = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - at) * self.rate)
        wait = None
        if tokens >= 1:
            tokens -= 1
        else:
            wait = max(1, math.ceil((1 - tokens) / self.rate))
        if len(self._buckets) >= self.MAX_KEYS:
            self._buckets.pop(next(iter(self._buckets)))
        self._buckets[key] = (tokens, now)
        return wait
