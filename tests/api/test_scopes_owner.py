"""An owner scope (issue 14, part 8): a token scoped to a team sees the services the
team owns (their ``owner``, or ``OWNED_BY`` the team), what those services need, and the
CIs ``SUPPORTED_BY`` the team; nothing of anyone else's."""

from __future__ import annotations

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_relations import relate
from tests.api.test_scopes import LIST, ONE, SERVICES, estate, names, scoped
from tests.conftest import GQL

OWNER = "mutation($id: ID!, $o: String) { updateService(id: $id, input: {owner: $o}) { id } }"


async def test_an_owner_scope_shows_the_team_s_services_and_what_they_need(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)  # shop needs web, web runs on host; dev stands alone
    payments = await scoped(client, db, Role.VIEWER, (ScopeKind.OWNER, "payments"))
    assert (await payments(SERVICES))["services"]["totalCount"] == 0  # no owner yet
    await gql(OWNER, {"id": ids["shop"], "o": "payments"})
    assert names((await payments(SERVICES))["services"]) == ["shop"]
    page = (await payments(LIST))["cis"]
    assert (names(page), page["totalCount"]) == (["host", "web"], 2)
    assert (await payments(ONE, {"id": ids["dev"]}))["ci"] is None
    other = await scoped(client, db, Role.VIEWER, (ScopeKind.OWNER, "other-team"))
    assert (await other(LIST))["cis"] == {"totalCount": 0, "edges": []}
    assert (await other(SERVICES))["services"]["totalCount"] == 0


async def test_an_owner_scope_shows_the_cis_its_team_supports(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    await db.run_raw("CREATE (:Team:Entity {id: 'team-payments', name: 'payments'})")
    payments = await scoped(client, db, Role.VIEWER, (ScopeKind.OWNER, "payments"))
    assert (await payments(ONE, {"id": ids["dev"]}))["ci"] is None
    await relate(gql, ids["dev"], "SUPPORTED_BY", "team-payments")
    assert (await payments(ONE, {"id": ids["dev"]}))["ci"] == {"name": "dev"}
    assert names((await payments(LIST))["cis"]) == ["dev"]
    # the team by its id scopes the same
    by_id = await scoped(client, db, Role.VIEWER, (ScopeKind.OWNER, "team-payments"))
    assert names((await by_id(LIST))["cis"]) == ["dev"]
