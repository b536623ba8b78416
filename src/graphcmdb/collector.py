"""The process's garbage-collector setting, applied by every entry point (API, CLI,
benchmarks) so that what is measured is what runs.

A bulk identification run keeps every row's plan and every planned CI alive while it
allocates millions of short-lived objects; with CPython's default first-generation
threshold (700 allocations) the collector rescans that growing heap over and over and
took 25-40 % of a 20,000-row import (``benchmarks/identity.py`` with and without). A
threshold of 50,000 keeps the collector's work proportional to the garbage; cycles are
still collected, a little later.
"""

from __future__ import annotations

import gc

#: allocations between first-generation collections (CPython's default is 700)
FIRST_GENERATION = 50_000
_frozen = False


def tune() -> None:
    """Collect less often. Idempotent; keeps the older generations' ratios."""
    _, second, third = gc.get_threshold()
    gc.set_threshold(FIRST_GENERATION, second, third)


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
