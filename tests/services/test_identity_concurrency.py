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
