"""Notification subscriptions (admins, over GraphQL; audited) and the delivery log.

A webhook subscription's signing secret is made here, returned once (``Created``) and
stored sealed with the secret key (``secrets/``), its place ``"<subscription id>:
signingSecret"``; no read returns it, the audit entries do not hold it, nothing logs it.
Only the dispatcher opens it, to sign.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.notify_models import SubscriptionCreate, SubscriptionUpdate, check_target
from graphcmdb.domain.notify_specs import SUBSCRIPTION_SPEC
from graphcmdb.errors import NotFound, ValidationFailed
from graphcmdb.notify.model import DeliveryState, NotificationChannel, NotificationKind
from graphcmdb.notify.signing import new_secret
from graphcmdb.secrets.keyring import Keyring, load_keyring
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor

SECRET_FIELD = "signingSecret"
MAX_LOG = 1000


def secret_place(subscription_id: str) -> str:
    """A sealed signing secret's associated data: it opens for this subscription only."""
    return f"{subscription_id}:{SECRET_FIELD}"


def seal_secret(settings: Settings, subscription_id: str, secret: str) -> str:
    return load_keyring(settings, create=True).seal(secret, secret_place(subscription_id))


def open_secret(
    settings: Settings, subscription_id: str, sealed: str, keyring: Keyring | None = None
) -> str:
    """A subscription's signing secret (``keyring``: one the caller loaded already)."""
    keys = keyring if keyring is not None else load_keyring(settings)
    return keys.open(sealed, secret_place(subscription_id))


@dataclass(frozen=True)
class SubscriptionRecord:
    id: str
    name: str
    channel: NotificationChannel
    url: str | None
    address: str | None
    kinds: tuple[NotificationKind, ...]
    serviceId: str | None
    owner: str | None
    team: str | None
    enabled: bool
    createdAt: datetime
    updatedAt: datetime


def _subscription(row: Row) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row["id"],
        name=row["name"],
        channel=NotificationChannel(row["channel"]),
        url=row.get("url"),
        address=row.get("address"),
        kinds=tuple(NotificationKind(k) for k in row.get("kinds") or ()),
        serviceId=row.get("serviceId"),
        owner=row.get("owner"),
        team=row.get("team"),
        enabled=bool(row.get("enabled")),
        createdAt=row["createdAt"],
        updatedAt=row["updatedAt"],
    )


@dataclass(frozen=True)
class Created:
    subscription: SubscriptionRecord
    #: a webhook's signing secret, in clear this once (None for e-mail)
    signing_secret: str | None


def _operation(verb: str) -> str:
    return f"{verb}{SUBSCRIPTION_SPEC.operation}"


async def create_subscription(db: Database, actor: Actor, data: SubscriptionCreate) -> Created:
    sid, now = str(uuid.uuid4()), datetime.now(UTC)
    props = data.graph_props() | {"id": sid, "createdAt": now, "updatedAt": now}
    secret = new_secret() if data.channel is NotificationChannel.WEBHOOK else None
    if secret is not None:
        props[SECRET_FIELD] = seal_secret(db.settings, sid, secret)

    async def work(tx: Tx) -> SubscriptionRecord:
        row = await tx.one(Q.NOTIFY_SUBSCRIPTION_CREATE, props=props)
        assert row is not None
        await audit.record(tx, actor, _operation("create"), [sid], None, row["subscription"])
        return _subscription(row["subscription"])

    return Created(await db.write(work), secret)


async def update_subscription(
    db: Database, actor: Actor, subscription_id: str, data: SubscriptionUpdate
) -> SubscriptionRecord:
    props = data.graph_props() | {"updatedAt": datetime.now(UTC)}

    async def work(tx: Tx) -> SubscriptionRecord:
        current = await _require(tx, subscription_id)
        merged = replace(
            current,
            url=props.get("url", current.url),
            address=props.get("address", current.address),
        )
        try:
            check_target(merged.channel, merged.url, merged.address)
        except ValueError as exc:
            field = "url" if merged.channel is NotificationChannel.WEBHOOK else "address"
            raise ValidationFailed(f"Field '{field}': {exc}.", field=field) from exc
        row = await tx.one(Q.NOTIFY_SUBSCRIPTION_UPDATE, id=subscription_id, props=props)
        assert row is not None
        after = row["subscription"]
        await audit.record(tx, actor, _operation("update"), [subscription_id], row["before"], after)
        return _subscription(after)

    return await db.write(work)


async def delete_subscription(
    db: Database, actor: Actor, subscription_id: str
) -> SubscriptionRecord:
    """Delete it; its deliveries stay in the log, and those not sent yet are given up."""

    async def work(tx: Tx) -> SubscriptionRecord:
        row = await tx.one(Q.NOTIFY_SUBSCRIPTION_DELETE, id=subscription_id)
        if row is None:
            raise NotFound("notification subscription", [subscription_id])
        before = row["subscription"]
        await audit.record(tx, actor, _operation("delete"), [subscription_id], before, None)
        return _subscription(before)

    return await db.write(work)


async def _require(tx: Tx, subscription_id: str) -> SubscriptionRecord:
    rows = await tx.run(Q.NOTIFY_SUBSCRIPTION_LIST, ids=[subscription_id])
    if not rows:
        raise NotFound("notification subscription", [subscription_id])
    return _subscription(rows[0]["subscription"])


async def list_subscriptions(
    db: Database, ids: list[str] | None = None
) -> list[SubscriptionRecord]:
    rows = await db.read(Q.NOTIFY_SUBSCRIPTION_LIST, ids=ids)
    return [_subscription(r["subscription"]) for r in rows]


@dataclass(frozen=True)
class DeliveryRecord:
    """One delivery as the log shows it."""

    id: str
    subscriptionId: str
    kind: NotificationKind
    subjectKey: str
    title: str
    channel: NotificationChannel
    state: DeliveryState
    attempts: int
    attemptTimes: tuple[datetime, ...]
    nextAttemptAt: datetime | None
    lastError: str | None
    createdAt: datetime
    updatedAt: datetime
    deliveredAt: datetime | None


def _delivery(row: Row) -> DeliveryRecord:
    return DeliveryRecord(
        id=row["id"],
        subscriptionId=row["subscriptionId"],
        kind=NotificationKind(row["kind"]),
        subjectKey=row["subjectKey"],
        title=str(json.loads(row["subject"])["title"]),
        channel=NotificationChannel(row["channel"]),
        state=DeliveryState(row["state"]),
        attempts=int(row["attempts"]),
        attemptTimes=tuple(row.get("attemptTimes") or ()),
        nextAttemptAt=row.get("nextAttemptAt"),
        lastError=row.get("lastError"),
        createdAt=row["createdAt"],
        updatedAt=row["updatedAt"],
        deliveredAt=row.get("deliveredAt"),
    )


async def delivery_log(
    db: Database,
    *,
    state: DeliveryState | None = None,
    subscription_id: str | None = None,
    kind: NotificationKind | None = None,
    first: int = 100,
) -> list[DeliveryRecord]:
    """The deliveries, newest first (at most ``first``, up to 1,000)."""
    if not 1 <= first <= MAX_LOG:
        raise ValidationFailed(f"'first' must be between 1 and {MAX_LOG}.", field="first")
    rows = await db.read(
        Q.NOTIFY_DELIVERIES,
        state=state.value if state else None,
        subscriptionId=subscription_id,
        kind=kind.value if kind else None,
        first=first,
    )
    return [_delivery(r["delivery"]) for r in rows]
