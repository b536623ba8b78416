"""Token scopes on the root reads of assets, incidents and changes, against the real
Neo4j: a scoped token sees only its own, a hidden id answers exactly like a missing one,
totalCount counts only what it sees, and the links of what it sees leave hidden ones out."""

from __future__ import annotations

from typing import Any

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_scopes import estate, scoped
from tests.api.test_scopes_neighbours import create_asset, open_incident
from tests.conftest import GQL

ROOTS = """{
  assets(first: 50) { totalCount edges { node { assetTag } } }
  incidents(first: 50) { totalCount edges { node { title } } }
  changes(first: 50) { totalCount edges { node { title } } } }"""
ASSET = """query($id: ID!) { asset(id: $id) { assetTag ci { name } services { name }
  location { name } assignedTo { name } incidents { title } } }"""
INCIDENT = """query($id: ID!) { incident(id: $id) { title affects { name } servicesHit { name }
  } }"""
CHANGE = """query($id: ID!) { change(id: $id) { title modifies { name } causedIncidents { title }
  } }"""


async def create_change(gql: GQL, title: str, *modifies: str) -> str:
    query = """mutation($t: String!, $m: [ID!]!) { createChange(input: {title: $t,
      plannedStart: "2030-01-01T00:00:00Z", plannedEnd: "2030-01-01T02:00:00Z",
      modifies: $m}) { id } }"""
    return str((await gql(query, {"t": title, "m": list(modifies)}))["createChange"]["id"])


def listed(connection: dict[str, Any], key: str) -> tuple[list[str], int]:
    return sorted(e["node"][key] for e in connection["edges"]), connection["totalCount"]


async def test_assets_incidents_and_changes_are_scoped(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)  # shop -> web (prod) -> host (prod); dev (development)
    web_asset = await create_asset(gql, "A-web", ids["web"])
    dev_asset = await create_asset(gql, "A-dev", ids["dev"])
    both = await open_incident(gql, "both down", ids["web"], ids["dev"])
    dev_incident = await open_incident(gql, "dev down", ids["dev"])
    await create_change(gql, "patch web", ids["web"], ids["dev"])
    dev_change = await create_change(gql, "patch dev", ids["dev"])
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))

    roots = await prod(ROOTS)
    assert listed(roots["assets"], "assetTag") == (["A-web"], 1)
    assert listed(roots["incidents"], "title") == (["both down"], 1)
    assert listed(roots["changes"], "title") == (["patch web"], 1)
    everything = await gql(ROOTS)
    assert [everything[k]["totalCount"] for k in ("assets", "incidents", "changes")] == [2, 2, 2]

    # a hidden id answers exactly like a missing one
    for query, hidden in ((ASSET, dev_asset), (INCIDENT, dev_incident), (CHANGE, dev_change)):
        assert await prod(query, {"id": hidden}) == await prod(query, {"id": "no-such-id"})

    # what a visible one links to leaves the hidden nodes out
    asset = (await prod(ASSET, {"id": web_asset}))["asset"]
    assert asset == {
        "assetTag": "A-web",
        "ci": {"name": "web"},
        "services": [{"name": "shop"}],
        "location": None,
        "assignedTo": None,
        "incidents": [{"title": "both down"}],
    }
    incident = (await prod(INCIDENT, {"id": both}))["incident"]
    assert incident == {
        "title": "both down",
        "affects": [{"name": "web"}],
        "servicesHit": [{"name": "shop"}],
    }
    seen = (await gql(INCIDENT, {"id": both}))["incident"]["affects"]
    assert sorted(n["name"] for n in seen) == ["dev", "web"]
    changes = await prod("{ changes(first: 5) { edges { node { modifies { name } } } } }")
    assert changes["changes"]["edges"] == [{"node": {"modifies": [{"name": "web"}]}}]

    # an incident filter naming a hidden CI answers like one naming a missing id
    by_ci = "query($id: ID!) { incidents(first: 5, filter: {ciId: $id}) { totalCount } }"
    assert await prod(by_ci, {"id": ids["dev"]}) == await prod(by_ci, {"id": "no-such-id"})
    assert (await gql(by_ci, {"id": ids["dev"]}))["incidents"]["totalCount"] == 2
