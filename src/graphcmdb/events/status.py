"""A CI's status from the alerts holding it: the worst one, or back to what it was.

Events move a CI only among OPERATIONAL, DEGRADED and DOWN. The status a CI had before
events first moved it is kept (``statusBeforeEvents``) and restored when no open alert
holds it any more (UNKNOWN restores to OPERATIONAL: monitoring says it is fine). A CI in
MAINTENANCE or REPLACED is left alone: a person or a hardware swap decided it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphcmdb.graph.enums import CIStatus

LEFT_ALONE = frozenset({CIStatus.MAINTENANCE, CIStatus.REPLACED})
SEVERITY = {CIStatus.DEGRADED: 1, CIStatus.DOWN: 2}


@dataclass(frozen=True)
class StatusMove:
    """The CI's new status, and the status to restore later (None: nothing to restore)."""

    to: CIStatus
    base: CIStatus | None


def worst(held: Iterable[CIStatus]) -> CIStatus | None:
    ranked = [s for s in held if s in SEVERITY]
    return max(ranked, key=SEVERITY.__getitem__) if ranked else None


def next_status(
    current: CIStatus | None, base: CIStatus | None, held: Iterable[CIStatus]
) -> StatusMove | None:
    """The move to make, or None when the CI stays as it is."""
    if current in LEFT_ALONE:
        return None
    target = worst(held)
    if target is not None:
        kept = base if base is not None else (current or CIStatus.OPERATIONAL)
        return None if (target, kept) == (current, base) else StatusMove(target, kept)
    if base is None:
        return None
    restored = CIStatus.OPERATIONAL if base is CIStatus.UNKNOWN else base
    return StatusMove(restored, None)
