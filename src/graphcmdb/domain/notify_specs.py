"""Outbound notifications: who wants what (subscriptions, written by admins over GraphQL)
and the deliveries (the outbox: one per subscription and subject). Server-written nodes
with hand-written Cypher (``cypher/notify/``); the specs give their constraints and
indexes. Not ``Entity`` nodes: ``node(id)``, ``relate`` and the explorer never see them.
"""

from __future__ import annotations

from functools import partial

from graphcmdb.graph.enums import Label
from graphcmdb.graph.node_spec import AnySpec, NodeSpec

_internal = partial(NodeSpec, entity=False, common=False, crud=False, record=dict)

#: A channel (a webhook URL or an e-mail address), the kinds wanted and an optional filter
#: (a service id, a service owner, a team); ``signingSecret`` is sealed and never read back.
SUBSCRIPTION_SPEC = _internal(
    label=Label.NOTIFICATION_SUBSCRIPTION,
    area="notify",
    audit_name="NotificationSubscription",
    system=(
        "id",
        "name",
        "channel",
        "url",
        "address",
        "kinds",
        "serviceId",
        "owner",
        "team",
        "enabled",
        "signingSecret",
        "createdAt",
        "updatedAt",
    ),
    unique=(("id",), ("name",)),
    hidden=("signingSecret",),
)

#: One notice for one subscription: ``key`` (subscription id | kind | subject key) is
#: unique, so enqueuing the same notice twice writes one delivery.
DELIVERY_SPEC = _internal(
    label=Label.NOTIFICATION,
    area="notify",
    system=(
        "id",
        "key",
        "subscriptionId",
        "kind",
        "subjectKey",
        "subject",
        "channel",
        "state",
        "attempts",
        "attemptTimes",
        "nextAttemptAt",
        "leaseOwner",
        "leaseUntil",
        "lastError",
        "createdAt",
        "updatedAt",
        "deliveredAt",
    ),
    unique=(("id",), ("key",)),
    indexed=("state", "nextAttemptAt", "subscriptionId", "createdAt"),
)

NOTIFY_SPECS: tuple[AnySpec, ...] = (SUBSCRIPTION_SPEC, DELIVERY_SPEC)
