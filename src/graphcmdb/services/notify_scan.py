"""The time-based notices, looked for by a periodic scan and enqueued in one transaction:

* ``CONTRACT_NOTICE`` / ``WARRANTY_NOTICE``: what ``expiring`` lists within
  ``notify_notice_lead_days`` (a contract by its notice date, a warranty by its end);
  key ``<id>:<notice date>``, so each notice date is told once (a renewed contract's
  next one again).
* ``LICENSE_OVER_DEPLOYED``: each product whose license position is negative; key
  ``<product id>:<day>``, a daily reminder while it lasts.
* ``SLA_AT_RISK``: each service with an ``slaTarget`` whose down time this calendar
  month (UTC, as ``metrics`` counts it) has used ``notify_sla_budget_threshold`` of the
  month's error budget (``(100 - slaTarget) %`` of the month); key ``<service id>:<day>``.

A kind nobody subscribed to is not computed. Enqueuing is idempotent per key, so any
number of scans write each notice once; of several API processes, the one that takes
the scan's slot (:func:`claim_slot`, a lease like a schedule's) scans, the others not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.itam.compliance import ComplianceStatus
from graphcmdb.itam.expiry import ExpiringItem, ExpiringKind
from graphcmdb.itsm.metrics import Window
from graphcmdb.notify.model import NotificationKind, Subject
from graphcmdb.services import expiring, licenses, metrics, notify
from graphcmdb.services.notify import Notice
from graphcmdb.services.notify_subscriptions import list_subscriptions

K = NotificationKind
_EXPIRY = {ExpiringKind.CONTRACT: K.CONTRACT_NOTICE, ExpiringKind.WARRANTY: K.WARRANTY_NOTICE}


@dataclass(frozen=True)
class ScanReport:
    notices: tuple[Notice, ...]
    #: deliveries the notices have (new or enqueued by an earlier scan)
    deliveries: int


def _expiry_notice(item: ExpiringItem) -> Notice:
    kind = _EXPIRY[item.kind]
    services = [s.name for s in item.services]
    if kind is K.CONTRACT_NOTICE:
        title = f"Contract {item.reference}: notice date {item.notice_date.isoformat()}"
    else:
        title = f"Warranty of {item.reference} ends {item.end_date.isoformat()}"
    lines = (
        title,
        f"Ends: {item.end_date.isoformat()}",
        f"Notice date: {item.notice_date.isoformat()}"
        + (" (passed)" if item.notice_passed else ""),
        f"Renews automatically: {'yes' if item.auto_renew else 'no'}",
        f"Services: {', '.join(services) or 'none'}",
    )
    subject = Subject(
        title=title,
        lines=lines,
        target_ids=(*item.ci_ids, *(s.id for s in item.services)),
        object_id=item.id,
        facts={
            "reference": item.reference,
            "endDate": item.end_date.isoformat(),
            "noticeDate": item.notice_date.isoformat(),
            "autoRenew": item.auto_renew,
            "services": ", ".join(services),
        },
    )
    return Notice(kind, f"{item.id}:{item.notice_date.isoformat()}", subject)


async def _expiry_notices(
    db: Database, wanted: set[NotificationKind], today: date, lead_days: int
) -> list[Notice]:
    kinds = [e for e, k in _EXPIRY.items() if k in wanted]
    if not kinds:
        return []
    items = await expiring.expiring(db, lead_days, kinds, today)
    return [_expiry_notice(i) for i in items]


async def _license_notices(db: Database, today: date) -> list[Notice]:
    notices = []
    for view in await licenses.position_views(db):
        position, product = view.position, view.product
        if position.status is not ComplianceStatus.OVER_DEPLOYED:
            continue
        name = " ".join(p for p in (product.publisher, product.product, product.version) if p)
        ci_ids = sorted(
            {c for holder in position.consumers for c in holder.ci_ids}
            | {h.key[3:] for h in position.consumers if h.key.startswith("ci:")}
        )
        title = f"{name} over-deployed by {position.shortfall} {position.metric.value}"
        subject = Subject(
            title=title,
            lines=(
                title,
                f"Entitled: {position.entitled}, consumed: {position.consumed}",
                f"Consumers: {len(position.consumers)}",
            ),
            target_ids=tuple(ci_ids),
            object_id=product.id,
            facts={
                "product": name,
                "metric": position.metric.value,
                "entitled": position.entitled,
                "consumed": position.consumed,
                "shortfall": position.shortfall,
            },
        )
        notices.append(
            Notice(K.LICENSE_OVER_DEPLOYED, f"{product.id}:{today.isoformat()}", subject)
        )
    return notices


def month_of(now: datetime) -> Window:
    start = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    return Window(start, end)


def budget_used(downtime: timedelta, target: Decimal, window: Window) -> Decimal | None:
    """The share of the window's error budget ``downtime`` used (None: no budget and no
    down time); a target of 100 % has no budget, so any down time is all of it."""
    budget = Decimal(window.length.total_seconds()) * (100 - target) / 100
    down = Decimal(downtime.total_seconds())
    if budget <= 0:
        return Decimal(1) if down > 0 else None
    return down / budget


async def _sla_notices(db: Database, now: datetime, threshold: Decimal) -> list[Notice]:
    window = month_of(now)
    kpis = await metrics.itsm_kpis(db, window, now)
    notices = []
    for entry in kpis.services:
        level, service = entry.level, entry.service
        if level.sla_target is None:
            continue
        used = budget_used(level.downtime, level.sla_target, window)
        if used is None or used < threshold:
            continue
        percent = (used * 100).quantize(Decimal("0.1"))
        minutes = int(level.downtime.total_seconds() // 60)
        title = f"SLA of {service.name} at risk: {percent} % of the month's error budget used"
        subject = Subject(
            title=title,
            lines=(
                title,
                f"SLA target: {level.sla_target} %, availability so far: {level.availability} %",
                f"Down this month: {minutes} min",
            ),
            target_ids=(service.id,),
            object_id=service.id,
            facts={
                "service": service.name,
                "slaTarget": str(level.sla_target),
                "availability": str(level.availability),
                "downtimeMinutes": minutes,
                "budgetUsedPercent": str(percent),
                "month": window.start.date().isoformat()[:7],
            },
        )
        notices.append(Notice(K.SLA_AT_RISK, f"{service.id}:{now.date().isoformat()}", subject))
    return notices


#: the scan's slot (a ``ChangeFeed`` singleton)
SLOT = "notify-scan"


async def claim_slot(db: Database, now: datetime, every: timedelta, holder: str) -> bool:
    """Whether this process scans now: the slot is due and it took it (moved ``every`` on);
    another process's claim due at the same time gets False."""

    async def work(tx: Tx) -> bool:
        row = await tx.one(Q.NOTIFY_CLAIM_SCAN, name=SLOT, now=now, next=now + every, holder=holder)
        return row is not None

    return await db.write(work)


async def scan(db: Database, now: datetime, settings: Settings | None = None) -> ScanReport:
    """Look for every time-based notice someone wants, and enqueue them (one transaction)."""
    settings = settings or db.settings
    wanted = {k for s in await list_subscriptions(db) if s.enabled for k in s.kinds}
    today = now.astimezone(UTC).date()
    notices = await _expiry_notices(db, wanted, today, settings.notify_notice_lead_days)
    if K.LICENSE_OVER_DEPLOYED in wanted:
        notices += await _license_notices(db, today)
    if K.SLA_AT_RISK in wanted:
        threshold = Decimal(str(settings.notify_sla_budget_threshold))
        notices += await _sla_notices(db, now, threshold)
    if not notices:
        return ScanReport((), 0)

    async def work(tx: Tx) -> int:
        return len(await notify.enqueue_all(tx, notices, now))

    return ScanReport(tuple(notices), await db.write(work))
