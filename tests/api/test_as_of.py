"""asOf and graphDiff through GraphQL against the real Neo4j: the worked example on
Monday, web1 moved from h1 to h2 and h1 renamed on Tuesday; Monday's impact of h1
failing is the old topology's, today's the new one's. Time is the database's clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from graphcmdb.db.database import Database
from graphcmdb.db.history import reading_as_of
from graphcmdb.domain.models import CIUpdate, RelateInput, ServiceUpdate
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import RelType
from graphcmdb.services import assets, business_services, cis, relations
from graphcmdb.services.actor import system_actor
from tests.api.conftest import MONDAY, TUESDAY
from tests.conftest import GQL
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")
MONDAY_NOON = (MONDAY + timedelta(hours=3)).isoformat()


async def moved(db: Database) -> dict[str, str]:
    ids = await worked_example(db)
    db.clock = lambda: TUESDAY
    await relations.unrelate(db, ACTOR, ids["web1"], RelType.HOSTED_ON, ids["h1"])
    await relations.relate(
        db, ACTOR, RelateInput(fromId=ids["web1"], type=RelType.HOSTED_ON, toId=ids["h2"])
    )
    await cis.update_ci(db, ACTOR, ids["h1"], CIUpdate(name="h1-old"))
    await business_services.update_service(db, ACTOR, ids["shop"], ServiceUpdate(criticality=2))
    return ids


IMPACT = """query($down: [ID!]!, $at: DateTime) {
  impact(down: $down, asOf: $at) { services { status service { name } } }
}"""


async def test_impact_as_of_monday_uses_mondays_topology(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ids = await moved(db)
    then = await gql(IMPACT, {"down": [ids["h1"]], "at": MONDAY_NOON})
    now = await gql(IMPACT, {"down": [ids["h1"]]})
    assert then["impact"]["services"] == [{"status": "DOWN", "service": {"name": "shop"}}]
    assert now["impact"]["services"] == [{"status": "DEGRADED", "service": {"name": "shop"}}]


async def test_ci_node_and_graph_as_of(db: Database, week: list[datetime], gql: GQL) -> None:
    ids = await moved(db)
    query = """query($id: ID!, $at: DateTime, $before: DateTime) {
      ci(id: $id, asOf: $at) { name }
      now: ci(id: $id) { name }
      node(id: $id, asOf: $at) { name }
      unborn: node(id: $id, asOf: $before) { name }
      graph(centerId: $id, asOf: $at) { edges { type source target } }
      today: graph(centerId: $id) { edges { type source target } }
    }"""
    before = (MONDAY - timedelta(days=1)).isoformat()
    data = await gql(query, {"id": ids["h1"], "at": MONDAY_NOON, "before": before})
    assert data["ci"] == {"name": "h1"}
    assert data["now"] == {"name": "h1-old"}
    assert data["node"] == {"name": "h1"}
    assert data["unborn"] is None
    hosted = {(e["source"], e["target"]) for e in data["graph"]["edges"]}
    assert hosted == {(ids["web1"], ids["h1"]), (ids["web2"], ids["h1"])}
    assert {(e["source"], e["target"]) for e in data["today"]["edges"]} == {
        (ids["web2"], ids["h1"])
    }


async def test_graph_diff_lists_the_move_and_the_rename(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ids = await moved(db)
    query = """query($from: DateTime!, $to: DateTime) {
      graphDiff(from: $from, to: $to) {
        addedNodes { id } removedNodes { id }
        changedNodes { id changes { name before after } }
        addedEdges { source type target } removedEdges { source type target }
      }
    }"""
    to = (TUESDAY + timedelta(hours=1)).isoformat()
    diff = (await gql(query, {"from": MONDAY_NOON, "to": to}))["graphDiff"]
    assert diff["addedNodes"] == diff["removedNodes"] == []
    assert sorted(diff["changedNodes"], key=lambda c: c["id"] != ids["h1"]) == [
        {"id": ids["h1"], "changes": [{"name": "name", "before": "h1", "after": "h1-old"}]},
        {"id": ids["shop"], "changes": [{"name": "criticality", "before": 5, "after": 2}]},
    ]
    assert diff["addedEdges"] == [{"source": ids["web1"], "type": "HOSTED_ON", "target": ids["h2"]}]
    assert diff["removedEdges"] == [
        {"source": ids["web1"], "type": "HOSTED_ON", "target": ids["h1"]}
    ]


async def test_service_as_of_and_a_read_without_history_is_refused(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ids = await moved(db)
    query = """query($id: ID!, $at: DateTime) {
      service(id: $id, asOf: $at) { criticality }
      now: service(id: $id) { criticality }
    }"""
    data = await gql(query, {"id": ids["shop"], "at": MONDAY_NOON})
    assert data == {"service": {"criticality": 5}, "now": {"criticality": 2}}
    with reading_as_of(MONDAY), pytest.raises(ValidationFailed, match="past time"):
        await assets.histories(db, [ids["web1"]])


async def test_single_points_of_failure_and_dependency_tree_as_of(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ids = await moved(db)
    query = """query($shop: ID!, $at: DateTime) {
      then: singlePointsOfFailure(serviceId: $shop, asOf: $at) { ci { id } }
      now: singlePointsOfFailure(serviceId: $shop) { ci { id } }
      tree: dependencyTree(serviceId: $shop, asOf: $at) { node { name } parentKey key }
    }"""
    data = await gql(query, {"shop": ids["shop"], "at": MONDAY_NOON})
    spofs = {n: {s["ci"]["id"] for s in data[n]} for n in ("then", "now")}
    assert ids["h1"] in spofs["then"]
    assert ids["h2"] not in spofs["then"]
    assert ids["h2"] in spofs["now"]
    assert ids["h1"] not in spofs["now"]
    names = {row["node"]["name"] for row in data["tree"]}
    assert "h1" in names  # its name then (h1-old today)
    causes = """query($shop: ID!, $at: DateTime) {
      then: rootCauseCandidates(impacted: [$shop], observedDown: [$shop], asOf: $at) { cis { id } }
      now: rootCauseCandidates(impacted: [$shop], observedDown: [$shop]) { cis { id } }
    }"""
    found = await gql(causes, {"shop": ids["shop"], "at": MONDAY_NOON})
    sets = {n: [sorted(c["id"] for c in x["cis"]) for x in found[n]] for n in ("then", "now")}
    assert [ids["h1"]] in sets["then"]  # web1 and web2 both on h1: h1 alone took the shop down
    assert [ids["h1"]] not in sets["now"]  # since Tuesday it only degrades it


async def test_the_fields_of_a_past_object_are_of_then_too(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    """A CI read as of Monday answers its dependsOn / dependents as of Monday (both the
    whole-node and the {id name} reads), beside today's read of the same CI in the same
    request; a nested read without history is refused, never answered with today."""
    ids = await moved(db)
    query = """query($web1: ID!, $h1: ID!, $at: DateTime) {
      then: ci(id: $web1, asOf: $at) { dependsOn { type node { name ... on CI { status } } } }
      now: ci(id: $web1) { dependsOn { type node { name ... on CI { status } } } }
      named: ci(id: $web1, asOf: $at) { dependsOn { node { id name } } }
      h1: ci(id: $h1, asOf: $at) { name dependents { node { name } } }
      listed: cis(asOf: $at, filter: {nameContains: "web1"}) {
        edges { node { dependsOn { node { name } } } }
      }
    }"""
    data = await gql(query, {"web1": ids["web1"], "h1": ids["h1"], "at": MONDAY_NOON})
    hosts = {n: [e["node"]["name"] for e in data[n]["dependsOn"]] for n in ("then", "now")}
    assert "h1" in hosts["then"]
    assert "h2" not in hosts["then"]
    assert "h2" in hosts["now"]
    assert "h1-old" not in hosts["now"]  # web1 left h1 (now named h1-old) on Tuesday
    assert [e["node"]["name"] for e in data["named"]["dependsOn"]] == hosts["then"]
    assert data["h1"]["name"] == "h1"
    assert {e["node"]["name"] for e in data["h1"]["dependents"]} >= {"web1", "web2"}
    listed = data["listed"]["edges"][0]["node"]["dependsOn"]
    assert [e["node"]["name"] for e in listed] == hosts["then"]
    error = await gql.error(
        "query($id: ID!, $at: DateTime) { ci(id: $id, asOf: $at) { incidents { number } } }",
        {"id": ids["web1"], "at": MONDAY_NOON},
    )
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert "past time" in error["message"]


async def test_shortest_path_as_of_walks_the_links_of_then(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    ids = await moved(db)
    query = """query($a: ID!, $b: ID!, $at: DateTime) {
      then: shortestPath(fromId: $a, toId: $b, asOf: $at) { nodes { name } edges { type } }
      now: shortestPath(fromId: $a, toId: $b) { nodes { name } edges { type } }
    }"""
    data = await gql(query, {"a": ids["web1"], "b": ids["h1"], "at": MONDAY_NOON})
    assert data["then"] == {
        "nodes": [{"name": "web1"}, {"name": "h1"}],
        "edges": [{"type": "HOSTED_ON"}],
    }
    assert data["now"]["nodes"][-1] == {"name": "h1-old"}
    assert len(data["now"]["edges"]) > 1  # web1 is no longer hosted on h1 itself


async def test_an_incident_review_sees_the_impact_of_its_time(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    """Opened Monday noon about h1: then the shop was DOWN (web1 and web2 on h1); web1
    moved to h2 on Tuesday, so today's analysis says DEGRADED, the review's DOWN."""
    ids = await moved(db)
    opened = await gql(
        """mutation($h1: ID!, $at: DateTime) {
          openIncident(input: {title: "h1 lost", priority: P2, affects: [$h1], openedAt: $at})
          { id }
        }""",
        {"h1": ids["h1"], "at": MONDAY_NOON},
    )
    query = """query($id: ID!) { incident(id: $id) {
      impact { services { status service { name } } }
      impactWhenOpened { services { status service { name } } }
    } }"""
    data = (await gql(query, {"id": opened["openIncident"]["id"]}))["incident"]
    assert data["impactWhenOpened"]["services"] == [{"status": "DOWN", "service": {"name": "shop"}}]
    assert data["impact"]["services"] == [{"status": "DEGRADED", "service": {"name": "shop"}}]


LEVELS = """query($from: DateTime!, $to: DateTime!) {
  serviceLevels(from: $from, to: $to) { services { service { name } downtimeMinutes } }
}"""


async def recorded_outage(gql: GQL, affects: list[str], opened: datetime) -> None:
    """A P1 on ``affects`` from ``opened`` for an hour, recorded on Tuesday."""
    made = await gql(
        """mutation($a: [ID!]!, $at: DateTime!) {
          openIncident(input: {title: "outage", priority: P1, affects: $a, openedAt: $at}) { id }
        }""",
        {"a": affects, "at": opened.isoformat()},
    )
    await gql(
        """mutation($id: ID!, $at: DateTime!) {
          resolveIncident(id: $id, resolvedAt: $at, resolvedAtFirstContact: false) { id }
        }""",
        {"id": made["openIncident"]["id"], "at": (opened + timedelta(hours=1)).isoformat()},
    )


async def test_service_levels_count_each_outage_on_the_topology_of_its_time(
    db: Database, week: list[datetime], gql: GQL
) -> None:
    """Monday noon h1 failed while web1 and web2 both ran on it: the shop was DOWN for the
    hour, though today (web1 moved to h2) h1 failing only degrades it. An outage of web1
    and web2 on Sunday, before the history holds them (recorded Tuesday, as an import
    would), is counted on the graph of when it was recorded: the shop DOWN again."""
    ids = await moved(db)
    sunday_noon = MONDAY + timedelta(days=-1, hours=3)
    await recorded_outage(gql, [ids["h1"]], MONDAY + timedelta(hours=3))
    await recorded_outage(gql, [ids["web1"], ids["web2"]], sunday_noon)
    window = {"from": (MONDAY - timedelta(days=1, hours=9)).isoformat(), "to": TUESDAY.isoformat()}
    levels = (await gql(LEVELS, window))["serviceLevels"]["services"]
    assert {s["service"]["name"]: s["downtimeMinutes"] for s in levels}["shop"] == 120.0
    today = await gql(IMPACT, {"down": [ids["h1"]]})
    assert today["impact"]["services"] == [{"status": "DEGRADED", "service": {"name": "shop"}}]
