"""Reconciliation against the real Neo4j: identification rules in order, source precedence,
sightings, idempotence, assets, LLDP links, software and license positions, atomicity.

Observations are hand-built (the scanner's contract, ``discovery/observation.py``); the
database is real.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graphcmdb.db.database import Database, Row
from graphcmdb.discovery.observation import Interface, Neighbour, Observation, Software
from graphcmdb.discovery.runs import RunCounts
from graphcmdb.graph.enums import CIClass
from graphcmdb.services import address_facts, bulk, discovery_reconcile
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery_reconcile import reconcile
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import license, positions, product
from tests.conftest import GQL

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
ACTOR = system_actor("discovery-test")
RUN = "run-test"


def device(
    name: str | None,
    address: str,
    *,
    serial: str | None = None,
    maker: str | None = "Dell Inc.",
    macs: tuple[str, ...] = (),
    ips: tuple[str, ...] = (),
    at: datetime = T0,
    ci_class: CIClass = CIClass.SERVER,
    **extra: Any,
) -> Observation:
    interfaces = tuple(Interface(i + 1, f"eth{i}", mac=m) for i, m in enumerate(macs))
    return Observation(
        target=f"{address}:161",
        address=address,
        observed_at=at,
        ci_class=ci_class,
        sys_name=name,
        serial_number=serial,
        manufacturer=maker,
        interfaces=interfaces,
        ip_addresses=ips,
        **extra,
    )


async def run(db: Database, *observations: Observation) -> RunCounts:
    return await reconcile(db, ACTOR, list(observations), RUN)


def counts(c: RunCounts) -> tuple[int, int, int, int]:
    return c.new, c.updated, c.unchanged, c.errors


async def cis(db: Database) -> list[Row]:
    rows = await db.run_raw("MATCH (c:CI) RETURN c {.*} AS ci ORDER BY c.name")
    return [r["ci"] for r in rows]


async def ci_named(db: Database, name: str) -> Row:
    [ci] = [c for c in await cis(db) if c["name"] == name]
    return ci


async def audit_entries(db: Database, operation: str | None = None) -> list[Row]:
    rows = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $op IS NULL OR a.operation = $op "
        "RETURN a {.*} AS a ORDER BY a.at",
        op=operation,
    )
    return [r["a"] | {"after": json.loads(r["a"]["after"] or "null")} for r in rows]


def in_order(rows: list[Row]) -> list[Row]:
    """Rows in a total order (history nodes share their entity's id: db/history.py)."""
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


async def graph_snapshot(db: Database) -> tuple[list[Any], list[Any]]:
    """The present graph (its history is tests/db/test_history.py's)."""
    nodes = await db.run_raw(
        "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Timeline AND NOT n:State "
        "RETURN labels(n) AS l, properties(n) AS p"
    )
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE NOT a:Timeline "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"
    )
    return in_order(nodes), in_order(rels)


# --- a new device ----------------------------------------------------------------------


async def test_an_unknown_device_becomes_a_ci_with_what_discovery_saw(db: Database) -> None:
    obs = device(
        "Web1.Example.COM",
        "10.0.0.11",
        serial="SN-1",
        macs=("00:1A:2B:3C:4D:01", "00:00:5e:00:01:07"),  # the VRRP MAC is not kept
        ips=("10.0.0.11", "127.0.0.1", "192.168.5.11"),
        model="PowerEdge R640",
        cores=16,
        sys_object_id="1.3.6.1.4.1.8072.3.2.10",
        sys_descr="Linux web1 6.1.0 x86_64",
    )
    assert counts(await run(db, obs)) == (1, 0, 0, 0)
    [ci] = await cis(db)
    assert ci | {"id": None, "createdAt": None, "updatedAt": None} == {
        "id": None,
        "createdAt": None,
        "updatedAt": None,
        "name": "Web1.Example.COM",
        "ciClass": "Server",
        "classSource": "discovery",
        "status": "OPERATIONAL",
        "criticality": 3,
        "hostname": "web1",
        "fqdn": "web1.example.com",
        "ipAddresses": ["10.0.0.11", "192.168.5.11"],
        "macAddresses": ["00:1a:2b:3c:4d:01"],
        "serialNumber": "SN-1",
        "manufacturer": "Dell Inc.",
        "model": "PowerEdge R640",
        "os": "Linux web1 6.1.0 x86_64",
        "sysObjectId": "1.3.6.1.4.1.8072.3.2.10",
        "cores": 16,
        "sources": ["snmp"],
        "firstSeen": T0,
        "lastSeen": T0,
        "discoveredFields": sorted(
            [
                "cores",
                "fqdn",
                "hostname",
                "ipAddresses",
                "macAddresses",
                "manufacturer",
                "model",
                "name",  # discovery named it: the name policy may rename it
                "os",
                "serialNumber",
                "sysObjectId",
            ]
        ),
    }
    [entry] = await audit_entries(db, "discoverCI")
    assert entry["targetIds"] == [ci["id"]]
    assert entry["after"]["runId"] == RUN
    assert entry["after"]["target"] == "10.0.0.11:161"


# --- identification rules --------------------------------------------------------------

OBSERVED = {
    "name": "host-a.corp.example",
    "address": "10.1.0.1",
    "serial": "CZ123",
    "mac": "a8:bb:cc:00:00:01",
}


@pytest.mark.parametrize(
    ("rule", "existing"),
    [
        ("SERIAL", {"serialNumber": "cz123", "manufacturer": "DELL"}),
        ("MAC", {"macAddresses": ["A8-BB-CC-00-00-01"]}),
        ("FQDN", {"fqdn": "HOST-A.corp.example"}),
        ("HOSTNAME", {"hostname": "host-a"}),
        ("HOSTNAME", {}),  # the hand-made CI's name is the sysName's first label
        ("IP", {"ipAddresses": ["10.1.0.1"]}),
    ],
)
async def test_each_identification_rule_finds_the_existing_ci(
    db: Database, gql: GQL, rule: str, existing: dict[str, Any]
) -> None:
    name = "hand-made" if existing else "host-a"
    ci_id = await create_ci(gql, name, **existing)
    obs = device(
        OBSERVED["name"],
        OBSERVED["address"],
        serial=OBSERVED["serial"],
        maker="Dell Inc.",
        macs=(OBSERVED["mac"],),
    )
    assert counts(await run(db, obs)) == (0, 1, 0, 0)
    assert [c["id"] for c in await cis(db)] == [ci_id]
    [entry] = await audit_entries(db, "reconcileCI")
    assert entry["after"]["rule"] == rule


async def test_a_name_is_found_as_reported_or_in_lower_case(db: Database, gql: GQL) -> None:
    upper, lower = await create_ci(gql, "FS-01"), await create_ci(gql, "fs-02")
    await run(db, device("FS-01.corp.example", "10.1.1.1"), device("FS-02", "10.1.1.2"))
    assert sorted(c["id"] for c in await cis(db)) == sorted([upper, lower])


async def test_a_serial_from_another_manufacturer_is_another_device(db: Database, gql: GQL) -> None:
    await create_ci(gql, "lenovo-box", serialNumber="CZ123", manufacturer="Lenovo")
    assert counts(await run(db, device("other", "10.1.0.9", serial="CZ123"))) == (1, 0, 0, 0)


async def test_a_serial_and_a_mac_pointing_at_different_cis_is_ambiguous(
    db: Database, gql: GQL
) -> None:
    """Nothing is guessed: the device is not written and the run names both CIs."""
    by_serial = await create_ci(gql, "by-serial", serialNumber="SN-9")
    by_mac = await create_ci(gql, "by-mac", macAddresses=["a8:bb:cc:00:00:09"])
    before = await graph_snapshot(db)
    obs = device("x", "10.1.0.2", serial="SN-9", macs=("a8:bb:cc:00:00:09",))
    result = await run(db, obs)
    assert counts(result) == (0, 0, 0, 1)
    [failure] = result.failures
    assert failure.kind == "AMBIGUOUS"
    assert "by-serial" in failure.reason
    assert "by-mac" in failure.reason
    after = await graph_snapshot(db)
    task = ["Entity", "ReconciliationTask"]
    assert [n for n in after[0] if n["l"] not in (task, ["AuditEntry"])] == [
        n for n in before[0] if n["l"] != ["AuditEntry"]
    ]  # only the reconciliation task (and its audit entry) is new
    assert [n["l"] for n in after[0]].count(task) == 1
    assert after[1] == before[1]
    assert {by_serial, by_mac} == {c["id"] for c in await cis(db)}


async def test_a_weaker_rule_never_overrides_a_different_serial(db: Database, gql: GQL) -> None:
    """New hardware under an old name is a new CI; the old one was replaced (see
    ``test_hardware_replacement.py``), not updated with the new box's serial."""
    old = await create_ci(gql, "web7", serialNumber="OLD-1", ipAddresses=["10.1.0.7"])
    assert counts(await run(db, device("web7", "10.1.0.7", serial="NEW-1"))) == (1, 0, 0, 0)
    names = {c["name"]: c["id"] for c in await cis(db)}
    assert names.keys() == {"web7", "web7 (replaced, OLD-1)"}
    assert names["web7 (replaced, OLD-1)"] == old
    assert (await ci_named(db, "web7"))["serialNumber"] == "NEW-1"


async def test_an_address_several_cis_hold_identifies_none(db: Database, gql: GQL) -> None:
    await create_ci(gql, "vip-a", ipAddresses=["10.1.0.50"])
    await create_ci(gql, "vip-b", ipAddresses=["10.1.0.50"])
    unique = await create_ci(gql, "solo", ipAddresses=["10.1.0.51"])
    assert counts(await run(db, device(None, "10.1.0.50"))) == (1, 0, 0, 0)
    assert counts(await run(db, device(None, "10.1.0.51"))) == (0, 1, 0, 0)
    assert (await ci_named(db, "solo"))["id"] == unique
    # still shared when one holder is ruled out by its serial
    await create_ci(gql, "old-box", serialNumber="OLD", ipAddresses=["10.1.0.52"])
    await create_ci(gql, "note", ipAddresses=["10.1.0.52"])
    assert counts(await run(db, device(None, "10.1.0.52", serial="NEW"))) == (1, 0, 0, 0)


async def test_logical_cis_and_generic_names_identify_nothing(db: Database, gql: GQL) -> None:
    await create_ci(gql, "shop", "APPLICATION", ipAddresses=["10.1.0.60"], fqdn="a.example")
    await create_ci(gql, "localhost")
    obs = [device("a.example", "10.1.0.60"), device("localhost", "10.1.0.61")]
    assert counts(await run(db, *obs)) == (2, 0, 0, 0)
    assert (await ci_named(db, "10.1.0.61"))["ciClass"] == "Server"  # named by its address


# --- precedence, sightings, idempotence ------------------------------------------------

UPDATE = (
    """mutation($id: ID!, $input: UpdateCIInput!) { updateCI(id: $id, input: $input) { id } }"""
)
RELEASE = """mutation($id: ID!, $fields: [DiscoverableField!]!) {
  releaseFieldsToDiscovery(id: $id, fields: $fields) { model } }"""


async def test_a_field_set_by_hand_survives_discovery_until_released(
    db: Database, gql: GQL
) -> None:
    await run(db, device("sw1", "10.2.0.1", serial="S1", model="R640", sys_descr="v1"))
    ci = await ci_named(db, "sw1")
    await gql(UPDATE, {"id": ci["id"], "input": {"model": "R640 (rack 3)", "environment": "TEST"}})
    assert "model" not in (await ci_named(db, "sw1"))["discoveredFields"]

    later = T0 + timedelta(hours=1)
    assert counts(await run(db, device("sw1", "10.2.0.1", serial="S1", model="R640",
                                       sys_descr="v2", at=later))) == (0, 1, 0, 0)  # fmt: skip
    ci = await ci_named(db, "sw1")
    assert (ci["model"], ci["os"], ci["environment"]) == ("R640 (rack 3)", "v2", "TEST")

    assert (await gql(RELEASE, {"id": ci["id"], "fields": ["MODEL"]}))[
        "releaseFieldsToDiscovery"
    ] == {"model": "R640 (rack 3)"}
    await run(db, device("sw1", "10.2.0.1", serial="S1", model="R640", at=later))
    assert (await ci_named(db, "sw1"))["model"] == "R640"


async def test_a_field_an_import_sets_is_taken_back_from_discovery(db: Database) -> None:
    await run(db, device("sw2", "10.2.0.3", serial="S3", model="R640"))
    imported = await bulk.upsert_cis(
        db, ACTOR, [{"name": "sw2", "ciClass": "Server", "model": "R640 (from the register)"}]
    )
    assert imported.updated == 1
    assert "model" not in (await ci_named(db, "sw2"))["discoveredFields"]
    later = T0 + timedelta(hours=1)
    await run(db, device("sw2", "10.2.0.3", serial="S3", model="R640", at=later))
    assert (await ci_named(db, "sw2"))["model"] == "R640 (from the register)"


async def test_discovery_fills_empty_fields_of_a_hand_made_ci_but_keeps_its_values(
    db: Database, gql: GQL
) -> None:
    await create_ci(gql, "db1", serialNumber="S2", hostname="database-one", criticality=5)
    await run(db, device("db1.example.com", "10.2.0.2", serial="S2", model="X1"))
    ci = await ci_named(db, "db1")
    assert (ci["hostname"], ci["fqdn"], ci["model"], ci["criticality"]) == (
        "database-one",
        "db1.example.com",
        "X1",
        5,
    )
    assert ci["sources"] == ["snmp"]
    assert ci["firstSeen"] == ci["lastSeen"] == T0
    assert "hostname" not in ci["discoveredFields"]
    assert "model" in ci["discoveredFields"]


async def test_first_seen_is_set_once_and_last_seen_moves(db: Database) -> None:
    obs = device("r1", "10.3.0.1", serial="R1")
    await run(db, obs)
    before = await ci_named(db, "r1")
    later = T0 + timedelta(days=2)
    assert counts(await run(db, device("r1", "10.3.0.1", serial="R1", at=later))) == (0, 0, 1, 0)
    after = await ci_named(db, "r1")
    assert (after["firstSeen"], after["lastSeen"], after["sources"]) == (T0, later, ["snmp"])
    assert after | {"lastSeen": None} == before | {"lastSeen": None}  # nothing else moved
    [seen] = await audit_entries(db, "discoverySeen")
    assert seen["targetIds"] == [after["id"]]
    # an older observation never moves lastSeen back
    assert counts(await run(db, obs)) == (0, 0, 1, 0)
    assert (await ci_named(db, "r1"))["lastSeen"] == later


async def test_the_same_observations_twice_give_the_same_graph(db: Database) -> None:
    observations = [
        device(f"h{i}", f"10.4.0.{i}", serial=f"H{i}", macs=(f"a8:00:00:00:04:0{i}",),
               software=(Software("x", "Acme", "Tool", "1.0"),),
               neighbours=(Neighbour("eth9", f"a8:00:00:00:04:0{(i % 3) + 1}", None, "eth8"),))
        for i in (1, 2, 3)
    ]  # fmt: skip
    assert counts(await run(db, *observations)) == (3, 0, 0, 0)
    graph, entries = await graph_snapshot(db), len(await audit_entries(db))
    assert counts(await run(db, *observations)) == (0, 0, 3, 0)
    assert await graph_snapshot(db) == graph
    assert len(await audit_entries(db)) == entries


async def test_two_targets_of_one_device_in_a_run_do_not_overwrite_each_other(
    db: Database,
) -> None:
    """Two agents on one host (or a router on two addresses): the first one's values stand."""
    first = device("agent-a", "10.4.1.1", macs=("a8:00:00:00:41:01",))
    second = device("agent-b", "10.4.1.2", macs=("a8:00:00:00:41:01",))
    assert counts(await run(db, first, second)) == (1, 0, 1, 0)
    assert counts(await run(db, first, second)) == (0, 0, 2, 0)
    [ci] = await cis(db)
    assert (ci["hostname"], ci["ipAddresses"]) == ("agent-a", ["10.4.1.1"])


async def test_a_device_under_a_new_address_is_the_same_ci(db: Database) -> None:
    await run(db, device("m1", "10.5.0.1", macs=("a8:00:00:00:05:01",)))
    [first] = await cis(db)
    moved = device(None, "10.5.9.9", macs=("a8:00:00:00:05:01",), at=T0 + timedelta(days=1))
    assert counts(await run(db, moved)) == (0, 1, 0, 0)
    [ci] = await cis(db)
    assert (ci["id"], ci["hostname"]) == (first["id"], "m1")
    # addresses accumulate; each keeps who saw it and when (the old one is not confirmed)
    assert ci["ipAddresses"] == ["10.5.0.1", "10.5.9.9"]
    facts = await address_facts.facts_of(db, [ci["id"]])
    seen = {(f.address, f.source): f.last_seen for f in facts[ci["id"]] if f.kind == "IP"}
    assert seen == {("10.5.0.1", "snmp"): T0, ("10.5.9.9", "snmp"): T0 + timedelta(days=1)}


async def test_an_asset_with_the_serial_is_linked_to_its_ci(db: Database, gql: GQL) -> None:
    asset = await create_asset(gql, assetTag="A-1", serialNumber="SRV-77", manufacturer="Dell")
    taken = await create_asset(gql, assetTag="A-2", serialNumber="SRV-78")
    other = await create_ci(gql, "elsewhere")
    await gql(
        """mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }""",
        {"a": taken["id"], "c": other},
    )
    await run(db, device("s77", "10.6.0.1", serial="SRV-77"), device("s78", "10.6.0.2",
                                                                     serial="SRV-78"))  # fmt: skip
    rows = await db.run_raw(
        "MATCH (a:Asset)-[:TRACKS]->(c:CI) RETURN a.assetTag AS tag, c.name AS ci ORDER BY tag"
    )
    assert rows == [{"tag": "A-1", "ci": "s77"}, {"tag": "A-2", "ci": "elsewhere"}]
    assert asset["id"] in (await audit_entries(db, "discoverCI"))[0]["targetIds"]


# --- LLDP ------------------------------------------------------------------------------


async def connections(db: Database) -> list[Row]:
    return await db.run_raw(
        "MATCH (a:CI)-[r:CONNECTED_TO]->(b:CI) RETURN a.name AS a, r.localPort AS lp, "
        "b.name AS b, r.remotePort AS rp ORDER BY a, lp"
    )


async def test_lldp_neighbours_become_one_link_per_cable_in_any_order(db: Database) -> None:
    core = device(
        "core",
        "10.7.0.1",
        macs=("a8:00:00:00:07:01",),
        ci_class=CIClass.NETWORK_DEVICE,
        neighbours=(
            Neighbour("Gi0/1", "a8:00:00:00:07:02", "access", "Gi0/48"),
            Neighbour("Gi0/2", "a8:00:00:00:07:02", "access", "Gi0/47"),  # a second cable
            Neighbour("Gi0/9", "a8:00:00:00:07:99", "unknown-box", "eth0"),
        ),
    )
    access = device(
        "access",
        "10.7.0.2",
        macs=("a8:00:00:00:07:02",),
        ci_class=CIClass.NETWORK_DEVICE,
        neighbours=(Neighbour("Gi0/48", None, "core", "Gi0/1"),),  # the same cable, reversed
    )
    await run(db, core, access)  # core reports access before access exists
    expected = [
        {"a": "core", "lp": "Gi0/1", "b": "access", "rp": "Gi0/48"},
        {"a": "core", "lp": "Gi0/2", "b": "access", "rp": "Gi0/47"},
    ]
    assert await connections(db) == expected
    await run(db, access, core)
    assert await connections(db) == expected

    # the unknown neighbour is linked once a later run has seen it
    await run(db, device("unknown-box", "10.7.0.99", macs=("a8:00:00:00:07:99",)), core)
    assert len(await connections(db)) == 3
    [links] = (await audit_entries(db, "discoveryLinks"))[-1:]
    assert links["after"]["relationships"][0]["localPort"] == "Gi0/9"


# --- software --------------------------------------------------------------------------

SQL = Software("Microsoft SQL Server 2019", "Microsoft", "SQL Server", "2019")
OFFICE = Software("Office", "Microsoft", "Office", "2021", installed_on=date(2024, 5, 1))


async def installs(db: Database) -> list[Row]:
    return await db.run_raw(
        "MATCH (c:CI)-[i:HAS_INSTALLED]->(p:SoftwareProduct) "
        "RETURN c.name AS ci, p.key AS key, i.version AS version, i.source AS source "
        "ORDER BY ci, key"
    )


async def test_software_feeds_license_positions_and_follows_the_device(
    db: Database, gql: GQL
) -> None:
    sql = await product(gql, "Microsoft", "sql server", "2019.0")  # the same normalised key
    await license(gql, sql, 3, metric="PER_CORE")
    boxes = [
        device(f"sql{i}", f"10.8.0.{i}", serial=f"Q{i}", cores=2, software=(SQL, OFFICE))
        for i in (1, 2)
    ]
    await run(db, *boxes)
    position = (await positions(gql))["Microsoft sql server 2019.0"]
    assert (position["consumed"], position["status"], position["shortfall"]) == (
        4,
        "OVER_DEPLOYED",
        1,
    )
    office = await db.run_raw(
        "MATCH (:CI {name: 'sql1'})-[i:HAS_INSTALLED]->(:SoftwareProduct {key: "
        "'microsoft|office|2021'}) RETURN i.installedAt AS at"
    )
    assert office == [{"at": datetime(2024, 5, 1, tzinfo=UTC)}]

    # a person records one more installation by hand: discovery leaves it alone
    tool = await product(gql, "Acme", "Tool")
    await gql(
        """mutation($ci: ID!, $p: ID!) { installSoftware(ciId: $ci, productId: $p) { version } }""",
        {"ci": (await ci_named(db, "sql1"))["id"], "p": tool},
    )
    later = T0 + timedelta(days=1)
    uninstalled = device("sql1", "10.8.0.1", serial="Q1", cores=2, software=(OFFICE,), at=later)
    assert counts(await run(db, uninstalled)) == (0, 1, 0, 0)
    assert (await positions(gql))["Microsoft sql server 2019.0"]["consumed"] == 2
    assert [(r["ci"], r["key"], r["source"]) for r in await installs(db)] == [
        ("sql1", "acme|tool|", None),
        ("sql1", "microsoft|office|2021", "snmp"),
        ("sql2", "microsoft|office|2021", "snmp"),
        ("sql2", "microsoft|sql server|2019", "snmp"),
    ]
    # a device reporting no software at all (no HOST-RESOURCES-MIB) keeps its installations
    silent = device("sql2", "10.8.0.2", serial="Q2", cores=2, at=later)
    await run(db, silent)
    assert len(await installs(db)) == 4


# --- atomicity -------------------------------------------------------------------------


@pytest.mark.parametrize(("batch", "kept"), [(1, ["d1"]), (20, [])])
async def test_a_device_that_fails_half_way_leaves_nothing_and_a_rerun_completes_it(
    db: Database, monkeypatch: pytest.MonkeyPatch, batch: int, kept: list[str]
) -> None:
    """The audit entry is the last write of a device: failing there must undo the CI,
    its products and installations and its asset link, which were written before it (and,
    in a batch, the devices written before it in the same transaction)."""
    monkeypatch.setattr(db.settings, "discovery_write_batch", batch)
    observations = [
        device(f"d{i}", f"10.9.0.{i}", serial=f"D{i}", software=(Software(f"p{i}", "Acme",
                                                                          f"P{i}", "1"),))
        for i in (1, 2, 3)
    ]  # fmt: skip
    record = discovery_reconcile.audit.record
    calls = 0

    async def failing_record(*args: Any, **kwargs: Any) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("the process died here")
        return await record(*args, **kwargs)

    monkeypatch.setattr(discovery_reconcile.audit, "record", failing_record)
    with pytest.raises(RuntimeError):
        await run(db, *observations)
    assert [c["name"] for c in await cis(db)] == kept
    products = await db.run_raw("MATCH (p:SoftwareProduct) RETURN p.key AS key")
    assert products == [{"key": f"acme|p{name[1:]}|1"} for name in kept]

    monkeypatch.setattr(discovery_reconcile.audit, "record", record)
    assert counts(await run(db, *observations)) == (3 - len(kept), 0, len(kept), 0)
    assert [r["ci"] for r in await installs(db)] == ["d1", "d2", "d3"]


async def test_a_device_that_cannot_be_written_is_an_error_and_the_others_go_on(
    db: Database,
) -> None:
    bad = device("b" * 300, "10.9.1.1")  # no CI may have a 300-character name
    odd = device("odd", "10.9.1.3", cores=10**9)  # an implausible value is left out
    good = device("good", "10.9.1.2")
    result = await run(db, bad, odd, good)
    assert counts(result) == (2, 0, 0, 1)
    assert result.failures[0].target == "10.9.1.1:161"
    assert result.failures[0].kind == "RECONCILE_FAILED"
    assert "name" in result.failures[0].reason
    assert "cores" not in await ci_named(db, "odd")
