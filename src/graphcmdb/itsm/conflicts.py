"""Change conflicts: two changes planned at overlapping times that touch the same service.

Windows are half-open, ``[plannedStart, plannedEnd)``: a change ending at 12:00 and one
starting at 12:00 do not overlap. Two overlapping changes conflict when they modify a
common CI or when their CIs support a common business service (so a reviewer sees both
web-tier changes of the shop even if they touch different VMs). A sweep over the changes
sorted by start compares only changes whose windows overlap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChangeWindow:
    id: str
    number: str
    start: datetime
    end: datetime
    ci_ids: frozenset[str]


@dataclass(frozen=True)
class Conflict:
    first: ChangeWindow
    second: ChangeWindow
    overlap_start: datetime
    overlap_end: datetime
    shared_service_ids: tuple[str, ...]
    shared_ci_ids: tuple[str, ...]


def _services(change: ChangeWindow, services_of: Mapping[str, frozenset[str]]) -> set[str]:
    return {s for ci in change.ci_ids for s in services_of.get(ci, frozenset())}


def find_conflicts(
    changes: list[ChangeWindow], services_of: Mapping[str, frozenset[str]]
) -> list[Conflict]:
    """Every conflicting pair once, the earlier-starting change first, by overlap start."""
    ordered = sorted(changes, key=lambda c: (c.start, c.number))
    found: list[Conflict] = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.start >= first.end:
                break
            shared_cis = first.ci_ids & second.ci_ids
            shared = _services(first, services_of) & _services(second, services_of)
            if shared or shared_cis:
                found.append(
                    Conflict(
                        first,
                        second,
                        overlap_start=second.start,
                        overlap_end=min(first.end, second.end),
                        shared_service_ids=tuple(sorted(shared)),
                        shared_ci_ids=tuple(sorted(shared_cis)),
                    )
                )
    found.sort(key=lambda c: (c.overlap_start, c.first.number, c.second.number))
    return found
