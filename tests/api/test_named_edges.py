"""A nested read by name (``services { dependsOn { node { id name ... on Dependable {
dependsOn { node { id name } } } } } }``) reads (id, name, labels) rows, not whole nodes
(``api/graphql/core/named.py``), answers what the whole-node read answers, and costs the
same number of round trips however many services it covers."""

from __future__ import annotations

from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.services import relations
from tests.conftest import GQL
from tests.impact_fixtures import build

NAMED = """query($first: Int) { services(first: $first) { edges { node { id name
  dependsOn { type kind node { __typename id name ... on Dependable {
    dependents { node { name } }
    dependsOn { node { id name labels } } } } } } } } }"""

#: the same, with one field of the CI that only a whole node has (status)
WHOLE = NAMED.replace(
    "dependsOn { node { id name labels } }",
    "dependsOn { node { id name labels ... on CI { status } } }",
)

Edge = tuple[str, RelType, str, DependencyKind | None]


async def estate(db: Database, services: int) -> None:
    """``services`` services, each on an app cluster of two VMs on one host, and a shared db."""
    cis: dict[str, tuple[CIClass, dict[str, object]]] = {
        "db": (CIClass.DATABASE, {}),
        "host": (CIClass.SERVER, {}),
    }
    edges: list[Edge] = []
    for i in range(services):
        cis[f"app{i}"] = (CIClass.CLUSTER, {"minAvailable": 1})
        for vm in (f"vm{i}a", f"vm{i}b"):
            cis[vm] = (CIClass.VIRTUAL_MACHINE, {})
            edges += [
                (vm, RelType.MEMBER_OF, f"app{i}", None),
                (vm, RelType.HOSTED_ON, "host", None),
            ]
        edges += [
            (f"s{i}", RelType.DEPENDS_ON, f"app{i}", DependencyKind.HARD),
            (f"s{i}", RelType.DEPENDS_ON, "db", DependencyKind.SOFT),
            (f"app{i}", RelType.DEPENDS_ON, "db", DependencyKind.HARD),
        ]
    await build(db, cis, {f"s{i}": {} for i in range(services)}, edges)


def tree(data: dict[str, Any], whole: bool = False) -> list[Any]:
    out = []
    for service in data["services"]["edges"]:
        node = service["node"]
        needs = []
        for edge in node["dependsOn"]:
            far = edge["node"]
            below = [
                {k: v for k, v in e["node"].items() if k != "status" or not whole}
                for e in far["dependsOn"]
            ]
            above = [e["node"]["name"] for e in far["dependents"]]
            needs.append(
                (
                    edge["type"],
                    edge["kind"],
                    far["__typename"],
                    far["id"],
                    far["name"],
                    below,
                    above,
                )
            )
        out.append((node["id"], node["name"], needs))
    return out


async def test_named_read_answers_what_the_whole_node_read_answers(
    gql: GQL, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await estate(db, 3)
    whole = await gql(WHOLE)
    assert any(
        e["node"].get("status")
        for s in whole["services"]["edges"]
        for d in s["node"]["dependsOn"]
        for e in d["node"]["dependsOn"]
    )

    async def no_whole_nodes(*args: Any) -> Any:
        raise AssertionError("a whole-node read for an {id name} selection")

    monkeypatch.setattr(relations, "both_ways", no_whole_nodes)
    named = await gql(NAMED)
    assert tree(named) == tree(whole, whole=True)
    first = tree(named)[0][2]
    assert {(n[2], n[4]) for n in first} == {("CI", "app0"), ("CI", "db")}
    app = next(n for n in first if n[4] == "app0")
    assert sorted(e["name"] for e in app[5]) == ["db", "vm0a", "vm0b"]  # its need and members
    assert all(e["labels"] for e in app[5])
    assert app[6] == ["s0"]


async def test_round_trips_do_not_grow_with_the_width(gql: GQL, db: Database) -> None:
    await estate(db, 6)
    await gql(NAMED, {"first": 1})  # the token's first use (looked up once)
    trips = []
    for first in (1, 6):
        before = db.round_trips
        data = await gql(NAMED, {"first": first})
        trips.append(db.round_trips - before)
        assert len(data["services"]["edges"]) == first
    # the page of services, then one batch of edges per level (dependsOn, then dependents
    # and dependsOn below), whatever the number of services
    assert trips[0] == trips[1]
    assert trips[1] <= 5


async def test_each_field_of_a_document_decides_for_itself(gql: GQL, db: Database) -> None:
    """The decision is remembered per field of the operation (its path, aliases included,
    and the type it is selected on): a whole-node alias beside a named one, on every
    object of a list, still gets whole nodes."""
    await estate(db, 3)
    data = await gql("""{ services(first: 3) { edges { node { dependsOn { node {
      ... on CI { named: dependsOn { node { id name } } whole: dependsOn { node { id
        ... on CI { status } } } }
      ... on Service { whole: dependsOn { node { id } } } } } } } } }""")
    seen = 0
    for service in data["services"]["edges"]:
        for edge in service["node"]["dependsOn"]:
            far = edge["node"]
            assert [e["node"]["id"] for e in far["named"]] == [
                e["node"]["id"] for e in far["whole"]
            ]
            assert all(e["node"]["status"] for e in far["whole"])
            seen += len(far["whole"])
    assert seen > 0
