"""Failed authentications per client address: past a limit within a window the address
is refused (429 with Retry-After) before its token is even looked up, so guessing
tokens costs the guesser time and the database nothing."""

from __future__ import annotations

import math
import time
from collections import deque


class FailureThrottle:
    """At most ``limit`` failures per ``window`` seconds per address. Bounded: past
    ``MAX_ADDRESSES`` the oldest address is forgotten."""

    MAX_ADDRESSES = 10_000

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._failures.get(address, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def retry_after(self, address: str) -> int | None:
        """Seconds until ``address`` may try again, or None when it may now."""
        now = time.monotonic()
        times = self._recent(address, now)
        if len(times) < self.limit:
            return None
        return max(1, math.ceil(self.window - (now - times[0])))

    def failed(self, address: str) -> None:
        now = time.monotonic()
        times = self._recent(address, now)
        times.append(now)
        self._failures.pop(address, None)
        if len(self._failures) >= self.MAX_ADDRESSES:
            self._failures.pop(next(iter(self._failures)))
        self._failures[address] = times
