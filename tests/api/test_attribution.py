"""Attribution (issue 14, part 9): every HTTP request has its own id, returned as
``X-Request-Id`` and carried by its audit entries with the token that made them; a
client's own id is recorded beside ours, never as ours; live tokens have unique names."""

from __future__ import annotations

import asyncio
import re

import httpx

from graphcmdb.db.database import Database
from graphcmdb.errors import Duplicate
from graphcmdb.graph.enums import Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

UPDATE = "mutation($id: ID!, $s: CIStatus) { updateCI(id: $id, input: {status: $s}) { id } }"
ENTRIES = """query($id: ID!) { auditLog(targetId: $id) { edges { node {
  operation requestId tokenId clientRequestId actor } } } }"""
TOKENS = "{ apiTokens { id name revokedAt } }"
CREATE_TOKEN = """mutation($n: String!) { createToken(name: $n, role: VIEWER) {
  token apiToken { id name } } }"""
REVOKE = "mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }"
HEX_ID = re.compile(r"[0-9a-f]{32}")


async def entries_of(admin: GQL, node_id: str) -> list[dict[str, str | None]]:
    log = await admin(ENTRIES, {"id": node_id})
    return [e["node"] for e in log["auditLog"]["edges"]]


async def token_ids(admin: GQL) -> dict[str, str]:
    return {t["name"]: t["id"] for t in (await admin(TOKENS))["apiTokens"] if not t["revokedAt"]}


async def test_two_requests_with_one_token_get_two_ids_carried_by_their_entries(
    gql: GQL, admin_gql: GQL
) -> None:
    # the test settings cache token look-ups for the whole run: the actor is cached,
    # the request id is not
    ci_id = await create_ci(gql, "web-1")
    responses = [await gql.raw(UPDATE, {"id": ci_id, "s": s}) for s in ("DOWN", "DEGRADED")]
    ids = [r.headers["x-request-id"] for r in responses]
    assert all(HEX_ID.fullmatch(i) for i in ids)
    assert ids[0] != ids[1]
    entries = await entries_of(admin_gql, ci_id)
    updates = [e for e in entries if e["operation"] == "updateCI"]
    assert [e["requestId"] for e in updates] == ids[::-1]  # newest first
    editor = (await token_ids(admin_gql))["test-editor"]
    assert {e["tokenId"] for e in entries} == {editor}
    assert {e["actor"] for e in entries} == {"token:test-editor"}
    assert len({e["requestId"] for e in entries}) == 3  # the create had its own too


async def test_a_client_request_id_is_kept_beside_ours_only_when_safe(
    gql: GQL, admin_gql: GQL, client: httpx.AsyncClient
) -> None:
    ci_id = await create_ci(gql, "web-1")

    async def update(status: str, client_id: str) -> str:
        response = await client.post(
            "/graphql",
            json={"query": UPDATE, "variables": {"id": ci_id, "s": status}},
            headers={"Authorization": f"Bearer {gql.token}", "X-Request-Id": client_id},
        )
        assert response.status_code == 200, response.text
        ours = response.headers["x-request-id"]
        assert HEX_ID.fullmatch(ours)
        assert ours != client_id
        return ours

    kept = await update("DOWN", "job-42.retry:1")
    too_long = await update("DEGRADED", "x" * 65)
    unsafe = await update("OPERATIONAL", "a b<script>")
    recorded = {e["requestId"]: e["clientRequestId"] for e in await entries_of(admin_gql, ci_id)}
    assert recorded[kept] == "job-42.retry:1"
    assert recorded[too_long] is None
    assert recorded[unsafe] is None


async def test_a_reused_client_id_does_not_merge_two_requests(
    gql: GQL, admin_gql: GQL, client: httpx.AsyncClient
) -> None:
    ci_id = await create_ci(gql, "web-1")
    headers = {"Authorization": f"Bearer {gql.token}", "X-Request-Id": "same-id"}
    for status in ("DOWN", "DEGRADED"):
        body = {"query": UPDATE, "variables": {"id": ci_id, "s": status}}
        assert (await client.post("/graphql", json=body, headers=headers)).status_code == 200
    updates = [e for e in await entries_of(admin_gql, ci_id) if e["operation"] == "updateCI"]
    assert {e["clientRequestId"] for e in updates} == {"same-id"}
    assert len({e["requestId"] for e in updates}) == 2


async def test_every_response_says_its_request_id_refusals_included(
    client: httpx.AsyncClient,
) -> None:
    refused = await client.post("/graphql", json={"query": "{ cis { totalCount } }"})
    health = await client.get("/healthz")
    assert refused.status_code == 401
    ids = [refused.headers["x-request-id"], health.headers["x-request-id"]]
    assert all(HEX_ID.fullmatch(i) for i in ids)
    assert ids[0] != ids[1]


async def test_a_live_token_name_is_taken_until_the_token_is_revoked(admin_gql: GQL) -> None:
    first = (await admin_gql(CREATE_TOKEN, {"n": "ci-bot"}))["createToken"]["apiToken"]
    err = await admin_gql.error(CREATE_TOKEN, {"n": " ci-bot "})  # trimmed: the same name
    assert err["extensions"] == {"code": "DUPLICATE", "field": "name", "name": "ci-bot"}
    assert "ci-bot" in err["message"]
    await admin_gql(REVOKE, {"id": first["id"]})
    again = (await admin_gql(CREATE_TOKEN, {"n": "ci-bot"}))["createToken"]["apiToken"]
    assert again["id"] != first["id"]
    names = [t["name"] for t in (await admin_gql(TOKENS))["apiTokens"]]
    assert names.count("ci-bot") == 2  # the revoked one keeps its name in the list


async def test_racing_creations_of_one_name_make_one_token(db: Database) -> None:
    made = await asyncio.gather(
        *(tokens.create_token(db, system_actor("test"), "racer", Role.VIEWER) for _ in range(4)),
        return_exceptions=True,
    )
    issued = [m for m in made if isinstance(m, tokens.IssuedToken)]
    assert len(issued) == 1
    assert all(isinstance(m, Duplicate) for m in made if m not in issued)
    rows = await db.run_raw("MATCH (t:ApiToken {name: 'racer'}) RETURN count(t) AS n")
    assert rows == [{"n": 1}]


async def test_a_reissued_token_replaces_the_lost_one(db: Database) -> None:
    """``graphcmdb run`` whose token file is gone: the old token stops working."""
    lost = await tokens.reissue_token(db, system_actor("run"), "local-admin", Role.ADMIN)
    fresh = await tokens.reissue_token(db, system_actor("run"), "local-admin", Role.ADMIN)
    assert await tokens.authenticate(db, lost.token) is None
    assert await tokens.authenticate(db, fresh.token) is not None
    live = [t for t in await tokens.list_tokens(db) if t.revokedAt is None]
    assert [t.id for t in live] == [fresh.record.id]
    ops = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $id IN a.targetIds RETURN a.operation AS op ORDER BY a.at",
        id=lost.record.id,
    )
    assert [o["op"] for o in ops] == ["createToken", "revokeToken"]
