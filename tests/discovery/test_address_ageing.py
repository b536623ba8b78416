"""Addresses age out of a CI's ipAddresses: an address a scan sees on another CI moves
there, an address a source stopped seeing for N runs (a setting) drops, and a partial run
ages nothing it did not reach. Observations are the simulated network's, scanned over
SNMP from its real agents; a re-addressed device is one of them seen again under another
address (as the next scan would see it after the change)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from graphcmdb.db.database import Database, Row
from graphcmdb.discovery.observation import Observation, ScanResult
from graphcmdb.discovery.runs import RunCounts, RunError
from graphcmdb.identity.ageing import FactView, Holder, plan_ageing
from graphcmdb.services import address_facts
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery_reconcile import reconcile
from tests.api.test_identity_api import UPSERT
from tests.conftest import GQL
from tests.discovery.test_reconcile import audit_entries

ACTOR = system_actor("ageing-test")


@pytest.fixture
def pair(v2c_scan: ScanResult) -> tuple[Observation, Observation]:
    """Two devices of the simulated network that a serial identifies."""
    found = sorted((o for o in v2c_scan.observations if o.serial_number), key=lambda o: o.target)
    return found[0], found[1]


def later(obs: Observation, runs: int, address: str | None = None, **extra: object) -> Observation:
    """The device as run number ``runs`` after the first sees it (at ``address``)."""
    at = obs.observed_at + timedelta(hours=runs)
    if address is None:
        return replace(obs, observed_at=at, **extra)  # type: ignore[arg-type]
    target = f"{address}:{obs.target.rsplit(':', 1)[1]}"
    return replace(obs, observed_at=at, address=address, target=target, **extra)  # type: ignore[arg-type]


async def scan(db: Database, *observations: Observation, targets: list[str] | None = None) -> None:
    counts = await reconcile(
        db, ACTOR, list(observations), "run", targets=targets or [o.target for o in observations]
    )
    assert counts.failures == []


async def ci_of(db: Database, serial: str) -> Row:
    [row] = await db.run_raw("MATCH (c:CI {serialNumber: $s}) RETURN c {.*} AS c", s=serial)
    return dict(row["c"])


async def holders(db: Database, address: str) -> list[str]:
    rows = await db.run_raw(
        "MATCH (c:CI) WHERE $a IN c.ipAddresses RETURN c.serialNumber AS s ORDER BY s", a=address
    )
    return [r["s"] for r in rows]


async def test_an_address_seen_on_another_device_moves_there(
    db: Database, gql: GQL, pair: tuple[Observation, Observation]
) -> None:
    a, b = pair
    await scan(db, a, b)
    old = a.address
    assert await holders(db, old) == [a.serial_number]
    before = (await ci_of(db, a.serial_number or ""))["ipAddresses"]
    # a was re-addressed; its old address now answers with b
    await scan(db, later(a, 1, "127.0.10.250"), later(b, 1, old))
    assert await holders(db, old) == [b.serial_number]  # one live CI on the address
    ci_a = await ci_of(db, a.serial_number or "")
    assert ci_a["ipAddresses"] == sorted({*before, "127.0.10.250"} - {old})
    keys = await db.run_raw(
        "MATCH (:IdentityKey {key: $k})-[:IDENTIFIES]->(c:CI) RETURN c.serialNumber AS s",
        k=f"IP:{old}",
    )
    assert keys == [{"s": b.serial_number}]  # the key follows: identification finds b
    [entry] = await audit_entries(db, "ageAddresses")
    ci_b = await ci_of(db, b.serial_number or "")
    assert entry["after"]["moved"] == [{"address": old, "from": ci_a["id"], "to": ci_b["id"]}]
    # a's fact is kept, marked as gone
    data = await gql(
        "query($id: ID!) { ci(id: $id) { addressFacts { address source droppedAt } } }",
        {"id": ci_a["id"]},
    )
    facts = {f["address"]: f["droppedAt"] for f in data["ci"]["addressFacts"]}
    assert facts[old] is not None
    assert facts["127.0.10.250"] is None
    # the next run changes nothing
    await scan(db, later(a, 2, "127.0.10.250"), later(b, 2, old))
    assert len(await audit_entries(db, "ageAddresses")) == 1


async def test_an_address_not_seen_for_n_runs_drops_and_a_partial_run_ages_nothing(
    db: Database, pair: tuple[Observation, Observation]
) -> None:
    a, b = pair
    runs = db.settings.address_drop_after_runs
    assert runs > 1
    await scan(db, a, b)
    first = await ci_of(db, a.serial_number or "")
    ci_id, new = first["id"], "127.0.10.251"
    # the old address stays covered by the run's targets: nothing answers there any more
    for n in range(1, runs):
        await scan(db, later(a, n, new), targets=[a.target, f"{new}:16100"])
        assert await holders(db, a.address) == [a.serial_number], n
    facts = (await address_facts.facts_of(db, [ci_id]))[ci_id]
    assert [f.missed for f in facts if f.address == a.address] == [runs - 1]
    # runs that do not reach the device count nothing
    await scan(db, later(b, runs), targets=[b.target, a.target])
    await scan(db, later(a, runs, new))  # reached, but the old address was not a target
    # something still answers on the old address (its credentials refused): no miss
    refused = RunCounts(failures=[RunError(a.target, "AUTH_FAILED", "wrong keys")])
    targets = [a.target, f"{new}:16100"]
    await reconcile(db, ACTOR, [later(a, runs, new)], "run", targets=targets, counts=refused)
    assert await holders(db, a.address) == [a.serial_number]
    await scan(db, later(a, runs + 1, new), targets=[a.target, f"{new}:16100"])
    assert await holders(db, a.address) == []
    after = (await ci_of(db, a.serial_number or ""))["ipAddresses"]
    assert after == sorted({*first["ipAddresses"], new} - {a.address})
    [entry] = await audit_entries(db, "ageAddresses")
    assert entry["after"]["dropped"] == [{"address": a.address, "ciId": ci_id, "missedRuns": runs}]
    # seen again: back on the CI, the misses forgotten
    await scan(db, later(a, runs + 2, a.address))
    assert await holders(db, a.address) == [a.serial_number]
    facts = (await address_facts.facts_of(db, [ci_id]))[ci_id]
    assert [(f.missed, f.dropped_at) for f in facts if f.address == a.address] == [(0, None)]


async def test_an_address_an_import_states_never_ages(
    db: Database, gql: GQL, pair: tuple[Observation, Observation]
) -> None:
    a, _ = pair
    await scan(db, later(a, 0, ip_addresses=("10.77.0.1", "10.77.0.2")))
    # finance's sheet states .2 (and a new .3): its own facts
    row = {"name": a.sys_name, "ciClass": a.ci_class.name, "serialNumber": a.serial_number,
           "ipAddresses": ["10.77.0.2", "10.77.0.3"]}  # fmt: skip
    await gql(UPSERT, {"rows": [row], "dry": False})
    for n in range(1, db.settings.address_drop_after_runs + 1):
        await scan(db, later(a, n, ip_addresses=()))  # no coverage needed: not loopback
    ci = await ci_of(db, a.serial_number or "")
    assert ci["ipAddresses"] == sorted([a.address, "10.77.0.2", "10.77.0.3"])  # .1: snmp's


async def test_an_address_two_devices_report_or_another_environment_holds_stays(
    db: Database, pair: tuple[Observation, Observation]
) -> None:
    a, b = pair
    vip = "10.88.0.1"
    await scan(db, later(a, 0, ip_addresses=(vip,)), b)
    await db.run_raw("MATCH (c:CI {serialNumber: $s}) SET c.environment = 'TEST'",
                     s=a.serial_number)  # fmt: skip
    await scan(db, later(a, 1, ip_addresses=(vip,)), later(b, 1, ip_addresses=(vip,)))
    assert await holders(db, vip) == sorted([a.serial_number or "", b.serial_number or ""])
    await scan(db, later(b, 2, ip_addresses=(vip,)))  # b alone, but a is in TEST
    assert await holders(db, vip) == sorted([a.serial_number or "", b.serial_number or ""])
    assert await audit_entries(db, "ageAddresses") == []


def test_the_plan_counts_answering_only_addresses_when_covered() -> None:
    facts = {"c1": [FactView("127.0.10.9", "snmp", 0, False), FactView("10.1.0.1", "snmp", 2, False),
                    FactView("10.1.0.2", "import", 0, False), FactView("10.1.0.2", "snmp", 2, False)]}  # fmt: skip
    held = {"c1": ["10.1.0.1", "10.1.0.2", "127.0.10.9"]}
    plan = plan_ageing("snmp", {"c1": {"10.1.0.9"}}, facts, {}, {"c1": None}, set(), 3, held)
    assert plan.misses == {"c1": ["10.1.0.1", "10.1.0.2"]}  # loopback: not a target
    assert [(d.address, d.missed) for d in plan.drops] == [("10.1.0.1", 3)]  # import keeps .2
    covered = plan_ageing("snmp", {"c1": set()}, facts, {}, {}, {"127.0.10.9"}, 1, held)
    assert covered.misses["c1"][-1] == "127.0.10.9"
    moved = plan_ageing("snmp", {"c2": {"10.1.0.1"}}, facts,
                        {"10.1.0.1": [Holder("c1", None), Holder("c3", "TEST")]},
                        {"c2": None}, set(), 3, held)  # fmt: skip
    assert [(m.from_id, m.to_id) for m in moved.moves] == [("c1", "c2")]
