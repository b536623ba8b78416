"""Incident and change writes for a scoped token, against the real Neo4j: a hidden
incident, change or link target is "not found" like a missing id; what would be created
outside every scope is rolled back with OUTSIDE_SCOPES; inside, it is written."""

from __future__ import annotations

import httpx

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_scopes import scoped
from tests.api.test_scopes_impact import landscape
from tests.api.test_scopes_roots import create_change
from tests.conftest import GQL

OPEN = """mutation($a: [ID!]!) { openIncident(input: {title: "down", priority: P2,
  affects: $a}) { id affects { name } } }"""
CHANGE = """mutation($m: [ID!]!) { createChange(input: {title: "patch",
  plannedStart: "2030-01-01T00:00:00Z", plannedEnd: "2030-01-01T02:00:00Z",
  modifies: $m}) { id } }"""
SUBMIT = "mutation($id: ID!) { transitionChange(id: $id, to: SUBMITTED) { state } }"


async def test_incident_and_change_writes_find_only_what_the_token_sees(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    prod = await scoped(client, db, Role.EDITOR, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    opened = (await prod(OPEN, {"a": [ids["web"]]}))["openIncident"]
    assert opened["affects"] == [{"name": "web"}]
    for query, name in ((OPEN, "a"), (CHANGE, "m")):
        hidden = await prod.error(query, {name: [ids["web"], ids["batch"]]})
        missing = await prod.error(query, {name: [ids["web"], "no-such-id"]})
        assert hidden["extensions"]["code"] == missing["extensions"]["code"] == "NOT_FOUND"
        assert hidden["message"].replace(ids["batch"], "X") == missing["message"].replace(
            "no-such-id", "X"
        )
    # a change only of hidden CIs is another's: submitting it is "not found"
    theirs = await create_change(gql, "batch patch", ids["batch"])
    error = await prod.error(SUBMIT, {"id": theirs})
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert (await gql(SUBMIT, {"id": theirs}))["transitionChange"] == {"state": "SUBMITTED"}
    # an incident affecting nothing would be outside every scope
    nowhere = await prod.error(OPEN, {"a": []})
    assert nowhere["extensions"]["code"] in {"OUTSIDE_SCOPES", "VALIDATION_FAILED"}
