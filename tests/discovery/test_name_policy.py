"""The name policy: discovery renames a CI after its sysName while the name is
discovery's (it named the CI), never once a person renamed it, never to an address and
never onto another CI's name."""

from __future__ import annotations

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_reconcile import UPDATE, ci_named, cis, device, run


async def test_discovery_follows_a_renamed_device_until_a_person_names_it(
    db: Database, gql: GQL
) -> None:
    await run(db, device("sw-7", "10.70.0.7", serial="R-7"))
    first = await ci_named(db, "sw-7")
    assert "name" in first["discoveredFields"]
    await run(db, device("sw-7b.corp.example", "10.70.0.7", serial="R-7"))
    renamed = await ci_named(db, "sw-7b.corp.example")
    assert renamed["id"] == first["id"]

    await run(db, device(None, "10.70.0.7", serial="R-7"))  # no sysName: the name stays
    assert (await ci_named(db, "sw-7b.corp.example"))["id"] == first["id"]

    await gql(UPDATE, {"id": first["id"], "input": {"name": "edge switch 7"}})
    await run(db, device("sw-7c", "10.70.0.7", serial="R-7"))
    kept = await ci_named(db, "edge switch 7")
    assert "name" not in kept["discoveredFields"]
    assert [c["name"] for c in await cis(db)] == ["edge switch 7"]


async def test_a_hand_made_ci_and_a_taken_name_are_never_renamed(db: Database, gql: GQL) -> None:
    hand = await create_ci(gql, "web-9", serialNumber="W-9")
    await run(db, device("web-9.corp.example", "10.70.0.9", serial="W-9"))
    assert (await ci_named(db, "web-9"))["id"] == hand  # a person named it
    await run(db, device("db-1", "10.70.0.10", serial="D-1"))
    await create_ci(gql, "db-2")
    await run(db, device("db-2", "10.70.0.10", serial="D-1"))  # db-2 is another CI's name
    assert (await ci_named(db, "db-1"))["serialNumber"] == "D-1"
