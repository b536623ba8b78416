"""Hardware replacement is an event, not a duplicate: a switch swapped for new hardware
(same name, address and cabling, new serial) becomes a new CI that takes over the role —
addresses, LLDP links, what depends on it — while the old CI is marked REPLACED, linked
to the new one, and its asset goes back to stock. Never two live CIs on one address."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.discovery.observation import Neighbour
from graphcmdb.graph.enums import CIClass
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL
from tests.discovery.test_reconcile import audit_entries, ci_named, cis, counts, device, run
from tests.discovery.test_runs import edges_of, relate

CORE_MAC = "a8:00:00:00:60:01"


def switch(serial: str, mac: str) -> object:
    return device(
        "sw-edge-1.corp.example",
        "10.60.0.2",
        serial=serial,
        macs=(mac,),
        ci_class=CIClass.NETWORK_DEVICE,
        neighbours=(Neighbour("Gi0/48", CORE_MAC, "core", "Eth1"),),
    )


CORE = device("core.corp.example", "10.60.0.1", serial="CORE-1", macs=(CORE_MAC,),
              ci_class=CIClass.NETWORK_DEVICE)  # fmt: skip


async def test_a_swapped_chassis_takes_over_the_role_of_the_old_one(db: Database, gql: GQL) -> None:
    await run(db, switch("FOC-OLD", "a8:00:00:00:60:02"), CORE)
    old = await ci_named(db, "sw-edge-1.corp.example")
    app = await create_ci(gql, "badge-reader", "APPLICATION")
    await relate(gql, app, "DEPENDS_ON", old["id"])
    asset = await create_asset(gql, assetTag="SW-1", lifecycleState="DEPLOYED")
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset["id"], "c": old["id"]},
    )

    swapped = await run(db, switch("FOC-NEW", "a8:00:00:00:60:03"), CORE)
    assert (swapped.failures, counts(swapped)[0]) == ([], 1)
    new = await ci_named(db, "sw-edge-1.corp.example")
    assert (new["serialNumber"], new["status"]) == ("FOC-NEW", "OPERATIONAL")
    retired = await ci_named(db, "sw-edge-1.corp.example (replaced, FOC-OLD)")
    assert retired["id"] == old["id"]
    assert retired["status"] == "REPLACED"
    assert "ipAddresses" not in retired
    holders = [c["name"] for c in await cis(db) if "10.60.0.2" in (c.get("ipAddresses") or [])]
    assert holders == ["sw-edge-1.corp.example"]  # one live CI on the address

    # the role moved; the box kept its asset, which went back to stock
    assert sorted(edges_of_kind(await edges_of(db, new["id"]))) == [
        ("CONNECTED_TO", "out", "core.corp.example"),
        ("DEPENDS_ON", "in", "badge-reader"),
        ("REPLACED_BY", "in", retired["name"]),
    ]
    assert sorted(edges_of_kind(await edges_of(db, old["id"]))) == [
        ("REPLACED_BY", "out", "sw-edge-1.corp.example"),
        ("TRACKS", "in", "SW-1"),
    ]
    state = await db.run_raw("MATCH (a:Asset {assetTag: 'SW-1'}) RETURN a.lifecycleState AS s")
    assert state == [{"s": "IN_STOCK"}]
    [entry] = await audit_entries(db, "replaceCI")
    assert entry["targetIds"] == [old["id"], new["id"]]
    assert entry["after"]["assetReturned"] == asset["id"]

    # the next run sees the new box and the core as they are: nothing changes
    again = await run(db, switch("FOC-NEW", "a8:00:00:00:60:03"), CORE)
    assert counts(again)[0:2] == (0, 0)
    assert len(await cis(db)) == 4


def edges_of_kind(edges: list[tuple[str, str, str, str | None]]) -> list[tuple[str, str, str]]:
    return [(t, d, other) for t, d, other, _ in edges]


async def test_two_live_boxes_sharing_a_default_sysname_are_no_swap(db: Database) -> None:
    """Same sysName, other serial, but another address: another box, not a replacement."""
    first = device("switch-default", "10.61.0.1", serial="S-1", ci_class=CIClass.NETWORK_DEVICE)
    other = device("switch-default", "10.61.0.2", serial="S-2", ci_class=CIClass.NETWORK_DEVICE)
    await run(db, first)
    await run(db, other)
    live = [c for c in await cis(db) if c.get("status") != "REPLACED"]
    assert sorted(c["serialNumber"] for c in live) == ["S-1", "S-2"]
    assert await audit_entries(db, "replaceCI") == []
