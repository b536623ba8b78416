"""Notification subscriptions and the delivery log over GraphQL (real Neo4j): admins
only, audited; a webhook's signing secret is shown once and stored sealed (no node or
audit entry holds it in clear); an incident opened over GraphQL is in the log."""

from __future__ import annotations

import json

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

CREATE = """mutation($input: NotificationSubscriptionInput!) {
  createNotificationSubscription(input: $input) {
    signingSecret subscription { id name channel url address kinds serviceId owner team enabled } } }"""
UPDATE = """mutation($id: ID!, $input: NotificationSubscriptionUpdate!) {
  updateNotificationSubscription(id: $id, input: $input) { name url address kinds owner enabled } }"""
DELETE = "mutation($id: ID!) { deleteNotificationSubscription(id: $id) { name } }"
LIST = "{ notificationSubscriptions { name channel kinds } }"
LOG = """query($state: NotificationDeliveryState) { notificationDeliveries(state: $state) {
  subscriptionId kind subjectKey title channel state attempts attemptTimes nextAttemptAt lastError } }"""
HOOK = {
    "name": "pager",
    "channel": "WEBHOOK",
    "url": "https://hooks.example.org/cmdb",
    "kinds": ["INCIDENT_RESOLVED", "INCIDENT_OPENED", "INCIDENT_OPENED"],
}


async def test_a_webhook_subscription_shows_its_secret_once_and_stores_it_sealed(
    admin_gql: GQL, db: Database
) -> None:
    created = (await admin_gql(CREATE, {"input": HOOK}))["createNotificationSubscription"]
    secret, sub = created["signingSecret"], created["subscription"]
    assert secret.startswith("whsec_")
    assert len(secret) > 40
    assert sub["kinds"] == ["INCIDENT_OPENED", "INCIDENT_RESOLVED"]  # distinct, sorted
    assert sub["enabled"] is True
    stored = await db.run_raw("MATCH (n) RETURN properties(n) AS props")
    text = json.dumps([r["props"] for r in stored], default=str)
    assert secret not in text  # neither the subscription nor its audit entry
    assert "gcs1:" in text  # sealed
    [entry] = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'createNotificationSubscription'}) RETURN a.after AS after"
    )
    assert "signingSecret" not in entry["after"]
    updated = await admin_gql(
        UPDATE, {"id": sub["id"], "input": {"owner": "ecom", "enabled": False}}
    )
    assert updated["updateNotificationSubscription"]["owner"] == "ecom"
    assert (await admin_gql(LIST))["notificationSubscriptions"] == [
        {"name": "pager", "channel": "WEBHOOK", "kinds": ["INCIDENT_OPENED", "INCIDENT_RESOLVED"]}
    ]
    await admin_gql(DELETE, {"id": sub["id"]})
    assert (await admin_gql(LIST))["notificationSubscriptions"] == []


async def test_a_channel_takes_its_own_target(admin_gql: GQL) -> None:
    cases = [
        {**HOOK, "url": None},
        {**HOOK, "address": "ops@example.org"},
        {**HOOK, "url": "ftp://hooks.example.org/x"},
        {"name": "m", "channel": "EMAIL", "address": "not-an-address", "kinds": ["SLA_AT_RISK"]},
        {"name": "m", "channel": "EMAIL", "address": "a@example.org", "kinds": []},
    ]
    for case in cases:
        error = await admin_gql.error(CREATE, {"input": case})
        assert error["extensions"]["code"] == "VALIDATION_FAILED", (case, error)
    mail = {"name": "m", "channel": "EMAIL", "address": "a@example.org", "kinds": ["SLA_AT_RISK"]}
    created = (await admin_gql(CREATE, {"input": mail}))["createNotificationSubscription"]
    assert created["signingSecret"] is None
    sid = created["subscription"]["id"]
    error = await admin_gql.error(UPDATE, {"id": sid, "input": {"url": "https://x.example.org/h"}})
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    error = await admin_gql.error(UPDATE, {"id": sid, "input": {"kinds": None}})
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    duplicate = await admin_gql.error(CREATE, {"input": mail})
    assert duplicate["extensions"]["code"] == "DUPLICATE"


async def test_only_admins_see_subscriptions_and_the_log(gql: GQL, viewer_gql: GQL) -> None:
    for caller in (gql, viewer_gql):
        for query in (LIST, LOG):
            error = await caller.error(query)
            assert error["extensions"]["code"] == "FORBIDDEN"


async def test_an_incident_opened_over_graphql_is_in_the_delivery_log(
    admin_gql: GQL, gql: GQL
) -> None:
    ci = await create_ci(gql, "h1")
    await admin_gql(CREATE, {"input": HOOK})
    opened = await gql(
        """mutation($ci: ID!) { openIncident(input: {title: "h1 down", priority: P1,
           affects: [$ci]}) { number } }""",
        {"ci": ci},
    )
    number = opened["openIncident"]["number"]
    [delivery] = (await admin_gql(LOG, {"state": "PENDING"}))["notificationDeliveries"]
    assert delivery["kind"] == "INCIDENT_OPENED"
    assert delivery["title"] == f"{number} opened: h1 down"
    assert (delivery["attempts"], delivery["attemptTimes"], delivery["lastError"]) == (0, [], None)
