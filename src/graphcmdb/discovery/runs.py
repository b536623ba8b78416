"""The seams of a discovery run: the scan function, progress reports, run counts.

The SNMP scanner (``graphcmdb.discovery.scanner.scan``) is looked up by name when a run
starts, so this package and its tests do not need it: tests hand ``run_discovery`` any
coroutine function that returns a :class:`ScanResult`.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from graphcmdb.discovery.credential_sets import SnmpCredentials
from graphcmdb.discovery.observation import ScanResult, TargetFailure
from graphcmdb.errors import DiscoveryUnavailable, ValidationFailed

if TYPE_CHECKING:
    from graphcmdb.discovery.credentials import Credentials

SCANNER_MODULE = "graphcmdb.discovery.scanner"
SOURCE_SNMP = "snmp"
#: failure kinds a scan reports for targets that did not answer at all
UNREACHABLE_KINDS = frozenset({"UNREACHABLE"})
#: the kind recorded for a device that was scanned but could not be written
RECONCILE_FAILED = "RECONCILE_FAILED"
#: the kind recorded for a device that matches several CIs (nothing is guessed)
AMBIGUOUS = "AMBIGUOUS"


class Phase(StrEnum):
    SCANNING = "SCANNING"
    RECONCILING = "RECONCILING"


@dataclass(frozen=True)
class Progress:
    phase: Phase
    done: int
    total: int


#: Called after each target (scanning) or device (reconciling); cheap and synchronous.
ProgressFn = Callable[[int, int], None]
ProgressListener = Callable[[Progress], None]


class ScanFn(Protocol):
    """What ``run_discovery`` calls: targets in, observations and failures out."""

    async def __call__(self, targets: Sequence[str], *, progress: ProgressFn) -> ScanResult: ...


class SnmpScanner(Protocol):
    """``graphcmdb.discovery.scanner.scan``: the engineer writing it keeps this signature."""

    async def __call__(
        self,
        targets: Sequence[str],
        *,
        credentials: Credentials,
        concurrency: int,
        progress: ProgressFn,
    ) -> ScanResult: ...


def load_scanner() -> SnmpScanner:
    """The installed scanner, imported on first use."""
    try:
        module = importlib.import_module(SCANNER_MODULE)
    except ImportError as exc:
        raise DiscoveryUnavailable(
            f"The SNMP scanner ({SCANNER_MODULE}) is not available: {exc}."
        ) from exc
    scan: SnmpScanner = module.scan
    return scan


def bind_scanner(scanner: SnmpScanner, credentials: SnmpCredentials, concurrency: int) -> ScanFn:
    """The scanner with a credential set and a concurrency, as ``run_discovery`` calls it."""
    try:
        usable = credentials.for_scanner()
    except ValueError as exc:  # the scanner refuses what the stored set holds
        raise ValidationFailed(
            f"Credential set '{credentials.name}' cannot be used: {exc}.", field="credentialSet"
        ) from exc

    async def scan(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        return await scanner(
            targets, credentials=usable, concurrency=concurrency, progress=progress
        )

    return scan


@dataclass(frozen=True)
class RunError:
    target: str
    kind: str
    reason: str

    @classmethod
    def of(cls, failure: TargetFailure) -> RunError:
        return cls(failure.target, failure.kind, failure.reason)

    def as_dict(self) -> dict[str, str]:
        return {"target": self.target, "kind": self.kind, "reason": self.reason}


@dataclass
class RunCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    #: every target that gave no written device, unreachable ones included
    failures: list[RunError] = field(default_factory=list)

    @property
    def unreachable(self) -> int:
        return sum(1 for f in self.failures if f.kind in UNREACHABLE_KINDS)

    @property
    def errors(self) -> int:
        return len(self.failures) - self.unreachable

    def props(self, max_failures: int) -> dict[str, Any]:
        """The counts as the run node stores them (failures capped, the counts exact)."""
        return {
            "countNew": self.new,
            "countUpdated": self.updated,
            "countUnchanged": self.unchanged,
            "countUnreachable": self.unreachable,
            "countErrors": self.errors,
            "failures": [json.dumps(f.as_dict()) for f in self.failures[:max_failures]],
        }
