"""The whole graph as JSON lines: export, load into an emptied database, export again.

    .venv/bin/python -m benchmarks.graph_dump --cis 10000

The demo (CMDB, asset register, a year of ITSM) plus a synthetic site of N CIs, exported
(`graph_dump.export_lines`), wiped, loaded (`graph_dump.import_lines`, one transaction),
exported again; the two files must be byte-identical. Baseline: Neo4j reading the same
nodes and relationships with one `MATCH (n) RETURN properties(n)` and one over every
relationship (what any dump has to read), in the same process and server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

from rich.console import Console
from rich.table import Table

import graphcmdb.services.graph_dump as graph_dump
from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.demo import load_full_demo
from graphcmdb.demo.synthetic_load import load_synthetic

WIPE = "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
READ_ALL = [
    "MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
    "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, properties(r) AS p",
]


async def main(cis: int) -> None:
    console = Console()
    timings: dict[str, float] = {}
    with throwaway_neo4j() as (settings, _facts):
        db = Database(settings)
        await migrate(db)
        await load_full_demo(db)
        await load_synthetic(db, cis, seed=7)
        start = time.perf_counter()
        for text in READ_ALL:
            await db.run_raw(text)
        timings["baseline: read every node and relationship"] = time.perf_counter() - start
        start = time.perf_counter()
        first = await graph_dump.export_lines(db)
        timings["export (canonical JSON lines)"] = time.perf_counter() - start
        await db.run_raw(WIPE)
        start = time.perf_counter()
        loaded = await graph_dump.import_lines(db, iter(first))
        timings["import (one transaction)"] = time.perf_counter() - start
        again = await graph_dump.export_lines(db)
        await db.close()
    assert again == first, "the round trip changed the file"
    lines = len(first) - 1
    base = timings["baseline: read every node and relationship"]
    table = Table(title=f"graph dump: {loaded.nodes:,} nodes, {loaded.relationships:,} rels")
    for col in ("path", "seconds", "lines/s", "x baseline"):
        table.add_column(col)
    for name, secs in timings.items():
        table.add_row(name, f"{secs:.2f}", f"{lines / secs:,.0f}", f"{secs / base:.1f}")
    console.print(table)
    console.print(f"byte-identical after the round trip; load average {os.getloadavg()}")
    payload = {"cis": cis, "nodes": loaded.nodes, "relationships": loaded.relationships}
    console.print(f"saved {save('graph_dump', payload | {'timings_s': timings})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=10_000)
    asyncio.run(main(parser.parse_args().cis))
