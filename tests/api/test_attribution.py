"""Attribution (issue 14, part 9): every HTTP request has its own id, returned as
``X-Request-Id`` and carried by its audit entries with the token that made them; a
client's own id is recorded beside ours, never as ours."""

from __future__ import annotations

import re

import httpx

from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

UPDATE = "mutation($id: ID!, $s: CIStatus) { updateCI(id: $id, input: {status: $s}) { id } }"
ENTRIES = """query($id: ID!) { auditLog(targetId: $id) { edges { node {
  operation requestId tokenId clientRequestId actor } } } }"""
TOKENS = "{ apiTokens { id name revokedAt } }"
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
