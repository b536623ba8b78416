"""Token scopes against the real Neo4j: a scoped token sees only CIs and services inside
one of its scopes (a hidden one is "not found" exactly like a missing id, totalCount
counts only what it sees), cannot write to a hidden one or create one outside; a token
without scopes sees everything, as before."""

from __future__ import annotations

from typing import Any

import httpx

from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import Role, ScopeKind
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import relate
from tests.conftest import GQL

LIST = """query($text: String) { cis(first: 50, filter: {text: $text}) {
  totalCount edges { node { name } } } }"""
ONE = "query($id: ID!) { ci(id: $id) { name } }"
SERVICES = "{ services(first: 50) { totalCount edges { node { name } } } }"
UPDATE = "mutation($id: ID!) { updateCI(id: $id, input: {status: DOWN}) { id } }"
CREATE_TOKEN = """mutation($scopes: [ScopeInput!]) {
  createToken(name: "prod-only", role: VIEWER, scopes: $scopes) {
    token apiToken { scopes { kind value } } } }"""


async def scoped(
    client: httpx.AsyncClient, db: Database, role: Role, *scopes: tuple[ScopeKind, str]
) -> GQL:
    within = [Scope(kind, value) for kind, value in scopes]
    name = f"scoped-{role.value}-{len(await tokens.list_tokens(db))}"
    issued = await tokens.create_token(db, system_actor("test"), name, role, (), within)
    return GQL(client, issued.token)


async def estate(gql: GQL) -> dict[str, str]:
    """web (production) runs on host (production); dev (development) stands alone; the
    shop service needs web."""
    ids = {
        "web": await create_ci(gql, "web", "APPLICATION", environment="PRODUCTION"),
        "host": await create_ci(gql, "host", environment="PRODUCTION"),
        "dev": await create_ci(gql, "dev", environment="DEVELOPMENT"),
    }
    shop = await gql('mutation { createService(input: {name: "shop"}) { id } }')
    ids["shop"] = shop["createService"]["id"]
    await relate(gql, ids["web"], "RUNS_ON", ids["host"])
    await relate(gql, ids["shop"], "DEPENDS_ON", ids["web"])
    return ids


def names(connection: dict[str, Any]) -> list[str]:
    return sorted(e["node"]["name"] for e in connection["edges"])


async def test_an_admin_issues_a_scoped_token_and_it_is_listed(admin_gql: GQL) -> None:
    scopes = [{"kind": "ENVIRONMENT", "value": "PRODUCTION"}]
    data = await admin_gql(CREATE_TOKEN, {"scopes": scopes})
    assert data["createToken"]["apiToken"]["scopes"] == scopes
    listed = await admin_gql("{ apiTokens { name scopes { kind value } } }")
    assert {"name": "prod-only", "scopes": scopes} in listed["apiTokens"]


async def test_an_environment_scope_shows_its_cis_only(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    page = (await prod(LIST))["cis"]
    assert (names(page), page["totalCount"]) == (["host", "web"], 2)
    searched = (await prod(LIST, {"text": "dev"}))["cis"]
    assert (names(searched), searched["totalCount"]) == ([], 0)
    # a hidden CI answers exactly as a missing id does
    assert await prod(ONE, {"id": ids["dev"]}) == await prod(ONE, {"id": "no-such-id"})
    assert (await prod(ONE, {"id": ids["web"]}))["ci"] == {"name": "web"}
    # a service is inside an environment when it needs a CI there
    assert names((await prod(SERVICES))["services"]) == ["shop"]
    # the token without scopes sees everything, as before
    assert (await gql(LIST))["cis"]["totalCount"] == 3


async def test_a_service_scope_shows_what_the_service_needs(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    await estate(gql)
    shop = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "shop"))
    assert names((await shop(LIST))["cis"]) == ["host", "web"]
    assert names((await shop(SERVICES))["services"]) == ["shop"]
    nothing = await scoped(client, db, Role.VIEWER, (ScopeKind.SERVICE, "no-such-service"))
    assert (await nothing(LIST))["cis"] == {"totalCount": 0, "edges": []}
    assert (await nothing(SERVICES))["services"] == {"totalCount": 0, "edges": []}


async def test_writes_to_hidden_cis_are_not_found_and_creating_outside_is_refused(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    prod = await scoped(client, db, Role.EDITOR, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    hidden = await prod.error(UPDATE, {"id": ids["dev"]})
    missing = await prod.error(UPDATE, {"id": "no-such-id"})
    assert hidden["extensions"]["code"] == missing["extensions"]["code"] == "NOT_FOUND"
    assert hidden["message"].replace(ids["dev"], "X") == missing["message"].replace(
        "no-such-id", "X"
    )
    await prod(UPDATE, {"id": ids["web"]})  # inside: written
    create = """mutation($e: Environment) {
      createCI(input: {name: "n", ciClass: SERVER, environment: $e}) { id } }"""
    refused = await prod.error(create, {"e": "DEVELOPMENT"})
    assert refused["extensions"]["code"] == "OUTSIDE_SCOPES"
    rows = await db.run_raw("MATCH (c:CI {name: 'n'}) RETURN c")
    assert rows == []  # nothing written
    await prod(create, {"e": "PRODUCTION"})
    statuses = await db.run_raw("MATCH (c:CI {name: 'dev'}) RETURN c.status AS s")
    assert statuses[0]["s"] != "DOWN"


async def test_what_scopes_do_not_cover_yet_is_refused_to_a_scoped_token(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    for query in (
        "query($id: ID!) { ci(id: $id) { name installedSoftware { version } } }",
        "query($id: ID!) { vendor(id: $id) { name } }",
        "query($id: ID!) { location(id: $id) { name } }",
    ):
        error = await prod.error(query, {"id": ids["web"]})
        assert error["extensions"]["code"] == "FORBIDDEN"
        assert error["extensions"]["reason"] == "notScoped"
    # the same question from a token without scopes is answered
    depends = "query($id: ID!) { ci(id: $id) { dependsOn { node { name } } } }"
    answer = await gql(depends, {"id": ids["web"]})
    assert answer["ci"]["dependsOn"] == [{"node": {"name": "host"}}]


async def test_creating_a_ci_another_scope_has_tells_nothing_of_it(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    """Identification runs over the whole CMDB (one identity per real thing), but a
    scoped caller whose new CI is found to be one it does not see learns no id, name or
    rule of it; a CI it sees is named as before."""
    hidden = await gql(
        """mutation { createCI(input: {name: "db-secret", ciClass: SERVER,
          environment: DEVELOPMENT, serialNumber: "SN-HIDDEN-1"}) { id } }"""
    )
    hidden_id = hidden["createCI"]["id"]
    prod = await scoped(client, db, Role.EDITOR, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    same_box = """mutation { createCI(input: {name: "db-new", ciClass: SERVER,
      environment: PRODUCTION, serialNumber: "SN-HIDDEN-1"}) { id } }"""
    error = await prod.error(same_box)
    assert error["extensions"]["code"] == "DUPLICATE"
    told = f"{error['message']} {error['extensions']}"
    assert "db-secret" not in told
    assert hidden_id not in told
    assert "outside your token's scopes" in error["message"]
    # the unscoped editor is told which CI it is
    known = await gql.error(same_box)
    assert "db-secret" in known["message"]
    assert known["extensions"]["id"] == hidden_id
