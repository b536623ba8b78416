"""Incidents over GraphQL against the real Neo4j: the state table, validation, numbers,
impact on DESIGN's worked example, failed items, open incidents in reports, the CLI."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.domain.contract_models import ContractCreate
from graphcmdb.domain.itam_models import AssetCreate, VendorCreate
from graphcmdb.domain.itsm_models import ChangeCreate, IncidentOpen, IncidentResolve, IncidentUpdate
from graphcmdb.graph.enums import IncidentState
from graphcmdb.itsm.states import INCIDENT_STATES
from graphcmdb.services import assets, changes, contracts, incidents, people_places
from graphcmdb.services.actor import system_actor
from graphcmdb.services.people_places import Kind
from tests.cli.test_cli import run_cli
from tests.conftest import GQL
from tests.impact_fixtures import worked_example

S = IncidentState
ACTOR = system_actor("test")
OPENED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

EXPECTED = {
    S.NEW: {S.IN_PROGRESS, S.RESOLVED},
    S.IN_PROGRESS: {S.RESOLVED},
    S.RESOLVED: {S.IN_PROGRESS, S.CLOSED},
    S.CLOSED: set(),
}

OPEN = """mutation($input: OpenIncidentInput!) {
  openIncident(input: $input) { id number state priority title openedAt reopenCount } }"""
FIELDS = "id number state resolvedAt resolvedAtFirstContact closedAt reopenCount"
UPDATE = f"""mutation($id: ID!, $input: UpdateIncidentInput!) {{
  updateIncident(id: $id, input: $input) {{ {FIELDS} title priority }} }}"""
RESOLVE = f"""mutation($id: ID!, $at: DateTime, $cause: ID, $first: Boolean! = false) {{
  resolveIncident(id: $id, resolvedAt: $at, cause: $cause, resolvedAtFirstContact: $first) {{
    {FIELDS}
    cause {{ __typename ... on CI {{ name }} ... on Change {{ number }} }} }} }}"""
CLOSE = f"mutation($id: ID!) {{ closeIncident(id: $id) {{ {FIELDS} }} }}"
REOPEN = (
    f"""mutation($id: ID!) {{ reopenIncident(id: $id) {{ {FIELDS} cause {{ __typename }} }} }}"""
)
INCIDENT = """query($id: ID!) { incident(id: $id) {
  number state allowedTransitions affects { name labels }
  impact { summary { nodesDown servicesDown servicesDegraded usersAffected }
           services { service { name } status path } }
  servicesHit { name }
  failedItems { ci { name } asset { assetTag } supportContract { number } vendor { name }
                warrantyStatus }
} }"""


@pytest.mark.parametrize("state", list(S))
def test_table_matches_the_brief(state: IncidentState) -> None:
    assert set(INCIDENT_STATES.allowed_next(state)) == EXPECTED[state]


async def incident_in(db: Database, state: IncidentState, affects: list[str]) -> str:
    """An incident on ``affects`` walked to ``state`` through the service layer."""
    opened = await incidents.open_incident(
        db, ACTOR, IncidentOpen(title="web down", priority="P2", affects=affects, openedAt=OPENED)
    )
    incident_id = str(opened.id)
    if state is S.IN_PROGRESS:
        await incidents.update_incident(db, ACTOR, incident_id, IncidentUpdate(state=state))
    if state in (S.RESOLVED, S.CLOSED):
        await incidents.resolve_incident(db, ACTOR, incident_id, IncidentResolve())
    if state is S.CLOSED:
        await incidents.close_incident(db, ACTOR, incident_id)
    return incident_id


async def move(gql: GQL, incident_id: str, to: IncidentState) -> dict[str, Any]:
    """The raw answer of the mutation that moves an incident to ``to``."""
    if to is S.RESOLVED:
        return (await gql.raw(RESOLVE, {"id": incident_id})).json()  # type: ignore[no-any-return]
    if to is S.CLOSED:
        return (await gql.raw(CLOSE, {"id": incident_id})).json()  # type: ignore[no-any-return]
    body = await gql.raw(UPDATE, {"id": incident_id, "input": {"state": to.value}})
    return body.json()  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("current", "to"), [(a, b) for a in S for b in S], ids=lambda s: str(s.value)
)
async def test_every_transition(
    gql: GQL, db: Database, current: IncidentState, to: IncidentState
) -> None:
    ids = await worked_example(db)
    incident_id = await incident_in(db, current, [ids["h1"]])
    body = await move(gql, incident_id, to)
    if to in EXPECTED[current]:
        assert not body.get("errors"), body
        (result,) = body["data"].values()
        assert result["state"] == to.value
        return
    err = body["errors"][0]
    assert err["extensions"]["code"] == "ILLEGAL_TRANSITION", err
    assert set(err["extensions"]["allowed"]) == {s.value for s in EXPECTED[current]}
    assert err["extensions"]["current"] == current.value
    assert "Allowed next states" in err["message"]
    state = await db.run_raw("MATCH (i:Incident {id: $id}) RETURN i.state AS s", id=incident_id)
    assert state == [{"s": current.value}]


@pytest.mark.parametrize("current", list(S), ids=lambda s: str(s.value))
async def test_reopen_only_from_resolved(gql: GQL, db: Database, current: IncidentState) -> None:
    ids = await worked_example(db)
    incident_id = await incident_in(db, current, [ids["h1"]])
    body = (await gql.raw(REOPEN, {"id": incident_id})).json()
    if current is not S.RESOLVED:
        assert body["errors"][0]["extensions"]["code"] == "ILLEGAL_TRANSITION"
        assert "only RESOLVED is reopened" in body["errors"][0]["message"]
        return
    assert body["data"]["reopenIncident"]["state"] == "IN_PROGRESS"


async def test_resolve_reopen_resolve_close_keeps_the_final_resolution(
    gql: GQL, db: Database
) -> None:
    ids = await worked_example(db)
    incident_id = await incident_in(db, S.NEW, [ids["h1"]])
    at = (OPENED + timedelta(hours=2)).isoformat()
    first = await gql(RESOLVE, {"id": incident_id, "at": at, "cause": ids["h1"], "first": True})
    resolved = first["resolveIncident"]
    assert resolved["resolvedAt"].startswith("2026-03-02T11:30:00")
    assert resolved["resolvedAtFirstContact"] is True
    assert resolved["cause"] == {"__typename": "CI", "name": "h1"}
    reopened = (await gql(REOPEN, {"id": incident_id}))["reopenIncident"]
    assert reopened["resolvedAt"] is None
    assert reopened["resolvedAtFirstContact"] is None
    assert reopened["cause"] is None
    assert reopened["reopenCount"] == 1
    again = (await gql(RESOLVE, {"id": incident_id}))["resolveIncident"]
    assert again["resolvedAtFirstContact"] is False
    assert again["cause"] is None
    closed = (await gql(CLOSE, {"id": incident_id}))["closeIncident"]
    assert closed["state"] == "CLOSED"
    assert closed["closedAt"] >= again["resolvedAt"]
    edit = await gql.error(UPDATE, {"id": incident_id, "input": {"title": "late edit"}})
    assert edit["extensions"]["code"] == "VALIDATION_FAILED"
    audit = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $id IN a.targetIds RETURN a.operation AS op ORDER BY a.at",
        id=incident_id,
    )
    assert [a["op"] for a in audit] == [
        "openIncident",
        "resolveIncident",
        "reopenIncident",
        "resolveIncident",
        "closeIncident",
    ]


async def test_open_numbers_validates_and_needs_an_editor(
    gql: GQL, viewer_gql: GQL, db: Database
) -> None:
    ids = await worked_example(db)
    base = {"title": "h1 down", "priority": "P1", "affects": [ids["h1"]]}
    opened = (await gql(OPEN, {"input": base | {"openedAt": OPENED.isoformat()}}))["openIncident"]
    assert opened["number"] == "INC0000001"
    assert (opened["state"], opened["priority"], opened["reopenCount"]) == ("NEW", "P1", 0)
    second = await gql(OPEN, {"input": base | {"affects": [ids["shop"], ids["web1"]]}})
    assert second["openIncident"]["number"] == "INC0000002"

    unknown = await gql.error(OPEN, {"input": base | {"affects": [ids["h1"], "nope"]}})
    assert (unknown["extensions"]["code"], unknown["extensions"]["ids"]) == ("NOT_FOUND", ["nope"])
    asset = await assets.create_asset(db, ACTOR, AssetCreate(assetTag="A-1"))
    wrong = await gql.error(OPEN, {"input": base | {"affects": [asset.id]}})
    assert wrong["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    empty = await gql.error(OPEN, {"input": base | {"affects": []}})
    assert (empty["extensions"]["code"], empty["extensions"]["field"]) == (
        "VALIDATION_FAILED",
        "affects",
    )
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    late = await gql.error(OPEN, {"input": base | {"openedAt": future}})
    assert late["extensions"]["field"] == "openedAt"
    denied = await viewer_gql.error(OPEN, {"input": base})
    assert denied["extensions"]["code"] == "FORBIDDEN"
    assert (await db.run_raw("MATCH (i:Incident) RETURN count(i) AS n")) == [{"n": 2}]


async def test_numbers_stay_unique_under_concurrency(db: Database) -> None:
    ids = await worked_example(db)
    data = IncidentOpen(title="storm", priority="P3", affects=[ids["h2"]])
    opened = await asyncio.gather(*(incidents.open_incident(db, ACTOR, data) for _ in range(20)))
    numbers = sorted(i.number for i in opened)
    assert numbers == [f"INC{n:07d}" for n in range(1, 21)]


async def test_resolve_validation_and_a_change_as_cause(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    incident_id = await incident_in(db, S.IN_PROGRESS, [ids["h1"]])
    early = (OPENED - timedelta(minutes=1)).isoformat()
    before = await gql.error(RESOLVE, {"id": incident_id, "at": early})
    assert (before["extensions"]["code"], before["extensions"]["field"]) == (
        "VALIDATION_FAILED",
        "resolvedAt",
    )
    service = await gql.error(RESOLVE, {"id": incident_id, "cause": ids["shop"]})
    assert service["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    missing = await gql.error(RESOLVE, {"id": incident_id, "cause": "nope"})
    assert missing["extensions"]["code"] == "NOT_FOUND"
    gone = await gql.error(RESOLVE, {"id": "no-such-incident"})
    assert gone["extensions"]["code"] == "NOT_FOUND"
    change = await changes.create_change(
        db,
        ACTOR,
        ChangeCreate(
            title="patch h1",
            plannedStart=OPENED - timedelta(hours=1),
            plannedEnd=OPENED,
            modifies=[ids["h1"]],
        ),
    )
    done = await gql(RESOLVE, {"id": incident_id, "cause": change.id})
    assert done["resolveIncident"]["cause"] == {"__typename": "Change", "number": "CHG0000001"}
    stored = await db.run_raw(
        "MATCH (:Incident {id: $id})-[:CAUSED_BY]->(c) RETURN c.number AS n", id=incident_id
    )
    assert stored == [{"n": "CHG0000001"}]


async def test_update_edits_fields_but_not_resolution_states(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    incident_id = await incident_in(db, S.NEW, [ids["h1"]])
    edited = await gql(UPDATE, {"id": incident_id, "input": {"title": "h1 PSU", "priority": "P1"}})
    assert edited["updateIncident"]["title"] == "h1 PSU"
    assert edited["updateIncident"]["priority"] == "P1"
    assert edited["updateIncident"]["state"] == "NEW"
    err = await gql.error(UPDATE, {"id": incident_id, "input": {"state": "RESOLVED"}})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
    assert "resolveIncident" in err["message"]
    cleared = await gql.error(UPDATE, {"id": incident_id, "input": {"title": None}})
    assert cleared["extensions"]["field"] == "title"


async def test_impact_of_an_incident_on_the_worked_example(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    h1 = await incident_in(db, S.NEW, [ids["h1"]])
    found = (await gql(INCIDENT, {"id": h1}))["incident"]
    assert found["affects"] == [{"name": "h1", "labels": ["CI", "Server"]}]
    assert found["allowedTransitions"] == ["IN_PROGRESS", "RESOLVED"]
    assert found["impact"]["summary"] == {
        "nodesDown": 5,
        "servicesDown": 1,
        "servicesDegraded": 0,
        "usersAffected": 1000,
    }
    assert found["impact"]["services"] == [
        {"service": {"name": "shop"}, "status": "DOWN", "path": ["h1", "web1", "web", "shop"]}
    ]
    assert found["servicesHit"] == [{"name": "shop"}]
    web3 = await incident_in(db, S.NEW, [ids["web3"]])
    degraded = (await gql(INCIDENT, {"id": web3}))["incident"]
    assert degraded["impact"]["services"][0]["status"] == "DEGRADED"
    direct = await incident_in(db, S.NEW, [ids["shop"]])
    on_service = (await gql(INCIDENT, {"id": direct}))["incident"]
    assert on_service["impact"]["services"] == [
        {"service": {"name": "shop"}, "status": "DOWN", "path": ["shop"]}
    ]
    assert on_service["failedItems"] == []


async def _support(db: Database, ci_id: str, warranty_end: date) -> None:
    """An asset tracking ``ci_id``, covered by support from Dell, maintenance that ended,
    and a purchase contract (not support)."""
    dell = await people_places.create(db, ACTOR, Kind.VENDOR, VendorCreate(name="Dell"))
    asset = await assets.create_asset(
        db, ACTOR, AssetCreate(assetTag="SRV-1", warrantyEnd=warranty_end)
    )
    await assets.track_ci(db, ACTOR, asset.id, ci_id)
    for number, kind, start, end, vendor in (
        ("SUP-1", "SUPPORT", date(2025, 1, 1), date(2026, 12, 31), dell.id),
        ("MNT-OLD", "MAINTENANCE", date(2023, 1, 1), date(2025, 12, 31), None),
        ("PO-1", "PURCHASE", date(2025, 1, 1), None, None),
    ):
        contract = await contracts.create_contract(
            db,
            ACTOR,
            ContractCreate(number=number, kind=kind, startDate=start, endDate=end, vendorId=vendor),
        )
        await contracts.cover_asset(db, ACTOR, asset.id, contract.id)


@pytest.mark.parametrize(
    ("warranty_end", "status"),
    [(date(2026, 3, 2), "IN_WARRANTY"), (date(2026, 3, 1), "EXPIRED")],
)
async def test_failed_items_judged_on_the_opening_day(
    gql: GQL, db: Database, warranty_end: date, status: str
) -> None:
    ids = await worked_example(db)
    await _support(db, ids["h1"], warranty_end)
    incident_id = await incident_in(db, S.NEW, [ids["h1"], ids["web1"], ids["shop"]])
    items = (await gql(INCIDENT, {"id": incident_id}))["incident"]["failedItems"]
    assert items == [
        {
            "ci": {"name": "h1"},
            "asset": {"assetTag": "SRV-1"},
            "supportContract": {"number": "SUP-1"},
            "vendor": {"name": "Dell"},
            "warrantyStatus": status,
        },
        {
            "ci": {"name": "web1"},
            "asset": None,
            "supportContract": None,
            "vendor": None,
            "warrantyStatus": "UNKNOWN",
        },
    ]


REPORT = """query($down: [ID!]!) { impact(down: $down) {
  services { service { name openIncidents { number } } status openIncidents { number state } }
} }"""
NODES = """query($ci: ID!, $service: ID!, $asset: ID!) {
  ci: node(id: $ci) { ... on CI { incidents { number } openIncidents { number } } }
  service: node(id: $service) { ... on Service { incidents { number } openIncidents { number } } }
  asset(id: $asset) { incidents { number } openIncidents { number } }
}"""
LIST = """query($filter: IncidentFilterInput, $first: Int, $after: String) {
  incidents(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { number } } pageInfo { hasNextPage endCursor } } }"""


async def test_open_incidents_in_the_impact_report_and_on_nodes(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    await incident_in(db, S.IN_PROGRESS, [ids["h1"]])  # INC1: open, hits the shop
    await incident_in(db, S.RESOLVED, [ids["web3"]])  # INC2: not open any more
    await incident_in(db, S.NEW, [ids["h2"]])  # INC3: open, hits the shop via web3
    report = (await gql(REPORT, {"down": [ids["web3"]]}))["impact"]
    (shop,) = report["services"]
    assert shop["openIncidents"] == [
        {"number": "INC0000003", "state": "NEW"},
        {"number": "INC0000001", "state": "IN_PROGRESS"},
    ]
    assert shop["service"]["openIncidents"] == [{"number": "INC0000003"}, {"number": "INC0000001"}]
    asset = await assets.create_asset(db, ACTOR, AssetCreate(assetTag="VM-1"))
    await assets.track_ci(db, ACTOR, asset.id, ids["web1"])
    nodes = await gql(NODES, {"ci": ids["web1"], "service": ids["shop"], "asset": asset.id})
    assert nodes["ci"] == {
        "incidents": [{"number": "INC0000001"}],
        "openIncidents": [{"number": "INC0000001"}],
    }
    assert [i["number"] for i in nodes["service"]["incidents"]] == [
        "INC0000003",
        "INC0000002",
        "INC0000001",
    ]
    assert nodes["asset"] == nodes["ci"]


async def test_incidents_connection_filters_and_pages(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    opened = [
        await incident_in(db, S.NEW, affected)
        for affected in ([ids["h1"]], [ids["web3"]], [ids["h2"]], [ids["shop"]])
    ]
    await incidents.update_incident(db, ACTOR, opened[1], IncidentUpdate(priority="P1"))
    everything = (await gql(LIST, {"first": 3}))["incidents"]
    assert everything["totalCount"] == 4
    assert [e["node"]["number"] for e in everything["edges"]] == [
        "INC0000004",
        "INC0000003",
        "INC0000002",
    ]
    rest = await gql(LIST, {"first": 3, "after": everything["pageInfo"]["endCursor"]})
    assert [e["node"]["number"] for e in rest["incidents"]["edges"]] == ["INC0000001"]
    assert rest["incidents"]["pageInfo"]["hasNextPage"] is False
    web3 = (await gql(LIST, {"filter": {"ciId": ids["web3"]}}))["incidents"]
    assert [e["node"]["number"] for e in web3["edges"]] == ["INC0000003", "INC0000002"]
    assert web3["totalCount"] == 2
    shop = await gql(LIST, {"filter": {"serviceId": ids["shop"], "priority": "P1"}})
    assert [e["node"]["number"] for e in shop["incidents"]["edges"]] == ["INC0000002"]
    both = await gql(LIST, {"filter": {"serviceId": ids["shop"], "ciId": ids["h1"]}})
    assert [e["node"]["number"] for e in both["incidents"]["edges"]] == ["INC0000001"]
    new = (await gql(LIST, {"filter": {"state": "RESOLVED"}}))["incidents"]
    assert new["totalCount"] == 0


async def test_a_page_of_incidents_costs_a_bounded_number_of_queries(
    gql: GQL, db: Database
) -> None:
    ids = await worked_example(db)
    await _support(db, ids["h1"], date(2027, 1, 1))
    for affected in ([ids["h1"]], [ids["web3"]], [ids["h2"], ids["web1"]], [ids["shop"]]) * 3:
        await incident_in(db, S.NEW, affected)
    query = """{ incidents(first: 50) { edges { node {
      number affects { name } cause { __typename } servicesHit { name }
      impact { summary { nodesDown } services { service { name } openIncidents { number } } }
      failedItems { ci { name } asset { assetTag } supportContract { number } vendor { name } }
    } } } }"""
    before = db.round_trips
    data = await gql(query)
    assert len(data["incidents"]["edges"]) == 12
    # page, affects, cause, failed items, services, open incidents, and the impact: the
    # affected ids plus one query per level of the shared upstream graph (11 measured);
    # none of it grows with the number of incidents on the page
    assert db.round_trips - before <= 12


async def test_cli_open_resolve_and_list(settings: Settings, db: Database) -> None:
    ids = await worked_example(db)
    await changes.create_change(
        db,
        ACTOR,
        ChangeCreate(
            title="h1 firmware",
            plannedStart=OPENED,
            plannedEnd=OPENED + timedelta(hours=1),
            modifies=[ids["h1"]],
        ),
    )
    opened = run_cli(
        settings,
        "incident",
        "open",
        "--title",
        "h1 down",
        "--priority",
        "P1",
        "--affects",
        "h1,web3",
    )
    assert opened.returncode == 0, opened.stderr
    assert "Opened INC0000001 (P1, NEW)" in opened.stdout
    assert "DOWN" in opened.stdout
    assert "web3 -> web -> shop" in opened.stdout  # the shortest witness
    resolved = run_cli(
        settings, "incident", "resolve", "INC0000001", "--cause", "CHG0000001", "--first-contact"
    )
    assert resolved.returncode == 0, resolved.stderr
    assert "INC0000001 resolved" in resolved.stdout
    cause = await db.run_raw(
        "MATCH (i:Incident)-[:CAUSED_BY]->(c:Change) RETURN i.resolvedAtFirstContact AS first, c.number AS n"
    )
    assert cause == [{"first": True, "n": "CHG0000001"}]
    listed = run_cli(settings, "incident", "list", "--state", "RESOLVED")
    assert listed.returncode == 0, listed.stderr
    assert "INC0000001" in listed.stdout
    assert "h1, web3" in listed.stdout
    assert "INC0000001" not in run_cli(settings, "incident", "list", "--state", "NEW").stdout
    again = run_cli(settings, "incident", "resolve", "INC0000001")
    assert again.returncode == 1
    assert "ILLEGAL_TRANSITION" in again.stderr
    unknown = run_cli(settings, "incident", "open", "--title", "x", "--affects", "nowhere")
    assert unknown.returncode == 1
    assert "nowhere" in unknown.stderr
