"""Hostile documents against the real API over HTTP (loopback): how long the refusal of
the fragment bomb and of a costly nested query takes, with a token and without, against
a trivial query in the same run, and the longest time a cheap request waited while
the hostile ones were being refused (the event loop is shared). The API runs with the
load benchmark's stall ticker (``benchmarks.load_server``): the loop's worst stall over
the whole run is reported, with the part its own thread spent on the CPU.

    .venv/bin/python -m benchmarks.hostile --rounds 50
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.harness import percentiles, save, throwaway_neo4j
from benchmarks.load import api_process
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.graph.enums import Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor


def fragment_bomb(levels: int = 20) -> str:
    parts = ["query { cis { edges { node { ...F0 } } } }"]
    parts += [f"fragment F{i} on CI {{ id ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    return "\n".join([*parts, f"fragment F{levels} on CI {{ name }}"])


NESTED = """{ cis(first: 1000) { edges { node {
  dependents { node { ... on CI { dependents { node { ... on CI {
    dependents { node { ... on CI { dependents { node { id } } } } } } } } } } } } } } }"""
CASES = {
    "trivial query (token)": ("{ __typename }", True),
    "fragment bomb (token)": (fragment_bomb(), True),
    "fragment bomb (no token)": (fragment_bomb(), False),
    "costly nested query (token)": (NESTED, True),
    "costly nested query (no token)": (NESTED, False),
}


async def timed(client: httpx.AsyncClient, query: str, token: str | None) -> tuple[float, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    start = time.perf_counter()
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    elapsed = time.perf_counter() - start
    body = response.json()
    code = body["errors"][0]["extensions"]["code"] if body.get("errors") else "OK"
    return elapsed, f"{response.status_code} {code}"


async def run(base: str, token: str, rounds: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.get("/_bench/stalls")  # the stall meter's window starts here
        for name, (query, with_token) in CASES.items():
            samples, answer = [], ""
            for _ in range(rounds):
                elapsed, answer = await timed(client, query, token if with_token else None)
                samples.append(elapsed)
            out[name] = percentiles(samples) | {"answer": answer}
        # a cheap request sent while bombs are being refused: how long did it wait?
        waits = []
        for _ in range(rounds):
            bombs = [timed(client, fragment_bomb(), token) for _ in range(4)]
            cheap = timed(client, "{ __typename }", token)
            *_, (elapsed, _) = await asyncio.gather(*bombs, cheap)
            waits.append(elapsed)
        out["cheap query among 4 bombs (token)"] = percentiles(waits) | {"answer": "200 OK"}
        out["stalls"] = (await client.get("/_bench/stalls")).json()
    return out


async def main(rounds: int) -> None:
    with throwaway_neo4j(heap="1g", pagecache="256m") as (settings, facts):
        db = Database(settings)
        await migrate(db)
        issued = await tokens.create_token(db, system_actor("bench"), "bench", Role.VIEWER)
        await db.close()
        with api_process(settings, {}) as api:
            results = await run(api.url, issued.token, rounds)
    stalls = results.pop("stalls")
    table = Table(title=f"Hostile documents over HTTP, {rounds} rounds each")
    for column in ("request", "p50 ms", "p95 ms", "answer"):
        table.add_column(column)
    for name, figures in results.items():
        table.add_row(
            name, f"{figures['p50_ms']:.1f}", f"{figures['p95_ms']:.1f}", figures["answer"]
        )
    Console().print(table)
    Console().print(
        f"event loop: worst stall {stalls['worst_ms']:.0f} ms ({stalls['over_100ms']} of "
        f"{stalls['ticks']} ticks over 100 ms); on the CPU itself: worst "
        f"{stalls['own_worst_ms']:.0f} ms"
    )
    results["stalls"] = stalls
    Console().print(f"saved {save('hostile', {'rounds': rounds, 'neo4j': facts, **results})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    asyncio.run(main(parser.parse_args().rounds))
