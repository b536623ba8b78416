"""Service-level metrics over a window (pure): availability, SLA, MTTR, first-contact rate.

The window is half-open, ``[start, end)``. Conventions (written down in README):

* An incident *counts* in a window when it was opened in it.
* MTTR is the mean of ``resolvedAt - openedAt`` over incidents *resolved* in the window,
  per priority and overall; first-contact rate is over the same incidents.
* Downtime of a service is the union of the intervals during which an incident held it
  DOWN (directly, or through impact), clipped to the window: two overlapping incidents
  count the shared time once. An incident still open holds the service DOWN until
  ``now`` (or the window's end, whichever is first). DEGRADED time is not downtime.
* Availability = 100 * (1 - downtime / window length); compliant when >= ``slaTarget``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

Interval = tuple[datetime, datetime]
PERCENT = Decimal("0.0001")


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    def clip(self, interval: Interval) -> Interval | None:
        lo, hi = max(interval[0], self.start), min(interval[1], self.end)
        return (lo, hi) if lo < hi else None


@dataclass(frozen=True)
class IncidentFacts:
    """What the metrics need of one incident."""

    number: str
    priority: str
    opened_at: datetime
    resolved_at: datetime | None
    first_contact: bool
    down_services: frozenset[str] = frozenset()

    def down_interval(self, now: datetime) -> Interval:
        return self.opened_at, self.resolved_at or max(now, self.opened_at)


def merged(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals joined, in order."""
    out: list[Interval] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def downtime(intervals: Iterable[Interval], window: Window) -> timedelta:
    clipped = [c for c in (window.clip(i) for i in intervals) if c is not None]
    return sum((hi - lo for lo, hi in merged(clipped)), timedelta())


def availability(down: timedelta, window: Window) -> Decimal:
    """Percent of the window the service was not DOWN, to four decimals."""
    if window.length <= timedelta():
        return Decimal(100).quantize(PERCENT)
    up = 1 - Decimal(down.total_seconds()) / Decimal(window.length.total_seconds())
    return (100 * up).quantize(PERCENT, ROUND_HALF_UP)


@dataclass
class Resolution:
    """MTTR and first-contact figures over the incidents resolved in a window."""

    resolved: int = 0
    first_contact: int = 0
    total_time: timedelta = field(default_factory=timedelta)

    def add(self, incident: IncidentFacts) -> None:
        assert incident.resolved_at is not None
        self.resolved += 1
        self.first_contact += int(incident.first_contact)
        self.total_time += incident.resolved_at - incident.opened_at

    @property
    def mttr(self) -> timedelta | None:
        return self.total_time / self.resolved if self.resolved else None

    @property
    def first_contact_rate(self) -> Decimal | None:
        if not self.resolved:
            return None
        return (Decimal(100) * self.first_contact / self.resolved).quantize(PERCENT)


def resolution(
    incidents: Iterable[IncidentFacts], window: Window
) -> tuple[Resolution, dict[str, Resolution]]:
    """Overall and per-priority resolution figures for incidents resolved in the window."""
    overall, by_priority = Resolution(), defaultdict[str, Resolution](Resolution)
    for incident in incidents:
        if window.holds(incident.resolved_at):
            overall.add(incident)
            by_priority[incident.priority].add(incident)
    return overall, dict(sorted(by_priority.items()))


@dataclass(frozen=True)
class ServiceLevel:
    service_id: str
    incidents: int
    downtime: timedelta
    availability: Decimal
    sla_target: Decimal | None
    resolution: Resolution

    @property
    def compliant(self) -> bool | None:
        return None if self.sla_target is None else self.availability >= self.sla_target


def service_level(
    service_id: str,
    sla_target: float | None,
    incidents: list[IncidentFacts],
    window: Window,
    now: datetime,
) -> ServiceLevel:
    """Figures for one service from the incidents that held it DOWN."""
    mine = [i for i in incidents if service_id in i.down_services]
    down = downtime((i.down_interval(now) for i in mine), window)
    return ServiceLevel(
        service_id=service_id,
        incidents=sum(1 for i in mine if window.holds(i.opened_at)),
        downtime=down,
        availability=availability(down, window),
        sla_target=None if sla_target is None else Decimal(str(sla_target)),
        resolution=resolution(mine, window)[0],
    )


def compliance_rate(levels: Iterable[ServiceLevel]) -> Decimal | None:
    """Percent of services with an SLA target that met it."""
    judged = [lvl.compliant for lvl in levels if lvl.compliant is not None]
    if not judged:
        return None
    return (Decimal(100) * sum(judged) / len(judged)).quantize(PERCENT)
