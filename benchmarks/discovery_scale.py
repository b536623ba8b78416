"""SNMP discovery at scale: hundreds of simulated agents, devices/s and CPU per device.

Starts a throwaway Neo4j and a scaled simulated network (``start_network(scale=k)``:
every group of the topology k times, shared over ``--simulators`` snmpsim processes,
plus the 5 bundled recordings and the 2 Debian snmpd agents), then, after a warm-up
scan and a warm-up run:

- scan: ``scanner.scan`` of every target at ``--concurrency``; baseline: one GET of
  sysName per target at the same concurrency (as ``benchmarks.discovery``);
- scan + write: ``run_discovery`` (scan, reconcile, LLDP links, run finished) into an
  empty graph (every device new) with a transaction per device (batch 1) and with
  ``--batch`` devices per transaction, then a re-run of the latter (every device
  unchanged);

each with wall seconds, devices/s, and CPU seconds per device of the scanner process
(which also runs reconciliation), of the snmpsim processes together, of snmpd and of
Neo4j, read from ``/proc`` around each pass: on a shared machine CPU time per device is
the steadier figure, and devices/s a lower bound when the load average is high.

    .venv/bin/python -m benchmarks.discovery_scale --devices 300 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.discovery import ACTOR, WIPE, full_scan, network_scanner, sys_name_gets
from benchmarks.harness import cpu_seconds, save, throwaway_neo4j
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.demo.network import Network, start_network
from graphcmdb.demo.network.topology import load_topology
from graphcmdb.discovery import pdus
from graphcmdb.neo4j_server.process import running_pid
from graphcmdb.services.discovery import run_discovery

BUNDLED_AND_SNMPD = 7  # recordings that are not scaled, and the two snmpd agents


class Meter:
    """CPU seconds per process group and SNMP requests sent, over one pass."""

    def __init__(self, network: Network, neo4j_pid: int) -> None:
        self.groups = {
            "snmpsim": [p for k, p in network.pids.items() if k.startswith("snmpsim")],
            "snmpd": [p for k, p in network.pids.items() if k.startswith("snmpd")],
            "neo4j": [neo4j_pid],
        }
        self.requests = 0
        get, bulk = pdus.get, pdus.bulk

        async def counted_get(*args: Any) -> pdus.Reply:
            self.requests += 1
            return await get(*args)

        async def counted_bulk(*args: Any) -> pdus.Reply:
            self.requests += 1
            return await bulk(*args)

        pdus.get, pdus.bulk = counted_get, counted_bulk  # type: ignore[assignment]  # a counter around the same function

    def snapshot(self) -> dict[str, float]:
        shot = {name: sum(cpu_seconds(p) for p in pids) for name, pids in self.groups.items()}
        return shot | {"scanner": time.process_time(), "wall": time.perf_counter()}

    async def measure(self, devices: int, work: Callable[[], Awaitable[Any]]) -> dict[str, float]:
        self.requests = 0
        before = self.snapshot()
        await work()
        after = self.snapshot()
        wall = after["wall"] - before["wall"]
        figures = {"wall_s": wall, "devices_per_s": devices / wall}
        for name in ("scanner", "snmpsim", "snmpd", "neo4j"):
            figures[f"{name}_cpu_ms_per_device"] = 1000 * (after[name] - before[name]) / devices
        figures["requests_per_device"] = self.requests / devices
        figures["load_average"] = os.getloadavg()[0]
        return figures


def factor_for(devices: int) -> int:
    """The scale whose network is closest to ``devices`` targets."""
    per_copy = sum(g.count for g in load_topology().groups)
    return max(1, round((devices - BUNDLED_AND_SNMPD) / per_copy))


async def discovery_run(db: Database, network: Network, concurrency: int) -> None:
    scanner = network_scanner(network, concurrency)
    run = await run_discovery(db, ACTOR, network.targets, scanner)
    if run.failures:
        raise RuntimeError(f"the run lost targets: {run.failures[:3]}")


async def passes(
    settings: Settings, network: Network, meter: Meter, concurrency: int, batch: int, rounds: int
) -> dict[str, dict[str, float]]:
    """Every pass ``rounds`` times (the two write cases in alternating order, so that
    neither always follows the wipe); each figure the median over the rounds."""
    devices = len(network.targets)
    db = Database(settings)
    batched = Database(settings.model_copy(update={"discovery_write_batch": batch}))
    one_by_one = Database(settings.model_copy(update={"discovery_write_batch": 1}))
    await migrate(db)
    await full_scan(network, concurrency)  # warm-up: caches, query plans
    await discovery_run(batched, network, concurrency)
    samples: dict[str, list[dict[str, float]]] = {}
    writes = [("write_batch_1", one_by_one), (f"write_batch_{batch}", batched)]
    for n in range(rounds):
        samples.setdefault("scan", []).append(
            await meter.measure(devices, lambda: full_scan(network, concurrency))
        )
        samples.setdefault("get_sysname", []).append(
            await meter.measure(devices, lambda: sys_name_gets(network, concurrency))
        )
        for name, target in writes if n % 2 == 0 else writes[::-1]:
            await db.run_raw(WIPE)
            samples.setdefault(name, []).append(
                await meter.measure(devices, partial(discovery_run, target, network, concurrency))
            )
        samples.setdefault("rescan_unchanged", []).append(
            await meter.measure(devices, lambda: discovery_run(batched, network, concurrency))
        )
    for database in (db, batched, one_by_one):
        await database.close()
    return {
        name: {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        for name, runs in samples.items()
    }


def show(console: Console, results: dict[str, Any]) -> None:
    table = Table(
        title=f"Discovery of {results['devices']} targets at concurrency "
        f"{results['concurrency']} ({results['simulators']} snmpsim processes, median of "
        f"{results['rounds']})"
    )
    for col in ("pass", "s", "devices/s", "requests/device", "scanner ms", "snmpsim ms",
                "snmpd ms", "neo4j ms", "load"):  # fmt: skip
        table.add_column(col, justify="right")
    for name, f in results["passes"].items():
        table.add_row(
            name,
            f"{f['wall_s']:.2f}",
            f"{f['devices_per_s']:.1f}",
            f"{f['requests_per_device']:.1f}",
            f"{f['scanner_cpu_ms_per_device']:.1f}",
            f"{f['snmpsim_cpu_ms_per_device']:.1f}",
            f"{f['snmpd_cpu_ms_per_device']:.1f}",
            f"{f['neo4j_cpu_ms_per_device']:.1f}",
            f"{f['load_average']:.1f}",
        )
    console.print(table)
    console.print("ms: CPU milliseconds per device of each process (group) during the pass")


async def main(
    devices: int, concurrency: int, batch: int, simulators: int | None, rounds: int
) -> None:
    console = Console(width=160)
    state = Path(tempfile.mkdtemp(prefix="graphcmdb-bench-simnet-"))
    results: dict[str, Any] = {"load_average_start": os.getloadavg()}
    network = start_network(state, scale=factor_for(devices), simulators=simulators)
    try:
        with throwaway_neo4j(restart=False) as (settings, facts):
            neo4j_pid = running_pid(settings)
            if neo4j_pid is None:
                raise RuntimeError("the throwaway Neo4j has no pid")
            meter = Meter(network, neo4j_pid)
            results |= {
                "devices": len(network.targets),
                "scale": network.scale,
                "concurrency": concurrency,
                "batch": batch,
                "simulators": sum(1 for k in network.pids if k.startswith("snmpsim")),
                "neo4j": facts,
                "rounds": rounds,
                "passes": await passes(settings, network, meter, concurrency, batch, rounds),
                "load_average_end": os.getloadavg(),
            }
    finally:
        network.stop()
        shutil.rmtree(state, ignore_errors=True)
    show(console, results)
    console.print(
        f"load average at start {results['load_average_start']}, "
        f"at end {results['load_average_end']}"
    )
    console.print(f"saved {save('discovery_scale', results)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devices", type=int, default=300, help="About this many targets.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--batch", type=int, default=20, help="Devices per transaction.")
    parser.add_argument("--simulators", type=int, default=None, help="snmpsim processes.")
    parser.add_argument("--rounds", type=int, default=3, help="Median of this many passes.")
    args = parser.parse_args()
    asyncio.run(main(args.devices, args.concurrency, args.batch, args.simulators, args.rounds))
