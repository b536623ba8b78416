"""Monitoring events in through ``/events/*`` (real Neo4j): authentication by an events
token that gets nothing else, typed refusals that store nothing, binding to CIs through
the identity engine, de-duplication, flap suppression, status and its history, the
unknown sources report and retention."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import ChangeState, Role
from graphcmdb.services import event_reads, impact_evaluator
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL, make_token
from tests.events.test_readers import PAYLOADS, load

STATUS = "query($id: ID!) { ci(id: $id) { status statusHistory { from to reason } } }"
#: the flap window: an automatic incident resolved within it is reopened
WINDOW = timedelta(minutes=15)
UNKNOWN = "{ unknownEventSources { source sourceKey alerts events firing reason candidateIds } }"


def am_alert(status: str, instance: str, fp: str, severity: str = "critical") -> dict[str, Any]:
    payload = load("alertmanager_firing.json")
    assert isinstance(payload, dict)
    [alert] = payload["alerts"]
    labels = {**alert["labels"], "instance": instance, "severity": severity}
    ends = "2025-03-01T10:05:00Z" if status == "resolved" else alert["endsAt"]
    alert = {**alert, "status": status, "labels": labels, "fingerprint": fp, "endsAt": ends}
    return {**payload, "status": status, "alerts": [alert]}


async def post(client: httpx.AsyncClient, token: str, source: str, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return await client.post(f"/events/{source}", json=body, headers=headers)


async def count(db: Database, label: str) -> int:
    rows = await db.run_raw(f"MATCH (n:{label}) RETURN count(n) AS n")
    return int(rows[0]["n"])


@pytest.fixture
async def events_token(db: Database) -> str:
    return await make_token(db, Role.EVENTS)


async def test_an_events_token_posts_events_and_gets_nothing_from_graphql(
    client: httpx.AsyncClient, events_token: str, viewer_gql: GQL, db: Database
) -> None:
    refused = await client.post(
        "/graphql",
        json={"query": "{ cis { totalCount } }"},
        headers={"Authorization": f"Bearer {events_token}"},
    )
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # a viewer (or editor) token may not post events
    assert viewer_gql.token is not None
    answer = await post(client, viewer_gql.token, "generic", {})
    assert answer.status_code == 403
    assert (await post(client, "gcmdb_nope", "generic", {})).status_code == 401
    ok = await post(client, events_token, "alertmanager", load("alertmanager_firing.json"))
    assert ok.status_code == 200, ok.text
    assert ok.json()["accepted"] == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "MALFORMED_PAYLOAD"),
        (b"", 400, "MALFORMED_PAYLOAD"),
        (json.dumps({"version": "3", "status": "firing", "alerts": []}).encode(), 422,
         "INVALID_PAYLOAD"),
        (b"x" * 2048, 413, "BODY_TOO_LARGE"),
    ],
)  # fmt: skip
async def test_bad_payloads_get_a_typed_error_and_store_nothing(
    settings: Settings,
    db: Database,
    events_token: str,
    body: bytes,
    status: int,
    code: str,
) -> None:
    from graphcmdb.api.app import create_app

    app = create_app(settings.model_copy(update={"event_max_body_bytes": 1024}), db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answer = await client.post(
                "/events/alertmanager",
                content=body,
                headers={"Authorization": f"Bearer {events_token}"},
            )
    assert answer.status_code == status
    assert answer.json()["errors"][0]["extensions"]["code"] == code
    assert await count(db, "Event") == 0
    assert await count(db, "Alert") == 0


async def test_too_many_alerts(
    settings: Settings, db: Database, events_token: str, client: httpx.AsyncClient
) -> None:
    body = am_alert("firing", "web01:9100", "f1")
    body["alerts"] = body["alerts"] * (settings.event_max_alerts + 1)
    answer = await post(client, events_token, "alertmanager", body)
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["extensions"]["code"] == "TOO_MANY_ALERTS"
    assert await count(db, "Event") == 0


async def test_alert_sets_the_ci_down_and_resolution_restores_it(
    client: httpx.AsyncClient, gql: GQL, events_token: str, db: Database
) -> None:
    ci = await create_ci(gql, "web01", fqdn="web01.example.org")
    firing = am_alert("firing", "web01.example.org:9100", "f1")
    first = (await post(client, events_token, "alertmanager", firing)).json()
    assert first["matched"] == 1
    assert first["events"][0]["ciId"] == ci
    assert (await gql(STATUS, {"id": ci}))["ci"]["status"] == "DOWN"
    # posted again: a duplicate, nothing changes
    again = (await post(client, events_token, "alertmanager", firing)).json()
    assert again["duplicates"] == 1
    assert again["accepted"] == 0
    assert await count(db, "Event") == 1
    # a second alert (warning) on the same CI; the first resolves: the CI stays DEGRADED
    warn = am_alert("firing", "web01:9100", "f2", severity="warning")
    await post(client, events_token, "alertmanager", warn)
    await post(client, events_token, "alertmanager", am_alert("resolved", "web01:9100", "f1"))
    assert (await gql(STATUS, {"id": ci}))["ci"]["status"] == "DEGRADED"
    resolved = am_alert("resolved", "web01:9100", "f2", severity="warning")
    await post(client, events_token, "alertmanager", resolved)
    data = (await gql(STATUS, {"id": ci}))["ci"]
    assert data["status"] == "OPERATIONAL"
    moves = [(h["from"], h["to"]) for h in data["statusHistory"]]
    assert moves == [("DEGRADED", "OPERATIONAL"), ("DOWN", "DEGRADED"), ("OPERATIONAL", "DOWN")]


async def test_a_notification_twice_in_one_payload_is_stored_once(
    client: httpx.AsyncClient, gql: GQL, events_token: str, db: Database
) -> None:
    ci = await create_ci(gql, "twice")
    one = {"source": "t", "alertName": "Ping", "status": "firing", "severity": "critical",
           "ciId": ci}  # fmt: skip
    other = {**one, "alertName": "Disk", "severity": "warning"}
    answer = (await post(client, events_token, "generic", {"events": [one, other, one]})).json()
    assert (answer["accepted"], answer["duplicates"]) == (2, 1)
    assert [e["duplicate"] for e in answer["events"]] == [False, False, True]
    assert answer["events"][2]["eventId"] is None
    assert answer["queuedForImpact"] == [ci]
    assert await count(db, "Event") == 2
    [alert] = await db.run_raw(
        "MATCH (a:Alert {alertName: 'Ping'}) RETURN a.eventCount AS n, a.state AS state"
    )
    assert alert == {"n": 1, "state": "FIRING"}
    data = (await gql(STATUS, {"id": ci}))["ci"]
    assert data["status"] == "DOWN"
    assert len(data["statusHistory"]) == 1  # one move for the payload


async def test_zabbix_and_prtg_bind_by_address_and_host_name(
    client: httpx.AsyncClient, gql: GQL, events_token: str
) -> None:
    db01 = await create_ci(gql, "db01", ipAddresses=["10.20.0.7"])
    switch = await create_ci(gql, "sw-core-1", "NETWORK_DEVICE")
    answer = await post(client, events_token, "zabbix", load("zabbix_problem.json"))
    assert answer.json()["events"][0]["ciId"] == db01
    form = (PAYLOADS / "prtg_down.form").read_bytes()
    headers = {
        "Authorization": f"Bearer {events_token}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    prtg = await client.post("/events/prtg", content=form, headers=headers)
    assert prtg.json()["events"][0]["ciId"] == switch
    assert (await gql(STATUS, {"id": db01}))["ci"]["status"] == "DOWN"
    assert (await gql(STATUS, {"id": switch}))["ci"]["status"] == "DOWN"
    await post(client, events_token, "zabbix", load("zabbix_resolved.json"))
    up = (PAYLOADS / "prtg_up.form").read_bytes()
    await client.post("/events/prtg", content=up, headers=headers)
    assert (await gql(STATUS, {"id": db01}))["ci"]["status"] == "OPERATIONAL"
    assert (await gql(STATUS, {"id": switch}))["ci"]["status"] == "OPERATIONAL"


async def test_unknown_and_ambiguous_sources_are_kept_and_listed(
    client: httpx.AsyncClient, gql: GQL, events_token: str, db: Database
) -> None:
    one = await create_ci(gql, "app-a", ipAddresses=["10.9.9.9"])
    two = await create_ci(gql, "app-b", "VIRTUAL_MACHINE", ipAddresses=["10.9.9.9"])
    for name in ("Disk", "Load"):
        body = {"source": "nagios", "alertName": name, "status": "firing", "hostname": "ghost1"}
        answer = (await post(client, events_token, "generic", body)).json()
        assert answer["unmatched"] == 1
    shared = {"source": "nagios", "alertName": "Ping", "status": "firing", "severity": "critical"}
    answer = await post(client, events_token, "generic", {**shared, "ipAddresses": ["10.9.9.9"]})
    assert answer.json()["unmatched"] == 1  # an address two CIs hold identifies neither
    named = await post(client, events_token, "generic", {**shared, "ciId": "no-such-ci"})
    assert [(e["match"], e["ciId"]) for e in named.json()["events"]] == [("UNMATCHED", None)]
    report = {(r["sourceKey"], r["alerts"]): r for r in (await gql(UNKNOWN))["unknownEventSources"]}
    assert report[("HOST:ghost1", 2)]["firing"] == 2
    assert report[("IP:10.9.9.9", 1)]["source"] == "generic:nagios"
    for ci in (one, two):
        assert (await gql(STATUS, {"id": ci}))["ci"]["status"] == "OPERATIONAL"
    assert await count(db, "CI") == 2  # an event never creates a CI


async def test_ambiguous_host_name_keeps_the_candidates(
    client: httpx.AsyncClient, gql: GQL, events_token: str
) -> None:
    one = await create_ci(gql, "twin", fqdn="twin.a.example")
    two = await create_ci(gql, "twin", "VIRTUAL_MACHINE", fqdn="twin.b.example")
    body = {"source": "t", "alertName": "x", "status": "firing", "hostname": "twin"}
    event = (await post(client, events_token, "generic", body)).json()["events"][0]
    assert event["match"] == "AMBIGUOUS"
    assert sorted(event["candidateIds"]) == sorted([one, two])
    [row] = (await gql(UNKNOWN))["unknownEventSources"]
    assert sorted(row["candidateIds"]) == sorted([one, two])


async def test_explicit_ci_id_and_flapping_is_suppressed(
    client: httpx.AsyncClient, gql: GQL, events_token: str, db: Database
) -> None:
    ci = await create_ci(gql, "flappy")
    base = {"source": "t", "alertName": "Ping", "severity": "critical", "ciId": ci}
    states = ["firing", "resolved", "firing", "resolved", "firing"]
    answers = []
    for n, state in enumerate(states):
        body = {**base, "status": state, "summary": f"notification {n}"}
        answers.append((await post(client, events_token, "generic", body)).json())
    suppressed = [a["events"][0]["suppressed"] for a in answers]
    # the default rule: 4 changes within 15 minutes
    assert suppressed == [False, False, False, True, True]
    data = (await gql(STATUS, {"id": ci}))["ci"]
    assert data["status"] == "DOWN"  # held as it was when the flapping began
    assert len(data["statusHistory"]) == 3
    assert await count(db, "Event") == 5


async def test_retention_prunes_old_events_and_resolved_alerts_idempotently(
    client: httpx.AsyncClient, events_token: str, db: Database
) -> None:
    body = {"source": "t", "alertName": "x", "status": "resolved", "hostname": "nowhere"}
    await post(client, events_token, "generic", body)
    await post(client, events_token, "generic", {**body, "alertName": "y", "status": "firing"})
    later = datetime.now(UTC) + timedelta(days=31)
    pruned = await event_reads.prune(db, later, timedelta(days=30))
    assert (pruned.events, pruned.alerts) == (2, 1)  # the open alert stays
    again = await event_reads.prune(db, later, timedelta(days=30))
    assert (again.events, again.alerts) == (0, 0)
    assert await count(db, "Alert") == 1


AUTO = """query($shop: ID!, $change: ID!) {
  service(id: $shop) { statusHistory { from to reason incident { number } suppressedBy { number } }
                       openIncidents { number priority autoService { name }
                                       suspectedCauses { rank ci { name } } alerts { alertName state }
                                       affects { name } } }
  change(id: $change) { suppressedIncidents { status note service { name } cis { name } } }
}"""


async def test_automatic_incidents_and_suppression_over_graphql(
    client: httpx.AsyncClient, gql: GQL, events_token: str, db: Database
) -> None:
    from tests.impact_fixtures import worked_example
    from tests.services.test_changes import change_in

    ids = await worked_example(db)
    now = datetime.now(UTC)
    change = await change_in(
        db, ChangeState.APPROVED, [ids["web3"]], start=now - timedelta(hours=1), hours=2
    )
    base = {"source": "nagios", "status": "firing", "severity": "critical"}
    first = await post(client, events_token, "generic", {**base, "alertName": "Down",
                                                         "ciId": ids["web3"]})  # fmt: skip
    assert first.json()["queuedForImpact"] == [ids["web3"]]
    await impact_evaluator.drain(db, WINDOW)  # (or the app's evaluator did, first)
    assert await count(db, "Incident") == 0  # the change suppressed it
    second = await post(client, events_token, "generic", {**base, "alertName": "PSU",
                                                          "ciId": ids["h1"]})  # fmt: skip
    assert second.json()["queuedForImpact"] == [ids["h1"]]
    await impact_evaluator.drain(db, WINDOW)
    data = await gql(AUTO, {"shop": ids["shop"], "change": change})
    history = data["service"]["statusHistory"]
    assert [(h["from"], h["to"]) for h in history] == [("DEGRADED", "DOWN"), (None, "DEGRADED")]
    assert history[1]["suppressedBy"] == {"number": "CHG0000001"}
    assert history[0]["incident"] == {"number": "INC0000001"}
    [incident] = data["service"]["openIncidents"]
    assert (incident["number"], incident["priority"]) == ("INC0000001", "P1")
    assert incident["autoService"] == {"name": "shop"}
    assert incident["suspectedCauses"] == [{"rank": 1, "ci": {"name": "h1"}}]
    assert incident["alerts"] == [{"alertName": "PSU", "state": "FIRING"}]
    assert sorted(n["name"] for n in incident["affects"]) == ["h1", "shop"]
    [suppressed] = data["change"]["suppressedIncidents"]
    assert suppressed == {"status": "DEGRADED", "note": "suppressed by change CHG0000001",
                          "service": {"name": "shop"}, "cis": [{"name": "web3"}]}  # fmt: skip
