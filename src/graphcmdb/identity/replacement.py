"""Hardware replacement: new hardware in an old CI's role is an event, not a duplicate.

A serial identifies hardware, so a device whose serial no CI has is a new CI. When that
device also answers to a live CI's role — the same class, FQDN or host name, and one of
its addresses — and that CI's known serial differs, the box in that role was swapped
(two boxes that merely share a default sysName keep their own addresses: no swap): the
old CI is marked replaced and the role's facts move to the new one
(``services/ci_replacement.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from graphcmdb.graph.enums import CIStatus
from graphcmdb.identity.candidates import CandidateCI, DiscoveredProps
from graphcmdb.identity.keys import Identity

#: the role facts a replaced CI gives up (they move to the new hardware)
ROLE_FIELDS = ("ipAddresses", "fqdn", "hostname")


@dataclass(frozen=True)
class Replaced:
    """The live CI whose role new hardware takes over: what retiring it needs."""

    id: str
    name: str | None
    ci_class: str
    status: object
    serial: str | None

    @classmethod
    def of(cls, ci: CandidateCI) -> Replaced:
        return cls(ci.id, ci.name, ci.ci_class, ci.stored.get("status"), ci.serial_number)

    @property
    def retired_name(self) -> str:
        """The name it keeps once replaced (the new CI takes its own)."""
        return f"{self.name} (replaced, {self.serial or self.id[:8]})"


def retired(ci: CandidateCI) -> CandidateCI:
    """``ci`` as it is once replaced: renamed, ``REPLACED``, without its role facts
    (what a planner remembers for the later rows of its run)."""
    values = {k: v for k, v in ci.stored.values.items() if k not in ROLE_FIELDS}
    values["status"] = CIStatus.REPLACED.value
    return replace(ci, name=Replaced.of(ci).retired_name, stored=DiscoveredProps(values))


def _same_role(mine: Identity, theirs: Identity) -> bool:
    by_fqdn = mine.fqdn is not None and mine.fqdn == theirs.fqdn
    return by_fqdn or bool(set(mine.hosts) & set(theirs.hosts))


def replaced(mine: Identity, candidates: Sequence[CandidateCI]) -> CandidateCI | None:
    """The one live CI whose role new hardware (``mine``, with a serial) took over."""
    if mine.serial is None:
        return None
    if any(c.identity.serial == mine.serial for c in candidates):
        return None  # the hardware is known: not a replacement
    role = [
        c
        for c in candidates
        if c.identity.ci_class is mine.ci_class
        and c.identity.serial is not None
        and c.identity.serial != mine.serial
        and c.stored.get("status") != CIStatus.REPLACED.value
        and _same_role(mine, c.identity)
        and bool(set(mine.ips) & set(c.identity.ips))
    ]
    return role[0] if len(role) == 1 else None
