"""Asset import throughput: a 100k-row CSV through `graphcmdb import` 's path, against a
baseline that sends the same rows as one hand-written UNWIND/MERGE through the driver.

    .venv/bin/python -m benchmarks.import_assets --rows 100000
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.schema import migrate
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor

HEADER = (
    "assetTag,name,lifecycleState,purchaseDate,purchaseCost,currency,usefulLifeMonths,costCenter"
)
BASELINE = """
UNWIND $rows AS row
MERGE (a:Asset {assetTag: row.assetTag})
ON CREATE SET a:Entity, a.id = row.id, a.createdAt = datetime()
SET a += row.props, a.updatedAt = datetime()
"""
WIPE = (
    "MATCH (n) WHERE n:Asset OR n:LifecycleEvent OR n:AuditEntry "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
)


def csv_rows(n: int) -> str:
    lines = [HEADER]
    for i in range(n):
        lines.append(
            f"A-{i:07d},asset {i},IN_STOCK,2025-{1 + i % 12:02d}-01,"
            f"{1000 + i % 500}.00,EUR,{36 + i % 24},CC-{i % 40:02d}"
        )
    return "\n".join(lines) + "\n"


async def baseline(settings_uri: str, auth: tuple[str, str], n: int) -> float:
    driver = neo4j.AsyncGraphDatabase.driver(settings_uri, auth=auth)
    rows = [
        {
            "assetTag": f"A-{i:07d}",
            "id": str(uuid.uuid4()),
            "props": {
                "name": f"asset {i}",
                "lifecycleState": "IN_STOCK",
                "purchaseCost": f"{1000 + i % 500}.00",
                "currency": "EUR",
                "usefulLifeMonths": 36 + i % 24,
                "costCenter": f"CC-{i % 40:02d}",
            },
        }
        for i in range(n)
    ]
    start = time.perf_counter()
    await driver.execute_query(BASELINE, {"rows": rows}, database_="neo4j")
    elapsed = time.perf_counter() - start
    await driver.close()
    return elapsed


async def main(n: int) -> None:
    console = Console()
    content = csv_rows(n)
    timings: dict[str, float] = {}
    with throwaway_neo4j() as (settings, _facts):
        db = Database(settings)
        await migrate(db)
        await baseline(settings.bolt_uri, neo4j_auth(settings), min(n, 5000))  # warm-up
        await db.run_raw(WIPE)
        timings["baseline (driver, hand-written MERGE)"] = await baseline(
            settings.bolt_uri, neo4j_auth(settings), n
        )
        await db.run_raw(WIPE)
        for label in ("import: create", "import: same file again (unchanged)"):
            start = time.perf_counter()
            await files.import_file(
                db, system_actor("bench"), files.ImportKind.ASSETS, content, ImportFormat.CSV
            )
            timings[label] = time.perf_counter() - start
        await db.close()
    base = timings["baseline (driver, hand-written MERGE)"]
    table = Table(title=f"asset import, {n:,} CSV rows")
    for col in ("path", "seconds", "rows/s", "x baseline"):
        table.add_column(col)
    for name, secs in timings.items():
        table.add_row(name, f"{secs:.2f}", f"{n / secs:,.0f}", f"{secs / base:.2f}")
    console.print(table)
    console.print(f"saved {save('import_assets', {'rows': n, 'timings_s': timings})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().rows))
