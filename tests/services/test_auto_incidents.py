"""Automatic impact and incidents against the real Neo4j: a hypervisor's alert opens one
incident on each service it hits (priority from criticality and users, the hypervisor as
root cause), its resolution resolves them with the stored times the metrics use; an open
approved change suppresses; duplicates and flapping open nothing new; racing payloads
and racing evaluators about one service open one incident; the incidents one pass opens
or resolves are each notified. Each payload is followed by the impact evaluator run to
completion (``impact_evaluator.drain``)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.domain.notify_models import SubscriptionCreate
from graphcmdb.events import generic
from graphcmdb.events.correlation import FlapRule
from graphcmdb.graph.enums import ChangeState, DependencyKind, RelType
from graphcmdb.notify.model import NotificationKind as K
from graphcmdb.services import events, impact_evaluator, metrics, notify
from graphcmdb.services import notify_subscriptions as subs
from graphcmdb.services.actor import system_actor
from graphcmdb.services.auto_incidents import FollowUp
from tests.impact_fixtures import WORKED_CIS, WORKED_EDGES, WORKED_SHOP, build
from tests.services.test_changes import change_in

ACTOR = system_actor("monitoring")
RULE = FlapRule(4, timedelta(minutes=15))
#: whole seconds, two days back: stored and compared exactly
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
INCIDENTS = """
MATCH (i:Incident)
OPTIONAL MATCH (i)-[:CAUSED_BY]->(c)
RETURN i.number AS number, i.priority AS priority, i.state AS state, i.openedAt AS openedAt,
       i.resolvedAt AS resolvedAt, i.autoServiceId AS service, i.reopenCount AS reopens,
       i.alertFingerprints AS alerts, c.name AS cause,
       [(i)-[:AFFECTS]->(n) | n.name] AS affects,
       [(i)-[s:SUSPECTS]->(n) | [s.rank, n.name]] AS suspects
ORDER BY i.number
"""


async def landscape(db: Database) -> dict[str, str]:
    """DESIGN's worked example, plus a wiki that needs web1 and reports that softly need
    web2."""
    return await build(
        db,
        cis=WORKED_CIS,
        services={
            "shop": WORKED_SHOP,
            "wiki": {"criticality": 2, "users": 50},
            "reports": {"criticality": 1, "users": 10},
        },
        edges=[
            *WORKED_EDGES,
            ("wiki", RelType.DEPENDS_ON, "web1", DependencyKind.HARD),
            ("reports", RelType.DEPENDS_ON, "web2", DependencyKind.SOFT),
        ],
    )


def alert(ci_id: str, status: str = "firing", name: str = "HostDown", **extra: Any) -> Any:
    body = {"source": "prom", "alertName": name, "status": status, "severity": "critical"}
    return {**body, "ciId": ci_id, **extra}


async def accept(db: Database, body: Any, at: datetime) -> None:
    await events.ingest(db, ACTOR, generic.read(body, 100), RULE, at)


async def evaluate(db: Database) -> FollowUp:
    """The impact evaluator until nothing is queued: what it did to incidents."""
    return impact_evaluator.follow_up_of(await impact_evaluator.drain(db, RULE.window))


async def post(db: Database, body: Any, at: datetime) -> FollowUp:
    """A payload accepted, then the incidents it calls for."""
    await accept(db, body, at)
    return await evaluate(db)


async def incidents(db: Database) -> list[dict[str, Any]]:
    return await db.run_raw(INCIDENTS)


async def test_a_hypervisor_alert_opens_one_incident_per_hit_service_and_resolves_them(
    db: Database,
) -> None:
    ids = await landscape(db)
    report = await post(db, alert(ids["h1"]), T0)
    assert {m.move.value for m in report.incidents} == {"OPEN"}
    opened = {ids_name(ids, r["service"]): r for r in await incidents(db)}
    assert {k: v["priority"] for k, v in opened.items()} == {
        "shop": "P1",  # DOWN, criticality 5
        "wiki": "P2",  # DOWN, criticality 2 and 50 users
        "reports": "P4",  # DEGRADED (a soft need), not urgent
    }
    shop = opened["shop"]
    assert (shop["state"], shop["openedAt"], shop["resolvedAt"]) == ("NEW", T0, None)
    assert sorted(shop["affects"]) == ["h1", "shop"]
    assert [1, "h1"] in shop["suspects"]
    assert len(shop["alerts"]) == 1
    # the same alert posted again and another alert on h1: nothing new is opened
    await post(db, alert(ids["h1"]), T0 + timedelta(minutes=1))
    await post(db, alert(ids["h1"], name="Ping"), T0 + timedelta(minutes=2))
    again = await incidents(db)
    assert len(again) == 3
    assert all(len(r["alerts"]) == 2 for r in again)  # the second alert attached
    # one alert resolved: h1 still DOWN, the incidents stay open
    await post(db, alert(ids["h1"], "resolved", name="Ping"), T0 + timedelta(minutes=20))
    assert {r["state"] for r in await incidents(db)} == {"NEW"}
    t1 = T0 + timedelta(minutes=47)
    report = await post(db, alert(ids["h1"], "resolved"), t1)
    assert {m.move.value for m in report.incidents} == {"RESOLVE"}
    done = await incidents(db)
    assert {(r["state"], r["resolvedAt"], r["cause"]) for r in done} == {("RESOLVED", t1, "h1")}
    kpis = await metrics.itsm_kpis(
        db, metrics.window_of(T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    )
    assert kpis.by_priority["P1"].mttr == t1 - T0
    shop_level = next(s.level for s in kpis.services if s.service.name == "shop")
    assert shop_level.downtime == t1 - T0  # P1: an outage
    reports_level = next(s.level for s in kpis.services if s.service.name == "reports")
    assert reports_level.downtime == timedelta()  # P4: a degradation


def ids_name(ids: dict[str, str], node_id: str) -> str:
    return next(name for name, i in ids.items() if i == node_id)


async def test_service_status_history_tells_the_moves(db: Database) -> None:
    ids = await landscape(db)
    await post(db, alert(ids["web3"]), T0)  # the cluster keeps 2 of 3: shop DEGRADED
    await post(db, alert(ids["h1"]), T0 + timedelta(minutes=5))  # now DOWN: escalates
    [shop] = [r for r in await incidents(db) if r["service"] == ids["shop"]]
    assert shop["priority"] == "P1"  # P3 escalated, one incident
    assert sorted(shop["affects"]) == ["h1", "shop", "web3"]
    history = await db.run_raw(
        "MATCH (s:StatusChange {serviceId: $id}) RETURN s.from AS f, s.to AS t, s.reason AS r "
        "ORDER BY s.at",
        id=ids["shop"],
    )
    assert [(h["f"], h["t"]) for h in history] == [(None, "DEGRADED"), ("DEGRADED", "DOWN")]
    assert history[0]["r"].endswith("open (P3)")


async def test_an_open_approved_change_suppresses_the_incident(db: Database) -> None:
    ids = await landscape(db)
    change = await change_in(
        db, ChangeState.APPROVED, [ids["h1"]], start=T0 - timedelta(hours=1), hours=3
    )
    report = await post(db, alert(ids["h1"]), T0)
    assert report.incidents == ()
    assert {s.change_id for s in report.suppressed} == {change}
    assert await incidents(db) == []
    rows = await db.run_raw(
        "MATCH (x:IncidentSuppression) RETURN x.serviceId AS s, x.changeId AS c, x.ciIds AS cis"
    )
    assert {r["s"] for r in rows} == {ids["shop"], ids["wiki"], ids["reports"]}
    assert {(r["c"], tuple(r["cis"])) for r in rows} == {(change, (ids["h1"],))}
    [status] = await db.run_raw(
        "MATCH (s:StatusChange {serviceId: $id}) RETURN s.reason AS r, s.changeId AS c",
        id=ids["shop"],
    )
    assert status == {"r": "no incident: suppressed by change CHG0000001", "c": change}
    # a failure the change does not cover still opens an incident
    await post(db, alert(ids["web3"]), T0 + timedelta(minutes=1))
    [shop] = await incidents(db)
    assert sorted(shop["affects"]) == ["shop", "web3"]
    # past its window the change suppresses nothing: the next move of h1 counts
    await post(db, alert(ids["h1"], name="Ping"), T0 + timedelta(hours=3))
    assert len(await incidents(db)) == 3


async def test_flapping_reopens_the_same_incident_and_then_holds(db: Database) -> None:
    ids = await landscape(db)
    states = ["firing", "resolved", "firing", "resolved", "firing", "resolved"]
    for n, state in enumerate(states):
        await post(db, alert(ids["web1"], state, summary=f"n{n}"), T0 + timedelta(minutes=n))
    found = await incidents(db)
    assert {ids_name(ids, r["service"]) for r in found} == {"wiki", "shop"}
    wiki = next(r for r in found if r["service"] == ids["wiki"])
    # resolved once, reopened once; then the flapping alert holds web1 DOWN
    assert (wiki["state"], wiki["reopens"], wiki["resolvedAt"]) == ("IN_PROGRESS", 1, None)


async def test_racing_alerts_under_one_service_open_one_incident(db: Database) -> None:
    ids = await landscape(db)
    for round_ in range(5):
        at = T0 + timedelta(hours=round_)
        one = alert(ids["web1"], summary=f"r{round_}")
        two = alert(ids["web3"], summary=f"r{round_}")
        # payloads and evaluators at once (the evaluators of two API processes)
        await asyncio.gather(
            accept(db, one, at), evaluate(db), accept(db, two, at), accept(db, one, at),
            evaluate(db),
        )  # fmt: skip
        await evaluate(db)
        rows = await db.run_raw(
            "MATCH (i:Incident {autoServiceId: $id}) WHERE i.state IN ['NEW', 'IN_PROGRESS'] "
            "RETURN i.priority AS p, [(i)-[:AFFECTS]->(n) | n.name] AS affects",
            id=ids["shop"],
        )
        assert len(rows) == 1, rows
        assert rows[0]["p"] == "P1"
        assert sorted(rows[0]["affects"]) == ["shop", "web1", "web3"]
        later = at + timedelta(minutes=30)
        for ci in ("web1", "web3"):
            await post(db, alert(ids[ci], "resolved", summary=f"r{round_}"), later)
    states = await db.run_raw(
        "MATCH (i:Incident {autoServiceId: $id}) RETURN i.state AS s", id=ids["shop"]
    )
    assert [r["s"] for r in states] == ["RESOLVED"] * 5


NOTICES = """
MATCH (d:Notification)
RETURN d.subscriptionId AS sub, d.kind AS kind, d.subjectKey AS key, d.subject AS subject
ORDER BY d.kind, d.subjectKey
"""


async def test_the_incidents_of_one_pass_are_each_notified(db: Database) -> None:
    ids = await landscape(db)
    kinds = ["INCIDENT_OPENED", "INCIDENT_RESOLVED"]
    fields = {"name": "all", "channel": "EMAIL", "address": "ops@example.org", "kinds": kinds}
    everyone = SubscriptionCreate.model_validate(fields)
    sub = (await subs.create_subscription(db, ACTOR, everyone)).subscription.id
    await post(db, alert(ids["h1"]), T0)  # one pass opens shop's, wiki's and reports'
    opened = {r["number"]: r for r in await incidents(db)}
    assert len(opened) == 3
    notices = await db.run_raw(NOTICES)
    assert {(n["sub"], n["kind"]) for n in notices} == {(sub, "INCIDENT_OPENED")}
    by_number = {json.loads(n["subject"])["facts"]["number"]: n for n in notices}
    assert set(by_number) == set(opened)
    for number, notice in by_number.items():
        subject = json.loads(notice["subject"])
        assert subject["title"].startswith(f"{number} opened: ")
        assert notice["key"] == subject["objectId"]
        service = ids_name(ids, opened[number]["service"])
        assert service in subject["facts"]["servicesHit"].split(", ")
        assert sorted(subject["facts"]["affects"].split(", ")) == sorted(["h1", service])
    # told again, all at once: two statements for the three, and nothing new is written
    told = [(json.loads(n["subject"])["objectId"], K.INCIDENT_OPENED) for n in notices]
    before = db.round_trips

    async def again(tx: Tx) -> list[str]:
        return await notify.incidents(tx, told)

    assert len(await db.write(again)) == 3
    assert db.round_trips - before == 2
    assert len(await db.run_raw(NOTICES)) == 3
    await post(db, alert(ids["h1"], "resolved"), T0 + timedelta(minutes=5))
    resolved = [n for n in await db.run_raw(NOTICES) if n["kind"] == "INCIDENT_RESOLVED"]
    assert sorted(n["key"] for n in resolved) == sorted(
        f"{json.loads(n['subject'])['objectId']}:0" for n in resolved
    )
    assert {json.loads(n["subject"])["facts"]["number"] for n in resolved} == set(opened)
