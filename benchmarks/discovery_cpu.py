"""The scan's CPU per device: the scanner process and the snmpsim processes, on the
standard simulated network (57 snmpsim devices + 2 snmpd), no database.

Written to compare two checkouts in one window of a shared machine (CPU time per device
moves less with the load than seconds do): it needs nothing the older code lacks, so

    .venv/bin/python -m benchmarks.discovery_cpu --rounds 3
    git worktree add /tmp/before 8a8dcaf
    PYTHONPATH=/tmp/before/src:. .venv/bin/python -m benchmarks.discovery_cpu --rounds 3

measure this code and the code before issue 16 part 4 with the same script.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.discovery import full_scan
from benchmarks.harness import cpu_seconds
from graphcmdb.demo.network import start_network


async def main(concurrency: int, rounds: int, simulators: int | None) -> None:
    options: dict[str, Any] = {}
    if simulators and "simulators" in inspect.signature(start_network).parameters:
        options["simulators"] = simulators
    state = Path(tempfile.mkdtemp(prefix="graphcmdb-bench-simnet-"))
    network = start_network(state, **options)
    try:
        sims = [pid for name, pid in network.pids.items() if name.startswith("snmpsim")]

        async def one() -> int:
            _, result = await full_scan(network, concurrency)
            return len(result.observations)

        await one()  # warm-up
        samples = []
        for _ in range(rounds):
            sim0, own0, wall0 = sum(map(cpu_seconds, sims)), time.process_time(), time.monotonic()
            devices = await one()
            wall = time.monotonic() - wall0
            own = time.process_time() - own0
            sim = sum(map(cpu_seconds, sims)) - sim0
            samples.append((wall, 1000 * own / devices, 1000 * sim / devices, devices / wall))
        wall, own, sim, rate = (statistics.median(column) for column in zip(*samples, strict=True))
        print(
            f"{len(network.targets)} targets, concurrency {concurrency}, {len(sims)} snmpsim "
            f"process(es), median of {rounds}: {wall:.2f} s, {rate:.1f} devices/s; CPU per "
            f"device: scanner {own:.1f} ms, snmpsim {sim:.1f} ms; load average "
            f"{os.getloadavg()[0]:.2f}"
        )
    finally:
        network.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--simulators", type=int, default=None)
    args = parser.parse_args()
    asyncio.run(main(args.concurrency, args.rounds, args.simulators))
