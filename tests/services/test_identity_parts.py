"""A batch is read, planned and written in parts (``PART`` rows each, through the lane),
on a real Neo4j: rows of a later part that repeat devices of an earlier part land on
the same CI and win (row order), a new CI's keys and address facts are written as the
full statement writes them, and the preview equals what the apply does."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.identity.plan import Action, CIRow
from graphcmdb.services import bulk, ci_identification
from graphcmdb.services.actor import system_actor
from graphcmdb.services.ci_identification import PART

DEVICES = PART + 50  # the first part and some of the second


def device_row(i: int, description: str, name: str | None = None) -> dict[str, object]:
    return {
        "name": name or f"node-{i:04d}",
        "ciClass": "Server",
        "serialNumber": f"PART-{i:04d}",
        "ipAddresses": [f"10.44.{i >> 8}.{i & 255}"],
        "macAddresses": [f"00:44:00:00:{i >> 8:02x}:{i & 255:02x}"],
        "description": description,
    }


def ci_rows(raw: list[dict[str, object]]) -> list[CIRow]:
    return [bulk.ci_row(p) for p in bulk.validate_rows(raw)]


async def test_rows_repeating_devices_across_parts_make_one_ci_each_and_the_last_wins(
    db: Database,
) -> None:
    # every device once, then the first 100 again, under finance's names, in a later part
    raw = [device_row(i, "first") for i in range(DEVICES)]
    raw += [device_row(i, "again", name=f"FIN {i}") for i in range(100)]
    rows = ci_rows(raw)

    preview = await ci_identification.preview(db, rows, batch=1000)
    applied = await ci_identification.reconcile_rows(
        db, system_actor("parts"), rows, operation="importCIs", batch=1000
    )

    assert [r.signature() for r in preview.rows] == [r.signature() for r in applied.rows]
    assert (applied.count(Action.CREATE), applied.count(Action.UPDATE)) == (DEVICES, 100)
    [counted] = await db.run_raw(
        "MATCH (c:CI) RETURN count(c) AS cis, count(DISTINCT c.serialNumber) AS serials,"
        " sum(CASE c.description WHEN 'again' THEN 1 ELSE 0 END) AS again"
    )
    assert counted == {"cis": DEVICES, "serials": DEVICES, "again": 100}
    # one batch, one time: whichever part wrote a CI, it has the batch's time
    [times] = await db.run_raw(
        "MATCH (c:CI) RETURN count(DISTINCT c.createdAt) AS created,"
        " count(DISTINCT c.updatedAt) AS updated"
    )
    assert times == {"created": 1, "updated": 1}
    # the repeated rows found the CIs by serial; the CIs keep the names they were created with
    assert applied.rows[DEVICES].ci is not None
    assert applied.rows[DEVICES].ci.id == applied.rows[0].ci.id


async def test_a_new_ci_claims_its_keys_and_records_its_addresses_once(db: Database) -> None:
    rows = ci_rows([device_row(i, "new") for i in range(3)])
    await ci_identification.reconcile_rows(
        db, system_actor("parts"), rows, operation="importCIs", batch=1000
    )
    claims = await db.run_raw(
        "MATCH (k:IdentityKey)-[r]->(c:CI {name: 'node-0001'})"
        " RETURN type(r) AS rel, k.key AS key, r.source AS source,"
        " CASE type(r) WHEN 'SEEN_ON' THEN r.firstSeen = r.lastSeen END AS seen"
        " ORDER BY rel, key"
    )
    assert claims == [
        {"rel": "IDENTIFIES", "key": "HOST:node-0001", "source": None, "seen": None},
        {"rel": "IDENTIFIES", "key": "IP:10.44.0.1", "source": None, "seen": None},
        {"rel": "IDENTIFIES", "key": "MAC:00:44:00:00:00:01", "source": None, "seen": None},
        {"rel": "IDENTIFIES", "key": "SERIAL:PART0001", "source": None, "seen": None},
        {"rel": "SEEN_ON", "key": "IP:10.44.0.1", "source": "import", "seen": True},
        {"rel": "SEEN_ON", "key": "MAC:00:44:00:00:00:01", "source": "import", "seen": True},
    ]
    # the same rows again: nothing new, nothing doubled
    again = await ci_identification.reconcile_rows(
        db, system_actor("parts"), rows, operation="importCIs", batch=1000
    )
    assert again.count(Action.UNCHANGED) == 3
    [rels] = await db.run_raw("MATCH (:IdentityKey)-[r]->(:CI) RETURN count(r) AS n")
    assert rels == {"n": 18}
