"""Token scopes on the fields leading from one object to others, against the real Neo4j:
what a CI or service needs, what needs it, its services, asset and incidents leave out
the nodes a scoped token does not see (an edge to a hidden node is not shown)."""

from __future__ import annotations

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import relate
from tests.api.test_scopes import estate, scoped
from tests.conftest import GQL

NEIGHBOURS = """query($id: ID!) { ci(id: $id) {
  dependsOn { node { name } } dependents { node { name } }
  services { name } asset { assetTag } incidents { title } openIncidents { title } } }"""
SERVICE = """query($id: ID!) { service(id: $id) {
  dependsOn { node { name } } dependents { node { name } } incidents { title } } }"""


async def open_incident(gql: GQL, title: str, *affects: str) -> str:
    query = """mutation($t: String!, $a: [ID!]!) {
      openIncident(input: {title: $t, priority: P3, affects: $a}) { id } }"""
    data = await gql(query, {"t": title, "a": list(affects)})
    return str(data["openIncident"]["id"])


async def create_asset(gql: GQL, tag: str, ci_id: str) -> str:
    data = await gql(
        "mutation($t: String!) { createAsset(input: {assetTag: $t, name: $t}) { id } }",
        {"t": tag},
    )
    asset_id = str(data["createAsset"]["id"])
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset_id, "c": ci_id},
    )
    return asset_id


async def test_hidden_neighbours_of_a_ci_are_left_out(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)  # shop -> web (prod) -> host (prod); dev (development)
    ids["cache"] = await create_ci(gql, "cache", environment="DEVELOPMENT")
    ids["probe"] = await create_ci(gql, "probe", "APPLICATION", environment="DEVELOPMENT")
    await relate(gql, ids["web"], "DEPENDS_ON", ids["cache"])  # web needs a hidden CI
    await relate(gql, ids["probe"], "DEPENDS_ON", ids["web"])  # a hidden CI needs web
    await open_incident(gql, "cache slow", ids["cache"])  # hits web through cache: hidden
    await open_incident(gql, "web slow", ids["web"])
    await create_asset(gql, "A-1", ids["web"])
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    seen = (await prod(NEIGHBOURS, {"id": ids["web"]}))["ci"]
    assert seen == {
        "dependsOn": [{"node": {"name": "host"}}],
        "dependents": [{"node": {"name": "shop"}}],
        "services": [{"name": "shop"}],
        "asset": {"assetTag": "A-1"},
        "incidents": [{"title": "web slow"}],
        "openIncidents": [{"title": "web slow"}],
    }
    # the token without scopes sees every neighbour, as before
    everything = (await gql(NEIGHBOURS, {"id": ids["web"]}))["ci"]
    assert sorted(e["node"]["name"] for e in everything["dependsOn"]) == ["cache", "host"]
    assert sorted(e["node"]["name"] for e in everything["dependents"]) == ["probe", "shop"]
    assert sorted(i["title"] for i in everything["incidents"]) == ["cache slow", "web slow"]


async def test_a_service_token_sees_its_service_and_not_the_others_of_a_ci(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    blog = await gql('mutation { createService(input: {name: "blog"}) { id } }')
    await relate(gql, blog["createService"]["id"], "DEPENDS_ON", ids["web"])
    shop = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "shop"))
    seen = (await shop(NEIGHBOURS, {"id": ids["web"]}))["ci"]
    assert seen["services"] == [{"name": "shop"}]
    assert seen["dependents"] == [{"node": {"name": "shop"}}]
    svc = (await shop(SERVICE, {"id": ids["shop"]}))["service"]
    assert svc == {"dependsOn": [{"node": {"name": "web"}}], "dependents": [], "incidents": []}
    assert (await gql(NEIGHBOURS, {"id": ids["web"]}))["ci"]["services"] == [
        {"name": "blog"},
        {"name": "shop"},
    ]
