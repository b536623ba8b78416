"""One identity per real thing: the simulated network discovered over SNMP (real agents),
then finance's spreadsheet of the same estate imported as finance writes one — other
case, short names, FQDNs with a trailing dot, serials with dashes, its own class names,
rows known only by an address, devices discovery never saw. Zero duplicates, zero wrong
merges, previews that equal what the import then does, every step idempotent, and a
partial run that deletes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from graphcmdb.db.database import Database, Row
from graphcmdb.discovery.observation import Observation, ScanResult
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.plan import Action
from graphcmdb.importing.files import ImportKind, import_file
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor
from graphcmdb.services.ci_identification import CIPlan
from graphcmdb.services.discovery import run_discovery
from tests.conftest import GQL
from tests.discovery.test_end_to_end import owner, replaying
from tests.discovery.test_runs import DUPLICATES

ACTOR = system_actor("finance")
FINANCE_CLASS = {
    CIClass.NETWORK_DEVICE: "Switch",
    CIClass.SERVER: "Physical Server",
    CIClass.STORAGE_DEVICE: "Storage",
    CIClass.LOAD_BALANCER: "LB",
    CIClass.VIRTUAL_MACHINE: "VM",
}
NEVER_SEEN = 5


def finance_serial(serial: str) -> str:
    """How a person types a serial off a label: lower case, dashes every four."""
    s = serial.lower()
    return "-".join(s[i : i + 4] for i in range(0, len(s), 4))


def finance_row(i: int, obs: Observation) -> dict[str, str]:
    """One row per discovered device, each known to finance another way."""
    fqdn = (obs.sys_name or "").strip()
    short = fqdn.split(".")[0]
    row = {"ciClass": FINANCE_CLASS[obs.ci_class], "environment": "PRODUCTION"}
    way = i % 4 if obs.serial_number else 1 + (i % 2) * 2  # serial-less: by FQDN or address
    if way == 0:  # short name in capitals, the serial as typed off the label
        row |= {"name": short.upper(), "serialNumber": finance_serial(obs.serial_number or "")}
    elif way == 1:  # the FQDN as DNS prints it
        row |= {"name": fqdn.upper() + "."}
    elif way == 2:  # finance's own name, the serial only
        row |= {"name": f"FIN-{i:04d}", "serialNumber": obs.serial_number or ""}
    else:  # an address only
        row |= {"name": f"rack box {i}", "ipAddresses": obs.address}
    return row


def finance_sheet(observations: Sequence[Observation]) -> tuple[str, list[Observation]]:
    out = io.StringIO()
    columns = ["name", "ciClass", "serialNumber", "ipAddresses", "environment", "model"]
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    rows = sorted(observations, key=lambda o: o.target)
    for i, obs in enumerate(rows):
        writer.writerow(finance_row(i, obs) | {"model": f"asset {i}"})
    for n in range(NEVER_SEEN):
        writer.writerow({"name": f"spare-{n}", "ciClass": "Physical Server",
                         "serialNumber": f"SPARE-{n:03d}", "model": "in the store room"})  # fmt: skip
    return out.getvalue(), rows


async def ci_ids(db: Database) -> list[str]:
    return [r["id"] for r in await db.run_raw("MATCH (c:CI) RETURN c.id AS id ORDER BY id")]


async def all_cis(db: Database) -> list[Row]:
    return [r["c"] for r in await db.run_raw("MATCH (c:CI) RETURN c {.*} AS c ORDER BY c.id")]


async def import_sheet(db: Database, text: str, dry_run: bool) -> tuple[list[object], CIPlan]:
    report = await import_file(db, ACTOR, ImportKind.CIS, text, ImportFormat.CSV, dry_run=dry_run)
    assert report.plan is not None
    return [r.signature() for r in report.plan.rows], report.plan


async def test_finance_and_discovery_land_on_one_ci_per_device(
    db: Database, gql: GQL, v2c_scan: ScanResult
) -> None:
    run = await run_discovery(db, ACTOR, [o.target for o in v2c_scan.observations],
                              replaying(v2c_scan))  # fmt: skip
    assert run.failures == []
    discovered = await all_cis(db)
    # one row per device: a host that answered on two addresses is one CI, one row
    text, rows = finance_sheet([owner(ci, v2c_scan.observations) for ci in discovered])

    # the preview writes nothing and says, per row, which discovered CI it is
    preview, plan = await import_sheet(db, text, dry_run=True)
    assert await all_cis(db) == discovered
    by_target = {owner(ci, rows).target: ci["id"] for ci in discovered}
    for obs, row in zip(rows, plan.rows, strict=False):
        assert row.action in (Action.UPDATE, Action.UNCHANGED), (obs.target, row)
        assert row.ci is not None
        assert row.ci.id == by_target[obs.target], (obs.target, row.rule)  # no wrong merge
    assert {r.rule for r in plan.rows[: len(rows)]} >= {"SERIAL", "FQDN", "IP"}
    spares = plan.rows[len(rows) :]
    assert [r.action for r in spares] == [Action.CREATE] * NEVER_SEEN

    # the import does what the preview said, and adds only the devices nobody scanned
    applied, _ = await import_sheet(db, text, dry_run=False)
    assert applied == preview
    assert len(await ci_ids(db)) == len(discovered) + NEVER_SEEN
    names = {c["id"]: (c["name"], c["ciClass"]) for c in await all_cis(db)}
    assert all(names[c["id"]] == (c["name"], c["ciClass"]) for c in discovered)  # kept
    assert (await gql(DUPLICATES))["duplicateCIs"] == []

    # again: nothing changes
    settled = await all_cis(db)
    _, again = await import_sheet(db, text, dry_run=False)
    assert {r.action for r in again.rows} == {Action.UNCHANGED}
    assert await all_cis(db) == settled

    # a partial run (a third of the network answered) deletes nothing and adds nothing
    part = ScanResult(v2c_scan.observations[::3], [])
    await run_discovery(db, ACTOR, [o.target for o in part.observations], replaying(part))
    assert sorted(await ci_ids(db)) == sorted(c["id"] for c in settled)
