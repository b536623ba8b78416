"""A year of the demo's incidents and changes, as plain data (no database access here).

Deterministic from the dataset's seed and dated back from the load day, so the service
levels of the last 30/90/365 days always show something real: a background rate of
incidents on applications, VMs and infrastructure; a flaky top-of-rack switch and a
troubled database (problem candidates); three major outages (the worked example's
hypervisor h1, a SAN, the payments database after a change); changes every week, some
cancelled, some causing incidents; upcoming changes, two of which conflict; a few
incidents open right now. Times are whole minutes in UTC.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from graphcmdb.demo.model import CIRef, DemoDataset, NodeRef, ServiceRef
from graphcmdb.graph.enums import ChangeState, CIClass, IncidentPriority, IncidentState

P = IncidentPriority
#: how long each priority takes to resolve (hours, uniform) and how often at first contact
RESOLUTION: dict[IncidentPriority, tuple[float, float, float]] = {
    P.P1: (0.5, 4.0, 0.0),
    P.P2: (1.0, 10.0, 0.1),
    P.P3: (2.0, 48.0, 0.3),
    P.P4: (4.0, 120.0, 0.6),
}
#: background incidents: share of priorities, and which classes they hit
PRIORITY_WEIGHTS = {P.P1: 3, P.P2: 15, P.P3: 45, P.P4: 37}
CLASS_WEIGHTS = {
    CIClass.APPLICATION: 30,
    CIClass.VIRTUAL_MACHINE: 30,
    CIClass.DATABASE: 10,
    CIClass.SERVER: 10,
    CIClass.NETWORK_DEVICE: 8,
    CIClass.LOAD_BALANCER: 5,
    CIClass.STORAGE_DEVICE: 2,
}
SYMPTOMS = (
    "slow responses",
    "errors after deploy",
    "disk almost full",
    "unreachable",
    "high CPU",
    "certificate expired",
    "memory leak",
    "packet loss",
)
INCIDENTS_PER_WEEK = 4
CLOSE_AFTER = timedelta(days=3)
EXAMPLE_HOST = CIRef(CIClass.SERVER, "h1")
#: (days ago, hours down, priority, what, title) of the year's major outages
OUTAGES = (
    (40, 4.0, P.P1, EXAMPLE_HOST, "h1 power supply failure"),
    (100, 2.5, P.P1, CIRef(CIClass.STORAGE_DEVICE, "san-dc1"), "SAN controller failover hung"),
)
#: (CI, incidents in the year, priority): repeat offenders a problem manager should see
PROBLEMS = (
    (CIRef(CIClass.NETWORK_DEVICE, "tor-dc1-r03"), 7, P.P3),
    (CIRef(CIClass.DATABASE, "shop-db"), 5, P.P2),
)
CHANGE_HOSTS = (CIClass.SERVER, CIClass.VIRTUAL_MACHINE, CIClass.NETWORK_DEVICE, CIClass.DATABASE)


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
        low, high, fcr = RESOLUTION[priority]
        opened = _minute(opened)
        resolved: datetime | None = _minute(
            opened + timedelta(hours=hours or self.rng.uniform(low, high))
        )
        first = self.rng.random() < fcr
        if resolved is not None and resolved >= self.now:
            resolved, first = None, False
        state, closed = IncidentState.IN_PROGRESS, None
        if resolved is not None:
            closed = resolved + CLOSE_AFTER
            state = IncidentState.CLOSED if closed <= self.now else IncidentState.RESOLVED
            closed = closed if state is IncidentState.CLOSED else None
        elif self.now - opened < timedelta(hours=2):
            state = IncidentState.NEW
        self.out.incidents.append(
            DemoIncident(
                key=f"demo-inc-{len(self.out.incidents) + 1:04d}",
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

    def background(self, days: int) -> None:
        for _ in range(days * INCIDENTS_PER_WEEK // 7):
            opened = self.now - timedelta(minutes=self.rng.randrange(days * 24 * 60))
            priority = self.rng.choices(list(PRIORITY_WEIGHTS), list(PRIORITY_WEIGHTS.values()))[0]
            ci = self.pick(list(CLASS_WEIGHTS), list(CLASS_WEIGHTS.values()))
            self.incident(priority, ci, opened, f"{ci.name}: {self.rng.choice(SYMPTOMS)}")
        for days_ago, hours, priority, ci, title in OUTAGES:
            self.incident(priority, ci, self.now - timedelta(days=days_ago), title, hours)
        for ci, count, priority in PROBLEMS:
            for n in range(count):
                opened = self.now - timedelta(days=(n + 1) * days // (count + 1), hours=3)
                self.incident(priority, ci, opened, f"{ci.name}: {SYMPTOMS[n % len(SYMPTOMS)]}")
        portal = ServiceRef("Customer Portal")
        self.incident(P.P2, portal, self.now - timedelta(days=12), "Portal login loops", 3.0)
        for n in range(4):  # open right now
            ci = self.pick(list(CLASS_WEIGHTS), list(CLASS_WEIGHTS.values()))
            opened = self.now - timedelta(hours=1 + n * 17)
            self.incident(P(f"P{n + 1}"), ci, opened, f"{ci.name}: {SYMPTOMS[n]}", 10_000.0)

    def change(
        self, start: datetime, hours: int, state: ChangeState, cis: tuple[CIRef, ...], title: str
    ) -> str:
        key = f"demo-chg-{len(self.out.changes) + 1:04d}"
        self.out.changes.append(
            DemoChange(key, title, state, start, start + timedelta(hours=hours), cis)
        )
        return key

    def night(self, days_from_now: int) -> datetime:
        day = (self.now + timedelta(days=days_from_now)).date()
        return datetime.combine(day, time(22, 0), UTC)

    def weekly_changes(self, weeks: int) -> None:
        for week in range(weeks, 0, -1):
            start = self.night(-7 * week + self.rng.randrange(7))
            cis = tuple(sorted({self.pick(CHANGE_HOSTS) for _ in range(self.rng.randint(1, 3))}))
            cancelled = self.rng.random() < 0.1
            state = ChangeState.CANCELLED if cancelled else ChangeState.DONE
            key = self.change(start, self.rng.choice((2, 3, 4)), state, cis, f"Patch {cis[0].name}")
            if not cancelled and week % 8 == 0:  # a change that broke something
                after = start + timedelta(hours=5)
                self.incident(P.P2, cis[0], after, f"{cis[0].name} fails after patching", cause=key)
        payments = CIRef(CIClass.DATABASE, "payments-db")
        start = self.night(-200)
        key = self.change(start, 2, ChangeState.DONE, (payments,), "payments-db minor upgrade")
        self.incident(P.P1, payments, start + timedelta(hours=3), "Payments failing", 1.5, key)

    def upcoming(self) -> None:
        hosts = (CIRef(CIClass.SERVER, "esx-dc1-01"), CIRef(CIClass.SERVER, "esx-dc1-02"))
        self.change(self.night(5), 4, ChangeState.APPROVED, hosts[:1], "esx-dc1-01 BIOS update")
        self.change(self.night(5), 3, ChangeState.SUBMITTED, hosts[1:], "esx-dc1-02 NIC firmware")
        plans = (ChangeState.DRAFT, ChangeState.SUBMITTED, ChangeState.APPROVED)
        for n in range(6):
            cis = (self.pick(CHANGE_HOSTS),)
            state = plans[n % len(plans)]
            self.change(self.night(8 + 4 * n), 2, state, cis, f"Maintenance on {cis[0].name}")


def build_itsm(data: DemoDataset, today: date, now: datetime | None = None) -> ItsmDataset:
    """The demo's year of ITSM history up to ``now`` (default: the start of ``today``, UTC,
    so that loading again the same day writes the same history)."""
    builder = _Builder(data, now or datetime.combine(today, time(0, 0), UTC))
    builder.background(365)
    builder.weekly_changes(52)
    builder.upcoming()
    return builder.out
