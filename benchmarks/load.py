"""Mixed load over HTTP (loopback): explorer-style readers against a flood of impact
questions, once with load shedding off and once on, against the same estate.

A ~10k-CI synthetic estate (the generator of `graphcmdb demo generate`, as in
benchmarks/impact.py) is loaded into a throwaway Neo4j. For each mode the real API runs
as its own process (uvicorn; the clients' Python does not share its interpreter), with
a ticker task in its event loop that wakes every 10 ms and records how late it woke:
the loop's worst stall. Then, for ``--seconds``:

- ``--readers`` readers (20), each with its own token, loop over the explorer's search
  and CI-details documents (web/src/explore/queries.ts, web/src/details/queries.ts),
  0.5 to 1.5 s apart, drawn at random (a person reads an answer before the next click, and
  20 people do not click in step: ``--reader-jitter 0`` puts every pause at 1 s, as
  before the nineteenth session, and the readers then arrive in waves of 20);
- ``--impacts`` clients (50), each with its own token, ask `impact(down: ...)` with the
  full report (a hypervisor, or five random CIs) one after the other; a refused one
  (503/429) waits its Retry-After before asking again, as a client should. They run in
  a process of their own (``benchmarks.load_clients``): in the readers' process their
  answers' decoding delayed the readers' event loop, and the readers' figures measured
  the load generator (``--clients-in-one-process`` keeps the old way, to compare).

The readers run alone first (their baseline), then with the impact clients, shedding off
(GRAPHCMDB_EXPENSIVE_RUNNING=0, GRAPHCMDB_TOKEN_RATE_PER_S=0), shedding on with the
impact questions executed on the API's own event loop (GRAPHCMDB_EXPENSIVE_OFF_LOOP=
false, as before api/off_loop.py), shedding on with the defaults (impact on a loop
of its own), and the same with one expensive operation at a time per class
(GRAPHCMDB_EXPENSIVE_RUNNING=1).
Reported per mode and class: p50/p95/p99/max latency, also per answer code (OK,
OVERLOADED, RATE_LIMITED, TIMEOUT ...), requests over the read deadline, and the loop's
stalls (with the worst tick's time on the CPU and waiting for one).

The API runs in a session of its own (``--session``): under Linux's autogroup that is a
CPU scheduling group of its own, as a service manager or a container gives a server.
Before the twenty-third session it shared the load generator's group, and its one
event-loop thread waited for a CPU behind the clients' threads. ``--warmup`` seconds of
load (30) come before the first measured phase, so a Neo4j just started is not measured
cold.

    .venv/bin/python -m benchmarks.load --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.harness import free_port, save, throwaway_neo4j
from benchmarks.impact import HYPERVISORS
from benchmarks.load_clients import READ_DEADLINE_S, Estate, phase
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
    settings: Settings,
    overrides: dict[str, str],
    tree: Path | None = None,
    own_session: bool = True,
) -> Iterator[Api]:
    """The API with its stall ticker (``benchmarks.load_server``), its own process; from
    the source tree ``tree`` (another checkout, for an A/B in one run) when given.

    ``own_session``: the API (and the worker it starts) in a session of its own, so
    under Linux's autogroup scheduling it is a CPU group of its own, as a service
    manager or a container gives a server, and not one more thread in the load
    generator's group (README, "A server's own CPU group")."""
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
        start_new_session=own_session,
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
            if own_session:  # the worker too: a session of its own is a group of its own
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.wait()


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
            f"{s['over_100ms']} of {s['ticks']} ticks over 100 ms; on the CPU itself: worst "
            f"{s.get('own_worst_ms', 0):.0f} ms, {s.get('own_over_100ms', 0)} over 100 ms; "
            f"the worst tick: {s.get('worst_own_ms', 0):.0f} ms on the CPU, "
            f"{s.get('worst_queued_ms', 0):.0f} ms waiting for one; hypervisor's steal "
            f"{s.get('steal_s', 0):.2f} s; "
            f"{s['gc_full']} full "
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
    #: "own": the API in a CPU group of its own; "shared": in the load generator's (as
    #: before the twenty-third session); "both": each phase in both, shared first
    session: str = "own"

    def trees(self, mode: str, round_: int) -> list[tuple[Path | None, str, bool]]:
        """Each phase's API: its tree (None: this one), its name, its own session."""
        suffix = f" #{round_}" if self.rounds > 1 else ""
        trees: list[tuple[Path | None, str]] = [(None, "")]
        if self.baseline is not None:
            trees.insert(0, (self.baseline, " (baseline)"))
        placements = {"own": [True], "shared": [False], "both": [False, True]}[self.session]
        return [
            (tree, f"{mode}{label}{'' if own else ' (shared session)'}{suffix}", own)
            for tree, label in trees
            for own in placements
        ]

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
    cis: int,
    seconds: float,
    readers: int,
    impacts: int,
    modes: list[str] | None,
    ab: AB,
    one_process: bool = False,
    jitter: float = 0.5,
    warmup: float = 0.0,
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
        results |= {"clients_in_one_process": one_process, "reader_jitter": jitter}
        results |= {"session": ab.session, "warmup_s": warmup}
        if warmup > 0:  # Neo4j's plans and compiled code, its caches: as in service
            with api_process(settings, {}, None, ab.session != "shared") as api:
                await phase(api.url, estate, warmup, True, one_process, jitter)
            console.print(f"warm-up ({warmup:g} s, not measured): done")
        for round_ in range(1, ab.rounds + 1):
            for mode in modes or list(MODES):
                overrides, with_impacts = MODES[mode]
                for tree, name, own_session in ab.trees(mode, round_):
                    with api_process(settings, overrides, tree, own_session) as api:
                        spy = ab.profile(api.pid, name, seconds)
                        found = await phase(
                            api.url, estate, seconds, with_impacts, one_process, jitter
                        )
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
    parser.add_argument(
        "--clients-in-one-process",
        action="store_true",
        help="the impact clients in the readers' process (as before the nineteenth session)",
    )
    parser.add_argument(
        "--reader-jitter",
        type=float,
        default=0.5,
        help="each reader's pause is 1 s x (1 ± this), drawn at random: people do not "
        "click in step; 0: every reader in step (as before the nineteenth session)",
    )
    parser.add_argument(
        "--session",
        choices=("own", "shared", "both"),
        default="own",
        help="the API in a CPU scheduling group of its own (a session: Linux's autogroup), "
        "as a service manager starts a server; shared: in the load generator's, as before "
        "the twenty-third session; both: each phase in both",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=30.0,
        help="seconds of readers and impact clients (shedding on) before the first "
        "measured phase, not measured: a Neo4j just started has cold plans and code "
        "(0: none, as before the twenty-third session)",
    )
    args = parser.parse_args()
    ab = AB(args.baseline, args.rounds, args.profiles, args.session)
    asyncio.run(
        main(
            args.cis,
            args.seconds,
            args.readers,
            args.impacts,
            args.mode,
            ab,
            args.clients_in_one_process,
            args.reader_jitter,
            args.warmup,
        )
    )
