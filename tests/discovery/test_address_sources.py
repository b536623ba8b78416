"""Addresses are multi-valued facts kept per source: whoever set a CI's ``ipAddresses``
and ``macAddresses`` (an import, ``upsertCIs``), a scan adds what it sees, each source
with its own fact; an import row that restates addresses the CI has (planned UNCHANGED)
records or confirms its facts all the same, so the addresses it states never age out; a
person's addresses are facts of theirs too.
Observations are the simulated network's, scanned over SNMP from its real agents."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pytest

from graphcmdb.db.database import Database, Row
from graphcmdb.discovery.observation import Observation, ScanResult
from graphcmdb.discovery.reconcile import observed_identity
from graphcmdb.services import address_facts
from tests.api.test_ci_crud import create_ci
from tests.api.test_identity_api import IMPORT, UPSERT
from tests.conftest import GQL
from tests.discovery.test_address_ageing import ci_of, later, scan
from tests.discovery.test_reconcile import audit_entries

FINANCE_MAC = "00:1b:21:66:00:01"


@pytest.fixture
def box(v2c_scan: ScanResult) -> Observation:
    """A device of the simulated network that its serial identifies."""
    found = (o for o in v2c_scan.observations if o.serial_number and o.macs)
    return min(found, key=lambda o: o.target)


def sheet(obs: Observation, ips: Sequence[str], macs: Sequence[str] = ()) -> str:
    """Finance's CSV: one row about the device, by serial, stating addresses."""
    return (
        "name,ciClass,serialNumber,ipAddresses,macAddresses\n"
        f"{obs.sys_name},{obs.ci_class.value},{obs.serial_number},{';'.join(ips)},"
        f"{';'.join(macs)}\n"
    )


async def facts(db: Database, ci_id: str) -> dict[tuple[str, str], address_facts.AddressFact]:
    """The CI's live address facts by (address, source)."""
    found = (await address_facts.facts_of(db, [ci_id])).get(ci_id, [])
    return {(f.address, f.source): f for f in found if f.dropped_at is None}


async def test_a_scan_adds_its_addresses_to_the_ones_an_import_set(
    db: Database, gql: GQL, box: Observation
) -> None:
    content = sheet(box, ["10.66.0.1"], [FINANCE_MAC])
    done = (await gql(IMPORT, {"content": content, "dry": False}))["importData"]
    assert done["created"] == 1
    first = await ci_of(db, box.serial_number or "")
    assert (first["ipAddresses"], first["macAddresses"]) == (["10.66.0.1"], [FINANCE_MAC])

    await scan(db, box)  # matched by serial: the import owns both lists
    seen = observed_identity(box)
    ci = await ci_of(db, box.serial_number or "")
    assert ci["ipAddresses"] == sorted({"10.66.0.1", *seen.ips})
    assert ci["macAddresses"] == sorted({FINANCE_MAC, *seen.macs})
    got = await facts(db, ci["id"])
    assert {a for a, s in got if s == "import"} == {"10.66.0.1", FINANCE_MAC}
    scanned = {k.split(":", 1)[1] for k in address_facts.address_keys(seen)}
    assert box.address in scanned
    assert {a for a, s in got if s == "snmp"} == scanned

    # upsertCIs restates the list (and takes it back): the next scan still adds its own
    row = {"name": box.sys_name, "ciClass": box.ci_class.name,
           "serialNumber": box.serial_number, "ipAddresses": ["10.66.0.2"]}  # fmt: skip
    await gql(UPSERT, {"rows": [row], "dry": False})
    owned = (await ci_of(db, box.serial_number or "")).get("discoveredFields") or []
    assert "ipAddresses" not in owned
    await scan(db, later(box, 1, ip_addresses=("10.66.0.3",)))
    ci = await ci_of(db, box.serial_number or "")
    assert ci["ipAddresses"] == sorted({"10.66.0.1", "10.66.0.2", "10.66.0.3", *seen.ips})
    got = await facts(db, ci["id"])
    assert {("10.66.0.2", "api"), ("10.66.0.3", "snmp"), ("10.66.0.1", "import")} <= set(got)
    # the stated addresses never age; the scan's own one does, as before
    for n in range(2, db.settings.address_drop_after_runs + 3):
        await scan(db, later(box, n, ip_addresses=()))
    ips = (await ci_of(db, box.serial_number or ""))["ipAddresses"]
    assert {"10.66.0.1", "10.66.0.2"} <= set(ips)
    assert "10.66.0.3" not in ips


async def test_an_unchanged_import_row_records_and_confirms_its_address_facts(
    db: Database, gql: GQL, box: Observation
) -> None:
    await scan(db, later(box, 0, ip_addresses=("10.77.0.1", "10.77.0.2")))
    ci_id = (await ci_of(db, box.serial_number or ""))["id"]
    assert ("10.77.0.2", "import") not in await facts(db, ci_id)
    content = sheet(box, ["10.77.0.2"])  # an address the CI has: nothing to change

    async def once() -> tuple[Row, dict[tuple[str, str], address_facts.AddressFact], int]:
        done = (await gql(IMPORT, {"content": content, "dry": False}))["importData"]
        assert (done["created"], done["updated"], done["unchanged"]) == (0, 0, 1)
        assert [r["action"] for r in done["plan"]["rows"]] == ["UNCHANGED"]
        audits = len(await audit_entries(db, "importCIs"))
        return await ci_of(db, box.serial_number or ""), await facts(db, ci_id), audits

    ci, got, audits = await once()
    stated = got[("10.77.0.2", "import")]  # the row's own fact, with when it said so
    assert isinstance(stated.last_seen, datetime)
    assert (stated.kind, stated.missed) == ("IP", 0)

    again, got_again, audits_again = await once()  # the same file again
    assert again == ci  # the CI is untouched (not even updatedAt)
    assert audits_again == audits
    assert set(got_again) == set(got)
    restated = got_again[("10.77.0.2", "import")]
    assert restated.first_seen == stated.first_seen  # confirmed, not made anew
    assert restated.last_seen >= stated.last_seen
    others = {k: v for k, v in got.items() if k[1] != "import"}
    assert {k: v for k, v in got_again.items() if k[1] != "import"} == others

    # the fact is what keeps the address: a scan that stops seeing both drops only .1
    for n in range(1, db.settings.address_drop_after_runs + 1):
        await scan(db, later(box, n, ip_addresses=()))
    ips = (await ci_of(db, box.serial_number or ""))["ipAddresses"]
    assert "10.77.0.2" in ips
    assert "10.77.0.1" not in ips


UPDATE = (
    """mutation($id: ID!, $input: UpdateCIInput!) { updateCI(id: $id, input: $input) { id } }"""
)


async def test_the_addresses_a_person_states_are_facts_of_theirs_that_never_age(
    db: Database, gql: GQL, box: Observation
) -> None:
    ci_id = await create_ci(gql, box.sys_name or "box", box.ci_class.name,
                            serialNumber=box.serial_number, ipAddresses=["10.55.0.1"])  # fmt: skip
    assert set(await facts(db, ci_id)) == {("10.55.0.1", "person")}
    await scan(db, later(box, 0, ip_addresses=("10.55.0.1", "10.55.0.2")))  # by serial
    assert {("10.55.0.1", "snmp"), ("10.55.0.2", "snmp")} <= set(await facts(db, ci_id))
    for n in range(1, db.settings.address_drop_after_runs + 1):  # the scans stop seeing both
        await scan(db, later(box, n, ip_addresses=()))
    ips = (await ci_of(db, box.serial_number or ""))["ipAddresses"]
    assert "10.55.0.1" in ips  # the person's fact never misses
    assert "10.55.0.2" not in ips

    # the person's list leaves .1 out and states .3: .1 has left, every fact of it says so
    await gql(UPDATE, {"id": ci_id, "input": {"ipAddresses": ["10.55.0.3"]}})
    every = (await address_facts.facts_of(db, [ci_id]))[ci_id]
    gone = {(f.address, f.source) for f in every if f.dropped_at is not None}
    assert {("10.55.0.1", "person"), ("10.55.0.1", "snmp")} <= gone
    assert ("10.55.0.3", "person") in await facts(db, ci_id)
