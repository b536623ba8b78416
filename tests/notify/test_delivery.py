"""Notifications end to end on loopback (real Neo4j, a real HTTP receiver, a real SMTP
server): incidents opened and resolved notify their services' subscribers, webhooks are
signed, e-mail goes through SMTP with a sealed password, a failing receiver is retried
with back-off (the dispatcher's clock is moved, never waited for), several dispatchers
never send one delivery twice."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.domain.itsm_models import IncidentOpen, IncidentResolve
from graphcmdb.domain.notify_models import SubscriptionCreate
from graphcmdb.graph.enums import CIClass, RelType
from graphcmdb.notify.model import DeliveryState, NotificationKind, Subject
from graphcmdb.notify.signing import verify
from graphcmdb.secrets.keyring import load_keyring
from graphcmdb.services import incidents, notify
from graphcmdb.services import notify_subscriptions as subs
from graphcmdb.services.actor import system_actor
from graphcmdb.services.notify_dispatch import SMTP_PASSWORD_PLACE, Claimed, Dispatcher
from tests.impact_fixtures import build
from tests.notify.conftest import SMTP_PASSWORD, SMTP_USER, SmtpServer, WebhookReceiver

ACTOR = system_actor("test")
K = NotificationKind
INCIDENTS = [K.INCIDENT_OPENED, K.INCIDENT_RESOLVED]


class Clock:
    """The dispatcher's clock: moved by the test. It starts a minute after it is made
    (incidents are enqueued at the real time, due at once)."""

    def __init__(self) -> None:
        self.at = self.start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


async def estate(db: Database) -> dict[str, str]:
    """shop (owner ecom) needs app1 on h1; wiki (owner it, OWNED_BY nothing) needs app2 on h2."""
    return await build(
        db,
        cis={
            "h1": (CIClass.SERVER, {}),
            "h2": (CIClass.SERVER, {}),
            "app1": (CIClass.APPLICATION, {}),
            "app2": (CIClass.APPLICATION, {}),
        },
        services={"shop": {"owner": "ecom"}, "wiki": {"owner": "it"}},
        edges=[
            ("app1", RelType.RUNS_ON, "h1", None),
            ("app2", RelType.RUNS_ON, "h2", None),
            ("shop", RelType.DEPENDS_ON, "app1", None),
            ("wiki", RelType.DEPENDS_ON, "app2", None),
        ],
    )


async def subscribe(db: Database, **fields: object) -> subs.Created:
    data = SubscriptionCreate.model_validate({"kinds": INCIDENTS, **fields})
    return await subs.create_subscription(db, ACTOR, data)


def dispatcher(db: Database, clock: Clock, **settings: object) -> Dispatcher:
    merged = db.settings.model_copy(update={"notify_retry_base_s": 30.0, **settings})
    return Dispatcher(db, clock=clock, settings=merged)


async def open_on(db: Database, target: str, title: str = "PSU failed") -> str:
    opened = await incidents.open_incident(
        db, ACTOR, IncidentOpen(title=title, priority="P1", affects=[target])
    )
    return opened.id


async def test_an_incident_opened_reaches_its_services_webhook_signed(
    db: Database, webhook_receiver: WebhookReceiver
) -> None:
    ids = await estate(db)
    shop = await subscribe(
        db, name="shop-hook", channel="WEBHOOK", url=webhook_receiver.url, serviceId=ids["shop"]
    )
    await subscribe(db, name="it-hook", channel="WEBHOOK", url=webhook_receiver.url, owner="it")
    assert shop.signing_secret is not None
    clock = Clock()
    await open_on(db, ids["h1"])  # h1 -> app1 -> shop: the shop subscription only
    [attempt] = await dispatcher(db, clock).run_once()
    assert attempt.state is DeliveryState.DELIVERED
    [got] = webhook_receiver.received
    body = json.loads(got.body)
    assert body["kind"] == "INCIDENT_OPENED"
    assert body["subject"]["title"].endswith("opened: PSU failed")
    assert body["subject"]["facts"]["servicesHit"] == "shop"
    assert got.headers["X-Graphcmdb-Delivery"] == attempt.delivery_id == body["deliveryId"]
    assert got.headers["X-Graphcmdb-Kind"] == "INCIDENT_OPENED"
    stamp = got.headers["X-Graphcmdb-Timestamp"]
    assert int(stamp) == int(clock().timestamp())
    sent = got.headers["X-Graphcmdb-Signature"]
    assert verify(shop.signing_secret, stamp, got.body, sent, now=clock().timestamp())
    assert not verify("whsec_wrong", stamp, got.body, sent, now=clock().timestamp())
    assert not verify(shop.signing_secret, stamp, got.body + b" ", sent, clock().timestamp())
    # nothing else is due; the same incident enqueued again writes nothing new
    assert await dispatcher(db, clock).run_once() == []
    # the other service's owner hears of an incident on its host
    await open_on(db, ids["h2"], "disk full")
    [attempt] = await dispatcher(db, clock).run_once()
    assert (
        json.loads(webhook_receiver.received[-1].body)["subject"]["facts"]["servicesHit"] == "wiki"
    )


async def test_a_resolved_incident_is_mailed_over_smtp_with_a_sealed_password(
    db: Database, settings: Settings, smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    ids = await estate(db)
    await subscribe(db, name="ecom-mail", channel="EMAIL", address="ecom@example.org",
                    owner="ecom", kinds=[K.INCIDENT_RESOLVED])  # fmt: skip
    await subscribe(db, name="wiki-mail", channel="EMAIL", address="it@example.org",
                    serviceId=ids["wiki"])  # fmt: skip
    sealed = load_keyring(settings, create=True).seal(SMTP_PASSWORD, SMTP_PASSWORD_PLACE)
    clock = Clock()
    smtp = {
        "notify_smtp_host": "127.0.0.1",
        "notify_smtp_port": smtp_server.port,
        "notify_smtp_from": "cmdb@example.org",
        "notify_smtp_user": SMTP_USER,
        "notify_smtp_password": SecretStr(sealed),
    }
    incident = await open_on(db, ids["app1"])  # shop only; ecom-mail wants resolutions only
    assert await dispatcher(db, clock, **smtp).run_once() == []
    with caplog.at_level(logging.DEBUG):
        resolved = await incidents.resolve_incident(db, ACTOR, incident, IncidentResolve())
        [attempt] = await dispatcher(db, clock, **smtp).run_once()
    assert attempt.state is DeliveryState.DELIVERED, attempt.error
    [(sender, to, mail)] = smtp_server.mailbox.messages
    assert (sender, to) == ("cmdb@example.org", ["ecom@example.org"])
    assert smtp_server.mailbox.logins == [SMTP_USER]
    assert mail["Subject"].startswith("[graphcmdb] INC")
    assert "resolved: PSU failed" in mail["Subject"]
    assert mail["X-Graphcmdb-Delivery"] == attempt.delivery_id
    text = mail.get_content()
    assert resolved.resolvedAt is not None
    assert f"Resolved at: {resolved.resolvedAt.isoformat()}" in text
    assert "Services hit: shop" in text
    assert SMTP_PASSWORD not in caplog.text
    assert sealed not in caplog.text


async def test_a_failing_receiver_gets_it_on_the_third_attempt_after_back_off(
    db: Database, webhook_receiver: WebhookReceiver
) -> None:
    ids = await estate(db)
    created = await subscribe(db, name="flaky", channel="WEBHOOK", url=webhook_receiver.url)
    webhook_receiver.script = [500, 500]
    clock = Clock()
    send = dispatcher(db, clock, notify_retry_base_s=30.0, notify_max_attempts=5)
    await open_on(db, ids["h1"])
    t0 = clock.start
    counted_before = {o: attempts_counted("webhook", o) for o in ("retried", "delivered")}
    [first] = await send.run_once()
    assert (first.state, first.error) == (DeliveryState.RETRYING, "HTTP 500")
    assert first.next_attempt_at == t0 + timedelta(seconds=30)
    clock.advance(29)
    assert await send.run_once() == []  # not due yet
    clock.advance(1)
    [second] = await send.run_once()
    assert second.next_attempt_at == t0 + timedelta(seconds=30 + 60)  # doubled
    clock.advance(60)
    [third] = await send.run_once()
    assert third.state is DeliveryState.DELIVERED
    [logged] = await subs.delivery_log(db, subscription_id=created.subscription.id)
    assert logged.state is DeliveryState.DELIVERED
    assert logged.attempts == 3
    assert logged.attemptTimes == (t0, t0 + timedelta(seconds=30), t0 + timedelta(seconds=90))
    assert logged.lastError == "HTTP 500"
    assert logged.deliveredAt == t0 + timedelta(seconds=90)
    assert len(webhook_receiver.received) == 3
    assert len({r.headers["X-Graphcmdb-Delivery"] for r in webhook_receiver.received}) == 1
    # graphcmdb's own metrics count the attempts (two retried, one delivered)
    counted = {o: attempts_counted("webhook", o) - n for o, n in counted_before.items()}
    assert counted == {"retried": 2, "delivered": 1}


def attempts_counted(channel: str, outcome: str) -> float:
    labels = {"channel": channel, "outcome": outcome}
    value = REGISTRY.get_sample_value("graphcmdb_notification_deliveries_total", labels)
    return value or 0.0


async def test_a_receiver_that_never_answers_well_is_given_up(
    db: Database, webhook_receiver: WebhookReceiver
) -> None:
    ids = await estate(db)
    await subscribe(db, name="dead", channel="WEBHOOK", url=webhook_receiver.url)
    webhook_receiver.script = [503] * 5
    clock = Clock()
    send = dispatcher(db, clock, notify_max_attempts=2, notify_retry_base_s=10.0)
    await open_on(db, ids["h1"])
    assert [a.state for a in await send.run_once()] == [DeliveryState.RETRYING]
    clock.advance(10)
    [last] = await send.run_once()
    assert (last.state, last.error, last.next_attempt_at) == (
        DeliveryState.GAVE_UP,
        "HTTP 503",
        None,
    )
    clock.advance(3600)
    assert await send.run_once() == []
    [logged] = await subs.delivery_log(db, state=DeliveryState.GAVE_UP)
    assert logged.attempts == 2


async def test_several_dispatchers_never_claim_one_delivery_twice(db: Database) -> None:
    await subscribe(db, name="a", channel="EMAIL", address="a@example.org")
    await subscribe(db, name="b", channel="EMAIL", address="b@example.org")

    async def work(tx: Tx) -> None:
        for n in range(15):
            await notify.enqueue(tx, K.INCIDENT_OPENED, f"inc-{n}", Subject(f"#{n}"))

    await db.write(work)
    clock = Clock()
    claimers = [dispatcher(db, clock, notify_batch=8) for _ in range(4)]

    async def rounds(owner: str) -> list[Claimed]:
        """Four claimers at once, again and again, until nothing is due."""
        claimed: list[Claimed] = []
        while True:
            claims = await asyncio.gather(*(c.claim(f"{owner}{i}") for i, c in enumerate(claimers)))
            if not any(claims):
                return claimed
            claimed += [d for claim in claims for d in claim]

    first = [d.id for d in await rounds("c")]
    assert len(first) == len(set(first)) == 30
    # a lease that runs out is claimed again (its claimer died mid-send), once
    clock.advance(db.settings.notify_lease_s)
    late = await rounds("late")
    assert sorted(d.id for d in late) == sorted(first)
    assert {d.attempts for d in late} == {2}
