"""upsertCIs throughput for N CIs: GraphQL over HTTP and the service layer, against a
baseline that sends the same UNWIND/MERGE through the driver by hand, in one session.

    .venv/bin/python benchmarks/upsert.py --rows 100000
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from typing import Any

import httpx
import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.harness import api_server, save, throwaway_neo4j
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.schema import migrate
from graphcmdb.graph.enums import Role
from graphcmdb.services import bulk, tokens
from graphcmdb.services.actor import system_actor

WIPE = (
    "MATCH (n) WHERE n:CI OR n:AuditEntry "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
)
BASELINE = """
UNWIND $rows AS row
MERGE (c:CI {ciClass: row.ciClass, name: row.name})
ON CREATE SET c:Entity, c.id = row.id, c.createdAt = datetime()
SET c:$(row.ciClass)
SET c += row.props, c.updatedAt = datetime()
"""
CLASSES = ["Server", "VirtualMachine", "NetworkDevice", "Application", "Database"]
GQL_CLASSES = ["SERVER", "VIRTUAL_MACHINE", "NETWORK_DEVICE", "APPLICATION", "DATABASE"]


def rows(n: int, gql: bool = False) -> list[dict[str, Any]]:
    names = GQL_CLASSES if gql else CLASSES
    return [
        {
            "name": f"ci-{i:07d}",
            "ciClass": names[i % 5],
            "environment": "PRODUCTION",
            "criticality": 1 + i % 5,
            "hostname": f"ci-{i:07d}",
            "cores": 4,
            "ipAddresses": [f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"],
        }
        for i in range(n)
    ]


async def baseline(settings: Settings, n: int) -> float:
    driver = neo4j.AsyncGraphDatabase.driver(settings.bolt_uri, auth=neo4j_auth(settings))
    data = [
        {
            "id": str(uuid.uuid4()),
            "ciClass": r["ciClass"],
            "name": r["name"],
            "props": {k: v for k, v in r.items() if k not in ("name", "ciClass")},
        }
        for r in rows(n)
    ]
    start = time.perf_counter()
    await driver.execute_query(BASELINE, {"rows": data}, database_=settings.neo4j_database)
    elapsed = time.perf_counter() - start
    await driver.close()
    return elapsed


async def service_layer(db: Database, n: int) -> float:
    data = rows(n)
    start = time.perf_counter()
    await bulk.upsert_cis(db, system_actor("bench"), data)
    return time.perf_counter() - start


def over_http(url: str, token: str, n: int) -> float:
    query = "mutation($r: [CreateCIInput!]!) { upsertCIs(input: $r) { created updated } }"
    payload = {"query": query, "variables": {"r": rows(n, gql=True)}}
    start = time.perf_counter()
    resp = httpx.post(
        f"{url}/graphql", json=payload, timeout=600, headers={"Authorization": f"Bearer {token}"}
    )
    elapsed = time.perf_counter() - start
    body = resp.json()
    assert not body.get("errors"), body.get("errors")
    return elapsed


async def main(n: int) -> None:
    console = Console()
    results: dict[str, Any] = {"rows": n}
    with throwaway_neo4j() as (settings, facts):
        results["neo4j"] = facts
        db = Database(settings)
        await migrate(db)
        token = (await tokens.create_token(db, system_actor("bench"), "bench", Role.EDITOR)).token
        timings: dict[str, float] = {}
        timings["baseline (driver, hand-written Cypher)"] = await baseline(settings, n)
        await db.run_raw(WIPE)
        timings["service layer: create"] = await service_layer(db, n)
        timings["service layer: update"] = await service_layer(db, n)
        await db.run_raw(WIPE)
        with api_server(settings) as url:
            timings["GraphQL over HTTP: create"] = await asyncio.to_thread(over_http, url, token, n)
            timings["GraphQL over HTTP: update"] = await asyncio.to_thread(over_http, url, token, n)
        await db.close()
    base = timings["baseline (driver, hand-written Cypher)"]
    table = Table(title=f"upsertCIs, {n:,} rows in one call")
    for col in ("path", "seconds", "rows/s", "x baseline"):
        table.add_column(col)
    for name, secs in timings.items():
        table.add_row(name, f"{secs:.2f}", f"{n / secs:,.0f}", f"{secs / base:.2f}")
    console.print(table)
    console.print(facts)
    results["timings_s"] = timings
    console.print(f"saved {save('upsert', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().rows))
