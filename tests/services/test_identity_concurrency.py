"""Concurrency-safe identity: writers about the same devices at the same moment — two
API upserts, a file import and a discovery run, each seeing other names — never create
two CIs for one device. Repeated, since a race shows only sometimes."""

from __future__ import annotations

import asyncio

from graphcmdb.db.database import Database
from graphcmdb.identity import normalise
from graphcmdb.importing.files import ImportKind, import_rows
from graphcmdb.services import bulk
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery_reconcile import reconcile
from tests.conftest import WIPE
from tests.discovery.test_reconcile import device

ROUNDS = 8
DEVICES = 6


def rows(serials: list[str], name: str, spell: str) -> list[dict[str, object]]:
    return [
        {"name": name.format(i), "ciClass": "Server", "serialNumber": spell.format(s)}
        for i, s in enumerate(serials)
    ]


async def test_writers_racing_on_the_same_devices_make_one_ci_each(db: Database) -> None:
    for round_ in range(ROUNDS):
        await db.run_raw(WIPE)
        serials = [f"SN{round_}X{i:03d}" for i in range(DEVICES)]
        finance = rows(serials, "FIN-{}", "{}")
        ops = rows(serials, "host-{}.corp.example", "{}")
        labels = [
            r | {"serialNumber": str(r["serialNumber"]).lower()}
            for r in rows(serials, "asset {}", "{}")
        ]
        scanned = [
            device(f"box-{i}", f"10.77.{round_}.{i}", serial=s) for i, s in enumerate(serials)
        ]
        upsert_a, upsert_b, imported, run = await asyncio.gather(
            bulk.upsert_cis(db, system_actor("finance"), finance),
            bulk.upsert_cis(db, system_actor("ops"), ops),
            import_rows(db, system_actor("import"), ImportKind.CIS, labels),
            reconcile(db, system_actor("discovery"), scanned, f"run-{round_}"),
        )
        assert run.failures == []
        assert len(upsert_a.ids) == len(upsert_b.ids) == len(imported.ids) == DEVICES
        found = await db.run_raw("MATCH (c:CI) RETURN c.serialNumber AS sn")
        by_serial = sorted(normalise.serial(r["sn"]) or "" for r in found)
        assert by_serial == sorted(serials), f"round {round_}: {by_serial}"
        # every writer ended on the same CI for each device
        assert upsert_a.ids == upsert_b.ids == imported.ids


async def test_writers_reaching_one_ci_through_different_keys_both_add_their_addresses(
    db: Database,
) -> None:
    """One writer finds the CI by serial, the other by MAC; neither's address is lost,
    and the CI claims both addresses' keys."""
    for round_ in range(ROUNDS):
        await db.run_raw(WIPE)
        serial, mac = f"SN-R{round_}", f"00:1a:2b:3c:4d:{round_:02x}"
        [ci_id] = (
            await bulk.upsert_cis(
                db,
                system_actor("seed"),
                [
                    {
                        "name": f"web-{round_}",
                        "ciClass": "Server",
                        "serialNumber": serial,
                        "macAddresses": [mac],
                    }
                ],
            )
        ).ids
        by_serial = {"name": "finance name", "ciClass": "Server", "serialNumber": serial,
                     "ipAddresses": ["10.60.0.1"]}  # fmt: skip
        by_mac = {"name": "ops name", "ciClass": "Server", "macAddresses": [mac],
                  "ipAddresses": ["10.60.0.2"]}  # fmt: skip
        first, second = await asyncio.gather(
            bulk.upsert_cis(db, system_actor("finance"), [by_serial]),
            bulk.upsert_cis(db, system_actor("ops"), [by_mac]),
        )
        assert first.ids == second.ids == [ci_id]
        [stored] = await db.run_raw(
            "MATCH (c:CI) RETURN c.ipAddresses AS ips, "
            "[(k:IdentityKey)-[:IDENTIFIES]->(c) WHERE k.key STARTS WITH 'IP:' | k.key] AS keys"
        )
        assert stored["ips"] == ["10.60.0.1", "10.60.0.2"], f"round {round_}"
        assert sorted(stored["keys"]) == ["IP:10.60.0.1", "IP:10.60.0.2"], f"round {round_}"


async def test_a_scan_racing_an_import_never_drops_the_imported_address(db: Database) -> None:
    """Discovery owns the CI's addresses; an import adds one (by serial) while a scan
    finds the CI by MAC. Whichever commits first, the imported address stays (the scan
    adds its own only if it planned before the import took the field: precedence)."""
    for round_ in range(ROUNDS):
        await db.run_raw(WIPE)
        serial, mac = f"SN-D{round_}", f"00:1a:2b:3c:5d:{round_:02x}"
        seen = ("10.61.0.9",)
        await reconcile(db, system_actor("discovery"),
                        [device(f"db-{round_}", "10.61.0.9", serial=serial, macs=(mac,),
                                ips=seen)], f"seed-{round_}")  # fmt: skip
        by_serial = {"name": "finance name", "ciClass": "Server", "serialNumber": serial,
                     "ipAddresses": ["10.61.0.1"]}  # fmt: skip
        scanned = device(f"db-{round_}", "10.61.0.2", macs=(mac,), ips=(*seen, "10.61.0.2"))
        imported, run = await asyncio.gather(
            bulk.upsert_cis(db, system_actor("finance"), [by_serial]),
            reconcile(db, system_actor("discovery"), [scanned], f"run-{round_}"),
        )
        assert run.failures == []
        assert len(imported.ids) == 1
        [stored] = await db.run_raw("MATCH (c:CI) RETURN c.ipAddresses AS ips")
        assert {"10.61.0.1", "10.61.0.9"} <= set(stored["ips"]), f"round {round_}: {stored}"
