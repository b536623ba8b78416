"""Mixed load over HTTP (loopback): explorer-style readers against a flood of impact
questions, once with load shedding off and once on, against the same estate.

A ~10k-CI synthetic estate (the generator of `graphcmdb demo generate`, as in
benchmarks/impact.py) is loaded into a throwaway Neo4j. For each mode the real API runs
as its own process (uvicorn; the clients' Python does not share its interpreter), with
a ticker task in its event loop that wakes every 10 ms and records how late it woke:
the loop's worst stall. Then, for ``--seconds``:

- ``--readers`` readers (20), each with its own token, loop over the explorer's search
  and CI-details documents (web/src/explore/queries.ts, web/src/details/queries.ts),
  a second apart (a person reads an answer before the next click);
- ``--impacts`` clients (50), each with its own token, ask `impact(down: ...)` with the
  full report (a hypervisor, or five random CIs) one after the other; a refused one
  (503/429) waits its Retry-After before asking again, as a client should.

The readers run alone first (their baseline), then with the impact clients, shedding off
(GRAPHCMDB_EXPENSIVE_RUNNING=0, GRAPHCMDB_TOKEN_RATE_PER_S=0), shedding on with the
impact questions executed on the API's own event loop (GRAPHCMDB_EXPENSIVE_OFF_LOOP=
false, as before api/off_loop.py), shedding on with the defaults (impact on a loop
of its own), and the same with one expensive operation at a time per class
(GRAPHCMDB_EXPENSIVE_RUNNING=1).
Reported per mode and class: p50/p95/p99/max latency, also per answer code (OK,
OVERLOADED, RATE_LIMITED, TIMEOUT ...), requests over the read deadline, and the loop's
stalls.

    .venv/bin/python -m benchmarks.load --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.harness import free_port, save, throwaway_neo4j
from benchmarks.impact import HYPERVISORS
from benchmarks.impact import QUERY as IMPACT
from benchmarks.load_docs import CI_DETAILS, SEARCH
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.graph.enums import Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor

#: each mode: the server's settings (GRAPHCMDB_* in its environment), and whether the
#: impact clients run (the first mode is the readers' baseline, alone on the server)
MODES: dict[str, tuple[dict[str, str], bool]] = {
    "readers alone": ({}, False),
    # as before the issue: no shedding, every query on the API's one event loop
    "shedding off": (
        {
            "GRAPHCMDB_EXPENSIVE_RUNNING": "0",
            "GRAPHCMDB_TOKEN_RATE_PER_S": "0",
            "GRAPHCMDB_EXPENSIVE_WORKER": "false",
            "GRAPHCMDB_EXPENSIVE_OFF_LOOP": "false",
        },
        True,
    ),
    # shedding's defaults (2 running + 8 waiting per class, 50/s a token), the expensive
    # queries in the API's process on a loop of their own (api/off_loop.py), then in the
    # worker process (api/expensive_process.py, the default)
    "shedding on, in a thread": ({"GRAPHCMDB_EXPENSIVE_WORKER": "false"}, True),
    "shedding on": ({}, True),  # the defaults
}
READ_DEADLINE_S = Settings.model_fields["read_deadline_s"].default
#: a person reads an answer before the next click
READER_PAUSE_S = 1.0


@dataclass
class Estate:
    reader_tokens: list[str]
    impact_tokens: list[str]
    names: list[str]
    ci_ids: list[str]
    impact_inputs: list[list[str]]
    cis: int = 0
    relationships: int = 0


@dataclass
class Record:
    kind: str
    seconds: float
    answer: str


@dataclass
class Run:
    stop: float
    records: list[Record] = field(default_factory=list)


async def prepare(settings: Settings, cis: int, readers: int, impacts: int) -> Estate:
    db = Database(settings)
    await migrate(db)
    summary = await load_synthetic(db, cis)
    bench = system_actor("bench")
    issued = [
        (await tokens.create_token(db, bench, f"user-{i}", Role.VIEWER)).token
        for i in range(readers + impacts)
    ]
    names = [r["name"] for r in await db.run_raw("MATCH (c:CI) RETURN c.name AS name LIMIT 2000")]
    hypervisors = [r["id"] for r in await db.run_raw(HYPERVISORS)]
    await db.close()
    rng = random.Random(7)
    inputs = [[h] for h in hypervisors] + [
        rng.sample(summary.random_pool, 5) for _ in range(len(hypervisors))
    ]
    return Estate(
        reader_tokens=issued[:readers],
        impact_tokens=issued[readers:],
        names=names,
        ci_ids=list(summary.random_pool),
        impact_inputs=inputs,
        cis=summary.cis,
        relationships=summary.relationships,
    )


@dataclass(frozen=True)
class Api:
    url: str
    pid: int


@contextmanager
def api_process(
    settings: Settings, overrides: dict[str, str], tree: Path | None = None
) -> Iterator[Api]:
    """The API with its stall ticker (``benchmarks.load_server``), its own process; from
    the source tree ``tree`` (another checkout, for an A/B in one run) when given."""
    port = free_port()
    env = dict(
        os.environ,
        GRAPHCMDB_NEO4J_URI=settings.bolt_uri,
        GRAPHCMDB_NEO4J_PASSWORD=neo4j_auth(settings)[1],
        **overrides,
    )
    if tree is not None:
        env["PYTHONPATH"] = f"{tree / 'src'}{os.pathsep}{tree}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.load_server", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        cwd=tree,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("the API did not become ready")
        yield Api(url, proc.pid)
    finally:
        proc.terminate()
        try:  # its background work has a grace of 30 s (api/app.py) before it is cut
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def ask(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]
) -> tuple[float, str, int]:
    """Seconds, answer code, and the Retry-After (0 when none)."""
    start = time.perf_counter()
    try:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
    except httpx.TransportError as exc:  # counted, not the end of the run
        return time.perf_counter() - start, type(exc).__name__, 1
    elapsed = time.perf_counter() - start
    try:
        body = response.json()
    except ValueError:
        return elapsed, f"HTTP {response.status_code}", 0
    errors = body.get("errors") or []
    code = errors[0].get("extensions", {}).get("code", "ERROR") if errors else "OK"
    return elapsed, str(code), int(response.headers.get("retry-after", "0"))


async def reader(client: httpx.AsyncClient, token: str, estate: Estate, run: Run) -> None:
    rng = random.Random(token)
    while time.monotonic() < run.stop:
        if rng.random() < 1 / 3:
            name = rng.choice(estate.names)
            start = rng.randrange(max(1, len(name) - 5))
            query, variables = SEARCH, {"q": name[start : start + 6], "first": 20}
        else:
            query, variables = CI_DETAILS, {"id": rng.choice(estate.ci_ids)}
        seconds, code, _ = await ask(client, token, query, variables)
        run.records.append(Record("reader", seconds, code))
        await asyncio.sleep(READER_PAUSE_S)


async def impacter(client: httpx.AsyncClient, token: str, estate: Estate, run: Run) -> None:
    rng = random.Random(token)
    while time.monotonic() < run.stop:
        down = rng.choice(estate.impact_inputs)
        seconds, code, retry_after = await ask(client, token, IMPACT, {"down": down})
        run.records.append(Record("impact", seconds, code))
        if retry_after:
            await asyncio.sleep(retry_after)


async def phase(url: str, estate: Estate, seconds: float, impacts: bool) -> dict[str, Any]:
    impact_tokens = estate.impact_tokens if impacts else []
    clients = len(estate.reader_tokens) + len(impact_tokens)
    limits = httpx.Limits(max_connections=clients + 5, max_keepalive_connections=clients + 5)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        for down in estate.impact_inputs[:: max(1, len(estate.impact_inputs) // 6)]:
            await ask(client, estate.reader_tokens[0], IMPACT, {"down": down})
        for i in range(20):
            await ask(client, estate.reader_tokens[0], CI_DETAILS, {"id": estate.ci_ids[i]})
        await client.get("/_bench/stalls")  # starts the measured window
        run = Run(stop=time.monotonic() + seconds)
        started = time.monotonic()
        await asyncio.gather(
            *(reader(client, t, estate, run) for t in estate.reader_tokens),
            *(impacter(client, t, estate, run) for t in impact_tokens),
        )
        wall = time.monotonic() - started
        stalls = (await client.get("/_bench/stalls")).json()
    return {"wall_s": wall, "stalls": stalls, "classes": summarise(run.records)}


def figures(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000

    return {
        "n": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": ordered[-1] * 1000,
    }


def summarise(records: list[Record]) -> dict[str, Any]:
    """Per class: all its requests, then each answer code on its own."""
    out: dict[str, Any] = {}
    for kind in ("reader", "impact"):
        mine = [r for r in records if r.kind == kind]
        if not mine:
            continue
        codes = Counter(r.answer for r in mine)
        out[kind] = figures([r.seconds for r in mine]) | {
            "over_deadline": sum(r.seconds > READ_DEADLINE_S for r in mine),
            "answers": {
                code: figures([r.seconds for r in mine if r.answer == code])
                for code, _ in codes.most_common()
            },
        }
    return out


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title="Readers and impact questions under load, shedding off vs on")
    for column in ("mode", "class", "answer", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"):
        table.add_column(column, justify="right")
    for mode, found in results["modes"].items():
        for kind, c in found["classes"].items():
            rows = [("all", c), *c["answers"].items()] if len(c["answers"]) > 1 else [("all", c)]
            for answer, f in rows:
                answer = answer if answer != "all" or len(rows) > 1 else next(iter(c["answers"]))
                table.add_row(
                    mode,
                    kind,
                    answer,
                    str(f["n"]),
                    *(f"{f[k]:.0f}" for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")),
                )
    console.print(table)
    for mode, found in results["modes"].items():
        s = found["stalls"]
        over = sum(c["over_deadline"] for c in found["classes"].values())
        console.print(
            f"{mode}: event loop worst stall {s['worst_ms']:.0f} ms (p99 {s['p99_ms']:.0f} ms, "
            f"{s['over_100ms']} of {s['ticks']} ticks over 100 ms; {s['gc_full']} full "
            f"collections, worst {s['gc_full_worst_ms']:.0f} ms, all collections "
            f"{s['gc_seconds']:.1f} s); requests over the {READ_DEADLINE_S:g} s deadline: "
            f"{over}; wall {found['wall_s']:.1f} s"
        )


@dataclass(frozen=True)
class AB:
    """A/B in one run: each mode's API from ``baseline`` (another checkout) then from
    this tree, ``rounds`` times, against the same estate; a py-spy profile of each API
    process's measured window into ``profiles`` when given."""

    baseline: Path | None = None
    rounds: int = 1
    profiles: Path | None = None

    def trees(self, mode: str, round_: int) -> list[tuple[Path | None, str]]:
        suffix = f" #{round_}" if self.rounds > 1 else ""
        this: list[tuple[Path | None, str]] = [(None, mode + suffix)]
        if self.baseline is None:
            return this
        return [(self.baseline, f"{mode} (baseline){suffix}"), *this]

    def profile(self, pid: int, name: str, seconds: float) -> subprocess.Popen[bytes] | None:
        if self.profiles is None:
            return None
        self.profiles.mkdir(parents=True, exist_ok=True)
        out = self.profiles / f"{name.replace(' ', '_').replace(',', '')}.txt"
        spy = [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(seconds)),
        ]
        spy += ["--format", "raw", "--nonblocking", "-o", str(out)]
        return subprocess.Popen(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def main(
    cis: int, seconds: float, readers: int, impacts: int, modes: list[str] | None, ab: AB
) -> None:
    console = Console()
    began = time.monotonic()
    results: dict[str, Any] = {"cis": cis, "seconds": seconds, "modes": {}}
    with throwaway_neo4j(heap="2g", pagecache="1g", restart=False) as (settings, facts):
        estate = await prepare(settings, cis, readers, impacts)
        results["ready_s"] = time.monotonic() - began
        console.print(
            f"{estate.cis:,} CIs, {estate.relationships:,} relationships; "
            f"{len(estate.impact_inputs)} impact inputs; ready after "
            f"{time.monotonic() - began:.0f} s"
        )
        results |= {"neo4j": facts, "readers": readers, "impacts": impacts}
        for round_ in range(1, ab.rounds + 1):
            for mode in modes or list(MODES):
                overrides, with_impacts = MODES[mode]
                for tree, name in ab.trees(mode, round_):
                    with api_process(settings, overrides, tree) as api:
                        spy = ab.profile(api.pid, name, seconds)
                        found = await phase(api.url, estate, seconds, with_impacts)
                        results["modes"][name] = found
                        if spy is not None:
                            spy.wait()
                    console.print(f"{name}: done after {time.monotonic() - began:.0f} s")
    report(results, console)
    results["total_s"] = time.monotonic() - began
    console.print(f"total {results['total_s']:.0f} s; saved {save('load', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--impacts", type=int, default=50)
    parser.add_argument(
        "--mode", action="append", choices=list(MODES), help="only these modes (repeatable)"
    )
    parser.add_argument("--baseline", type=Path, help="A/B: the API also from this tree")
    parser.add_argument("--rounds", type=int, default=1, help="A/B rounds")
    parser.add_argument("--profiles", type=Path, help="py-spy raw profiles into this folder")
    args = parser.parse_args()
    ab = AB(args.baseline, args.rounds, args.profiles)
    asyncio.run(main(args.cis, args.seconds, args.readers, args.impacts, args.mode, ab))
