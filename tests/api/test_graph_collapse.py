"""graph(collapse: true) against the real Neo4j: lifecycle events and installed software
are counted per drawn node instead of walked, expandable with a typed graph query."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import install, many_cis_with, product
from tests.api.test_relations import relate
from tests.conftest import GQL

GRAPH = """query($id: ID!, $depth: Int!, $collapse: Boolean!, $types: [RelationshipType!]) {
  graph(centerId: $id, depth: $depth, collapse: $collapse, types: $types) {
    nodes { id name labels } edges { source target type }
    aggregates { nodeId kind type count sharedWith } } }"""
MOVE = "mutation($id: ID!, $to: LifecycleState!) { transitionAsset(id: $id, to: $to) { asset { id } } }"


async def estate(gql: GQL, db: Database) -> dict[str, str]:
    """app -> web (tracked by an asset with three lifecycle events: created, two moves; two packages installed,
    one of them also on five other servers)."""
    ids = {"app": await create_ci(gql, "app", "APPLICATION"), "web": await create_ci(gql, "web")}
    await relate(gql, ids["app"], "RUNS_ON", ids["web"])
    ids["asset"] = (await create_asset(gql, assetTag="A-1"))["id"]
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": ids["asset"], "c": ids["web"]},
    )
    for state in ("ORDERED", "RECEIVED"):
        await gql(MOVE, {"id": ids["asset"], "to": state})
    ids["office"] = await product(gql, "Acme", "Office")
    ids["agent"] = await product(gql, "Acme", "Agent")
    await install(gql, ids["web"], ids["office"])
    await install(gql, ids["web"], ids["agent"])
    await many_cis_with(db, ids["agent"], "fleet", 5)
    return ids


async def graph(gql: GQL, center: str, depth: int, collapse: bool, **more: Any) -> dict[str, Any]:
    variables = {"id": center, "depth": depth, "collapse": collapse, "types": None} | more
    return dict((await gql(GRAPH, variables))["graph"])


def kinds(view: dict[str, Any]) -> set[str]:
    return {label for n in view["nodes"] for label in n["labels"]}


async def test_collapsed_neighbourhood_counts_what_it_leaves_out(gql: GQL, db: Database) -> None:
    ids = await estate(gql, db)
    full = await graph(gql, ids["app"], 3, False)
    assert {"LifecycleEvent", "SoftwareProduct"} <= kinds(full)
    assert sum(n["name"].startswith("fleet-") for n in full["nodes"]) == 5
    assert full["aggregates"] == []

    calm = await graph(gql, ids["app"], 3, True)
    assert {n["id"] for n in calm["nodes"]} == {ids["app"], ids["web"], ids["asset"]}
    assert {e["type"] for e in calm["edges"]} == {"RUNS_ON", "TRACKS"}
    by_node = {(a["nodeId"], a["kind"]): a for a in calm["aggregates"]}
    assert by_node == {
        (ids["web"], "SOFTWARE"): {
            "nodeId": ids["web"],
            "kind": "SOFTWARE",
            "type": "HAS_INSTALLED",
            "count": 2,
            "sharedWith": 5,  # the agent is on five other servers
        },
        (ids["asset"], "LIFECYCLE_EVENTS"): {
            "nodeId": ids["asset"],
            "kind": "LIFECYCLE_EVENTS",
            "type": "HAD",
            "count": 3,
            "sharedWith": None,
        },
    }


async def test_an_aggregate_expands_with_a_typed_graph_query(gql: GQL, db: Database) -> None:
    ids = await estate(gql, db)
    software = await graph(gql, ids["web"], 1, False, types=["HAS_INSTALLED"])
    assert {n["id"] for n in software["nodes"]} == {ids["web"], ids["office"], ids["agent"]}
    events = await graph(gql, ids["asset"], 1, False, types=["HAD"])
    assert [n["labels"] for n in events["nodes"]].count(["LifecycleEvent"]) == 3


async def test_a_package_asked_for_itself_shows_where_it_is_installed(
    gql: GQL, db: Database
) -> None:
    ids = await estate(gql, db)
    calm = await graph(gql, ids["agent"], 2, True)
    names = {n["name"] for n in calm["nodes"]}
    assert {"web", "app"} | {f"fleet-{i:03}" for i in range(5)} <= names
    # the centre's installations are drawn, not counted; past it nothing is walked through
    # software again: web's other package stays a count
    assert ids["office"] not in {n["id"] for n in calm["nodes"]}
    counted = {(a["nodeId"], a["kind"]): a["count"] for a in calm["aggregates"]}
    assert (ids["agent"], "INSTALLATIONS") not in counted
    assert counted[(ids["web"], "SOFTWARE")] == 2
    assert "LifecycleEvent" not in kinds(calm)
