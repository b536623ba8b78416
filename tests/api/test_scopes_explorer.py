"""The explorer and the resilience reports for a scoped token, against the real Neo4j.

The landscape (``test_scopes_impact.landscape``): shop -> web -> host (production);
batch (development) runs on host; api (production) and the intranet service need batch.
A PRODUCTION token sees everything but batch; a shop token sees shop, web and host.

- ``node``, ``graph``, ``shortestPath``, ``dependencyTree``: an input the token does not
  see is "not found" like a missing id; hidden nodes drawn are placeholders, as impact;
- ``singlePointsOfFailure``, ``rootCauseCandidates``, ``maintenanceRisk``,
  ``Change.liveRisk``: only what the token sees is listed, the counts stay real.
"""

from __future__ import annotations

from typing import Any

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_scopes import scoped
from tests.api.test_scopes_impact import landscape
from tests.api.test_scopes_roots import create_change
from tests.conftest import GQL

NODE = "query($id: ID!) { node(id: $id) { id name } }"
GRAPH = """query($id: ID!) { graph(centerId: $id, depth: 2) {
  nodes { id name labels status hidden } edges { id source target type } } }"""
PATH = """query($a: ID!, $b: ID!) { shortestPath(fromId: $a, toId: $b) {
  nodes { id name hidden } edges { id source target type } } }"""
TREE = """query($id: ID!) { dependencyTree(serviceId: $id) {
  key parentKey node { id name hidden } } }"""
SPOF = """query($id: ID!) { singlePointsOfFailure(serviceId: $id) {
  ci { name } servicesTakenDown { name } serviceCount } }"""
CAUSES = """query($ids: [ID!]!) { rootCauseCandidates(impacted: $ids) {
  cis { id name } explains predicted { node { name } } } }"""
AT_RISK = "service { id name } status path"
RISK = "risk servicesDown { " + AT_RISK + " } impactedCount"
MAINTENANCE = "query($ids: [ID!]!) { maintenanceRisk(ciIds: $ids) { " + RISK + " } }"
LIVE = "query($id: ID!) { change(id: $id) { liveRisk { " + RISK + " } } }"


def shown(view: dict[str, Any]) -> list[str]:
    return sorted(n["name"] for n in view["nodes"] if not n["hidden"])


def _first(values: dict[str, Any]) -> str:
    value = next(iter(values.values()))
    return str(value[0] if isinstance(value, list) else value)


async def same_as_missing(
    gql: GQL, query: str, hidden: dict[str, Any], missing: dict[str, Any]
) -> None:
    """The error for a hidden id (the first variable) is the one for a missing id, word
    for word."""
    seen = await gql.error(query, hidden)
    absent = await gql.error(query, hidden | missing)
    assert seen["extensions"]["code"] == absent["extensions"]["code"] == "NOT_FOUND"
    assert str(seen["message"]).replace(_first(hidden), "X") == str(absent["message"]).replace(
        _first(missing), "X"
    )


async def test_node_graph_and_paths_show_hidden_nodes_as_placeholders(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    assert (await prod(NODE, {"id": ids["batch"]}))["node"] is None
    assert (await prod(NODE, {"id": ids["web"]}))["node"] == {"id": ids["web"], "name": "web"}

    everything = (await gql(GRAPH, {"id": ids["host"]}))["graph"]
    assert shown(everything) == ["api", "batch", "host", "intranet", "shop", "web"]
    view = (await prod(GRAPH, {"id": ids["host"]}))["graph"]
    assert shown(view) == ["api", "host", "intranet", "shop", "web"]  # some through batch
    placeholder = {"id": "hidden-1", "name": "(hidden)", "labels": [], "status": None}
    assert [n for n in view["nodes"] if n["hidden"]] == [placeholder | {"hidden": True}]
    assert ids["batch"] not in str(view)
    assert "batch" not in str(view)
    edges = {(e["source"], e["target"]) for e in view["edges"]}
    assert {("hidden-1", ids["host"]), (ids["api"], "hidden-1")} <= edges
    assert len(view["edges"]) == len(everything["edges"])
    hidden_edges = [e["id"] for e in view["edges"] if "hidden-1" in (e["source"], e["target"])]
    assert all(i.startswith("hidden-edge-") for i in hidden_edges)
    await same_as_missing(prod, GRAPH, {"id": ids["batch"]}, {"id": "no-such-id"})

    path = (await prod(PATH, {"a": ids["api"], "b": ids["host"]}))["shortestPath"]
    assert [n["name"] for n in path["nodes"]] == ["api", "(hidden)", "host"]
    assert "batch" not in str(path)
    assert ids["batch"] not in str(path)
    await same_as_missing(prod, PATH, {"a": ids["batch"], "b": ids["host"]}, {"a": "nope"})


async def test_a_dependency_tree_shows_hidden_nodes_as_placeholders(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    tree = (await prod(TREE, {"id": ids["intranet"]}))["dependencyTree"]
    assert [(e["key"], e["node"]["name"], e["node"]["hidden"]) for e in tree] == [
        ("0", "intranet", False),
        ("0.1", "(hidden)", True),
        ("0.1.2", "host", False),
    ]
    assert ids["batch"] not in str(tree)
    shop = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "shop"))
    await same_as_missing(shop, TREE, {"id": ids["intranet"]}, {"id": "no-such-id"})


async def test_reports_list_only_what_the_token_sees(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    shop = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "shop"))
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    # host takes shop and intranet down; the shop token lists shop, counts both
    points = (await shop(SPOF, {"id": ids["shop"]}))["singlePointsOfFailure"]
    assert {p["ci"]["name"]: p["serviceCount"] for p in points} == {"host": 2, "web": 1}
    assert [s["name"] for p in points for s in p["servicesTakenDown"]] == ["shop", "shop"]
    # batch is a single point of the intranet: hidden from production, not listed
    points = (await prod(SPOF, {"id": ids["intranet"]}))["singlePointsOfFailure"]
    assert [p["ci"]["name"] for p in points] == ["host"]
    await same_as_missing(shop, SPOF, {"id": ids["intranet"]}, {"id": "no-such-id"})

    causes = (await prod(CAUSES, {"ids": [ids["api"], ids["intranet"]]}))["rootCauseCandidates"]
    assert causes
    assert "batch" not in str(causes)
    assert ids["batch"] not in str(causes)
    assert ["host"] in [[c["name"] for c in x["cis"]] for x in causes]
    everything = await gql(CAUSES, {"ids": [ids["api"], ids["intranet"]]})
    assert ["batch"] in [[c["name"] for c in x["cis"]] for x in everything["rootCauseCandidates"]]
    await same_as_missing(prod, CAUSES, {"ids": [ids["batch"]]}, {"ids": ["no-such-id"]})

    risk = (await prod(MAINTENANCE, {"ids": [ids["host"]]}))["maintenanceRisk"]
    paths = {s["service"]["name"]: s["path"] for s in risk["servicesDown"]}
    assert paths == {"shop": ["host", "web", "shop"], "intranet": ["host", "(hidden)", "intranet"]}
    full = (await gql(MAINTENANCE, {"ids": [ids["host"]]}))["maintenanceRisk"]
    assert risk["impactedCount"] == full["impactedCount"]
    assert risk["risk"] == "HIGH"
    risk = (await shop(MAINTENANCE, {"ids": [ids["host"]]}))["maintenanceRisk"]
    assert [s["service"]["name"] for s in risk["servicesDown"]] == ["shop"]
    await same_as_missing(prod, MAINTENANCE, {"ids": [ids["batch"]]}, {"ids": ["no-such-id"]})

    change = await create_change(gql, "host reboot", ids["host"], ids["batch"])
    live = (await prod(LIVE, {"id": change}))["change"]["liveRisk"]
    assert live["impactedCount"] == full["impactedCount"]
    assert sorted(s["service"]["name"] for s in live["servicesDown"]) == ["intranet", "shop"]
    assert "batch" not in str(live)
    assert ids["batch"] not in str(live)
    live = (await shop(LIVE, {"id": change}))["change"]["liveRisk"]
    assert [s["service"]["name"] for s in live["servicesDown"]] == ["shop"]
