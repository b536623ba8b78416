"""Notification subscriptions and the delivery log (administrators)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsAdmin
from graphcmdb.api.graphql.writes import parsed, write_as
from graphcmdb.domain.notify_models import SubscriptionCreate, SubscriptionUpdate
from graphcmdb.graph.enums import Role
from graphcmdb.notify.model import DeliveryState, NotificationChannel, NotificationKind
from graphcmdb.services import notify_subscriptions as subs
from graphcmdb.services.notify_subscriptions import DeliveryRecord, SubscriptionRecord


@strawberry.type(description="Who is told what: a webhook or an e-mail address, the kinds "
                 "wanted, an optional filter (every filter given must match).")  # fmt: skip
class NotificationSubscription:
    id: strawberry.ID
    name: str
    channel: NotificationChannel
    url: str | None
    address: str | None
    kinds: list[NotificationKind]
    serviceId: strawberry.ID | None = strawberry.field(
        description="Only notices about this service (or what it needs)."
    )
    owner: str | None = strawberry.field(
        description="Only notices about a service with this owner."
    )
    team: str | None = strawberry.field(
        description="Only notices about a service OWNED_BY, or a CI SUPPORTED_BY, this team "
        "(name or id)."
    )
    enabled: bool
    createdAt: datetime
    updatedAt: datetime


def to_subscription(record: SubscriptionRecord) -> NotificationSubscription:
    return from_record(
        NotificationSubscription,
        record,
        id=strawberry.ID(record.id),
        kinds=list(record.kinds),
        serviceId=strawberry.ID(record.serviceId) if record.serviceId else None,
    )


@strawberry.type
class CreatedNotificationSubscription:
    subscription: NotificationSubscription
    signingSecret: str | None = strawberry.field(
        description="A webhook's HMAC-SHA256 signing secret, shown only here (null for e-mail)."
    )


@strawberry.input
class NotificationSubscriptionInput:
    name: str
    channel: NotificationChannel
    kinds: list[NotificationKind]
    url: str | None = strawberry.field(default=None, description="WEBHOOK: http(s) URL.")
    address: str | None = strawberry.field(default=None, description="EMAIL: the address.")
    serviceId: strawberry.ID | None = None
    owner: str | None = None
    team: str | None = None
    enabled: bool | None = None


@strawberry.input(description="Only the fields given change; null clears a filter.")
class NotificationSubscriptionUpdate:
    name: str | None = strawberry.UNSET
    kinds: list[NotificationKind] | None = strawberry.UNSET
    url: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    serviceId: strawberry.ID | None = strawberry.UNSET
    owner: str | None = strawberry.UNSET
    team: str | None = strawberry.UNSET
    enabled: bool | None = strawberry.UNSET


@strawberry.type(description="One notice for one subscription, and its attempts.")
class NotificationDelivery:
    id: strawberry.ID
    subscriptionId: strawberry.ID
    kind: NotificationKind
    subjectKey: str
    title: str
    channel: NotificationChannel
    state: DeliveryState
    attempts: int
    attemptTimes: list[datetime]
    nextAttemptAt: datetime | None
    lastError: str | None
    createdAt: datetime
    updatedAt: datetime
    deliveredAt: datetime | None


def to_delivery(record: DeliveryRecord) -> NotificationDelivery:
    return from_record(
        NotificationDelivery,
        record,
        id=strawberry.ID(record.id),
        subscriptionId=strawberry.ID(record.subscriptionId),
        attemptTimes=list(record.attemptTimes),
    )


@strawberry.type
class NotifyQuery:
    @strawberry.field(permission_classes=[IsAdmin])
    async def notificationSubscriptions(self, info: Info) -> list[NotificationSubscription]:
        return [to_subscription(s) for s in await subs.list_subscriptions(info.context.db)]

    @strawberry.field(permission_classes=[IsAdmin], description="The delivery log, newest first.")
    async def notificationDeliveries(
        self,
        info: Info,
        state: DeliveryState | None = None,
        subscriptionId: strawberry.ID | None = None,
        kind: NotificationKind | None = None,
        first: Annotated[int, strawberry.argument(description="At most 1,000.")] = 100,
    ) -> list[NotificationDelivery]:
        found = await subs.delivery_log(
            info.context.db, state=state, subscription_id=subscriptionId, kind=kind, first=first
        )
        return [to_delivery(d) for d in found]


@strawberry.type
class NotifyMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Subscribe a webhook or an e-mail address to notifications; a webhook's "
        "signing secret is shown only here.",
    )
    async def createNotificationSubscription(
        self, info: Info, input: NotificationSubscriptionInput
    ) -> CreatedNotificationSubscription:
        data = parsed(SubscriptionCreate, input)
        created = await write_as(Role.ADMIN, info, subs.create_subscription, data)
        return CreatedNotificationSubscription(
            subscription=to_subscription(created.subscription),
            signingSecret=created.signing_secret,
        )

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def updateNotificationSubscription(
        self, info: Info, id: strawberry.ID, input: NotificationSubscriptionUpdate
    ) -> NotificationSubscription:
        data = parsed(SubscriptionUpdate, input)
        return to_subscription(await write_as(Role.ADMIN, info, subs.update_subscription, id, data))

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Delete a subscription; its deliveries stay in the log, unsent ones "
        "are given up.",
    )
    async def deleteNotificationSubscription(
        self, info: Info, id: strawberry.ID
    ) -> NotificationSubscription:
        return to_subscription(await write_as(Role.ADMIN, info, subs.delete_subscription, id))
