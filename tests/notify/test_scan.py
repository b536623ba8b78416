"""The periodic scan (real Neo4j): contracts reaching their notice date, warranties
ending, licenses over-deployed and SLAs at risk are enqueued once per subject and date,
for the subscriptions that want them; scanning again writes nothing new."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graphcmdb.db.database import Database
from graphcmdb.domain.contract_models import (
    ContractCreate,
    InstallInput,
    LicenseCreate,
    SoftwareProductCreate,
)
from graphcmdb.domain.itam_models import AssetCreate
from graphcmdb.domain.itsm_models import IncidentOpen, IncidentResolve
from graphcmdb.domain.models import ServiceUpdate
from graphcmdb.domain.notify_models import SubscriptionCreate
from graphcmdb.notify.model import DeliveryState, NotificationKind
from graphcmdb.services import (
    assets,
    business_services,
    contracts,
    incidents,
    licenses,
    notify_scan,
)
from graphcmdb.services import notify_subscriptions as subs
from graphcmdb.services.actor import system_actor
from tests.notify.test_delivery import estate

ACTOR = system_actor("test")
K = NotificationKind
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TIMED = [K.CONTRACT_NOTICE, K.WARRANTY_NOTICE, K.LICENSE_OVER_DEPLOYED, K.SLA_AT_RISK]


async def subscribe(db: Database, name: str, **fields: object) -> str:
    data = SubscriptionCreate.model_validate(
        {"name": name, "channel": "EMAIL", "address": f"{name}@example.org", **fields}
    )
    return (await subs.create_subscription(db, ACTOR, data)).subscription.id


async def findings(db: Database, ids: dict[str, str]) -> None:
    """A contract whose notice date (2026-12-02) is within 30 days, a warranty ending
    2026-12-10, a license for 1 device installed on 2, and 2 hours of shop down time in
    November against a 99.9 % target (43.2 minutes of budget)."""
    await contracts.create_contract(
        db,
        ACTOR,
        ContractCreate(number="C-1", kind="SUPPORT", endDate=date(2027, 1, 31), noticeDays=60),
    )
    await contracts.create_contract(  # its notice date is months away: not yet
        db, ACTOR, ContractCreate(number="C-2", kind="SUPPORT", endDate=date(2027, 9, 30))
    )
    await assets.create_asset(
        db, ACTOR, AssetCreate(assetTag="A-1", name="chassis", warrantyEnd=date(2026, 12, 10))
    )
    product = await licenses.create_product(
        db, ACTOR, SoftwareProductCreate(publisher="Acme", product="Tool")
    )
    await licenses.create_license(
        db, ACTOR, LicenseCreate(productId=product.id, metric="PER_DEVICE", quantity=1)
    )
    for host in ("h1", "h2"):
        await licenses.install(db, ACTOR, InstallInput(ciId=ids[host], productId=product.id))
    opened = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    incident = await incidents.open_incident(
        db, ACTOR, IncidentOpen(title="down", priority="P1", affects=[ids["shop"]], openedAt=opened)
    )
    resolved = datetime(2026, 11, 10, 11, 0, tzinfo=UTC)
    await incidents.resolve_incident(db, ACTOR, incident.id, IncidentResolve(resolvedAt=resolved))


async def test_the_scan_enqueues_each_notice_once_for_those_who_want_it(db: Database) -> None:
    ids = await estate(db)
    await business_services.update_service(db, ACTOR, ids["shop"], ServiceUpdate(slaTarget=99.9))
    everything = await subscribe(db, "all", kinds=TIMED)
    wiki_sla = await subscribe(db, "wiki", kinds=[K.SLA_AT_RISK], serviceId=ids["wiki"])
    shop_sla = await subscribe(db, "shop", kinds=[K.SLA_AT_RISK], owner="ecom")
    await findings(db, ids)

    report = await notify_scan.scan(db, NOW)
    kinds = sorted((n.kind.value, n.subject.title) for n in report.notices)
    assert kinds == [
        ("CONTRACT_NOTICE", "Contract C-1: notice date 2026-12-02"),
        ("LICENSE_OVER_DEPLOYED", "Acme Tool over-deployed by 1 PER_DEVICE"),
        ("SLA_AT_RISK", "SLA of shop at risk: 277.8 % of the month's error budget used"),
        ("WARRANTY_NOTICE", "Warranty of A-1 ends 2026-12-10"),
    ]
    log = await subs.delivery_log(db)
    by_subscription = {s: sorted(d.kind.value for d in log if d.subscriptionId == s)
                       for s in (everything, wiki_sla, shop_sla)}  # fmt: skip
    assert by_subscription == {
        everything: sorted(k.value for k in TIMED),
        wiki_sla: [],
        shop_sla: ["SLA_AT_RISK"],
    }
    assert {d.state for d in log} == {DeliveryState.PENDING}
    assert report.deliveries == 5

    # again, the same day: nothing new; the next day, the daily reminders only
    again = await notify_scan.scan(db, NOW.replace(hour=18))
    assert again.deliveries == 5
    assert len(await subs.delivery_log(db)) == 5
    await notify_scan.scan(db, NOW.replace(day=21))
    keys = sorted(d.kind.value for d in await subs.delivery_log(db))
    assert keys == sorted([*(k.value for k in TIMED), "SLA_AT_RISK", "LICENSE_OVER_DEPLOYED",
                           "SLA_AT_RISK", "SLA_AT_RISK"])  # fmt: skip


async def test_nothing_is_computed_when_nobody_subscribed(db: Database) -> None:
    ids = await estate(db)
    await findings(db, ids)
    await subscribe(db, "incidents-only", kinds=[K.INCIDENT_OPENED])
    before = db.round_trips
    report = await notify_scan.scan(db, NOW)
    assert report.notices == ()
    assert db.round_trips - before == 1  # the subscriptions, nothing else
