"""Neo4j's memory sizes and write speed: the old fixed default (heap 1g, page cache 512m)
against "auto" (sized to this machine), the same writes in one session, one fresh server
per sizing: the raw driver MERGE, upsertCIs through the service layer (create, then the
same rows again) and the asset import. JVM garbage-collection time is read over JMX.

    .venv/bin/python -m benchmarks.memory --rows 100000
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from benchmarks import import_assets, upsert
from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.neo4j_server.memory import plan_memory
from graphcmdb.services.actor import system_actor

SIZINGS = {"fixed 1g / 512m (old default)": ("1g", "512m"), "auto": ("auto", "auto")}
GC_MS = (
    "CALL dbms.queryJmx('java.lang:type=GarbageCollector,*') YIELD attributes "
    "RETURN sum(attributes.CollectionTime.value) AS ms"
)


@dataclass(frozen=True)
class Step:
    name: str
    seconds: float
    gc_seconds: float
    #: why Neo4j refused the step (e.g. its transaction memory pool was full), else None
    error: str | None = None


async def gc_seconds(db: Database) -> float:
    rows = await db.run_raw(GC_MS)
    return float(rows[0]["ms"]) / 1000


def import_assets_step(db: Database, content: str) -> Callable[[], Awaitable[float]]:
    async def run() -> float:
        start = time.perf_counter()
        await files.import_file(
            db, system_actor("bench"), files.ImportKind.ASSETS, content, ImportFormat.CSV
        )
        return time.perf_counter() - start

    return run


async def measured(db: Database, name: str, work: Callable[[], Awaitable[float]]) -> Step:
    """Time one step, its GC time, and a refusal as a result rather than a crash."""
    gc = await gc_seconds(db)
    try:
        seconds = await work()
    except Exception as exc:  # the finding when memory is too small, however a layer wraps it
        return Step(name, 0.0, await gc_seconds(db) - gc, f"{type(exc).__name__}: {exc}"[:300])
    return Step(name, seconds, await gc_seconds(db) - gc)


async def run_sizing(heap: str, pagecache: str, n: int) -> tuple[str, list[Step]]:
    content = import_assets.csv_rows(n)
    with throwaway_neo4j(heap=heap, pagecache=pagecache, restart=False) as (settings, _f):
        described = plan_memory(settings).describe()
        db = Database(settings)
        await migrate(db)
        await upsert.baseline(settings, min(n, 5000))  # warm-up of the JIT
        await db.run_raw(upsert.WIPE)
        steps = [await measured(db, "raw driver MERGE", lambda: upsert.baseline(settings, n))]
        await db.run_raw(upsert.WIPE)
        for name in ("upsertCIs: create", "upsertCIs: same rows again"):
            steps.append(await measured(db, name, lambda: upsert.service_layer(db, n)))
        steps.append(await measured(db, "asset import: create", import_assets_step(db, content)))
        await db.close()
    return described, steps


async def main(n: int, rounds: int) -> None:
    console = Console()
    results: dict[str, list[dict[str, object]]] = {}
    for round_no in range(rounds):  # alternate the sizings: load drifts over a session
        for label, (heap, pagecache) in SIZINGS.items():
            described, steps = await run_sizing(heap, pagecache, n)
            results.setdefault(label, []).append(
                {"round": round_no, "memory": described, "steps": [vars(s) for s in steps]}
            )
            table = Table(title=f"{label}: {described}, {n:,} rows, round {round_no + 1}")
            for col in ("step", "seconds", "rows/s", "GC s", "x raw"):
                table.add_column(col)
            raw = steps[0].seconds
            for s in steps:
                if s.error is not None:
                    table.add_row(s.name, "refused", "", f"{s.gc_seconds:.2f}", s.error[:60])
                    continue
                ratio = f"{s.seconds / raw:.2f}" if raw else "(raw refused)"
                table.add_row(
                    s.name, f"{s.seconds:.2f}", f"{n / s.seconds:,.0f}",
                    f"{s.gc_seconds:.2f}", ratio,
                )  # fmt: skip
            console.print(table)
    console.print(f"saved {save('memory', {'rows': n, 'sizings': results})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.rounds))
