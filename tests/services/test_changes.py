"""Changes over GraphQL against the real Neo4j: the state table, stored and live risk,
validation, and change conflicts (overlap, shared service, cancelled changes)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from graphcmdb.db.database import Database
from graphcmdb.domain.itsm_models import ChangeCreate, IncidentOpen, IncidentResolve
from graphcmdb.graph.enums import ChangeState, CIClass, IncidentPriority
from graphcmdb.itsm.states import CHANGE_STATES
from graphcmdb.services import changes, incidents
from graphcmdb.services.actor import system_actor
from tests.conftest import GQL
from tests.impact_fixtures import build, worked_example

S = ChangeState
ACTOR = system_actor("test")
T0 = datetime(2026, 4, 6, 10, 0, tzinfo=UTC)
PATH = [S.DRAFT, S.SUBMITTED, S.APPROVED, S.IMPLEMENTING, S.DONE]

EXPECTED = {
    S.DRAFT: {S.SUBMITTED, S.CANCELLED},
    S.SUBMITTED: {S.APPROVED, S.CANCELLED},
    S.APPROVED: {S.IMPLEMENTING, S.CANCELLED},
    S.IMPLEMENTING: {S.DONE, S.CANCELLED},
    S.DONE: set(),
    S.CANCELLED: set(),
}

CREATE = """mutation($input: CreateChangeInput!) {
  createChange(input: $input) { id number state risk riskAssessedAt modifies { name } } }"""
TRANSITION = """mutation($id: ID!, $to: ChangeState!) {
  transitionChange(id: $id, to: $to) { state risk riskAssessedAt allowedTransitions } }"""
CHANGE = """query($id: ID!) { change(id: $id) {
  number state risk liveRisk { risk servicesDown { service { name } } servicesDegraded { service { name } } }
} }"""
CONFLICTS = """query($from: DateTime!, $to: DateTime!) { changeConflicts(from: $from, to: $to) {
  first { title } second { title } overlapStart overlapEnd
  sharedServices { name } sharedCIs { name } } }"""


@pytest.mark.parametrize("state", list(S))
def test_table_matches_the_brief(state: ChangeState) -> None:
    assert set(CHANGE_STATES.allowed_next(state)) == EXPECTED[state]


async def change_in(
    db: Database,
    state: ChangeState,
    modifies: list[str],
    title: str = "patch",
    start: datetime = T0,
    hours: float = 2,
) -> str:
    """A change walked to ``state`` through the service layer."""
    created = await changes.create_change(
        db,
        ACTOR,
        ChangeCreate(
            title=title,
            plannedStart=start,
            plannedEnd=start + timedelta(hours=hours),
            modifies=modifies,
        ),
    )
    change_id = created.id
    steps = [S.CANCELLED] if state is S.CANCELLED else PATH[1 : PATH.index(state) + 1]
    for step in steps:
        await changes.transition_change(db, ACTOR, change_id, step)
    return change_id


@pytest.mark.parametrize(
    ("current", "to"), [(a, b) for a in S for b in S], ids=lambda s: str(s.value)
)
async def test_every_transition(
    gql: GQL, db: Database, current: ChangeState, to: ChangeState
) -> None:
    ids = await worked_example(db)
    change_id = await change_in(db, current, [ids["web3"]])
    variables = {"id": change_id, "to": to.value}
    if to in EXPECTED[current]:
        moved = (await gql(TRANSITION, variables))["transitionChange"]
        assert moved["state"] == to.value
        assert set(moved["allowedTransitions"]) == {s.value for s in EXPECTED[to]}
        audit = await db.run_raw(
            "MATCH (a:AuditEntry {operation: 'transitionChange'}) WHERE $id IN a.targetIds "
            "RETURN a.after AS after ORDER BY a.at DESC LIMIT 1",
            id=change_id,
        )
        assert f'"state": "{to.value}"' in audit[0]["after"]
        return
    err = await gql.error(TRANSITION, variables)
    assert err["extensions"]["code"] == "ILLEGAL_TRANSITION"
    assert set(err["extensions"]["allowed"]) == {s.value for s in EXPECTED[current]}
    assert "Allowed next states" in err["message"]
    state = await db.run_raw("MATCH (c:Change {id: $id}) RETURN c.state AS s", id=change_id)
    assert state == [{"s": current.value}]


async def test_create_numbers_and_validates(gql: GQL, viewer_gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    window = {"plannedStart": T0.isoformat(), "plannedEnd": (T0 + timedelta(hours=1)).isoformat()}
    base = {"title": "reboot", **window, "modifies": [ids["web1"], ids["web2"], ids["web1"]]}
    created = (await gql(CREATE, {"input": base}))["createChange"]
    assert (created["number"], created["state"], created["risk"]) == ("CHG0000001", "DRAFT", None)
    assert created["modifies"] == [{"name": "web1"}, {"name": "web2"}]
    second = (await gql(CREATE, {"input": base}))["createChange"]
    assert second["number"] == "CHG0000002"
    backwards = await gql.error(CREATE, {"input": base | {"plannedEnd": T0.isoformat()}})
    assert (backwards["extensions"]["code"], backwards["extensions"]["field"]) == (
        "VALIDATION_FAILED",
        "plannedEnd",
    )
    service = await gql.error(CREATE, {"input": base | {"modifies": [ids["shop"]]}})
    assert service["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    unknown = await gql.error(CREATE, {"input": base | {"modifies": ["nope"]}})
    assert unknown["extensions"]["code"] == "NOT_FOUND"
    denied = await viewer_gql.error(CREATE, {"input": base})
    assert denied["extensions"]["code"] == "FORBIDDEN"
    missing = await gql.error(TRANSITION, {"id": "nope", "to": "SUBMITTED"})
    assert missing["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(("ci", "risk"), [("h1", "HIGH"), ("web3", "MEDIUM"), ("lonely", "LOW")])
async def test_risk_is_stored_on_submission_and_live_on_read(
    gql: GQL, db: Database, ci: str, risk: str
) -> None:
    ids = await worked_example(db)
    ids |= await build(db, {"lonely": (CIClass.SERVER, {})}, {}, [])
    change_id = await change_in(db, S.DRAFT, [ids[ci]])
    assert (await gql(CHANGE, {"id": change_id}))["change"]["risk"] is None
    submitted = await gql(TRANSITION, {"id": change_id, "to": "SUBMITTED"})
    assert submitted["transitionChange"]["risk"] == risk
    assert submitted["transitionChange"]["riskAssessedAt"] is not None
    live = (await gql(CHANGE, {"id": change_id}))["change"]["liveRisk"]
    assert live["risk"] == risk
    approved = await gql(TRANSITION, {"id": change_id, "to": "APPROVED"})
    assert approved["transitionChange"]["risk"] == risk  # kept, not recomputed


async def test_live_risk_follows_the_graph_the_stored_one_does_not(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    change_id = await change_in(db, S.SUBMITTED, [ids["web3"]])
    await db.run_raw("MATCH (c:Cluster {name: 'web'}) SET c.minAvailable = 3")
    found = (await gql(CHANGE, {"id": change_id}))["change"]
    assert found["risk"] == "MEDIUM"
    assert found["liveRisk"]["risk"] == "HIGH"
    assert found["liveRisk"]["servicesDown"] == [{"service": {"name": "shop"}}]


def at(day: int, hour: int) -> datetime:
    return T0.replace(hour=0) + timedelta(days=day, hours=hour)


async def test_change_conflicts(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    ids |= await build(db, {"lonely": (CIClass.SERVER, {}), "db9": (CIClass.DATABASE, {})}, {}, [])
    plan = [
        # day 0: overlapping 11-12, both under the shop -> conflict
        ("A", S.APPROVED, "web1", at(0, 10), 2),
        ("B", S.DRAFT, "web3", at(0, 11), 2),
        # day 1: adjacent windows on the same service -> no conflict
        ("C", S.DRAFT, "web1", at(1, 10), 2),
        ("D", S.DRAFT, "web2", at(1, 12), 2),
        # day 2: overlapping, but no shared service -> no conflict
        ("E", S.DRAFT, "web1", at(2, 10), 2),
        ("F", S.DRAFT, "lonely", at(2, 10), 2),
        # day 3: overlapping on the shop, but G is cancelled -> no conflict
        ("G", S.CANCELLED, "web1", at(3, 10), 2),
        ("H", S.DRAFT, "web3", at(3, 10), 2),
        # day 4: the same CI (under no service), one change already done -> conflict
        ("I", S.DONE, "db9", at(4, 10), 4),
        ("J", S.DRAFT, "db9", at(4, 12), 1),
    ]
    for title, state, ci, start, hours in plan:
        await change_in(db, state, [ids[ci]], title=title, start=start, hours=hours)
    week = {"from": at(0, 0).isoformat(), "to": at(7, 0).isoformat()}
    found = (await gql(CONFLICTS, week))["changeConflicts"]
    assert found == [
        {
            "first": {"title": "A"},
            "second": {"title": "B"},
            "overlapStart": at(0, 11).isoformat(),
            "overlapEnd": at(0, 12).isoformat(),
            "sharedServices": [{"name": "shop"}],
            "sharedCIs": [],
        },
        {
            "first": {"title": "I"},
            "second": {"title": "J"},
            "overlapStart": at(4, 12).isoformat(),
            "overlapEnd": at(4, 13).isoformat(),
            "sharedServices": [],
            "sharedCIs": [{"name": "db9"}],
        },
    ]
    after_a = {"from": at(0, 12).isoformat(), "to": at(1, 0).isoformat()}
    assert (await gql(CONFLICTS, after_a))["changeConflicts"] == []  # A ended at 12:00
    backwards = await gql.error(CONFLICTS, {"from": week["to"], "to": week["from"]})
    assert backwards["extensions"]["code"] == "VALIDATION_FAILED"


UPDATE = """mutation($id: ID!, $input: UpdateChangeInput!) { updateChange(id: $id, input: $input) {
  id title description state plannedStart plannedEnd risk riskAssessedAt modifies { name } } }"""


async def test_update_change_edits_a_draft_and_replaces_what_it_modifies(
    gql: GQL, viewer_gql: GQL, db: Database
) -> None:
    ids = await worked_example(db)
    ids |= await build(db, {"lonely": (CIClass.SERVER, {})}, {}, [])
    edited = await change_in(db, S.DRAFT, [ids["lonely"]], title="A", start=at(0, 10))
    other = await change_in(db, S.DRAFT, [ids["web1"]], title="B", start=at(0, 11))
    day = {"from": at(0, 0).isoformat(), "to": at(1, 0).isoformat()}
    assert (await gql(CONFLICTS, day))["changeConflicts"] == []
    new = {
        "title": "A2",
        "description": "also web3",
        "plannedEnd": at(0, 13).isoformat(),
        "modifies": [ids["web3"], ids["web1"], ids["web3"]],
    }
    done = (await gql(UPDATE, {"id": edited, "input": new}))["updateChange"]
    assert done | {"plannedStart": None, "riskAssessedAt": None} == {
        "id": edited,
        "title": "A2",
        "description": "also web3",
        "state": "DRAFT",
        "plannedStart": None,
        "plannedEnd": at(0, 13).isoformat(),
        "risk": None,  # a draft is not assessed
        "riskAssessedAt": None,
        "modifies": [{"name": "web1"}, {"name": "web3"}],
    }
    assert done["plannedStart"] == at(0, 10).isoformat()
    # the conflicts follow the new CIs: web1 is now shared with B
    [conflict] = (await gql(CONFLICTS, day))["changeConflicts"]
    assert (conflict["first"]["title"], conflict["sharedCIs"]) == ("A2", [{"name": "web1"}])

    [entry] = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'updateChange'}) WHERE $id IN a.targetIds "
        "RETURN a.before AS before, a.after AS after",
        id=edited,
    )
    before, after = json.loads(entry["before"]), json.loads(entry["after"])
    assert (before["title"], before["modifies"]) == ("A", [ids["lonely"]])
    assert (after["title"], after["modifies"]) == ("A2", [ids["web3"], ids["web1"]])

    denied = await viewer_gql.error(UPDATE, {"id": edited, "input": {"title": "x"}})
    assert denied["extensions"]["code"] == "FORBIDDEN"
    assert other  # B untouched
    untouched = (await gql(CHANGE, {"id": other}))["change"]
    assert untouched["state"] == "DRAFT"


async def test_update_change_refuses_bad_input_and_settled_changes(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    draft = await change_in(db, S.DRAFT, [ids["web1"]])
    cases = [
        ({"plannedEnd": T0.isoformat()}, "VALIDATION_FAILED", "plannedEnd"),
        (
            {"plannedStart": (T0 + timedelta(hours=2)).isoformat()},
            "VALIDATION_FAILED",
            "plannedStart",
        ),
        ({"modifies": []}, "VALIDATION_FAILED", "modifies"),
        ({"title": None}, "VALIDATION_FAILED", "title"),
        ({"modifies": [ids["shop"]]}, "ILLEGAL_RELATIONSHIP", "modifies"),
    ]
    for change, code, field in cases:
        err = await gql.error(UPDATE, {"id": draft, "input": change})
        assert (err["extensions"]["code"], err["extensions"].get("field")) == (code, field), change
    unknown = await gql.error(UPDATE, {"id": draft, "input": {"modifies": ["nope"]}})
    assert unknown["extensions"]["code"] == "NOT_FOUND"
    missing = await gql.error(UPDATE, {"id": "nope", "input": {"title": "x"}})
    assert missing["extensions"]["code"] == "NOT_FOUND"
    kept = await db.run_raw(
        "MATCH (c:Change {id: $id})-[:MODIFIES]->(ci) RETURN c.plannedEnd AS end, "
        "collect(ci.name) AS cis",
        id=draft,
    )
    assert kept[0]["cis"] == ["web1"]

    approved = await change_in(db, S.APPROVED, [ids["web1"]])
    refused = await gql.error(UPDATE, {"id": approved, "input": {"title": "late"}})
    assert refused["extensions"] == {
        "code": "VALIDATION_FAILED",
        "field": "id",
        "state": "APPROVED",
    }
    assert "APPROVED" in refused["message"]
    audit = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'updateChange'}) RETURN count(a) AS n"
    )
    assert audit == [{"n": 0}]


async def test_editing_a_submitted_change_assesses_its_risk_again(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    change_id = await change_in(db, S.SUBMITTED, [ids["web3"]])
    first = (await gql(CHANGE, {"id": change_id}))["change"]
    assert first["risk"] == "MEDIUM"
    moved = await gql(UPDATE, {"id": change_id, "input": {"modifies": [ids["h1"]]}})
    assert (moved["updateChange"]["state"], moved["updateChange"]["risk"]) == ("SUBMITTED", "HIGH")
    await db.run_raw("MATCH (c:Change {id: $id}) SET c.risk = 'LOW'", id=change_id)
    titled = (await gql(UPDATE, {"id": change_id, "input": {"title": "t"}}))["updateChange"]
    assert titled["risk"] == "LOW"  # the title is not the plan: no new assessment
    later = (T0 + timedelta(hours=5)).isoformat()
    windowed = await gql(UPDATE, {"id": change_id, "input": {"plannedEnd": later}})
    assert windowed["updateChange"]["risk"] == "HIGH"


async def test_caused_incidents_lists_what_the_change_caused(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    culprit = await change_in(db, S.DONE, [ids["web3"]], title="culprit")
    innocent = await change_in(db, S.DONE, [ids["web1"]], title="innocent")
    opened = []
    for n in range(3):
        incident = await incidents.open_incident(
            db,
            ACTOR,
            IncidentOpen(title=f"outage {n}", priority=IncidentPriority.P2, affects=[ids["web3"]]),
        )
        opened.append(incident.id)
    await incidents.resolve_incident(db, ACTOR, opened[0], IncidentResolve(cause=culprit))
    await incidents.resolve_incident(db, ACTOR, opened[1], IncidentResolve(cause=culprit))
    await incidents.resolve_incident(db, ACTOR, opened[2], IncidentResolve(cause=ids["web3"]))
    query = """{ changes { edges { node { title causedIncidents { title cause {
      ... on Change { title } } } } } } }"""
    found = (await gql(query))["changes"]["edges"]
    assert {e["node"]["title"]: e["node"]["causedIncidents"] for e in found} == {
        "culprit": [
            {"title": "outage 1", "cause": {"title": "culprit"}},
            {"title": "outage 0", "cause": {"title": "culprit"}},
        ],
        "innocent": [],
    }
    assert innocent
