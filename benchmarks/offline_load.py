"""A first load: the synthetic CMDB written online, against its dump loaded offline.

    .venv/bin/python -m benchmarks.offline_load --cis 100000
    .venv/bin/python -m benchmarks.offline_load --cis 1000000 --no-verify

Server A (fresh, Neo4j sized "auto"): `load_synthetic` writes N CIs with their
relationships and services through the service layer (identification, audit, history),
timed: the online first load. Its graph is exported to a dump file (`graph export`),
and A is stopped. Server B (fresh): `graph_offline.import_offline` loads the file
(check and convert to CSV with version one of every entity, `neo4j-admin database
import full`, restart, schema), timed step by step. Then, unless `--no-verify`, B is
exported again and must give the same bytes as A's dump. One server runs at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

import graphcmdb.neo4j_server as neo4j_server
from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.services import graph_dump
from graphcmdb.services.graph_offline import OfflineReport, import_offline


async def online(cis: int, dump: Path, console: Console) -> tuple[float, float, int]:
    """Seconds of the online load and of the export; lines of the dump."""
    with throwaway_neo4j("auto", "auto", restart=False) as (settings, _facts):
        db = Database(settings)
        await migrate(db)
        started = time.perf_counter()
        summary = await load_synthetic(db, cis)
        load_s = time.perf_counter() - started
        console.print(f"online: {summary.cis:,} CIs, {summary.relationships:,} rels, "
                      f"{summary.services:,} services in {load_s:.1f} s")  # fmt: skip
        started = time.perf_counter()
        lines = await graph_dump.export_lines(db)
        with dump.open("w", encoding="utf-8") as out:
            for text in lines:
                out.write(text + "\n")
        export_s = time.perf_counter() - started
        await db.close()
    return load_s, export_s, len(lines)


async def offline(dump: Path, verify: bool, console: Console) -> OfflineReport:
    with throwaway_neo4j("auto", "auto", restart=False) as (settings, _facts):
        report = await import_offline(settings, dump, lambda stage, done, total: None)
        console.print(f"offline: {report}")
        if verify:
            db = Database(settings)
            again = await graph_dump.export_lines(db)
            await db.close()
            with dump.open(encoding="utf-8") as first:
                same = all(a.rstrip("\n") == b for a, b in zip(first, again, strict=True))
            assert same, "the offline import changed the graph"
            console.print("verified: the offline graph exports to the same bytes")
        neo4j_server.stop(settings)
    return report


async def main(cis: int, verify: bool) -> None:
    console = Console()
    with tempfile.TemporaryDirectory(prefix="graphcmdb-offline-bench-") as folder:
        dump = Path(folder) / "dump.jsonl"
        load_s, export_s, lines = await online(cis, dump, console)
        size_mb = dump.stat().st_size / 1e6
        report = await offline(dump, verify, console)
    title = f"first load of {cis:,} CIs: {report.nodes:,} nodes, {report.relationships:,} rels"
    table = Table(title=f"{title} ({size_mb:,.0f} MB dump)")
    for col in ("path", "seconds", "x online"):
        table.add_column(col)
    rows = {
        "online: load_synthetic (service layer)": load_s,
        "export of the dump (for reference)": export_s,
        "offline: check and convert to CSV": report.convert_s,
        "offline: neo4j-admin database import": report.import_s,
        "offline: start Neo4j": report.start_s,
        "offline: schema, identity keys, versions completed": report.schema_s,
        **{f"  of it: {name}": secs for name, secs in report.schema_steps},
        "offline: total": report.seconds,
    }
    for name, secs in rows.items():
        table.add_row(name, f"{secs:.1f}", f"{secs / load_s:.2f}")
    console.print(table)
    console.print(f"{lines - 1:,} lines; load average {os.getloadavg()}")
    payload = {"cis": cis, "nodes": report.nodes, "relationships": report.relationships,
               "dump_mb": size_mb, "verified": verify, "seconds": rows}  # fmt: skip
    console.print(f"saved {save(f'offline_load_{cis}', payload)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=100_000)
    parser.add_argument("--no-verify", action="store_true", help="skip the re-export")
    args = parser.parse_args()
    asyncio.run(main(args.cis, not args.no_verify))
