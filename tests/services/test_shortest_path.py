"""shortestPath: one shortest undirected path between two nodes, for the explorer."""

from __future__ import annotations

import itertools

import pytest

from graphcmdb.db.database import Database
from graphcmdb.errors import LimitExceeded, NotFound, ValidationFailed
from graphcmdb.graph.enums import CIClass, RelType
from graphcmdb.services import paths
from tests.conftest import GQL
from tests.impact_fixtures import build, worked_example

QUERY = """
query Path($from: ID!, $to: ID!, $maxHops: Int) {
  shortestPath(fromId: $from, toId: $to, maxHops: $maxHops) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
  }
}
"""


def names(view: dict, ids: dict[str, str]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[n["id"]] for n in view["nodes"]]


async def test_path_in_order_from_start_to_end(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    data = await gql(QUERY, {"from": ids["shop"], "to": ids["h2"]})
    view = data["shortestPath"]
    assert names(view, ids) == ["shop", "web", "web3", "h2"]
    assert view["truncated"] is False
    # one edge between each pair of consecutive nodes, whatever its direction
    pairs = [{e["source"], e["target"]} for e in view["edges"]]
    chain = [n["id"] for n in view["nodes"]]
    assert pairs == [{a, b} for a, b in itertools.pairwise(chain)]
    assert [e["type"] for e in view["edges"]] == ["DEPENDS_ON", "MEMBER_OF", "HOSTED_ON"]
    assert view["edges"][0]["kind"] == "HARD"
    # the reverse direction gives the same path, reversed
    back = (await gql(QUERY, {"from": ids["h2"], "to": ids["shop"]}))["shortestPath"]
    assert names(back, ids) == ["h2", "web3", "web", "shop"]


async def test_edge_ids_match_the_graph_query(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    path = (await gql(QUERY, {"from": ids["shop"], "to": ids["h2"]}))["shortestPath"]
    graph = await gql(
        "query G($id: ID!) { graph(centerId: $id, depth: 4) { edges { id source target } } }",
        {"id": ids["shop"]},
    )
    drawn = {e["id"]: e for e in graph["graph"]["edges"]}
    for edge in path["edges"]:
        assert drawn[edge["id"]] == {k: edge[k] for k in ("id", "source", "target")}


async def test_no_path_when_disconnected(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    ids |= await build(db, {"island": (CIClass.SERVER, {})}, {}, [])
    view = (await gql(QUERY, {"from": ids["shop"], "to": ids["island"]}))["shortestPath"]
    assert view == {"truncated": False, "nodes": [], "edges": []}


async def test_max_hops_is_respected(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    short = await gql(QUERY, {"from": ids["shop"], "to": ids["h2"], "maxHops": 2})
    assert short["shortestPath"]["nodes"] == []
    exact = await gql(QUERY, {"from": ids["shop"], "to": ids["h2"], "maxHops": 3})
    assert names(exact["shortestPath"], ids) == ["shop", "web", "web3", "h2"]


async def test_longer_than_default_and_up_to_the_cap(db: Database) -> None:
    chain = {f"n{i}": (CIClass.SERVER, {}) for i in range(13)}
    edges = [(f"n{i}", RelType.CONNECTED_TO, f"n{i + 1}", None) for i in range(12)]
    ids = await build(db, chain, {}, edges)
    assert (await paths.shortest_path(db, ids["n0"], ids["n12"], 11)).nodes == {}
    view = await paths.shortest_path(db, ids["n0"], ids["n12"], 12)
    assert list(view.nodes) == [ids[f"n{i}"] for i in range(13)]
    assert len(view.edges) == 12


async def test_same_node_is_a_path_of_one(db: Database) -> None:
    ids = await worked_example(db)
    view = await paths.shortest_path(db, ids["web"], ids["web"], 8)
    assert list(view.nodes) == [ids["web"]]
    assert view.edges == {}


async def test_unknown_id_is_not_found(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    err = await gql.error(QUERY, {"from": ids["shop"], "to": "nope"})
    assert err["extensions"]["code"] == "NOT_FOUND"
    assert err["extensions"]["ids"] == ["nope"]
    with pytest.raises(NotFound):
        await paths.shortest_path(db, "nope", ids["shop"], 8)


@pytest.mark.parametrize(
    ("hops", "code"), [(0, "VALIDATION_FAILED"), (-1, "VALIDATION_FAILED"), (13, "LIMIT_EXCEEDED")]
)
async def test_bad_max_hops_is_a_typed_error(db: Database, gql: GQL, hops: int, code: str) -> None:
    ids = await worked_example(db)
    err = await gql.error(QUERY, {"from": ids["shop"], "to": ids["h2"], "maxHops": hops})
    assert err["extensions"]["code"] == code
    assert err["extensions"]["field"] == "maxHops"


async def test_bad_max_hops_is_checked_before_ids(db: Database) -> None:
    with pytest.raises(LimitExceeded):
        await paths.shortest_path(db, "a", "b", 99)
    with pytest.raises(ValidationFailed):
        await paths.shortest_path(db, "a", "b", 0)


async def test_viewer_may_ask(db: Database, viewer_gql: GQL) -> None:
    ids = await worked_example(db)
    data = await viewer_gql(QUERY, {"from": ids["web1"], "to": ids["h1"]})
    assert [n["id"] for n in data["shortestPath"]["nodes"]] == [ids["web1"], ids["h1"]]


async def test_anonymous_is_refused(db: Database, gql: GQL) -> None:
    ids = await worked_example(db)
    err = await gql.error(QUERY, {"from": ids["web1"], "to": ids["h1"]}, token="")
    assert err["extensions"]["code"] in {"UNAUTHENTICATED", "FORBIDDEN"}
