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

from graphcmdb.graph.enums import CIStatus
from graphcmdb.identity.candidates import CandidateCI
from graphcmdb.identity.keys import Identity


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
