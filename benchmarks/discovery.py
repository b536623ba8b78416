"""SNMP discovery throughput: the scanner against the simulated network's real agents
(57 snmpsim devices + 2 Debian snmpd, on loopback) and reconciliation into a throwaway
Neo4j, each figure next to a baseline measured in the same process:

- scan: devices/s of ``scanner.scan`` (system group, ENTITY-MIB, IF-MIB, IP-MIB,
  LLDP-MIB, HOST-RESOURCES per device) at concurrency 1, 8 and 32; baseline: one GET of
  sysName per target at the same concurrency;
- scan + write: ``run_discovery`` with the real scanner into an empty graph (every device
  new), at 1, 8 and 32;
- write per device: ``discovery_reconcile.reconcile`` of one fixed scan, into an empty
  graph (new), the same again (unchanged) and with every device changed (updated);
  baseline: one hand-written MERGE statement per device in its own transaction (the CI by
  class and name, its products and installations), no identification and no audit.

    .venv/bin/python -m benchmarks.discovery --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import neo4j
from pysnmp.hlapi.v3arch.asyncio import (
    CommunityData,
    ContextData,
    SnmpEngine,
    UdpTransportTarget,
    get_cmd,
)
from pysnmp.proto.rfc1902 import Null, ObjectName
from rich.console import Console
from rich.table import Table

from benchmarks.harness import save, throwaway_neo4j
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.db.schema import migrate
from graphcmdb.demo.network import Network, start_network
from graphcmdb.discovery.installations import as_utc, reported
from graphcmdb.discovery.observation import Observation, ScanResult, Software
from graphcmdb.discovery.runs import ProgressFn, ScanFn
from graphcmdb.discovery.scanner import ScanOptions, scan
from graphcmdb.discovery.session import Timing
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery import run_discovery
from graphcmdb.services.discovery_reconcile import reconcile

CONCURRENCY = (1, 8, 32)
ACTOR = system_actor("bench")
SYS_NAME_0 = (1, 3, 6, 1, 2, 1, 1, 5, 0)
#: generous: snmpsim, Neo4j and the scanner share the machine's cores
TIMING = Timing(timeout=5.0, retries=1)
WIPE = (
    "MATCH (n) WHERE NOT n:SchemaMigration "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS"
)
BASELINE = """
MERGE (c:CI {ciClass: $ciClass, name: $name})
ON CREATE SET c:Entity, c.id = $id, c.createdAt = datetime()
SET c:$($ciClass)
SET c += $props, c.updatedAt = datetime()
WITH c
UNWIND $software AS sw
MERGE (p:SoftwareProduct {key: sw.key})
ON CREATE SET p:Entity, p.id = sw.id, p += sw.props, p.createdAt = datetime()
MERGE (c)-[i:HAS_INSTALLED]->(p)
SET i.version = sw.version, i.installedAt = sw.installedAt, i.source = 'snmp'
"""


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


async def timed(work: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = await work()
    return time.perf_counter() - start, result


# --- scanning ----------------------------------------------------------------------------


async def full_scan(network: Network, concurrency: int) -> tuple[float, ScanResult]:
    options = ScanOptions(timing=TIMING)
    seconds, result = await timed(
        lambda: scan(
            network.targets, credentials=network.v2c, concurrency=concurrency, options=options
        )
    )
    if result.failures:
        raise RuntimeError(f"the scan lost targets: {result.failures}")
    return seconds, result


async def sys_name_gets(network: Network, concurrency: int) -> float:
    """Baseline: one GET of sysName.0 per target, ``concurrency`` at once."""
    engine = SnmpEngine()
    community = CommunityData(network.v2c.community or "", mpModel=1)
    gate = asyncio.Semaphore(concurrency)

    async def one(host: str, port: int) -> None:
        async with gate:
            target = await UdpTransportTarget.create(
                (host, port), timeout=TIMING.timeout, retries=TIMING.retries
            )
            error, status, _, _ = await get_cmd(
                engine,
                community,
                target,
                ContextData(),
                (ObjectName(SYS_NAME_0), Null("")),
                lookupMib=False,  # as the scanner asks: numeric OIDs, no MIB look-up
            )
            if error or status:
                raise RuntimeError(f"{host}: {error or status}")

    start = time.perf_counter()
    await asyncio.gather(*(one(d.host, d.port) for d in network.devices))
    seconds = time.perf_counter() - start
    engine.close_dispatcher()
    return seconds


# --- writing -----------------------------------------------------------------------------


def changed(observations: Sequence[Observation]) -> list[Observation]:
    """Every device seen a day later with a new sysDescr and one more package."""
    extra = Software("Bench Agent 2", "Bench", "Agent", "2")
    return [
        replace(
            o,
            observed_at=o.observed_at + timedelta(days=1),
            sys_descr=f"{o.sys_descr or ''} (patched)",
            software=(*o.software, extra),
        )
        for o in observations
    ]


def baseline_params(obs: Observation) -> dict[str, Any]:
    """What the hand-written MERGE writes for a device (prepared before the clock runs)."""
    name = obs.sys_name or obs.address
    props = {
        "hostname": name.split(".")[0],
        "fqdn": name if "." in name else None,
        "ipAddresses": sorted({obs.address, *obs.ip_addresses}),
        "macAddresses": list(obs.macs),
        "serialNumber": obs.serial_number,
        "manufacturer": obs.manufacturer,
        "model": obs.model,
        "os": obs.sys_descr,
        "sysObjectId": obs.sys_object_id,
        "cores": obs.cores,
        "sources": ["snmp"],
        "firstSeen": as_utc(obs.observed_at),
        "lastSeen": as_utc(obs.observed_at),
    }
    software = [
        {
            "key": key,
            "id": product["id"],
            "props": product["props"],
            "version": sw.version,
            "installedAt": as_utc(obs.observed_at),
        }
        for key, (product, sw) in reported(obs).items()
    ]
    return {
        "ciClass": obs.ci_class.value,
        "name": name,
        "id": str(uuid.uuid4()),
        "props": {k: v for k, v in props.items() if v is not None},
        "software": software,
    }


class WriteTiming:
    """One pass over the devices: total seconds, each device's seconds, queries sent."""

    def __init__(self) -> None:
        self.total = 0.0
        self.devices: list[float] = []
        self.queries = 0

    def tick(self, last: float) -> float:
        now = time.perf_counter()
        self.devices.append(now - last)
        return now


async def baseline_writes(
    driver: neo4j.AsyncDriver, observations: Sequence[Observation]
) -> WriteTiming:
    """Baseline: one MERGE statement per device, each in its own write transaction."""
    params = [baseline_params(o) for o in observations]
    timing = WriteTiming()

    async def work(tx: neo4j.AsyncManagedTransaction, p: dict[str, Any]) -> None:
        await (await tx.run(BASELINE, p)).consume()

    start = last = time.perf_counter()
    async with driver.session(database="neo4j") as session:
        for p in params:
            await session.execute_write(work, p)
            last = timing.tick(last)
    timing.total = time.perf_counter() - start
    timing.queries = len(params)
    return timing


async def reconciler_writes(db: Database, observations: Sequence[Observation]) -> WriteTiming:
    """The write phase of a run: a transaction per device, then lastSeen and LLDP links."""
    timing = WriteTiming()
    last = start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        nonlocal last
        last = timing.tick(last)

    queries = db.round_trips
    await reconcile(db, ACTOR, list(observations), "bench", progress=progress)
    timing.total = time.perf_counter() - start
    timing.queries = db.round_trips - queries
    return timing


async def write_rounds(
    db: Database, driver: neo4j.AsyncDriver, observations: list[Observation], rounds: int
) -> dict[str, dict[str, dict[str, float]]]:
    """Per path and case: seconds in all, median seconds of one device, queries (each the
    median over the rounds; the graph is wiped before each path's first case)."""
    later = changed(observations)
    samples: dict[str, dict[str, list[WriteTiming]]] = {"reconciler": {}, "baseline": {}}
    cases = (("new", observations), ("unchanged", observations), ("updated", later))
    for _ in range(rounds):
        await db.run_raw(WIPE)
        for case, batch in cases:
            samples["reconciler"].setdefault(case, []).append(await reconciler_writes(db, batch))
        await db.run_raw(WIPE)
        for case, batch in cases:
            samples["baseline"].setdefault(case, []).append(await baseline_writes(driver, batch))
    return {
        path: {
            case: {
                "total_s": median([t.total for t in timings]),
                "device_median_s": median([median(t.devices) for t in timings]),
                "queries": median([t.queries for t in timings]),
            }
            for case, timings in by_case.items()
        }
        for path, by_case in samples.items()
    }


def network_scanner(network: Network, concurrency: int) -> ScanFn:
    """The real scanner bound to the simulated network's v2c community, as
    ``run_discovery`` calls it."""
    options = ScanOptions(timing=TIMING)

    async def scanner(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        return await scan(
            targets,
            credentials=network.v2c,
            concurrency=concurrency,
            progress=progress,
            options=options,
        )

    return scanner


async def scan_and_write(db: Database, network: Network, concurrency: int) -> tuple[float, int]:
    """``run_discovery`` with the real scanner into an empty graph: seconds, devices."""
    await db.run_raw(WIPE)
    scanner = network_scanner(network, concurrency)
    seconds, run = await timed(lambda: run_discovery(db, ACTOR, network.targets, scanner))
    if run.failures:
        raise RuntimeError(f"the run lost targets: {run.failures}")
    return seconds, run.countNew + run.countUpdated + run.countUnchanged


# --- report ------------------------------------------------------------------------------


def show(console: Console, results: dict[str, Any]) -> None:
    devices, rounds = results["devices"], results["rounds"]
    scans = Table(title=f"Scan, {devices} targets (median of {rounds})")
    for col in (
        "concurrency",
        "scan s",
        "devices/s",
        "GET sysName s",
        "targets/s",
        "x baseline",
        "scan+write s",
        "devices/s (write)",
    ):
        scans.add_column(col, justify="right")
    for c in CONCURRENCY:
        s, g, w = results["scan_s"][c], results["get_s"][c], results["scan_write_s"][c]
        scans.add_row(
            str(c),
            f"{s:.2f}",
            f"{devices / s:.1f}",
            f"{g:.2f}",
            f"{devices / g:.0f}",
            f"{s / g:.1f}",
            f"{w:.2f}",
            f"{devices / w:.1f}",
        )
    console.print(scans)
    writes = Table(title=f"Graph writes, {devices} devices (median of {rounds})")
    for col in (
        "case",
        "reconciler ms/device",
        "median device ms",
        "queries/device",
        "baseline ms/device",
        "median device ms ",
        "x baseline",
    ):
        writes.add_column(col, justify="right")
    for case in ("new", "unchanged", "updated"):
        r = results["write"]["reconciler"][case]
        b = results["write"]["baseline"][case]
        writes.add_row(
            case,
            f"{1000 * r['total_s'] / devices:.1f}",
            f"{1000 * r['device_median_s']:.1f}",
            f"{r['queries'] / devices:.1f}",
            f"{1000 * b['total_s'] / devices:.1f}",
            f"{1000 * b['device_median_s']:.1f}",
            f"{r['total_s'] / b['total_s']:.2f}",
        )
    console.print(writes)


async def main(rounds: int) -> None:
    console = Console(width=160)
    results: dict[str, Any] = {"rounds": rounds}
    state = Path(tempfile.mkdtemp(prefix="graphcmdb-bench-simnet-"))
    network = start_network(state)
    try:
        with throwaway_neo4j() as (settings, facts):
            results["neo4j"] = facts
            db = Database(settings)
            await migrate(db)
            auth = neo4j_auth(settings)
            driver = neo4j.AsyncGraphDatabase.driver(settings.bolt_uri, auth=auth)
            results["devices"] = len(network.targets)
            _, warm = await full_scan(network, 8)  # warm-up: snmpsim's caches, pysnmp
            await reconciler_writes(db, warm.observations)  # warm-up: query plans
            await db.run_raw(WIPE)
            await baseline_writes(driver, warm.observations)
            # rounds outermost, so that every concurrency sees the same machine; the pure
            # scans first, so that Neo4j's work after the writes does not slow them down
            samples: dict[str, dict[int, list[float]]] = {"scan": {}, "get": {}, "both": {}}
            observations: list[Observation] = []
            for _ in range(rounds):
                for c in CONCURRENCY:
                    seconds, result = await full_scan(network, c)
                    samples["scan"].setdefault(c, []).append(seconds)
                    samples["get"].setdefault(c, []).append(await sys_name_gets(network, c))
                    observations = result.observations
            for _ in range(rounds):
                for c in CONCURRENCY:
                    seconds, _devices = await scan_and_write(db, network, c)
                    samples["both"].setdefault(c, []).append(seconds)
            for key, name in (("scan", "scan_s"), ("get", "get_s"), ("both", "scan_write_s")):
                results[name] = {c: median(v) for c, v in samples[key].items()}
            results["samples_s"] = samples
            results["write"] = await write_rounds(db, driver, observations, rounds)
            await driver.close()
            await db.close()
    finally:
        network.stop()
        shutil.rmtree(state, ignore_errors=True)
    show(console, results)
    console.print(f"saved {save('discovery', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="Median of this many runs.")
    asyncio.run(main(parser.parse_args().rounds))
