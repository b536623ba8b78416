"""How the engine writes a plan, on a real Neo4j: an update that only sets plain fields
takes the lean statement (``identity/update_cis``), one that changes addresses the full
one (``identity/write_cis``); both take the fields they set back from discovery."""

from __future__ import annotations

from graphcmdb.db.database import Database
from tests.api.test_identity_api import UPSERT
from tests.conftest import GQL
from tests.discovery.test_reconcile import ci_named, device, run

FACTS = """MATCH (k:IdentityKey)-[s:SEEN_ON]->(c:CI {name: $name})
RETURN k.key AS key, s.source AS source ORDER BY key"""


def row(**fields: object) -> dict[str, object]:
    return {"name": "db7", "ciClass": "SERVER", "serialNumber": "DB-7", **fields}


async def test_plain_and_address_updates_both_take_their_fields_from_discovery(
    db: Database, gql: GQL
) -> None:
    await run(db, device("db7", "10.7.0.7", serial="DB-7", model="R650", cores=8))
    discovered = set((await ci_named(db, "db7"))["discoveredFields"])
    assert {"model", "cores"} <= discovered

    plain = await gql(UPSERT, {"rows": [row(cores=16)], "dry": False})
    assert plain["upsertCIs"]["updated"] == 1
    ci = await ci_named(db, "db7")
    assert ci["cores"] == 16
    assert set(ci["discoveredFields"]) == discovered - {"cores"}  # the import's now
    assert ci["model"] == "R650"  # a field the row does not give is left alone

    moved = await gql(UPSERT, {"rows": [row(ipAddresses=["10.7.1.7"])], "dry": False})
    assert moved["upsertCIs"]["updated"] == 1
    ci = await ci_named(db, "db7")
    assert ci["ipAddresses"] == ["10.7.0.7", "10.7.1.7"]  # added, not replaced
    assert "ipAddresses" not in ci["discoveredFields"]
    facts = await db.run_raw(FACTS, name="db7")
    assert {"key": "IP:10.7.1.7", "source": "api"} in facts

    again = await gql(UPSERT, {"rows": [row(cores=16)], "dry": False})
    assert (again["upsertCIs"]["updated"], again["upsertCIs"]["unchanged"]) == (0, 1)


async def test_two_rows_about_one_new_device_are_written_in_order(db: Database, gql: GQL) -> None:
    """The second row only changes a plain field of the CI the first row creates: both
    go through the full statement, in row order (a lean update first found no CI)."""
    rows = [
        row(name="db8", serialNumber="DB-8", ipAddresses=["10.8.0.8"], description="first"),
        row(name="db8-spare-name", serialNumber="DB-8", description="second"),  # by serial
    ]
    done = await gql(UPSERT, {"rows": rows, "dry": False})
    assert (done["upsertCIs"]["created"], done["upsertCIs"]["updated"]) == (1, 1)
    ci = await ci_named(db, "db8")
    assert (ci["description"], ci["ipAddresses"]) == ("second", ["10.8.0.8"])
