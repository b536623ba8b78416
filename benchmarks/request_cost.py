"""What one explorer request costs the API: statements sent to Neo4j and the API
process's CPU (user and system, from /proc), per document, with the reads of a query
coalesced (``db/coalesce.py``) and without, alternating, against one 10k estate. Also
the CPU of one trivial statement through the async driver alone, the floor under
every statement.

    PYTHONPATH=src:. .venv/bin/python -m benchmarks.request_cost --requests 200 --rounds 2
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import time
from collections.abc import Callable
from typing import Any

import httpx
import neo4j
from rich.console import Console
from rich.table import Table

from benchmarks.harness import cpu_seconds, save, throwaway_neo4j
from benchmarks.load import api_process, prepare
from benchmarks.load_docs import CI_DETAILS, SEARCH
from graphcmdb.db.database import neo4j_auth

_TRANSACTIONS = re.compile(r"^graphcmdb_neo4j_transactions_total\{[^}]*\} (\S+)$", re.MULTILINE)


def statements(url: str) -> float:
    """Statements the API has sent (its transactions counter, every mode and outcome)."""
    return sum(float(n) for n in _TRANSACTIONS.findall(httpx.get(f"{url}/metrics").text))


async def driver_floor(uri: str, auth: tuple[str, str], n: int) -> float:
    """Microseconds of this process's CPU per trivial auto-commit statement."""
    driver = neo4j.AsyncGraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    query = neo4j.Query("RETURN $x AS x", timeout=15)

    async def trivial_statements() -> None:
        for i in range(n):
            async with driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
                await (await session.run(query, {"x": i})).to_eager_result()

    try:
        await trivial_statements()  # warm: the pool's connections open, the plan cached
        began = time.process_time()
        await trivial_statements()
        return 1e6 * (time.process_time() - began) / n
    finally:
        await driver.close()


async def measure(
    url: str, pid: int, token: str, ids: list[str], names: list[str], n: int
) -> dict[str, Any]:
    rng = random.Random(1)

    def details() -> dict[str, Any]:
        return {"id": rng.choice(ids)}

    def search() -> dict[str, Any]:
        return {"q": rng.choice(names)[:4], "first": 10}

    docs: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
        "CI details": (CI_DETAILS, details),
        "search": (SEARCH, search),
    }
    found: dict[str, Any] = {}
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        for name, (doc, variables) in docs.items():
            for _ in range(30):  # every statement read once: known to the coalescer
                await client.post("/graphql", json={"query": doc, "variables": variables()})
            sent, cpu, began = statements(url), cpu_seconds(pid), time.perf_counter()
            for _ in range(n):
                answer = await client.post(
                    "/graphql", json={"query": doc, "variables": variables()}
                )
                assert "errors" not in answer.json(), answer.text[:300]
            took = time.perf_counter() - began
            found[name] = {
                "statements": (statements(url) - sent) / n,
                "cpu_ms": 1000 * (cpu_seconds(pid) - cpu) / n,
                "wall_ms": 1000 * took / n,
            }
    return found


async def main(requests: int, rounds: int) -> None:
    console = Console()
    results: dict[str, Any] = {"requests": requests, "runs": []}
    with throwaway_neo4j(heap="2g", pagecache="1g", restart=False) as (settings, _):
        results["driver_floor_us"] = await driver_floor(
            settings.bolt_uri, neo4j_auth(settings), 2000
        )
        estate = await prepare(settings, 10_000, 1, 0)
        for round_ in range(1, rounds + 1):
            for coalesce in ("false", "true"):
                env = {"GRAPHCMDB_COALESCE_READS": coalesce, "GRAPHCMDB_TOKEN_RATE_PER_S": "0"}
                with api_process(settings, env) as api:
                    found = await measure(
                        api.url,
                        api.pid,
                        estate.reader_tokens[0],
                        estate.ci_ids,
                        estate.names,
                        requests,
                    )
                results["runs"].append({"round": round_, "coalesce": coalesce == "true", **found})
    table = Table(title="One explorer request, one client: statements and API CPU")
    for column in ("round", "coalesced", "document", "statements", "API CPU ms", "wall ms"):
        table.add_column(column, justify="right")
    for run in results["runs"]:
        for doc in ("CI details", "search"):
            f = run[doc]
            table.add_row(
                str(run["round"]),
                "yes" if run["coalesce"] else "no",
                doc,
                f"{f['statements']:.1f}",
                f"{f['cpu_ms']:.2f}",
                f"{f['wall_ms']:.1f}",
            )
    console.print(table)
    console.print(
        f"a trivial statement through the driver: {results['driver_floor_us']:.0f} µs of CPU"
    )
    console.print(f"saved {save('request_cost', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.rounds))
