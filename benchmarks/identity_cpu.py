"""The Python side of the engine's update apply: CPU seconds of this process per row.

    .venv/bin/python -m benchmarks.identity_cpu --rows 10000 --rounds 3

N device rows are created through the engine, then updated ``rounds`` times (each pass
changes ``os``). Per pass: wall time and ``time.process_time()`` of this process, whose
share per row is the Python work a bulk update costs (planning, identities, the driver
encoding and decoding). A loaded machine inflates wall time far more than CPU time, so
this is the figure to compare two versions by when the machine is not quiet (run each
version in turn, in the same window). ``benchmarks.identity`` gives the ratio to a
plain upsert.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from typing import Any

from benchmarks.harness import save, throwaway_neo4j
from benchmarks.identity import BATCH, raw_rows
from graphcmdb import collector
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.services import bulk, ci_identification
from graphcmdb.services.actor import system_actor


async def main(n: int, rounds: int) -> None:
    collector.tune()  # as the API and the CLI run
    actor = system_actor("bench")
    passes: list[dict[str, float]] = []
    with throwaway_neo4j() as (settings, facts):
        db = Database(settings)
        await migrate(db)
        for r in range(rounds + 1):  # pass 0 creates
            rows = [bulk.ci_row(p) for p in bulk.validate_rows(raw_rows(n, f"os-{r}"))]
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            await ci_identification.reconcile_rows(
                db, actor, rows, operation="importCIs", batch=BATCH
            )
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            phase = "create" if r == 0 else "update"
            passes.append({"wall_s": wall, "cpu_s": cpu, "cpu_us_per_row": cpu / n * 1e6})
            print(f"{phase} {r}: wall {wall:.1f} s, cpu {cpu:.2f} s ({cpu / n * 1e6:.0f} µs/row)")
        await db.close()
    results: dict[str, Any] = {"rows": n, "neo4j": facts, "passes": passes}
    print(f"saved {save('identity_cpu', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.rows, args.rounds))
