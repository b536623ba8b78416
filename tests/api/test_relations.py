"""relate / unrelate: legal pairs, typed refusals, dependsOn / dependents / services."""

from __future__ import annotations

import pytest

from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

RELATE = """mutation($a: ID!, $t: RelationshipType!, $b: ID!, $k: DependencyKind) {
  relate(input: {fromId: $a, type: $t, toId: $b, kind: $k}) { type kind node { id name } } }"""


async def relate(gql: GQL, a: str, rel: str, b: str, kind: str | None = None) -> dict:  # type: ignore[type-arg]
    return (await gql(RELATE, {"a": a, "t": rel, "b": b, "k": kind}))["relate"]


async def create_service(gql: GQL, name: str, **extra: object) -> str:
    data = await gql(
        "mutation($i: CreateServiceInput!) { createService(input: $i) { id } }",
        {"i": {"name": name, **extra}},
    )
    return str(data["createService"]["id"])


@pytest.mark.parametrize(
    ("source", "rel", "target"),
    [
        ("SERVER", "HOSTED_ON", "SERVER"),  # HOSTED_ON only from a VM
        ("VIRTUAL_MACHINE", "HOSTED_ON", "CLUSTER"),  # ... to a Server
        ("SERVER", "MEMBER_OF", "SERVER"),  # MEMBER_OF only to a Cluster
        ("SERVER", "RUNS_ON", "SERVER"),  # RUNS_ON only from software
        ("APPLICATION", "RUNS_ON", "DATABASE"),  # ... onto a host
    ],
)
async def test_illegal_pairs_are_refused_and_nothing_written(
    gql: GQL,
    db,
    source: str,
    rel: str,
    target: str,  # type: ignore[no-untyped-def]
) -> None:
    a = await create_ci(gql, "a", source)
    b = await create_ci(gql, "b", target)
    err = await gql.error(RELATE, {"a": a, "t": rel, "b": b})
    assert err["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    assert rel in err["message"]
    assert (await db.run_raw("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"))[0]["n"] == 0


async def test_kind_only_on_depends_on_and_no_self_loops(gql: GQL) -> None:
    vm = await create_ci(gql, "vm", "VIRTUAL_MACHINE")
    host = await create_ci(gql, "host")
    err = await gql.error(RELATE, {"a": vm, "t": "HOSTED_ON", "b": host, "k": "SOFT"})
    assert err["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    err = await gql.error(RELATE, {"a": vm, "t": "DEPENDS_ON", "b": vm})
    assert "itself" in err["message"]


async def test_relate_unknown_ids_lists_them(gql: GQL) -> None:
    vm = await create_ci(gql, "vm", "VIRTUAL_MACHINE")
    err = await gql.error(RELATE, {"a": vm, "t": "HOSTED_ON", "b": "missing-1"})
    assert err["extensions"]["code"] == "NOT_FOUND"
    assert err["extensions"]["ids"] == ["missing-1"]


async def test_dependency_views_and_transitive_services(gql: GQL) -> None:
    h1 = await create_ci(gql, "h1")
    web = [await create_ci(gql, f"web{i}", "VIRTUAL_MACHINE") for i in (1, 2)]
    cluster = await create_ci(gql, "web-cluster", "CLUSTER", minAvailable=1)
    app = await create_ci(gql, "shop-app", "APPLICATION")
    shop = await create_service(gql, "Shop", criticality=5, users=100)
    portal = await create_service(gql, "Portal")
    for vm in web:
        await relate(gql, vm, "HOSTED_ON", h1)
        await relate(gql, vm, "MEMBER_OF", cluster)
    assert (await relate(gql, app, "RUNS_ON", cluster))["kind"] == "HARD"
    assert (await relate(gql, shop, "DEPENDS_ON", app, "SOFT"))["kind"] == "SOFT"
    assert (await relate(gql, portal, "DEPENDS_ON", shop))["kind"] == "HARD"  # default kind

    data = await gql(
        """query($h: ID!, $c: ID!) {
      host: ci(id: $h) { dependents { type node { name } } services { name } }
      cluster: ci(id: $c) { dependsOn { type kind node { name } } dependents { type node { name } } }
    }""",
        {"h": h1, "c": cluster},
    )
    assert sorted(e["node"]["name"] for e in data["host"]["dependents"]) == ["web1", "web2"]
    assert sorted(s["name"] for s in data["host"]["services"]) == ["Portal", "Shop"]
    members = data["cluster"]["dependsOn"]
    assert {(e["type"], e["node"]["name"]) for e in members} == {
        ("MEMBER_OF", "web1"),
        ("MEMBER_OF", "web2"),
    }
    assert data["cluster"]["dependents"] == [{"type": "RUNS_ON", "node": {"name": "shop-app"}}]


async def test_relate_is_idempotent_and_unrelate_removes(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    a = await create_service(gql, "A")
    b = await create_service(gql, "B")
    await relate(gql, a, "DEPENDS_ON", b, "SOFT")
    assert (await relate(gql, a, "DEPENDS_ON", b, "HARD"))["kind"] == "HARD"
    assert (await db.run_raw("MATCH ()-[r:DEPENDS_ON]->() RETURN count(r) AS n"))[0]["n"] == 1
    unrel = """mutation($a: ID!, $b: ID!) { unrelate(input: {fromId: $a, type: DEPENDS_ON, toId: $b}) }"""
    assert (await gql(unrel, {"a": a, "b": b}))["unrelate"] is True
    err = await gql.error(unrel, {"a": a, "b": b})
    assert err["extensions"]["code"] == "NOT_FOUND"


async def test_graph_view_for_the_explorer(gql: GQL) -> None:
    h1 = await create_ci(gql, "h1")
    vm = await create_ci(gql, "vm1", "VIRTUAL_MACHINE")
    app = await create_ci(gql, "app", "APPLICATION")
    await relate(gql, vm, "HOSTED_ON", h1)
    await relate(gql, app, "RUNS_ON", vm)
    q = """query($c: ID!, $d: Int!, $t: [RelationshipType!]) { graph(centerId: $c, depth: $d, types: $t) {
           nodes { id name labels status } edges { source target type kind } truncated } }"""
    one = (await gql(q, {"c": h1, "d": 1}))["graph"]
    assert {n["name"] for n in one["nodes"]} == {"h1", "vm1"}
    assert one["edges"] == [{"source": vm, "target": h1, "type": "HOSTED_ON", "kind": "HARD"}]
    two = (await gql(q, {"c": h1, "d": 2}))["graph"]
    assert {n["name"] for n in two["nodes"]} == {"h1", "vm1", "app"}
    only = (await gql(q, {"c": h1, "d": 2, "t": ["RUNS_ON"]}))["graph"]
    assert {n["name"] for n in only["nodes"]} == {"h1"}
    err = await gql.error(q, {"c": h1, "d": 99})
    assert err["extensions"]["code"] == "LIMIT_EXCEEDED"


async def test_what_a_node_needs_and_what_needs_it_come_in_one_read(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    """The explorer asks both of a CI: one round trip, as for one of them alone."""
    app, db_ci, portal = [await create_ci(gql, n, "APPLICATION") for n in ("app", "db", "portal")]
    await relate(gql, app, "DEPENDS_ON", db_ci)
    await relate(gql, portal, "DEPENDS_ON", app, "SOFT")
    one = "query($i: ID!) { ci(id: $i) { dependsOn { node { name } } } }"
    both = """query($i: ID!) { ci(id: $i) {
      dependsOn { kind node { name } } dependents { kind node { name } } } }"""
    await gql(one, {"i": app})  # the token looked up before counting
    costs, answers = [], []
    for query in (one, both):
        before = db.round_trips
        answers.append(await gql(query, {"i": app}))
        costs.append(db.round_trips - before)
    assert costs[0] == costs[1]
    assert answers[1]["ci"] == {
        "dependsOn": [{"kind": "HARD", "node": {"name": "db"}}],
        "dependents": [{"kind": "SOFT", "node": {"name": "portal"}}],
    }
