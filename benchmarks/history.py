"""What versioning costs (db/history.py), in one run against one server:

1. bulk upsert (the service layer's ``upsertCIs`` path, batches of 1,000) of N rows, create
   then update, with history off and on, alternating;
2. the synthetic CMDB of C CIs loaded with history on, then a generated year of history
   (``--changes`` earlier versions per entity, spread over the year, and every
   relationship re-made once in the year), then ``impact`` and ``graph`` (depth 2) as of
   mid-year against the present, alternating, the same inputs; store size before/after.

    .venv/bin/python -m benchmarks.history --rows 20000 --cis 100000 --changes 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from rich.console import Console

from benchmarks.harness import save, throwaway_neo4j
from benchmarks.upsert import rows as upsert_rows
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.history import reading_as_of
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.graph.enums import RelType
from graphcmdb.services import bulk, graph_view, impact
from graphcmdb.services.actor import system_actor

WIPE = (
    "MATCH (n) WHERE n:CI OR n:AuditEntry OR n:Timeline OR n:State OR n:IdentityKey "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
)
#: benchmark only: a year of earlier versions behind every entity's current one
GENERATE_STATES = """
MATCH (t:Timeline)-[v:STATE]->(s)
  WHERE v.validTo IS NULL
CALL (t, v, s) {
  UNWIND range(0, $changes - 1) AS k
  CREATE (t)-[:STATE {validFrom: $start + duration({days: k * 365 / $changes}),
                      validTo: $start + duration({days: (k + 1) * 365 / $changes})}]->(old:State)
  SET old = properties(s), old.criticality = k % 5 + 1
  WITH v
  LIMIT 1
  SET v.validFrom = $start + duration({days: 365})
} IN TRANSACTIONS OF 2000 ROWS
"""
#: ... and every relationship made once before, at a day of the year of its own
GENERATE_EDGES = """
MATCH (a:Timeline)-[w]->(b:Timeline)
  WHERE w.validTo IS NULL
CALL (a, w, b) {
  WITH a, w, b, $start + duration({days: toInteger(rand() * 365)}) AS moved
  CREATE (a)-[old:$(type(w))]->(b)
  SET old = properties(w), old.validFrom = $start, old.validTo = moved
  SET w.validFrom = moved
} IN TRANSACTIONS OF 5000 ROWS
"""
COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
"""


def store_mb(settings: Settings) -> float:
    root = settings.state_dir / "neo4j" / "data" / "databases" / settings.neo4j_database
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


async def upsert_once(settings: Settings, n: int, history: bool) -> dict[str, float]:
    db = Database(settings.model_copy(update={"history_enabled": history}))
    await db.run_raw(WIPE)
    actor, out = system_actor("bench"), {}
    for phase, change in (("create", 0), ("update", 1)):
        data = upsert_rows(n)
        for row in data:
            row["criticality"] = 1 + (int(row["criticality"]) + change) % 5
        start = time.perf_counter()
        for i in range(0, n, 1000):
            await bulk.upsert_cis(db, actor, data[i : i + 1000])
        out[phase] = time.perf_counter() - start
    await db.close()
    return out


async def upsert_overhead(settings: Settings, n: int, rounds: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    for i in range(rounds):
        for mode in ("off", "on") if i % 2 == 0 else ("on", "off"):
            runs[mode].append(await upsert_once(settings, n, mode == "on"))
    out: dict[str, Any] = {"rows": n, "rounds": rounds}
    for phase in ("create", "update"):
        off = statistics.median(r[phase] for r in runs["off"])
        on = statistics.median(r[phase] for r in runs["on"])
        out[phase] = {"off_s": off, "on_s": on, "ratio": on / off}
    return out


async def timed(work: Callable[[], Awaitable[object]], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        await work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


async def reads(settings: Settings, cis: int, changes: int, rounds: int) -> dict[str, Any]:
    db = Database(settings)
    await db.run_raw(WIPE)
    started = time.perf_counter()
    summary = await load_synthetic(db, cis)
    loaded_s = time.perf_counter() - started
    before = (await db.run_raw(COUNTS))[0] | {"store_mb": store_mb(settings)}
    start = datetime.now(UTC) - timedelta(days=400)
    await db.run_raw(GENERATE_STATES, changes=changes, start=start)
    await db.run_raw(GENERATE_EDGES, start=start)
    after = (await db.run_raw(COUNTS))[0] | {"store_mb": store_mb(settings)}
    mid = start + timedelta(days=182)
    pool = summary.random_pool
    cases = {
        "impact: one random CI": pool[:1],
        "impact: five random CIs": pool[1:6],
        "impact: a SAN": summary.hotspots["san"][:1],
    }
    out: dict[str, Any] = {"cis": summary.cis, "load_s": loaded_s, "before": before}
    out["after"] = after
    for name, down in cases.items():
        ids = list(down)
        out[name] = await compare(db, rounds, mid, partial(impact.analyze, db, ids))
    center = pool[0]
    out["graph: a random CI, depth 2"] = await compare(
        db,
        rounds,
        mid,
        lambda: graph_view.neighbourhood(db, center, 2, list(RelType), 5000),
    )
    await db.close()
    return out


async def compare(
    db: Database, rounds: int, at: datetime, work: Callable[[], Awaitable[object]]
) -> dict[str, float]:
    await work()  # warm both plans
    with reading_as_of(at):
        await work()
    present, past = [], []
    for _ in range(rounds):
        present.append(await timed(work, 1))
        with reading_as_of(at):
            past.append(await timed(work, 1))
    p, a = statistics.median(present), statistics.median(past)
    return {"present_ms": p, "as_of_ms": a, "ratio": a / p}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--upsert-rounds", type=int, default=2)
    parser.add_argument("--cis", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    console = Console()
    with throwaway_neo4j(restart=False) as (managed, _facts):
        # a loaded machine must not turn a slow answer into a timeout
        settings = managed.model_copy(update={"read_deadline_s": 300.0, "write_deadline_s": 600.0})
        asyncio.run(migrate(Database(settings)))
        result: dict[str, Any] = {"load_average": os.getloadavg()}
        if args.rows:
            result["upsert"] = asyncio.run(upsert_overhead(settings, args.rows, args.upsert_rounds))
            console.print(result["upsert"])
        if args.cis:
            result["reads"] = asyncio.run(reads(settings, args.cis, args.changes, args.rounds))
        result["load_average_after"] = os.getloadavg()
        console.print(result)
        save("history", result)


if __name__ == "__main__":
    main()
