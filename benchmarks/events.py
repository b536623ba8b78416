"""The monitoring event path at scale: how fast a burst of alerts is accepted, and how
long an alert takes to become an incident.

A synthetic estate (``graphcmdb demo generate``'s generator) in a throwaway Neo4j, the
real API in its own process (uvicorn, the defaults), an events token, Alertmanager's
webhook JSON (version 4) on loopback:

- **alert to incident**: for each of 20 hypervisors in turn, one critical alert, timed
  from the post until the hit services' incidents are open, as a client of the database
  sees them (polled every 5 ms: an open incident naming the alert's fingerprint, or
  no CIs left queued for the impact evaluator when the hypervisor hits no service).
  Then the alert is resolved and timed until its incidents are resolved;
- **burst**: alerts on random CIs in payloads of 50 (an Alertmanager group), every
  payload posted twice (the second is all duplicates), by concurrent senders; accepted
  events a second counts each distinct event once over the time the posts took; then
  the time until the impact evaluator has taken every CI queued (settled), and its
  passes (the API's ``graphcmdb_impact_passes_total``).

The same file measures the code before the evaluator (incidents in the webhook's own
transaction: the incident is open when the post returns, nothing is ever queued).

    .venv/bin/python -m benchmarks.events --cis 100000
    # the burst alone, three in a row on one API (the last reported; the first is cold),
    # payloads of 200 alerts instead of 50:
    .venv/bin/python -m benchmarks.events --cis 10000 --rounds 0 --bursts 3 --group 200
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from benchmarks.harness import cpu_seconds, percentiles, save, throwaway_neo4j
from benchmarks.impact import HYPERVISORS
from benchmarks.load import api_process
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.demo.synthetic_load import load_synthetic
from graphcmdb.graph.enums import Role
from graphcmdb.neo4j_server.process import running_pid
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor

GROUP = 50
STARTS = "2026-12-01T10:00:00Z"
ENDS = "2026-12-01T10:05:00Z"
POLL_S = 0.005
#: an incident naming the alert, in the states given
INCIDENTS_OF = (
    "MATCH (i:Incident) WHERE 'alertmanager:' + $fp IN i.alertFingerprints "
    "AND i.state IN $states "
    "RETURN count(i) AS n"
)
#: CIs still queued for the evaluator (root-cause searches, queued as kind SUSPECTS, come
#: later and are not waited for: an incident is open or resolved before its candidates)
QUEUED = "MATCH (w:ImpactWork {kind: 'CIS'}) RETURN count(w) AS n"
INCIDENTS = "MATCH (i:Incident) RETURN count(i) AS n"
OPEN = ["NEW", "IN_PROGRESS", "ON_HOLD"]


def alert(ci_id: str, name: str, status: str, fingerprint: str) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {"alertname": name, "severity": "critical", "graphcmdb_ci_id": ci_id},
        "annotations": {"summary": f"{name} on {ci_id}"},
        "startsAt": STARTS,
        "endsAt": ENDS if status == "resolved" else "0001-01-01T00:00:00Z",
        "generatorURL": "http://127.0.0.1:9090/graph",
        "fingerprint": fingerprint,
    }


def payload(alerts: list[dict[str, Any]], status: str) -> dict[str, Any]:
    return {
        "version": "4",
        "groupKey": '{}:{alertname="bench"}',
        "truncatedAlerts": 0,
        "status": status,
        "receiver": "graphcmdb",
        "groupLabels": {"alertname": "bench"},
        "commonLabels": {},
        "commonAnnotations": {},
        "externalURL": "http://127.0.0.1:9093",
        "alerts": alerts,
    }


async def post(client: httpx.AsyncClient, token: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = await client.post(
        "/events/alertmanager", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    reply.raise_for_status()
    answer: dict[str, Any] = reply.json()
    return answer


async def count(db: Database, query: str, **params: Any) -> int:
    return int((await db.run_raw(query, **params))[0]["n"])


async def settled(db: Database, fp: str, states: list[str], want: int | None) -> int:
    """Poll until ``want`` incidents naming ``fp`` are in ``states`` (None: one), or the
    evaluator has taken everything queued (what it made is then all there will be): how
    many there are."""
    while True:
        found = await count(db, INCIDENTS_OF, fp=fp, states=states)
        if found and (want is None or found >= want):
            return found
        if await count(db, QUEUED) == 0:
            return await count(db, INCIDENTS_OF, fp=fp, states=states)
        await asyncio.sleep(POLL_S)


async def drained(db: Database) -> None:
    """Poll until no CIs are queued for the impact evaluator."""
    while True:
        if await count(db, QUEUED) == 0:
            return
        await asyncio.sleep(POLL_S)


async def to_incident(
    client: httpx.AsyncClient, token: str, hypervisors: list[str], db: Database, tag: str = ""
) -> dict[str, Any]:
    opened, resolved, incidents, answered = [], [], [], []
    for i, ci in enumerate(hypervisors):
        fp = f"{tag}hv-{i:04d}"
        started = time.perf_counter()
        await post(client, token, payload([alert(ci, "HostDown", "firing", fp)], "firing"))
        answered.append(time.perf_counter() - started)
        n = await settled(db, fp, OPEN, None)
        if n:
            opened.append(time.perf_counter() - started)
        incidents.append(n)
        started = time.perf_counter()
        await post(client, token, payload([alert(ci, "HostDown", "resolved", fp)], "resolved"))
        if n:
            await settled(db, fp, ["RESOLVED"], n)
            resolved.append(time.perf_counter() - started)
    if not opened:
        raise RuntimeError("no hypervisor alert opened an incident")
    return {
        "open": percentiles(opened),
        "resolve": percentiles(resolved),
        "open_ms": [round(t * 1000, 1) for t in opened],
        "resolve_ms": [round(t * 1000, 1) for t in resolved],
        "webhook_answer": percentiles(answered),
        "incidents_opened": sum(incidents),
        "hypervisors": len(hypervisors),
        "hypervisors_with_incidents": len(opened),
    }


async def passes(client: httpx.AsyncClient) -> float:
    """The API's impact evaluator passes so far (0 before the evaluator existed)."""
    text = (await client.get("/metrics")).text
    lines = [ln for ln in text.splitlines() if ln.startswith("graphcmdb_impact_passes_total")]
    return sum(float(ln.rsplit(" ", 1)[1]) for ln in lines if 'outcome="ok"' in ln)


def cpu_now(pids: dict[str, int] | None) -> dict[str, float]:
    """CPU seconds so far of each named process."""
    return {name: cpu_seconds(pid) for name, pid in (pids or {}).items()}


def ms_per_event(
    before: dict[str, float], after: dict[str, float], events: int
) -> dict[str, float]:
    return {name: 1000 * (after[name] - before[name]) / max(events, 1) for name in before}


async def burst(
    client: httpx.AsyncClient,
    token: str,
    pool: list[str],
    alerts: int,
    senders: int,
    db: Database,
    group: int = GROUP,
    tag: str = "",
    resolve: bool = False,
    pids: dict[str, int] | None = None,
) -> dict[str, Any]:
    """One burst, measured; with ``resolve``, its alerts are resolved afterwards (not
    measured) and the evaluator drained, so the next burst meets operational CIs and no
    open incidents, as the first did (a service hit again within the reopen window has
    its incident reopened, not a new one)."""
    rng = random.Random(f"11{tag}" if tag else 11)  # the reported burst: as it always was
    chosen = [rng.choice(pool) for _ in range(alerts)]
    payloads = []
    for g in range(0, alerts, group):
        fired = [
            alert(ci, "Burst", "firing", f"{tag}b-{g + j}")
            for j, ci in enumerate(chosen[g : g + group])
        ]
        payloads.append(payload(fired, "firing"))
    queue = [*payloads, *payloads]  # each posted twice: the second time all duplicates
    answers: list[dict[str, Any]] = []
    times: list[float] = []

    async def sender() -> None:
        while queue:
            body = queue.pop(0)
            started = time.perf_counter()
            answers.append(await post(client, token, body))
            times.append(time.perf_counter() - started)

    incidents_before, passes_before = await count(db, INCIDENTS), await passes(client)
    cpu_before = cpu_now(pids)
    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(senders)))
    wall = time.perf_counter() - started
    cpu_posting = cpu_now(pids)
    await drained(db)
    settle = time.perf_counter() - started
    cpu_settled = cpu_now(pids)
    accepted = sum(a["accepted"] for a in answers)
    found = {
        "alerts": alerts,
        "posts": len(answers),
        "accepted": accepted,
        "duplicates": sum(a["duplicates"] for a in answers),
        "incidents_opened": await count(db, INCIDENTS) - incidents_before,
        "evaluator_passes": await passes(client) - passes_before,
        "wall_s": wall,
        "settled_s": settle,
        "accepted_per_s": accepted / wall,
        "post": percentiles(times),
        "senders": senders,
        "group": group,
        # CPU per event while the posts ran (the evaluator's passes then included), and
        # until nothing was queued (the evaluator's passes after the posts too)
        "cpu_ms_per_event": ms_per_event(cpu_before, cpu_posting, accepted),
        "cpu_ms_per_event_settled": ms_per_event(cpu_before, cpu_settled, accepted),
    }
    if resolve:
        for body in payloads:
            gone = [{**a, "status": "resolved", "endsAt": ENDS} for a in body["alerts"]]
            await post(client, token, payload(gone, "resolved"))
        await drained(db)
    return found


def report(results: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Event path, {results['cis']:,} CIs")
    for column in ("measure", "n", "p50 ms", "p95 ms", "figure"):
        table.add_column(column, justify="right")
    latency: dict[str, Any] = results.get("to_incident") or {}
    for name in ("open", "resolve") if latency else ():
        f = latency[name]
        label = "alert → incident open" if name == "open" else "resolved → incident resolved"
        table.add_row(label, str(f["n"]), f"{f['p50_ms']:.0f}", f"{f['p95_ms']:.0f}", "")
    b = results["burst"]
    table.add_row(
        f"burst: {b['posts']} posts of {b['group']} alerts",
        str(b["posts"]),
        f"{b['post']['p50_ms']:.0f}",
        f"{b['post']['p95_ms']:.0f}",
        f"{b['accepted_per_s']:,.0f} accepted events/s",
    )
    if latency:
        w = latency["webhook_answer"]
        table.add_row("webhook answer (alert)", str(w["n"]), f"{w['p50_ms']:.0f}",
                      f"{w['p95_ms']:.0f}", "")  # fmt: skip
    console.print(table)
    if latency:
        console.print(
            f"incidents opened: {latency['incidents_opened']} by "
            f"{latency['hypervisors_with_incidents']} of {latency['hypervisors']} hypervisors"
        )
    for key, when in (
        ("cpu_ms_per_event", "while posting"),
        ("cpu_ms_per_event_settled", "to settled"),
    ):
        cpu = ", ".join(f"{k} {v:.2f}" for k, v in b.get(key, {}).items())
        console.print(f"CPU ms per accepted event {when}: {cpu}")
    console.print(
        f"{b['incidents_opened']} incidents in the burst; burst accepted {b['accepted']:,} "
        f"of {b['alerts'] * 2:,} notifications ({b['duplicates']:,} duplicates) in "
        f"{b['wall_s']:.1f} s with {b['senders']} senders, settled after "
        f"{b['settled_s']:.1f} s in {b['evaluator_passes']:.0f} evaluator passes"
    )


async def main(cis: int, alerts: int, senders: int, rounds: int, group: int, bursts: int) -> None:
    console = Console()
    began = time.monotonic()
    results: dict[str, Any] = {"cis": cis}
    with throwaway_neo4j(heap="2g", pagecache="1g", restart=False) as (settings, facts):
        db = Database(settings)
        await migrate(db)
        summary = await load_synthetic(db, cis)
        token = (await tokens.create_token(db, system_actor("bench"), "am", Role.EVENTS)).token
        hypervisors = [r["id"] for r in await db.run_raw(HYPERVISORS)][:20]
        pool = list(summary.random_pool)
        results |= {"neo4j": facts, "relationships": summary.relationships}
        console.print(f"{summary.cis:,} CIs loaded after {time.monotonic() - began:.0f} s")
        with api_process(settings, {}) as api:
            found_pids = {"api": api.pid, "neo4j": running_pid(settings), "bench": os.getpid()}
            pids = {name: pid for name, pid in found_pids.items() if pid is not None}
            async with httpx.AsyncClient(base_url=api.url, timeout=600) as client:
                for again in range(rounds):
                    tag = f"r{again}-" if again else ""
                    found = await to_incident(client, token, hypervisors, db, tag)
                    results["to_incident" + (f"_{again}" if again else "")] = found
                    console.print(f"alert to incident, round {again + 1}: {found}")
                for again in range(bursts):
                    tag = f"w{again}-" if again < bursts - 1 else ""
                    found = await burst(
                        client, token, pool, alerts, senders, db, group, tag, bool(tag), pids
                    )
                    console.print(f"burst {again + 1}: {found}")
                    results["burst" + (f"_{again}" if tag else "")] = found
        await db.close()
    report(results, console)
    results["total_s"] = time.monotonic() - began
    console.print(f"total {results['total_s']:.0f} s; saved {save('events', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cis", type=int, default=100_000)
    parser.add_argument("--alerts", type=int, default=5_000)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="alert-to-incident rounds (the first is cold; 0: the burst only)",
    )
    parser.add_argument("--group", type=int, default=GROUP, help="alerts per burst payload")
    parser.add_argument(
        "--bursts",
        type=int,
        default=1,
        choices=range(1, 11),
        metavar="1..10",
        help="bursts in a row, each but the last resolved after it (the last is reported)",
    )
    args = parser.parse_args()
    asyncio.run(main(args.cis, args.alerts, args.senders, args.rounds, args.group, args.bursts))
