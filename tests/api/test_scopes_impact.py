"""Impact for a scoped token, against the real Neo4j: a hidden node still counts (the
blast radius is real) but is shown as a placeholder, in the list and in every path through
it; a hidden input is "not found" like a missing one; hidden services are not listed."""

from __future__ import annotations

from typing import Any

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import relate
from tests.api.test_scopes import estate, scoped
from tests.api.test_scopes_neighbours import open_incident
from tests.conftest import GQL

REPORT = """summary { nodesDown servicesDown nodesHidden }
  services { service { name } path pathIds }
  nodes { node { id name labels hidden } path pathIds }"""
IMPACT = "query($ids: [ID!]!) { impact(down: $ids) { " + REPORT + " } }"


async def landscape(gql: GQL) -> dict[str, str]:
    """shop -> web -> host (production); batch (development) runs on host; api
    (production) and the intranet service need batch."""
    ids = await estate(gql)
    ids["batch"] = await create_ci(gql, "batch", "APPLICATION", environment="DEVELOPMENT")
    ids["api"] = await create_ci(gql, "api", "APPLICATION", environment="PRODUCTION")
    intranet = await gql('mutation { createService(input: {name: "intranet"}) { id } }')
    ids["intranet"] = intranet["createService"]["id"]
    await relate(gql, ids["batch"], "RUNS_ON", ids["host"])
    await relate(gql, ids["api"], "DEPENDS_ON", ids["batch"])
    await relate(gql, ids["intranet"], "DEPENDS_ON", ids["batch"])
    return ids


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["node"]["name"]: n for n in report["nodes"] if not n["node"]["hidden"]}


async def test_hidden_nodes_are_counted_and_shown_as_placeholders(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    everything = (await gql(IMPACT, {"ids": [ids["host"]]}))["impact"]
    assert everything["summary"] == {"nodesDown": 6, "servicesDown": 2, "nodesHidden": 0}

    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    report = (await prod(IMPACT, {"ids": [ids["host"]]}))["impact"]
    assert report["summary"] == {"nodesDown": 6, "servicesDown": 2, "nodesHidden": 1}
    hidden = [n for n in report["nodes"] if n["node"]["hidden"]]
    assert [n["node"] for n in hidden] == [
        {"id": "hidden-1", "name": "(hidden)", "labels": [], "hidden": True}
    ]
    assert ids["batch"] not in str(report)  # neither its id nor its name
    assert "batch" not in str(report)
    # api is reached through batch: the path shows the placeholder
    api = by_name(report)["api"]
    assert api["path"] == ["host", "(hidden)", "api"]
    assert api["pathIds"] == [ids["host"], "hidden-1", ids["api"]]
    assert sorted(by_name(report)) == ["api", "host", "intranet", "shop", "web"]

    # a service token: the other service is counted, not listed
    shop = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "shop"))
    report = (await shop(IMPACT, {"ids": [ids["host"]]}))["impact"]
    assert report["summary"] == {"nodesDown": 6, "servicesDown": 2, "nodesHidden": 3}
    assert [s["service"]["name"] for s in report["services"]] == ["shop"]
    assert sorted(by_name(report)) == ["host", "shop", "web"]
    assert {n["node"]["id"] for n in report["nodes"] if n["node"]["hidden"]} == {
        "hidden-1",
        "hidden-2",
        "hidden-3",
    }


async def test_a_hidden_input_is_not_found_like_a_missing_one(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    hidden = await prod.error(IMPACT, {"ids": [ids["batch"]]})
    missing = await prod.error(IMPACT, {"ids": ["no-such-id"]})
    assert hidden["extensions"]["code"] == missing["extensions"]["code"] == "NOT_FOUND"
    assert hidden["message"].replace(ids["batch"], "X") == missing["message"].replace(
        "no-such-id", "X"
    )


async def test_an_incident_impact_redacts_its_hidden_targets(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    incident = await open_incident(gql, "rack power", ids["host"], ids["batch"])
    query = "query($id: ID!) { incident(id: $id) { affects { name } impact { " + REPORT + " } } }"
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    seen = (await prod(query, {"id": incident}))["incident"]
    assert seen["affects"] == [{"name": "host"}]
    assert seen["impact"]["summary"] == {"nodesDown": 6, "servicesDown": 2, "nodesHidden": 1}
    assert "batch" not in str(seen)
