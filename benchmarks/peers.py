"""Impact against its peers, side by side in one run on the same generated estate (issue 16).

For each size N: a fresh Neo4j loaded with the synthetic CMDB (as ``benchmarks.impact``),
the graphcmdb API as its own process, the ``@neo4j/graphql`` server (Node,
benchmarks/peers/neo4j-graphql) on the same Neo4j, and a throwaway PostgreSQL holding
the estate's needs in an edge table. Each scenario (one VM, one hypervisor, one SAN, one
core switch, five random CIs) is asked of every peer, interleaved, round after round:

- raw driver (the limit): one hand-written Cypher closure through the sync driver,
  k-of-n in the client;
- graphcmdb: ``impact(down:)`` over HTTP selecting the answer (ids and statuses); and
  the full report of ``benchmarks.impact`` (paths, distances, services, summary);
- @neo4j/graphql: the closure as an ``@cypher`` field, k-of-n in the client;
- PostgreSQL: a recursive CTE over the edge table, k-of-n in the client.

Every answer is checked equal to the project's engine's (``peers_answer.reference``)
before its time counts; a mismatch stops the run. Then the nested read: 100 services ->
dependsOn -> dependsOn ``{id name}``, graphcmdb against @neo4j/graphql, answers equal.

    .venv/bin/python -m benchmarks.peers --sizes 10000 100000     # or: make bench-peers
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from collections.abc import Callable
from typing import Any

import httpx
import neo4j
import psycopg
from rich.console import Console
from rich.table import Table

from benchmarks import peers_neo4j as n4j
from benchmarks.harness import percentiles, save, throwaway_neo4j
from benchmarks.impact import HYPERVISORS, QUERY, load, start_api
from benchmarks.peers_answer import Answer, difference, reference
from benchmarks.peers_pg import copy_estate, cte, throwaway_postgres
from graphcmdb import collector
from graphcmdb.config import Settings
from graphcmdb.db.database import neo4j_auth
from graphcmdb.demo.synthetic_load import SyntheticSummary

LIMIT = "raw driver"
PEERS = (LIMIT, "graphcmdb", "graphcmdb full report", "@neo4j/graphql", "PostgreSQL CTE")
VMS = "MATCH (v:VirtualMachine) RETURN v.id AS id ORDER BY v.name LIMIT 40"

Ask = Callable[[list[str]], Answer]


class Mismatch(AssertionError):
    """A peer's answer is not the reference's: the run stops."""


def median_of_40(driver: neo4j.Driver, database: str, query: str) -> str:
    """Of the first 40 (by name), the one with the median blast radius."""
    ids = [str(r["id"]) for r in driver.execute_query(query, database_=database).records]
    sized = sorted((len(n4j.raw_driver(driver, database, [i])), i) for i in ids)
    return sized[len(sized) // 2][1]


def scenarios(
    driver: neo4j.Driver, database: str, summary: SyntheticSummary, rounds: int
) -> dict[str, list[list[str]]]:
    """As ``benchmarks.impact`` picks them, plus a typical VM."""
    rng = random.Random(7)
    vm = median_of_40(driver, database, VMS)
    hypervisor = median_of_40(driver, database, HYPERVISORS)
    return {
        "one VM (median of 40)": [[vm]] * rounds,
        "one hypervisor (median of 40)": [[hypervisor]] * rounds,
        "one SAN": [[summary.hotspots["san"][0]]] * rounds,
        "one core switch": [[summary.hotspots["core_switch"][0]]] * rounds,
        "five random CIs": [rng.sample(summary.random_pool, 5) for _ in range(rounds)],
    }


def full_report(client: httpx.Client, down: list[str]) -> Answer:
    body = n4j.post(client, "/graphql", QUERY, {"down": down})
    return {n["node"]["id"]: n["status"] for n in body["impact"]["nodes"]}


def measure_impact(
    asks: dict[str, Ask],
    truth: Callable[[list[str]], Answer],
    inputs: list[list[str]],
    budget_s: float,
) -> dict[str, Any]:
    """Warm-up (checked), then rounds with the peers in a rotating order, each checked."""
    references: dict[tuple[str, ...], Answer] = {}

    def checked(peer: str, down: list[str]) -> float:
        key = tuple(down)
        if key not in references:
            references[key] = truth(down)
        start = time.perf_counter()
        answer = asks[peer](down)
        elapsed = time.perf_counter() - start
        if why := difference(references[key], answer):
            raise Mismatch(f"{peer}, down={down}: {why}")
        return elapsed

    for peer in asks:  # warm-up: plans compiled, connections open, reference computed
        checked(peer, inputs[0])
    one_round = sum(checked(peer, inputs[0]) for peer in asks)
    rounds = min(len(inputs), max(5, int(budget_s / max(one_round, 1e-3))))
    samples: dict[str, list[float]] = {peer: [] for peer in asks}
    order = list(asks)
    for i, down in enumerate(inputs[:rounds]):
        shift = i % len(order)
        for peer in order[shift:] + order[:shift]:
            samples[peer].append(checked(peer, down))
    sizes = [len(references[tuple(d)]) for d in inputs[:rounds]]
    out: dict[str, Any] = {
        "impacted": references[tuple(inputs[0])].__len__(),
        "impacted_median": sorted(sizes)[len(sizes) // 2],
        "down_in_first": sum(1 for s in references[tuple(inputs[0])].values() if s == "DOWN"),
        "rounds": rounds,
        "peers": {peer: percentiles(s) for peer, s in samples.items()},
    }
    limit = out["peers"][LIMIT]["p50_ms"]
    for stats in out["peers"].values():
        stats["ratio_p50"] = stats["p50_ms"] / limit
    return out


def measure_nested(
    api: httpx.Client, ngql: httpx.Client, rounds: int, budget_s: float
) -> dict[str, Any]:
    reads: dict[str, Callable[[], n4j.Nested]] = {
        "graphcmdb": lambda: n4j.graphcmdb_nested(api),
        "@neo4j/graphql": lambda: n4j.ngql_nested(ngql),
    }
    expected = reads["graphcmdb"]()
    if (other := reads["@neo4j/graphql"]()) != expected:
        bad = [a[0] for a, b in zip(expected, other, strict=False) if a != b][:5]
        raise Mismatch(f"nested read: {len(expected)} against {len(other)} services, differ {bad}")
    start = time.perf_counter()
    for read in reads.values():
        read()
    rounds = min(rounds, max(5, int(budget_s / max(time.perf_counter() - start, 1e-3))))
    samples: dict[str, list[float]] = {name: [] for name in reads}
    for i in range(rounds):
        for name in list(reads)[i % 2 :] + list(reads)[: i % 2]:
            start = time.perf_counter()
            answer = reads[name]()
            elapsed = time.perf_counter() - start
            if answer != expected:
                raise Mismatch(f"nested read: {name} changed its answer")
            samples[name].append(elapsed)
    return {
        "services": len(expected),
        "triples": n4j.triples(expected),
        "peers": {name: percentiles(s) for name, s in samples.items()},
    }


def run_size(
    cis: int, rounds: int, budget_s: float, full: bool, console: Console
) -> dict[str, Any]:
    heap, cache = ("4g", "4g") if cis > 200_000 else ("2g", "1g")
    with throwaway_neo4j(heap=heap, pagecache=cache, restart=False) as (settings, facts):
        summary, token = asyncio.run(load(settings, cis))
        console.print(
            f"N={cis:,}: loaded {summary.cis:,} CIs, {summary.relationships:,} "
            f"relationships, {summary.services} services in {summary.seconds:.1f}s"
        )
        with throwaway_postgres() as dsn:
            driver = neo4j.GraphDatabase.driver(settings.bolt_uri, auth=neo4j_auth(settings))
            try:
                started = time.perf_counter()
                copied = copy_estate(dsn, driver, settings.neo4j_database)
                console.print(
                    f"PostgreSQL: {copied} copied in {time.perf_counter() - started:.1f}s"
                )
                results = with_servers(
                    settings, driver, dsn, summary, token, rounds, budget_s, full, console
                )
            finally:
                driver.close()
    return {
        "cis": summary.cis,
        "relationships": summary.relationships,
        "services": summary.services,
        "load_seconds": summary.seconds,
        "neo4j": facts,
        "postgres_rows": copied,
        **results,
    }


def with_servers(
    settings: Settings,
    driver: neo4j.Driver,
    dsn: str,
    summary: SyntheticSummary,
    token: str,
    rounds: int,
    budget_s: float,
    full: bool,
    console: Console,
) -> dict[str, Any]:
    database = settings.neo4j_database
    proc, url = start_api(settings)
    auth = {"Authorization": f"Bearer {token}"}
    try:
        with (
            n4j.neo4j_graphql_server(settings) as ngql_url,
            httpx.Client(base_url=url, timeout=600, headers=auth) as api,
            httpx.Client(base_url=ngql_url, timeout=600) as ngql,
            psycopg.connect(dsn, autocommit=True) as pg,
        ):
            asks: dict[str, Ask] = {
                LIMIT: lambda d: n4j.raw_driver(driver, database, d),
                "graphcmdb": lambda d: n4j.graphcmdb_impact(api, d),
                "graphcmdb full report": lambda d: full_report(api, d),
                "@neo4j/graphql": lambda d: n4j.ngql_impact(ngql, d),
                "PostgreSQL CTE": lambda d: cte(pg, d),
            }
            if not full:
                del asks["graphcmdb full report"]
            out: dict[str, Any] = {"scenarios": {}}
            for name, inputs in scenarios(driver, database, summary, rounds).items():
                console.print(f"  {name} …")
                out["scenarios"][name] = measure_impact(
                    asks, lambda d: reference(driver, database, d), inputs, budget_s
                )
            console.print("  nested read …")
            out["nested"] = measure_nested(api, ngql, rounds, budget_s)
            return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def report(results: dict[int, dict[str, Any]], console: Console) -> None:
    peers = [
        p
        for p in PEERS
        if any(p in sc["peers"] for r in results.values() for sc in r["scenarios"].values())
    ]
    table = Table(
        title="impact(down: …) against its peers: p50 / p95 ms (p50 x the raw-driver limit)"
    )
    for col in ("N", "scenario", "impacted (median)", *peers):
        table.add_column(col, justify="right")
    for n, res in results.items():
        for name, sc in res["scenarios"].items():
            cells = []
            for peer in peers:
                s = sc["peers"].get(peer)
                cells.append(
                    "—"
                    if s is None
                    else f"{s['p50_ms']:,.1f} / {s['p95_ms']:,.1f} ({s['ratio_p50']:.2f}x)"
                )
            table.add_row(f"{n:,}", name, f"{sc['impacted_median']:,}", *cells)
    console.print(table)
    nested = Table(
        title="nested read: 100 services → dependsOn → dependsOn {id name}, p50 / p95 ms"
    )
    for col in ("N", "triples", "graphcmdb", "@neo4j/graphql", "graphcmdb ÷ @neo4j/graphql"):
        nested.add_column(col, justify="right")
    for n, res in results.items():
        g, o = res["nested"]["peers"]["graphcmdb"], res["nested"]["peers"]["@neo4j/graphql"]
        nested.add_row(
            f"{n:,}",
            f"{res['nested']['triples']:,}",
            f"{g['p50_ms']:,.1f} / {g['p95_ms']:,.1f}",
            f"{o['p50_ms']:,.1f} / {o['p95_ms']:,.1f}",
            f"{g['p50_ms'] / o['p50_ms']:.2f}x",
        )
    console.print(nested)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=30, help="at most, per scenario")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per scenario (at least 5 rounds)"
    )
    parser.add_argument(
        "--no-full-report", action="store_true", help="leave out graphcmdb's full report"
    )
    parser.add_argument(
        "--api-env",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="settings for the graphcmdb API process, e.g. GRAPHCMDB_EXPENSIVE_WORKER=false",
    )
    parser.add_argument("--name", default="peers", help="benchmarks/results/NAME.json")
    args = parser.parse_args()
    collector.tune()  # as the API and the CLI run
    api_env = dict(kv.split("=", 1) for kv in args.api_env)
    os.environ.update(api_env)  # the API process inherits them (benchmarks.impact.start_api)
    console = Console()
    results: dict[int, dict[str, Any]] = {}
    for n in args.sizes:
        results[n] = run_size(n, args.rounds, args.budget, not args.no_full_report, console)
        results[n]["api_env"] = api_env
        save(args.name, {str(k): v for k, v in results.items()})
    report(results, console)


if __name__ == "__main__":
    main()
