"""Service levels and the one-screen KPI dashboard (rules in ``itsm.metrics``).

A P1 or P2 incident is an outage: it holds DOWN what it AFFECTS and, through the impact
engine, everything that needs those, and services DOWN by impact count as down time.
P3 and P4 incidents are degradations and cost no availability (ITIL derives priority
from impact, and a P3 is by definition not a service outage); they count everywhere else
(MTTR, first-contact rate, incident counts, problem candidates). The needs-graph is fetched once
per moment and each incident is propagated on the graph as it stood then (history,
``itsm_common.topology_moments``: when it opened, or when it was recorded if it is
older than the history), so a review after re-cabling still counts the services the
outage hit; incidents recorded in one import share one read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import CIRecord, ServiceRecord
from graphcmdb.domain.specs import CI_SPEC, SERVICE_SPEC
from graphcmdb.errors import LimitExceeded, ValidationFailed
from graphcmdb.graph.enums import IncidentPriority, IncidentState
from graphcmdb.impact.engine import propagate_statuses
from graphcmdb.impact.model import Status
from graphcmdb.itam.compliance import ComplianceStatus
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.itam.valuation import FleetGroupBy, FleetLine
from graphcmdb.itsm.metrics import (
    IncidentFacts,
    Resolution,
    ServiceLevel,
    Window,
    compliance_rate,
    resolution,
    service_level,
)
from graphcmdb.services import expiring, licenses, nodes, valuation
from graphcmdb.services.itsm_common import (
    IncidentTimes,
    topology_moments,
    upstream_of_their_time,
)

MAX_WINDOW = timedelta(days=3660)
#: incidents of these priorities are outages (hold what they affect DOWN)
OUTAGE_PRIORITIES = frozenset({IncidentPriority.P1.value, IncidentPriority.P2.value})
MAX_PROBLEM_ROWS = 1000


def utc(moment: datetime) -> datetime:
    """Naive datetimes are read as UTC (Neo4j never compares zoned with local times)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def window_of(start: datetime, end: datetime) -> Window:
    window = Window(utc(start), utc(end))
    if window.length <= timedelta():
        raise ValidationFailed("'from' must be before 'to'.", field="from")
    if window.length > MAX_WINDOW:
        raise ValidationFailed("The window may span at most ten years.", field="to")
    return window


def _down_services(
    affects: list[str], statuses: dict[str, Status], service_ids: set[str]
) -> frozenset[str]:
    down = {n for n, s in statuses.items() if s is Status.DOWN and n in service_ids}
    return frozenset(down | (set(affects) & service_ids))


async def incident_facts(
    db: Database, window: Window, service_ids: set[str]
) -> list[IncidentFacts]:
    rows = await db.read(Q.METRICS_INCIDENTS_IN_WINDOW, **{"from": window.start, "to": window.end})
    outages = {
        r["incident"]["id"]: r["affects"]
        for r in rows
        if r["incident"]["priority"] in OUTAGE_PRIORITIES
    }
    times = [
        IncidentTimes(
            r["incident"]["id"],
            r["incident"]["openedAt"],
            r["incident"].get("createdAt"),
            tuple(r["affects"]),
        )
        for r in rows
        if r["incident"]["id"] in outages
    ]
    moments = await topology_moments(db, times)
    graphs = await upstream_of_their_time(db, outages, moments)
    facts = []
    for r in rows:
        i = r["incident"]
        outage = i["id"] in outages
        statuses = (
            propagate_statuses(graphs[i["id"]], r["affects"]) if outage and r["affects"] else {}
        )
        facts.append(
            IncidentFacts(
                number=i["number"],
                priority=i["priority"],
                opened_at=i["openedAt"],
                resolved_at=i.get("resolvedAt"),
                first_contact=bool(i.get("resolvedAtFirstContact")),
                down_services=_down_services(r["affects"], statuses, service_ids)
                if outage
                else frozenset(),
            )
        )
    return facts


@dataclass(frozen=True)
class ServiceMetrics:
    service: ServiceRecord
    level: ServiceLevel


@dataclass
class ItsmKpis:
    window: Window
    incidents_opened: int
    resolution: Resolution
    by_priority: dict[str, Resolution]
    services: list[ServiceMetrics]
    open_at_end_by_priority: dict[str, int]

    @property
    def sla_compliance(self) -> Decimal | None:
        return compliance_rate(s.level for s in self.services)


def _open_at(facts: list[IncidentFacts], moment: datetime) -> dict[str, int]:
    counts = Counter(
        f.priority
        for f in facts
        if f.opened_at < moment and (f.resolved_at is None or f.resolved_at >= moment)
    )
    return dict(sorted(counts.items()))


async def itsm_kpis(db: Database, window: Window, now: datetime | None = None) -> ItsmKpis:
    """Per-service availability, SLA and MTTR, and the overall figures, for the window."""
    moment = utc(now or datetime.now(UTC))
    rows = await db.read(Q.METRICS_SERVICES)
    services = nodes.as_records(SERVICE_SPEC, [r["service"] for r in rows])
    facts = await incident_facts(db, window, {s.id for s in services})
    overall, by_priority = resolution(facts, window)
    return ItsmKpis(
        window=window,
        incidents_opened=sum(1 for f in facts if window.holds(f.opened_at)),
        resolution=overall,
        by_priority=by_priority,
        services=[
            ServiceMetrics(s, service_level(s.id, s.slaTarget, facts, window, moment))
            for s in services
        ],
        open_at_end_by_priority=_open_at(facts, min(window.end, moment)),
    )


@dataclass(frozen=True)
class ProblemCI:
    """A CI with many incidents in a window, and their numbers."""

    ci: CIRecord
    incidents: int
    numbers: list[str]


async def problem_candidates(
    db: Database, window: Window, min_incidents: int = 3, limit: int = 100
) -> list[ProblemCI]:
    """CIs with at least ``min_incidents`` incidents opened in the window (AFFECTS or cause)."""
    if min_incidents < 1:
        raise ValidationFailed("minIncidents must be at least 1.", field="minIncidents")
    if not 1 <= limit <= MAX_PROBLEM_ROWS:
        raise LimitExceeded(
            f"limit must be between 1 and {MAX_PROBLEM_ROWS}.",
            field="limit",
            limit=MAX_PROBLEM_ROWS,
        )
    rows = await db.read(
        Q.METRICS_PROBLEM_CANDIDATES,
        minIncidents=min_incidents,
        limit=limit,
        **{"from": window.start, "to": window.end},
    )
    return [
        ProblemCI(nodes.as_record(CI_SPEC, r["ci"]), r["incidents"], r["numbers"]) for r in rows
    ]


@dataclass
class ItamKpis:
    as_of: date
    expiring_within_days: int
    license_savings: dict[str, Decimal] = field(default_factory=dict)
    over_deployed_products: int = 0
    shortfall_units: int = 0
    under_used_products: int = 0
    expiring: dict[ExpiringKind, int] = field(default_factory=dict)
    fleet_book_value: list[FleetLine] = field(default_factory=list)


async def itam_kpis(db: Database, as_of: date, within_days: int = 90) -> ItamKpis:
    """License savings and over-deployment today, expiries in the next ``within_days``
    after ``as_of``, and the fleet's book value on ``as_of``."""
    kpis = ItamKpis(as_of=as_of, expiring_within_days=within_days)
    savings: dict[str, Decimal] = defaultdict(Decimal)
    for p in await licenses.license_positions(db):
        if p.status is ComplianceStatus.OVER_DEPLOYED:
            kpis.over_deployed_products += 1
            kpis.shortfall_units += p.shortfall
        elif p.status is ComplianceStatus.UNDER_USED:
            kpis.under_used_products += 1
            saving = p.yearly_saving
            if saving is not None and p.currency:
                savings[p.currency] += saving
    kpis.license_savings = dict(sorted(savings.items()))
    items = await expiring.expiring(db, within_days, list(ExpiringKind), as_of)
    counts = Counter(item.kind for item in items)
    kpis.expiring = {kind: counts.get(kind, 0) for kind in ExpiringKind}
    kpis.fleet_book_value = (await valuation.fleet(db, as_of, FleetGroupBy.CATEGORY)).totals
    return kpis


@dataclass(frozen=True)
class Dashboard:
    itsm: ItsmKpis
    itam: ItamKpis
    open_now_by_priority: dict[str, int]


async def dashboard(
    db: Database, window: Window, within_days: int = 90, now: datetime | None = None
) -> Dashboard:
    moment = utc(now or datetime.now(UTC))
    itsm = await itsm_kpis(db, window, moment)
    itam = await itam_kpis(db, min(window.end, moment).date(), within_days)
    return Dashboard(itsm=itsm, itam=itam, open_now_by_priority=await open_by_priority(db))


async def open_by_priority(db: Database) -> dict[str, int]:
    """Incidents open now (NEW or IN_PROGRESS), by priority."""
    states = [IncidentState.NEW.value, IncidentState.IN_PROGRESS.value]
    rows = await db.read(Q.METRICS_OPEN_BY_PRIORITY, openStates=states)
    return {r["priority"]: r["incidents"] for r in rows}
