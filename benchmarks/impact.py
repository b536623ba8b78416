"""Impact analysis at scale: GraphQL over HTTP versus a hand-written driver baseline.

For each size N a fresh Neo4j is loaded with the synthetic CMDB (`graphcmdb demo
generate`'s generator, through the bulk path), the API runs as its own process, and
each scenario (one hypervisor, one SAN, one border/core switch, five random CIs) is
timed both ways, interleaved, in the same session:

- GraphQL: POST /graphql `impact(down: ...)` with the full report selected;
- baseline: the same breadth-first Cypher written by hand, sent through the driver, and
  the same engine in-process (no service layer, no GraphQL, no HTTP).

    .venv/bin/python -m benchmarks.impact --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import neo4j
from rich.console import Console
from rich.table import Table

import graphcmdb.neo4j_server as neo4j_server
from benchmarks.harness import free_port, percentiles, save, throwaway_neo4j
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import SyntheticSummary, load_synthetic
from graphcmdb.graph.enums import RelType, Role
from graphcmdb.impact.engine import evaluate
from graphcmdb.impact.model import Need, NeedsGraph
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor
from graphcmdb.services.impact_fetch import to_node_info

QUERY = """query($down: [ID!]!) { impact(down: $down) {
  summary { nodesDown nodesDegraded servicesDown servicesDegraded usersAffected }
  services { service { id name criticality users slaTarget } status path distance }
  nodes { node { id name labels } status path distance } } }"""

NODE = (
    "{.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable, labels: labels(x),"
    " memberCount: CASE WHEN x:Cluster THEN COUNT { (x)<-[:MEMBER_OF]-() } ELSE 0 END}"
)
BASE_START = f"UNWIND $ids AS id MATCH (x:Entity {{id: id}}) RETURN x {NODE} AS node"
BASE_LEVEL = f"""
UNWIND $ids AS id MATCH (y:Entity {{id: id}})
CALL (y) {{
  MATCH (y)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(x) RETURN x, type(r) AS t, r.kind AS k
  UNION ALL
  MATCH (y)-[:MEMBER_OF]->(x) RETURN x, 'MEMBER_OF' AS t, 'hard' AS k
}}
RETURN collect({{dep: id, t: t, k: k, node: x {NODE}}}) AS rows"""


def fetch_region(driver: neo4j.Driver, database: str, down: list[str]) -> NeedsGraph:
    """The region above ``down``: a hand-written BFS upwards in one read transaction."""
    graph = NeedsGraph()
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        tx = session.begin_transaction()
        for rec in tx.run(BASE_START, ids=down):
            graph.add_node(to_node_info(rec["node"]))
        frontier, seen = list(down), set(down)
        while frontier:
            rows = tx.run(BASE_LEVEL, ids=frontier).single(strict=True)["rows"]
            frontier = []
            for r in rows:
                node = to_node_info(r["node"])
                graph.add_node(node)
                graph.add_need(Need(node.id, r["dep"], RelType(r["t"]), r["k"] != "soft"))
                if node.id not in seen:
                    seen.add(node.id)
                    frontier.append(node.id)
        tx.close()
    return graph


def baseline(driver: neo4j.Driver, database: str, down: list[str]) -> int:
    """The hand-written region fetch, then the engine; returns node count."""
    impacted = evaluate(fetch_region(driver, database, down), set(down))
    ordered = sorted(impacted.values(), key=lambda i: (-int(i.status), i.distance, i.id))
    return len(ordered)


def over_graphql(client: httpx.Client, down: list[str]) -> int:
    body = client.post("/graphql", json={"query": QUERY, "variables": {"down": down}}).json()
    assert not body.get("errors"), body.get("errors")
    return len(body["data"]["impact"]["nodes"])


def start_api(settings: Settings) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(
        os.environ,
        GRAPHCMDB_NEO4J_URI=settings.bolt_uri,
        GRAPHCMDB_NEO4J_PASSWORD=neo4j_auth(settings)[1],
        GRAPHCMDB_PORT=str(port),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphcmdb.cli.main", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("API did not become ready")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


HYPERVISORS = (
    "MATCH (s:Server) WHERE EXISTS { (s)<-[:HOSTED_ON]-() } "
    "RETURN s.id AS id ORDER BY s.name LIMIT 40"
)


def typical_hypervisor(driver: neo4j.Driver, database: str) -> str:
    """The hypervisor with the median blast radius among the first 40 (by name)."""
    ids = [r["id"] for r in driver.execute_query(HYPERVISORS, database_=database).records]
    sized = sorted((baseline(driver, database, [i]), i) for i in ids)
    return str(sized[len(sized) // 2][1])


def scenarios(
    summary: SyntheticSummary, typical: str, rounds: int, seed: int
) -> dict[str, list[list[str]]]:
    rng = random.Random(seed)
    spots = summary.hotspots
    return {
        "hypervisor (median of 40)": [[typical]] * rounds,
        "hypervisor (hosts shared monitoring)": [[spots["hypervisor"][0]]] * rounds,
        "one SAN": [[spots["san"][0]]] * rounds,
        "one core switch": [[spots["core_switch"][0]]] * rounds,
        "five random CIs": [rng.sample(summary.random_pool, 5) for _ in range(rounds)],
    }


def measure(
    settings: Settings, summary: SyntheticSummary, rounds: int, token: str, url: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    driver = neo4j.GraphDatabase.driver(settings.bolt_uri, auth=neo4j_auth(settings))
    with httpx.Client(
        base_url=url, timeout=600, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        typical = typical_hypervisor(driver, settings.neo4j_database)
        for name, inputs in scenarios(summary, typical, rounds, 7).items():
            start = time.perf_counter()
            size = over_graphql(client, inputs[0])  # warm-up, and the blast radius
            baseline(driver, settings.neo4j_database, inputs[0])
            # huge blast radii take seconds each: fewer rounds, at least 5
            budget = max(5, int(60 / max(time.perf_counter() - start, 1e-3)))
            api: list[float] = []
            base: list[float] = []
            for i, down in enumerate(inputs[:budget]):
                pair: list[tuple[str, Callable[[], int]]] = [
                    ("api", partial(over_graphql, client, down)),
                    ("base", partial(baseline, driver, settings.neo4j_database, down)),
                ]
                for label, run in pair if i % 2 == 0 else pair[::-1]:
                    start = time.perf_counter()
                    run()
                    (api if label == "api" else base).append(time.perf_counter() - start)
            out[name] = {
                "impacted_nodes": size,
                "graphql": percentiles(api),
                "baseline": percentiles(base),
            }
            ratio = out[name]["graphql"]["p50_ms"] / out[name]["baseline"]["p50_ms"]
            out[name]["ratio_p50"] = ratio
    driver.close()
    return out


async def load(settings: Settings, cis: int) -> tuple[SyntheticSummary, str]:
    db = Database(settings)
    await migrate(db)
    summary = await load_synthetic(db, cis)
    token = (await tokens.create_token(db, system_actor("bench"), "bench", Role.VIEWER)).token
    await db.close()
    return summary, token


def run_size(cis: int, rounds: int, console: Console) -> dict[str, Any]:
    heap, cache = ("4g", "4g") if cis > 200_000 else ("2g", "1g")
    with throwaway_neo4j(heap=heap, pagecache=cache) as (settings, facts):
        summary, token = asyncio.run(load(settings, cis))
        console.print(
            f"N={cis:,}: loaded {summary.cis:,} CIs, {summary.relationships:,} "
            f"relationships, {summary.services} services in {summary.seconds:.1f}s"
        )
        proc, url = start_api(settings)
        try:
            results = measure(settings, summary, rounds, token, url)
            neo4j_pid = neo4j_server.status(settings).pid or 0
            memory = {
                "neo4j_peak_rss_mb": peak_rss_mb(neo4j_pid),
                "api_peak_rss_mb": peak_rss_mb(proc.pid),
                "bench_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return {
        "cis": summary.cis,
        "relationships": summary.relationships,
        "services": summary.services,
        "load_seconds": summary.seconds,
        "neo4j": facts,
        "memory": memory,
        "scenarios": results,
    }


def report(all_results: dict[int, dict[str, Any]], console: Console) -> None:
    table = Table(title="impact(down: …): GraphQL over HTTP vs hand-written driver baseline")
    for col in (
        "N",
        "scenario",
        "impacted",
        "GraphQL p50",
        "p95",
        "baseline p50",
        "p95",
        "ratio p50",
    ):
        table.add_column(col, justify="right")
    for n, res in all_results.items():
        for name, sc in res["scenarios"].items():
            table.add_row(
                f"{n:,}",
                name,
                f"{sc['impacted_nodes']:,}",
                f"{sc['graphql']['p50_ms']:.1f} ms",
                f"{sc['graphql']['p95_ms']:.1f} ms",
                f"{sc['baseline']['p50_ms']:.1f} ms",
                f"{sc['baseline']['p95_ms']:.1f} ms",
                f"{sc['ratio_p50']:.2f}",
            )
    console.print(table)
    for n, res in all_results.items():
        console.print(f"N={n:,}: load {res['load_seconds']:.1f}s, memory {res['memory']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    console = Console()
    results = {}
    for n in args.sizes:
        rounds = args.rounds if n <= 100_000 else max(5, args.rounds // 3)
        results[n] = run_size(n, rounds, console)
        save("impact", {str(k): v for k, v in results.items()})
    report(results, console)


if __name__ == "__main__":
    main()
