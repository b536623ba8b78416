"""The process's garbage-collector setting, applied by every entry point (API, worker,
CLI, benchmarks) so that what is measured is what runs.

A bulk identification run keeps every row's plan and every planned CI alive while it
allocates millions of short-lived objects; with CPython's default first-generation
threshold (700 allocations) the collector rescans that growing heap over and over and
took 25-40 % of a 20,000-row import (``benchmarks/identity.py`` with and without). A
threshold of 50,000 keeps the collector's work proportional to the garbage; cycles are
still collected, a little later.

A server wants shorter pauses: a first-generation collection stops the event loop for
as long as it takes, and a request leaves a few hundred objects in reference cycles (the
driver's sessions, GraphQL's execution closures, DataLoaders). At 50,000 the API's and
the worker's collections freed 28,000-48,000 objects at a time, 20-80 ms of CPU each,
among the loop's worst stalls under load (``benchmarks.load``). Servers collect every
20,000 allocations (the second generation every third time) and go back to 50,000 for
the duration of bulk work (:func:`bulk`, the second generation back to every tenth
time; the whole process meanwhile, and the first collection after it frees what it
left). 5,000 cut the pauses further but cost the API ~7 % more CPU (readers' p95 rose)
and a bulk identification run up to ~40 % more.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: allocations between first-generation collections for bulk work (CPython: 700)
FIRST_GENERATION = 50_000
#: the same in a server (API, expensive-query worker) outside bulk work
SERVER_FIRST_GENERATION = 20_000
#: a server's first-generation collections between second-generation ones (CPython: 10):
#: the second generation holds what requests in flight kept alive through the first
#: generation's collections; after ten of them its collection took up to ~100 ms
SERVER_SECOND_GENERATION = 3
#: bulk work's first-generation collections between second-generation ones (CPython's
#: 10): a server's 3 cost an identification run 10-40 % more CPU
BULK_SECOND_GENERATION = 10
#: fewer rows than this are not bulk work: the setting stays as it is
BULK_ROWS = 1_000

#: ``gc.get_threshold()``'s shape: the three generations' thresholds
Threshold = tuple[int, int, int]

_frozen = False
_bulk_sections = 0
#: the setting outside bulk work; read only while a bulk section is open
_outside_bulk: Threshold = (FIRST_GENERATION, 10, 10)


def _outside() -> Threshold:
    """The setting outside bulk work, whether or not a section is open."""
    return _outside_bulk if _bulk_sections else gc.get_threshold()


def tune(first_generation: int = FIRST_GENERATION, second: int | None = None) -> None:
    """Collect every ``first_generation`` allocations, and the second generation every
    ``second`` first-generation collections (None: as it is), once bulk work in progress
    ends. Idempotent."""
    current = _outside()
    restore((first_generation, current[1] if second is None else second, current[2]))


def restore(threshold: Threshold) -> None:
    """Collect as ``threshold`` says, once bulk work in progress ends."""
    global _outside_bulk
    if _bulk_sections:
        _outside_bulk = threshold
    else:
        gc.set_threshold(*threshold)


def tune_server() -> Threshold:
    """A server's setting: shorter pauses, bulk work excepted (module docstring). Answers
    the setting before, for an app started inside another program (a test) to restore."""
    before = _outside()
    tune(SERVER_FIRST_GENERATION, SERVER_SECOND_GENERATION)
    return before


@contextmanager
def bulk(rows: int) -> Iterator[None]:
    """Collect as bulk work does while ``rows`` rows (at least :data:`BULK_ROWS`) are
    worked on. The setting is the process's: a server's other requests see bulk work's
    longer pauses meanwhile. Sections may overlap (concurrent imports); the last one out
    restores the setting it found, or the one :func:`tune` asked for meanwhile."""
    global _bulk_sections, _outside_bulk
    if rows < BULK_ROWS:
        yield
        return
    if _bulk_sections == 0:
        _outside_bulk = gc.get_threshold()
    _bulk_sections += 1
    first, second, third = _outside_bulk
    gc.set_threshold(max(FIRST_GENERATION, first), max(BULK_SECOND_GENERATION, second), third)
    try:
        yield
    finally:
        _bulk_sections -= 1
        if _bulk_sections == 0:
            gc.set_threshold(*_outside_bulk)


def freeze_startup() -> None:
    """Once a server has started: what is alive now (modules, the GraphQL schema, the
    Cypher catalogue, the driver) lives as long as the process, so it is moved out of
    the collector's sight (``gc.freeze``). A full collection then walks only what
    requests allocate: it stops every thread of the process while it runs, the API's
    event loop included (``benchmarks.load`` saw a 125 ms full collection as the
    loop's worst stall). Once per process: what a later start-up leaves alive (a
    test's second app) stays in sight."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()
