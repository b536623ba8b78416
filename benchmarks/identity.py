"""Reconciliation throughput: a CI import of N rows previewed and applied through the
identification engine, against a plain bulk upsert of the same rows in the same run (the
spec's generated natural-key UNWIND/MERGE, no identification, no identity keys), both in
transactions of 1,000 rows as a file import writes them.

    .venv/bin/python -m benchmarks.identity --rows 100000

A second baseline, the same generated statement answering one row instead of one per row
(``RETURN count(*)``, sent through the driver), is the limit a plain upsert could reach
if it did not tell the caller what it wrote.

Each path runs twice on a wiped graph (after a warm-up of both): first every row creates
a CI, then every row changes one field of it (``os``). The engine's preview runs before
each apply.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.harness import save, throwaway_neo4j
from graphcmdb import collector
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.schema import migrate
from graphcmdb.db.values import to_param
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.services import bulk, ci_identification, nodes
from graphcmdb.services.actor import system_actor

BATCH = 1000
WIPE = (
    "MATCH (n) WHERE n:CI OR n:AuditEntry OR n:IdentityKey "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
)
CLASSES = ["Server", "VirtualMachine", "NetworkDevice"]


def raw_rows(n: int, os: str) -> list[dict[str, Any]]:
    return [
        {
            "name": f"host-{i:07d}",
            "ciClass": CLASSES[i % 3],
            "environment": "PRODUCTION",
            "serialNumber": f"SN{i:08d}",
            "macAddresses": [f"00:1a:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}:01"],
            "ipAddresses": [f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"],
            "os": os,
        }
        for i in range(n)
    ]


async def plain_upsert(db: Database, prepared: list[dict[str, Any]]) -> None:
    """The generated natural-key upsert alone, batch by batch (no identification)."""
    now = datetime.now(UTC)
    for start in range(0, len(prepared), BATCH):
        chunk = prepared[start : start + BATCH]

        async def work(tx: Tx, chunk: list[dict[str, Any]] = chunk) -> None:
            await tx.run(nodes.crud(CI_SPEC, Op.UPSERT_BATCH), rows=chunk, now=now)

        await db.write(work)


def one_row_upsert(db: Database) -> str:
    """The generated upsert answering a count instead of what it wrote (``RETURN
    count(*)``): the same writes, without the answer a caller needs, through the driver
    without the service's conversions: the limit of a plain upsert."""
    text = db.catalogue[nodes.crud(CI_SPEC, Op.UPSERT_BATCH)]
    body, answer = text.rsplit("RETURN ", 1)
    assert answer.startswith("collect("), answer
    return body + "RETURN count(*) AS written"


async def raw_upsert(db: Database, prepared: list[dict[str, Any]]) -> None:
    """:func:`one_row_upsert` through the driver, batch by batch (the limit)."""
    now, text = datetime.now(UTC), one_row_upsert(db)
    async with db.driver.session(database=db.database) as session:
        for start in range(0, len(prepared), BATCH):
            rows = to_param(prepared[start : start + BATCH])

            async def work(tx: neo4j.AsyncManagedTransaction, rows: Any = rows) -> None:
                await (await tx.run(text, rows=rows, now=now)).consume()

            await session.execute_write(work)


async def timed(call: Callable[[], Awaitable[object]]) -> float:
    start = time.perf_counter()
    await call()
    return time.perf_counter() - start


async def main(n: int) -> None:
    collector.tune()  # as the API and the CLI run
    console = Console()
    actor = system_actor("bench")
    results: dict[str, Any] = {"rows": n, "batch": BATCH}
    timings: dict[str, float] = {}
    with throwaway_neo4j() as (settings, facts):
        results["neo4j"] = facts
        db = Database(settings)
        await migrate(db)
        warm = bulk.validate_rows(raw_rows(min(n, 2000), "warm-up"))  # JIT and page cache
        await plain_upsert(db, warm)
        await db.run_raw(WIPE)
        await ci_identification.reconcile_rows(
            db, actor, [bulk.ci_row(p) for p in warm], operation="warmUp", batch=BATCH
        )
        await db.run_raw(WIPE)
        for phase, os in (("create", "Debian 12"), ("update", "Debian 13")):
            prepared = bulk.validate_rows(raw_rows(n, os))
            timings[f"plain upsert: {phase}"] = await timed(partial(plain_upsert, db, prepared))
        await db.run_raw(WIPE)
        for phase, os in (("create", "Debian 12"), ("update", "Debian 13")):
            prepared = bulk.validate_rows(raw_rows(n, os))
            timings[f"raw upsert, one-row answer: {phase}"] = await timed(
                partial(raw_upsert, db, prepared)
            )
        await db.run_raw(WIPE)
        for phase, os in (("create", "Debian 12"), ("update", "Debian 13")):
            rows = [bulk.ci_row(p) for p in bulk.validate_rows(raw_rows(n, os))]
            timings[f"engine preview: {phase}"] = await timed(
                partial(ci_identification.preview, db, rows, BATCH)
            )
            timings[f"engine apply: {phase}"] = await timed(
                partial(
                    ci_identification.reconcile_rows,
                    db,
                    actor,
                    rows,
                    operation="importCIs",
                    batch=BATCH,
                )
            )
        count = await db.run_raw("MATCH (c:CI) RETURN count(c) AS n")
        assert count == [{"n": n}], count  # one CI per row: nothing duplicated
        await db.close()
    table = Table(title=f"CI import of {n:,} rows, transactions of {BATCH:,}")
    for col in ("path", "seconds", "rows/s", "speed vs plain upsert", "vs one-row answer"):
        table.add_column(col)
    for name, secs in timings.items():
        phase = name.split(": ")[1]
        ratio = timings[f"plain upsert: {phase}"] / secs
        limit = timings[f"raw upsert, one-row answer: {phase}"] / secs
        table.add_row(name, f"{secs:.1f}", f"{n / secs:,.0f}", f"{ratio:.2f}x", f"{limit:.2f}x")
    console.print(table)
    results["timings_s"] = timings
    console.print(f"saved {save('identity', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().rows))
