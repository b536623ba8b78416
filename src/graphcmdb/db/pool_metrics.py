"""The Neo4j connection pools of this process, read when ``/metrics`` is scraped.

The Python driver has no public pool statistics. What it keeps in its pool (the open
connections per server address, whether each is in use, the configured maximum) is read
here best effort, at scrape time, without its lock (a scrape may be one connection off);
a driver whose internals differ is skipped, and the in-flight transactions counted by
``Database`` itself (``graphcmdb_neo4j_transactions_in_flight``) remain.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from prometheus_client import REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class HasDriver(Protocol):
    @property
    def open_driver(self) -> Any: ...


_LIVE: weakref.WeakSet[Any] = weakref.WeakSet()


def watch(db: HasDriver) -> None:
    """Report the pool of ``db``'s driver while ``db`` lives."""
    _LIVE.add(db)


def _figures(drivers: Iterable[Any]) -> tuple[int, int, int] | None:
    """(open, in use, maximum) over the drivers' pools; None when none can be read."""
    seen = False
    opened = in_use = maximum = 0
    for driver in drivers:
        try:
            pool = driver._pool
            connections = [c for deque in list(pool.connections.values()) for c in list(deque)]
            size = int(pool.pool_config.max_connection_pool_size)
        except (AttributeError, TypeError, ValueError, RuntimeError):
            continue
        seen = True
        opened += len(connections)
        in_use += sum(1 for c in connections if getattr(c, "in_use", False))
        maximum += size
    return (opened, in_use, maximum) if seen else None


class PoolCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        drivers = {id(d): d for db in list(_LIVE) if (d := db.open_driver) is not None}
        figures = _figures(drivers.values())
        if figures is None:
            return
        opened, in_use, maximum = figures
        yield GaugeMetricFamily(
            "graphcmdb_neo4j_pool_connections",
            "Bolt connections open in this process's driver pools (best effort).",
            value=opened,
        )
        yield GaugeMetricFamily(
            "graphcmdb_neo4j_pool_connections_in_use",
            "Bolt connections lent to a session now (best effort).",
            value=in_use,
        )
        yield GaugeMetricFamily(
            "graphcmdb_neo4j_pool_max_size",
            "The pools' configured maximum size (the driver's max_connection_pool_size).",
            value=maximum,
        )


REGISTRY.register(PoolCollector())
