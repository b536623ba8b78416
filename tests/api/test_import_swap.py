"""A swap stated by a spreadsheet, against the real Neo4j: a row with a new serial in a
live CI's role (same class, name and address) is new hardware, as discovery has it —
previewed as a CREATE that names the CI it replaces, then written in one transaction:
the old CI steps out (renamed, REPLACED, its addresses gone), the new one takes the
name and the role's relationships, ``REPLACED_BY`` links them. Never two live CIs on one
address; the same file again changes nothing."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import create_service, relate
from tests.conftest import GQL

IMPORT = """mutation($content: String!, $dry: Boolean!, $token: String) {
  importData(kind: CIS, format: CSV, content: $content, dryRun: $dry, planToken: $token) {
    created updated unchanged dryRun
    plan { token totals { create update unchanged refused }
           rows { action ci { id name } replaces { id name ciClass } notes reason } } } }"""
SWAPPED = "name,ciClass,serialNumber,ipAddresses\nsw-core-01,NetworkDevice,SN-NEW,10.0.0.1\n"


async def cis_on(db: Database, ip: str) -> list[dict[str, Any]]:
    return await db.run_raw(
        "MATCH (c:CI) WHERE $ip IN coalesce(c.ipAddresses, []) "
        "RETURN c.name AS name, c.status AS status, c.serialNumber AS serial",
        ip=ip,
    )


async def test_a_spreadsheet_swap_replaces_the_old_hardware(db: Database, gql: GQL) -> None:
    old = await create_ci(
        gql, "sw-core-01", "NETWORK_DEVICE", serialNumber="SN-OLD", ipAddresses=["10.0.0.1"]
    )
    app = await create_ci(gql, "billing", "APPLICATION")
    await relate(gql, app, "DEPENDS_ON", old)
    shop = await create_service(gql, "shop")
    await relate(gql, shop, "DEPENDS_ON", old)

    preview = (await gql(IMPORT, {"content": SWAPPED, "dry": True}))["importData"]
    [row] = preview["plan"]["rows"]
    assert row["action"] == "CREATE"
    assert row["replaces"] == {"id": old, "name": "sw-core-01", "ciClass": "NetworkDevice"}
    assert "new hardware in the role of" in row["notes"][0]
    assert [c["serial"] for c in await cis_on(db, "10.0.0.1")] == ["SN-OLD"]  # not written

    token = preview["plan"]["token"]
    done = (await gql(IMPORT, {"content": SWAPPED, "dry": False, "token": token}))["importData"]
    assert done["created"] == 1
    new = done["plan"]["rows"][0]["ci"]["id"]
    assert await cis_on(db, "10.0.0.1") == [
        {"name": "sw-core-01", "status": "OPERATIONAL", "serial": "SN-NEW"}
    ]
    [retired] = await db.run_raw(
        "MATCH (o:CI {id: $old})-[:REPLACED_BY]->(n:CI {id: $new}) "
        "RETURN o.name AS name, o.status AS status, o.ipAddresses AS ips",
        old=old,
        new=new,
    )
    assert retired == {"name": "sw-core-01 (replaced, SN-OLD)", "status": "REPLACED", "ips": None}
    needs = await db.run_raw(
        "MATCH (x)-[:DEPENDS_ON]->(c:CI) RETURN x.name AS who, c.id AS on ORDER BY who"
    )
    assert needs == [{"who": "billing", "on": new}, {"who": "shop", "on": new}]
    [entry] = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'replaceCI'}) RETURN a.targetIds AS targets"
    )
    assert entry["targets"] == [old, new]

    again = (await gql(IMPORT, {"content": SWAPPED, "dry": False}))["importData"]
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert len(await db.run_raw("MATCH (c:CI) RETURN c")) == 3


async def test_a_namesake_with_other_addresses_is_no_swap(db: Database, gql: GQL) -> None:
    """Two boxes that merely share a name keep their own identity: without a shared
    address the row stays refused, with the reason."""
    await create_ci(
        gql, "sw-core-01", "NETWORK_DEVICE", serialNumber="SN-OLD", ipAddresses=["10.0.0.9"]
    )
    refused = await gql.error(IMPORT, {"content": SWAPPED, "dry": True})
    assert "REFUSED: The name 'sw-core-01' is taken by another" in refused["message"]
    assert len(await db.run_raw("MATCH (c:CI) RETURN c")) == 1
