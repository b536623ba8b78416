"""A year of the demo's incidents and changes, as plain data (no database access here).

Generated from the settings in ``data/itsm/*.toml`` (:mod:`~graphcmdb.demo.itsm_data`,
which say what the year holds), deterministic from the dataset's seed and dated back
from the load day, so the service levels of the last 30/90/365 days always show
something real. Times are whole minutes in UTC.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from graphcmdb.demo.itsm_data import read_changes, read_incidents
from graphcmdb.demo.model import CIRef, DemoDataset, NodeRef, ServiceRef
from graphcmdb.graph.enums import ChangeState, CIClass, IncidentPriority, IncidentState

#: how long the incidents still open now take (never resolved before the load)
STILL_OPEN = 10_000.0


@dataclass(frozen=True)
class DemoIncident:
    key: str
    title: str
    priority: IncidentPriority
    opened_at: datetime
    resolved_at: datetime | None
    state: IncidentState
    first_contact: bool
    affects: tuple[NodeRef, ...]
    #: a CI, or a change by its demo key
    cause: CIRef | str | None = None
    closed_at: datetime | None = None


@dataclass(frozen=True)
class DemoChange:
    key: str
    title: str
    state: ChangeState
    planned_start: datetime
    planned_end: datetime
    modifies: tuple[CIRef, ...]


@dataclass
class ItsmDataset:
    incidents: list[DemoIncident] = field(default_factory=list)
    changes: list[DemoChange] = field(default_factory=list)


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


class _Builder:
    def __init__(self, data: DemoDataset, now: datetime) -> None:
        self.rng = random.Random(data.seed * 31 + 5)
        self.now = _minute(now)
        self.by_class: dict[CIClass, list[CIRef]] = {}
        for ci in data.cis:
            self.by_class.setdefault(ci.ciClass, []).append(ci.ref)
        self.services = [s.ref for s in data.services]
        self.out = ItsmDataset()
        self.inc = read_incidents()
        self.chg = read_changes()

    def pick(self, classes: Sequence[CIClass], weights: Sequence[int] | None = None) -> CIRef:
        cls = self.rng.choices(list(classes), weights=weights)[0]
        return self.rng.choice(self.by_class[cls])

    def incident(
        self,
        priority: IncidentPriority,
        target: NodeRef,
        opened: datetime,
        title: str,
        hours: float | None = None,
        cause: CIRef | str | None = None,
    ) -> None:
        how = self.inc.resolution[priority]
        opened = _minute(opened)
        resolved: datetime | None = _minute(
            opened + timedelta(hours=hours or self.rng.uniform(how.min_hours, how.max_hours))
        )
        first = self.rng.random() < how.first_contact
        if resolved is not None and resolved >= self.now:
            resolved, first = None, False
        state, closed = IncidentState.IN_PROGRESS, None
        if resolved is not None:
            closed = resolved + timedelta(days=self.inc.close_after_days)
            state = IncidentState.CLOSED if closed <= self.now else IncidentState.RESOLVED
            closed = closed if state is IncidentState.CLOSED else None
        elif self.now - opened < timedelta(hours=self.inc.new_for_hours):
            state = IncidentState.NEW
        self.out.incidents.append(
            DemoIncident(
                key=self.inc.key.format(len(self.out.incidents) + 1),
                title=title,
                priority=priority,
                opened_at=opened,
                resolved_at=resolved,
                state=state,
                first_contact=first,
                affects=(target,),
                cause=cause if resolved is not None else None,
                closed_at=closed,
            )
        )

    def random_ci(self) -> CIRef:
        return self.pick(list(self.inc.classes), list(self.inc.classes.values()))

    def background(self) -> None:
        inc, days = self.inc, self.inc.days
        symptoms = inc.symptoms
        for _ in range(days * inc.per_week // 7):
            opened = self.now - timedelta(minutes=self.rng.randrange(days * 24 * 60))
            priority = self.rng.choices(list(inc.priorities), list(inc.priorities.values()))[0]
            ci = self.random_ci()
            self.incident(priority, ci, opened, f"{ci.name}: {self.rng.choice(symptoms)}")
        for o in inc.outages:
            self.incident(
                o.priority, o.ref, self.now - timedelta(days=o.days_ago), o.title, o.hours
            )
        for p in inc.problems:
            for n in range(p.count):
                spot = timedelta(days=(n + 1) * days // (p.count + 1), hours=p.hours_before)
                title = f"{p.ci}: {symptoms[n % len(symptoms)]}"
                self.incident(p.priority, p.ref, self.now - spot, title)
        for s in inc.services:
            opened = self.now - timedelta(days=s.days_ago)
            self.incident(s.priority, ServiceRef(s.service), opened, s.title, s.hours)
        for n, now in enumerate(inc.open):
            ci = self.random_ci()
            opened = self.now - timedelta(hours=now.hours_ago)
            self.incident(now.priority, ci, opened, f"{ci.name}: {symptoms[n]}", STILL_OPEN)

    def change(
        self, start: datetime, hours: int, state: ChangeState, cis: tuple[CIRef, ...], title: str
    ) -> str:
        key = self.chg.key.format(len(self.out.changes) + 1)
        self.out.changes.append(
            DemoChange(key, title, state, start, start + timedelta(hours=hours), cis)
        )
        return key

    def night(self, days_from_now: int) -> datetime:
        day = (self.now + timedelta(days=days_from_now)).date()
        return datetime.combine(day, self.chg.night, UTC)

    def weekly_changes(self) -> None:
        w, hosts = self.chg.weekly, self.chg.hosts
        for week in range(w.weeks, 0, -1):
            start = self.night(-7 * week + self.rng.randrange(7))
            cis = tuple(sorted({self.pick(hosts) for _ in range(self.rng.randint(1, w.max_cis))}))
            cancelled = self.rng.random() < w.cancelled
            state = ChangeState.CANCELLED if cancelled else ChangeState.DONE
            title = w.title.format(ci=cis[0].name)
            key = self.change(start, self.rng.choice(w.hours), state, cis, title)
            if not cancelled and week % w.breaks_every == 0:  # a change that broke something
                after = start + timedelta(hours=w.breaks_after)
                broke = w.broke.format(ci=cis[0].name)
                self.incident(IncidentPriority.P2, cis[0], after, broke, cause=key)
        for c in self.chg.caused:
            start = self.night(c.days)
            key = self.change(start, c.hours, ChangeState.DONE, (c.ref,), c.title)
            i = c.incident
            after = start + timedelta(hours=i.after)
            self.incident(i.priority, c.ref, after, i.title, i.hours, key)

    def upcoming(self) -> None:
        for u in self.chg.upcoming:
            self.change(self.night(u.days), u.hours, u.state, (u.ref,), u.title)
        m = self.chg.maintenance
        for n in range(m.count):
            cis = (self.pick(self.chg.hosts),)
            state = m.states[n % len(m.states)]
            title = m.title.format(ci=cis[0].name)
            self.change(self.night(m.first_day + m.every * n), m.hours, state, cis, title)


def build_itsm(data: DemoDataset, today: date, now: datetime | None = None) -> ItsmDataset:
    """The demo's year of ITSM history up to ``now`` (default: the start of ``today``, UTC,
    so that loading again the same day writes the same history)."""
    builder = _Builder(data, now or datetime.combine(today, time(0, 0), UTC))
    builder.background()
    builder.weekly_changes()
    builder.upcoming()
    return builder.out
