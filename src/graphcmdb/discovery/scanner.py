"""The SNMP scanner: targets in, observations and per-target failures out.

``await scan(["10.0.0.0/28", "core-01:1161", "@more.txt"], credentials=...,
concurrency=16, progress=print)``. Every target gets its own session on one shared
SnmpEngine (pysnmp 7, asyncio); at most ``concurrency`` targets are talked to at once.
A target that does not answer, refuses the credentials or breaks the protocol becomes a
:class:`TargetFailure` and the scan goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pysnmp.hlapi.v3arch.asyncio import SnmpEngine

from graphcmdb.discovery.credentials import Credentials
from graphcmdb.discovery.device import Knowledge, observe, packaged_knowledge
from graphcmdb.discovery.observation import Observation, ScanResult, TargetFailure
from graphcmdb.discovery.session import ERROR, Session, SnmpError, Timing
from graphcmdb.discovery.targets import DEFAULT_PORT, Target, TargetError, parse_targets

log = logging.getLogger(__name__)
DEFAULT_CONCURRENCY = 16
ProgressFn = Callable[[int, int], None]


@dataclass(frozen=True)
class ScanOptions:
    timing: Timing = field(default_factory=Timing)
    default_port: int = DEFAULT_PORT
    knowledge: Knowledge | None = None  # rule tables; the packaged ones by default


def expand(specs: Sequence[str], default_port: int) -> tuple[list[Target], list[TargetFailure]]:
    """Targets of every spec; a spec that does not parse is a failure of its own."""
    targets: list[Target] = []
    failures: list[TargetFailure] = []
    for spec in specs:
        try:
            targets += parse_targets([spec], default_port)
        except TargetError as exc:
            failures.append(TargetFailure(spec, ERROR, str(exc)))
    unique = list(dict.fromkeys(targets))
    return unique, failures


async def _one(
    engine: SnmpEngine,
    target: Target,
    credentials: Credentials,
    options: ScanOptions,
    knowledge: Knowledge,
) -> Observation | TargetFailure:
    try:
        session = await Session.open(engine, credentials, target, options.timing)
        return await observe(session, knowledge)
    except SnmpError as exc:
        return TargetFailure(str(target), exc.kind, exc.reason)
    except Exception as exc:  # a device that breaks the scanner must not break the scan
        log.exception("scanning %s failed", target)
        return TargetFailure(str(target), ERROR, f"{type(exc).__name__}: {exc}")


async def scan(
    targets: Sequence[str],
    *,
    credentials: Credentials,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: ProgressFn | None = None,
    options: ScanOptions | None = None,
) -> ScanResult:
    """Scan every target; ``progress(done, total)`` after each one."""
    options = options or ScanOptions()
    knowledge = options.knowledge or packaged_knowledge()
    expanded, failures = expand(targets, options.default_port)
    result = ScanResult(failures=failures)
    total, done = len(expanded) + len(failures), len(failures)
    gate = asyncio.Semaphore(max(1, concurrency))
    engine = SnmpEngine()

    async def bounded(target: Target) -> Observation | TargetFailure:
        async with gate:
            return await _one(engine, target, credentials, options, knowledge)

    try:
        for finished in asyncio.as_completed([bounded(t) for t in expanded]):
            outcome = await finished
            if isinstance(outcome, Observation):
                result.observations.append(outcome)
            else:
                result.failures.append(outcome)
            done += 1
            if progress is not None:
                progress(done, total)
    finally:
        engine.close_dispatcher()
    order = {str(t): n for n, t in enumerate(expanded)}
    result.observations.sort(key=lambda o: order.get(o.target, len(order)))
    return result
