"""Tokens, roles and the audit log: under-privileged calls fail and change nothing."""

from __future__ import annotations

from tests.conftest import GQL

CREATE = 'mutation { createCI(input: {name: "s1", ciClass: SERVER}) { id } }'


async def ci_count(db) -> int:  # type: ignore[no-untyped-def]
    return int((await db.run_raw("MATCH (c:CI) RETURN count(c) AS n"))[0]["n"])


async def test_no_token_and_bad_token_are_unauthenticated(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    for token in ("", "gcmdb_not-a-real-token", "garbage"):
        resp = await gql.raw(CREATE, token=token)
        body = resp.json()
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await ci_count(db) == 0


async def test_viewer_reads_but_cannot_write(viewer_gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    assert (await viewer_gql("{ cis { totalCount } }"))["cis"]["totalCount"] == 0
    err = await viewer_gql.error(CREATE)
    assert err["extensions"] == {"code": "FORBIDDEN", "needed": "editor", "role": "viewer"}
    assert await ci_count(db) == 0


async def test_editor_cannot_manage_tokens_or_read_audit(gql: GQL) -> None:
    err = await gql.error('mutation { createToken(name: "x", role: ADMIN) { token } }')
    assert err["extensions"]["code"] == "FORBIDDEN"
    err = await gql.error("{ auditLog { totalCount } }")
    assert err["extensions"]["code"] == "FORBIDDEN"


async def test_admin_issues_and_revokes_tokens(admin_gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    issued = (
        await admin_gql(
            'mutation { createToken(name: "ci-bot", role: EDITOR) '
            "{ token apiToken { id role name } } }"
        )
    )["createToken"]
    raw = issued["token"]
    assert raw.startswith("gcmdb_")
    assert issued["apiToken"]["role"] == "EDITOR"
    stored = await db.run_raw("MATCH (t:ApiToken {name: 'ci-bot'}) RETURN t {.*} AS t")
    assert raw not in str(stored[0]["t"].values())  # only the hash is kept
    assert (await admin_gql(CREATE, token=raw))["createCI"]["id"]
    await admin_gql(
        "mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }",
        {"id": issued["apiToken"]["id"]},
    )
    err = await admin_gql.error(
        'mutation { createCI(input: {name: "s2", ciClass: SERVER}) { id } }', token=raw
    )
    assert err["extensions"]["code"] == "UNAUTHENTICATED"
    names = [t["name"] for t in (await admin_gql("{ apiTokens { name } }"))["apiTokens"]]
    assert "ci-bot" in names


async def test_every_mutation_is_audited_with_before_and_after(admin_gql: GQL) -> None:
    ci_id = (await admin_gql(CREATE))["createCI"]["id"]
    await admin_gql(
        "mutation($id: ID!) { updateCI(id: $id, input: {status: DOWN}) { id } }", {"id": ci_id}
    )
    await admin_gql("mutation($id: ID!) { deleteCI(id: $id) }", {"id": ci_id})
    log = await admin_gql(
        """query($id: ID!) { auditLog(targetId: $id) { totalCount
        edges { node { actor operation targetIds before after at requestId } } } }""",
        {"id": ci_id},
    )
    entries = [e["node"] for e in log["auditLog"]["edges"]]
    assert [e["operation"] for e in entries] == ["deleteCI", "updateCI", "createCI"]
    assert all(e["actor"] == "token:test-admin" and e["targetIds"] == [ci_id] for e in entries)
    delete, update, create = entries
    assert create["before"] is None
    assert create["after"]["name"] == "s1"
    assert update["before"]["status"] == "OPERATIONAL"
    assert update["after"]["status"] == "DOWN"
    assert delete["before"]["status"] == "DOWN"
    assert delete["after"]["deleted"] is True


async def test_failed_mutation_writes_no_audit_entry(admin_gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    await admin_gql(CREATE)
    before = (await db.run_raw("MATCH (a:AuditEntry) RETURN count(a) AS n"))[0]["n"]
    await admin_gql.error(CREATE)  # duplicate
    await admin_gql.error('mutation { deleteCI(id: "missing") }')
    after = (await db.run_raw("MATCH (a:AuditEntry) RETURN count(a) AS n"))[0]["n"]
    assert after == before


async def test_audit_log_pages_newest_first(admin_gql: GQL) -> None:
    for i in range(5):
        await admin_gql(
            "mutation($n: String!) { createService(input: {name: $n}) { id } }", {"n": f"s{i}"}
        )
    q = """query($after: String) { auditLog(first: 2, after: $after) { totalCount
           pageInfo { hasNextPage endCursor } edges { node { operation after } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await admin_gql(q, {"after": after}))["auditLog"]
        seen += [
            e["node"]["after"]["name"]
            for e in page["edges"]
            if e["node"]["operation"] == "createService"
        ]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["s4", "s3", "s2", "s1", "s0"]
