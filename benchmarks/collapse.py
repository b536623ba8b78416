"""Collapsing lifecycle events and shared software: in the API, or in the explorer?

A synthetic estate (``graphcmdb demo generate``'s generator) plus what makes a
neighbourhood explode: ``--products`` software products, each installed on a
``--share`` of the servers and VMs, and an asset with ``--events`` lifecycle events for
half of the CIs. The explorer's own ``graph`` document is asked over HTTP around
``--centres`` servers at depths 1-3, uncollapsed (what a client that collapses by itself
must fetch) and collapsed (``collapse: true``: counts instead); per depth the median
time, the nodes and the answer's size.

    .venv/bin/python -m benchmarks.collapse --cis 5000
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.harness import save, throwaway_neo4j
from benchmarks.load import api_process
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.graph.enums import Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor

# setup only (what is measured is the API): products, installations, assets and events
PRODUCTS = """UNWIND range(1, $n) AS i
CREATE (:Entity:SoftwareProduct {id: 'bench-product-' + i, name: 'package ' + i,
        publisher: 'Bench', product: 'package ' + i})"""
INSTALLS = """MATCH (c:CI) WHERE c:Server OR c:VirtualMachine
MATCH (p:SoftwareProduct) WHERE p.id STARTS WITH 'bench-product-' AND rand() < $share
CREATE (c)-[:HAS_INSTALLED {version: '1'}]->(p)"""
EVENTS = """MATCH (c:CI) WHERE rand() < 0.5
CREATE (a:Entity:Asset {id: 'bench-asset-' + c.id, name: 'asset of ' + c.name,
        assetTag: 'B-' + c.id})-[:TRACKS]->(c)
WITH a UNWIND range(1, $events) AS k
CREATE (a)-[:HAD]->(:Entity:LifecycleEvent {id: a.id + '-' + k, name: 'event ' + k})"""
CENTRES = "MATCH (c:Server) RETURN c.id AS id ORDER BY c.name LIMIT $n"
GRAPH = """query ExplorerGraph($id: ID!, $depth: Int!, $collapse: Boolean!) {
  graph(centerId: $id, depth: $depth, collapse: $collapse) {
    truncated nodes { id name labels status } edges { id source target type kind }
    aggregates { nodeId kind type count sharedWith } } }"""


async def ask(
    client: httpx.AsyncClient, token: str, centre: str, depth: int, collapse: bool
) -> tuple[float, int, int, bool]:
    body = {"query": GRAPH, "variables": {"id": centre, "depth": depth, "collapse": collapse}}
    started = time.perf_counter()
    answer = await client.post("/graphql", json=body, headers={"Authorization": f"Bearer {token}"})
    seconds = time.perf_counter() - started
    data = answer.json()
    if "errors" in data:
        if data["errors"][0].get("extensions", {}).get("code") == "TIMEOUT":
            return seconds, 0, len(answer.content), True  # counted as cut short
        raise RuntimeError(str(data["errors"]))
    view = data["data"]["graph"]
    return seconds, len(view["nodes"]), len(answer.content), bool(view["truncated"])


async def measure(
    url: str, token: str, centres: list[str], rounds: int
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        for depth in (1, 2, 3):
            for collapse in (False, True):
                times: list[float] = []
                nodes: list[int] = []
                sizes: list[int] = []
                truncated = 0
                for _ in range(rounds):
                    for centre in centres:
                        s, n, b, t = await ask(client, token, centre, depth, collapse)
                        times.append(s)
                        nodes.append(n)
                        sizes.append(b)
                        truncated += t  # past the node cap, or past the deadline
                out[f"depth {depth}, {'collapsed' if collapse else 'full'}"] = {
                    "p50_ms": statistics.median(times) * 1000,
                    "nodes_median": statistics.median(nodes),
                    "kb_median": statistics.median(sizes) / 1000,
                    "truncated": truncated,
                    "asked": len(times),
                }
    return out


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title=f"graph around {results['centres']} servers, {results['cis']:,} CIs")
    for column in ("answer", "p50 ms", "nodes", "KB", "truncated or timed out"):
        table.add_column(column, justify="right")
    for name, r in results["graph"].items():
        table.add_row(
            name,
            f"{r['p50_ms']:.0f}",
            f"{r['nodes_median']:,.0f}",
            f"{r['kb_median']:,.0f}",
            f"{r['truncated']}/{r['asked']}",
        )
    console.print(table)


async def main(opts: argparse.Namespace) -> None:
    console = Console()
    results: dict[str, Any] = {"cis": opts.cis, "centres": opts.centres}
    with throwaway_neo4j(heap="2g", pagecache="1g", restart=False) as (settings, facts):
        db = Database(settings)
        await migrate(db)
        await load_synthetic(db, opts.cis)
        await db.run_raw(PRODUCTS, n=opts.products)
        await db.run_raw(INSTALLS, share=opts.share)
        await db.run_raw(EVENTS, events=opts.events)
        token = (await tokens.create_token(db, system_actor("bench"), "b", Role.VIEWER)).token
        centres = [r["id"] for r in await db.run_raw(CENTRES, n=opts.centres)]
        await db.close()
        results["neo4j"] = facts
        deadline = {"GRAPHCMDB_READ_DEADLINE_S": str(opts.deadline)}
        with api_process(settings, deadline) as api:
            results["graph"] = await measure(api.url, token, centres, opts.rounds)
    report(results, console)
    console.print(f"saved {save('collapse', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=5000)
    parser.add_argument("--products", type=int, default=40)
    parser.add_argument("--share", type=float, default=0.3)
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--centres", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--deadline", type=float, default=60.0, help="the API's read deadline")
    asyncio.run(main(parser.parse_args()))
