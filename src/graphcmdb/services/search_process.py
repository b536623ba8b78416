"""A process of its own, at a lower CPU priority, for the root-cause search's Python.

The search (``impact/rootcause.py``) is pure Python over a region that at 100,000 CIs
holds most of a site (~50,000 nodes) and took minutes: in a thread of the API it held
the interpreter's lock against the event loop, and every await of the alerts' passes
waited its turn (``benchmarks/README.md``, "events"). In a worker process (spawned, one
at a time, ``nice`` 10) the API's loop and its passes keep the CPU first; the region goes
over pickled. A worker that died is replaced at the next search.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")

#: how much the search's process lowers its CPU priority
NICE = 10


def _lower_priority() -> None:
    os.nice(NICE)


class SearchProcess:
    """The worker, started at the first search."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_lower_priority,
            )
        return self._pool

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in the worker (both picklable)."""
        try:
            return await asyncio.get_running_loop().run_in_executor(self._started(), fn, *args)
        except BrokenProcessPool:
            self._pool = None  # the next search starts another
            raise

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


worker = SearchProcess()
atexit.register(worker.shutdown)
