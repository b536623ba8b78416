"""Transactions in graphcmdb's own metrics (``opsmetrics``): in flight, time, outcome."""

from __future__ import annotations

import time

from graphcmdb import opsmetrics
from graphcmdb.errors import DatabaseUnavailable, RequestTimedOut


class RolledBack(Exception):
    """Raised at the end of a rehearsed transaction so that the driver rolls it back
    (``database.Rehearsal``): counted as ``rolled_back``, not as an error."""


class Counted:
    """A transaction in the metrics: in flight while it runs, then counted by outcome
    (ok, error, unavailable, timeout, rolled_back: a rehearsal) with its time
    (``opsmetrics``)."""

    #: transactions of this process in flight now, of every mode
    running = 0

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.started = 0.0

    def __enter__(self) -> None:
        self.started = time.perf_counter()
        Counted.running += 1
        opsmetrics.NEO4J_IN_FLIGHT.labels(self.mode).inc()

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        Counted.running -= 1
        opsmetrics.NEO4J_IN_FLIGHT.labels(self.mode).dec()
        opsmetrics.NEO4J_DURATION.labels(self.mode).observe(time.perf_counter() - self.started)
        if kind is None:
            outcome = "ok"
        elif issubclass(kind, RolledBack):
            outcome = "rolled_back"
        elif issubclass(kind, DatabaseUnavailable):
            outcome = "unavailable"
        elif issubclass(kind, RequestTimedOut):
            outcome = "timeout"
        else:
            outcome = "error"
        opsmetrics.NEO4J_TRANSACTIONS.labels(self.mode, outcome).inc()
