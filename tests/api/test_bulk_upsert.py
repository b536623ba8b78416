"""upsertCIs: one transaction, natural key (ciClass, name), one bad row writes nothing."""

from __future__ import annotations

from tests.conftest import GQL

UPSERT = (
    """mutation($rows: [CreateCIInput!]!) { upsertCIs(input: $rows) { created updated ids } }"""
)


async def count(db, label: str = "CI") -> int:  # type: ignore[no-untyped-def]
    return int((await db.run_raw(f"MATCH (n:{label}) RETURN count(n) AS n"))[0]["n"])


async def test_upsert_creates_then_updates_by_natural_key(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": f"srv-{i:04d}", "ciClass": "SERVER", "cores": 8} for i in range(500)]
    first = (await gql(UPSERT, {"rows": rows}))["upsertCIs"]
    assert (first["created"], first["updated"]) == (500, 0)
    assert await count(db) == 500
    again = [{"name": r["name"], "ciClass": "SERVER", "status": "DOWN"} for r in rows[:10]]
    second = (await gql(UPSERT, {"rows": again}))["upsertCIs"]
    assert (second["created"], second["updated"]) == (0, 10)
    assert second["ids"] == first["ids"][:10]  # same CIs, no duplicates
    assert await count(db) == 500
    data = await gql(
        "query($id: ID!) { ci(id: $id) { status cores criticality } }", {"id": first["ids"][0]}
    )
    assert data["ci"] == {"status": "DOWN", "cores": 8, "criticality": 3}


async def test_update_does_not_reset_fields_to_create_defaults(gql: GQL) -> None:
    await gql(
        UPSERT,
        {"rows": [{"name": "c", "ciClass": "CLUSTER", "minAvailable": 3, "status": "DEGRADED"}]},
    )
    res = (await gql(UPSERT, {"rows": [{"name": "c", "ciClass": "CLUSTER", "os": "n/a"}]}))[
        "upsertCIs"
    ]
    assert res["updated"] == 1  # os was unset before: setting it is a change
    data = await gql(
        "query($id: ID!) { ci(id: $id) { status minAvailable os } }", {"id": res["ids"][0]}
    )
    assert data["ci"] == {"status": "DEGRADED", "minAvailable": 3, "os": "n/a"}


async def test_created_nodes_carry_updated_at_from_the_start(gql: GQL) -> None:
    made = await gql(
        'mutation { createCI(input: {name: "t", ciClass: SERVER}) { id createdAt updatedAt } }'
    )
    assert made["createCI"]["updatedAt"] is not None
    assert made["createCI"]["updatedAt"] == made["createCI"]["createdAt"]


async def test_one_bad_row_names_the_row_and_writes_nothing(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    rows = [{"name": f"vm-{i}", "ciClass": "VIRTUAL_MACHINE"} for i in range(100)]
    rows[57] = {"name": "vm-57", "ciClass": "VIRTUAL_MACHINE", "ipAddresses": ["10.0.0.300"]}
    err = await gql.error(UPSERT, {"rows": rows})
    assert err["extensions"]["code"] == "BULK_VALIDATION_FAILED"
    assert err["extensions"]["problems"] == [
        {"row": 57, "field": "ipAddresses", "reason": "'10.0.0.300' is not an IP address"}
    ]
    assert "input[57].ipAddresses" in err["message"]
    assert await count(db) == 0
    audit = await db.run_raw("MATCH (a:AuditEntry {operation: 'upsertCIs'}) RETURN count(a) AS n")
    assert audit[0]["n"] == 0


async def test_duplicate_keys_inside_one_call_are_refused(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"name": "x", "ciClass": "SERVER"},
        {"name": "y", "ciClass": "SERVER"},
        {"name": "x", "ciClass": "SERVER"},
    ]
    err = await gql.error(UPSERT, {"rows": rows})
    assert err["extensions"]["problems"][0]["row"] == 2
    assert "row 0" in err["extensions"]["problems"][0]["reason"]
    assert await count(db) == 0


async def test_one_audit_entry_per_batch_with_the_changed_keys(admin_gql: GQL) -> None:
    rows = [{"name": f"n{i}", "ciClass": "NETWORK_DEVICE"} for i in range(3)]
    ids = (await admin_gql(UPSERT, {"rows": rows}))["upsertCIs"]["ids"]
    log = await admin_gql(
        "{ auditLog(first: 10) { totalCount edges { node { operation targetIds after } } } }"
    )
    entries = [e["node"] for e in log["auditLog"]["edges"] if e["node"]["operation"] == "upsertCIs"]
    assert len(entries) == 1
    assert sorted(entries[0]["targetIds"]) == sorted(ids)
    assert sorted(r["name"] for r in entries[0]["after"]["rows"]) == ["n0", "n1", "n2"]


async def test_same_rows_again_change_nothing(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"name": f"s{i}", "ciClass": "SERVER", "ipAddresses": [f"10.0.0.{i}"]} for i in range(5)
    ]
    await gql(UPSERT_FULL, {"rows": rows})
    stamp = await db.run_raw("MATCH (c:CI) RETURN collect(c.updatedAt) AS t")
    audits = await db.run_raw("MATCH (a:AuditEntry {operation: 'upsertCIs'}) RETURN count(a) AS n")
    again = (await gql(UPSERT_FULL, {"rows": rows}))["upsertCIs"]
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)
    assert await db.run_raw("MATCH (c:CI) RETURN collect(c.updatedAt) AS t") == stamp
    after = await db.run_raw("MATCH (a:AuditEntry {operation: 'upsertCIs'}) RETURN count(a) AS n")
    assert after == audits
    rows[2]["ipAddresses"] = ["10.0.0.99"]
    changed = (await gql(UPSERT_FULL, {"rows": rows}))["upsertCIs"]
    assert (changed["updated"], changed["unchanged"]) == (1, 4)


UPSERT_FULL = """mutation($rows: [CreateCIInput!]!) {
  upsertCIs(input: $rows) { created updated unchanged ids } }"""
