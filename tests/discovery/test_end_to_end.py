"""Discovery end to end: the SNMP scanner against the simulated network's real agents
(snmpsim + Debian snmpd), reconciliation into the real Neo4j, the run over GraphQL and the
command line. Nothing is mocked.

Scanning the whole network costs seconds, so the session's SNMPv2c scan (``v2c_scan``,
shared with the scanner tests) is replayed where a test needs the whole network written;
every other run scans for real.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pysnmp.hlapi.v3arch.asyncio import SnmpEngine

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Row
from graphcmdb.demo.network import Network
from graphcmdb.demo.network.build import build_devices
from graphcmdb.demo.network.topology import load_topology
from graphcmdb.discovery.credentials import Credentials
from graphcmdb.discovery.installations import reported
from graphcmdb.discovery.mibs.addresses import BROADCAST
from graphcmdb.discovery.observation import Observation, ScanResult
from graphcmdb.discovery.oids import IP_ADDRESS_TYPE
from graphcmdb.discovery.runs import Phase, Progress, ProgressFn, ScanFn
from graphcmdb.discovery.scanner import ScanOptions, scan
from graphcmdb.discovery.session import Session, Timing
from graphcmdb.discovery.targets import Target
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery import run_discovery
from tests.api.test_licenses import license, positions
from tests.cli.test_cli import run_cli
from tests.conftest import GQL, WIPE
from tests.discovery.test_runs import CREATE_SET, RUN_QUERY, START
from tests.discovery.test_scanner import closed_udp_port

ACTOR = system_actor("e2e-test")
#: snmpsim answers from one Python process; a busy machine must not turn into failures
PATIENT = Timing(timeout=3.0, retries=1)
SECRETS = ("graphcmdb-auth-key", "graphcmdb-priv-key")


def scanning(
    credentials: Credentials,
    concurrency: int = 8,
    timing: Timing = PATIENT,
    seen: list[ScanResult] | None = None,
) -> ScanFn:
    """The real SNMP scanner, as ``run_discovery`` calls it; ``seen`` keeps its results."""
    options = ScanOptions(timing=timing)

    async def run(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        result = await scan(
            targets,
            credentials=credentials,
            concurrency=concurrency,
            progress=progress,
            options=options,
        )
        if seen is not None:
            seen.append(result)
        return result

    return run


def replaying(result: ScanResult) -> ScanFn:
    """A scan the session made already, handed over again."""

    async def run(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        progress(len(targets), len(targets))
        return ScanResult(list(result.observations), list(result.failures))

    return run


# --- what the graph holds ----------------------------------------------------------------


async def discovered_cis(db: Database) -> list[Row]:
    rows = await db.run_raw(
        "MATCH (c:CI) RETURN c {.*, installs: [(c)-[i:HAS_INSTALLED {source: 'snmp'}]->"
        "(p:SoftwareProduct) | p.key]} AS ci ORDER BY c.name"
    )
    return [r["ci"] for r in rows]


def owner(ci: Row, observations: Sequence[Observation]) -> Observation:
    """The observation a CI was written from: the one whose answering address it holds."""
    [obs] = [o for o in observations if o.address in (ci.get("ipAddresses") or [])]
    return obs


async def assert_whole(db: Database, observations: Sequence[Observation]) -> list[Row]:
    """Every CI is a whole device: the fields, sighting and installations its observation
    says, nothing missing and nothing half-written. Returns the CIs."""
    cis = await discovered_cis(db)
    for ci in cis:
        obs = owner(ci, observations)
        assert ci["ciClass"] == obs.ci_class.value, ci["name"]
        assert ci["sources"] == ["snmp"]
        assert ci["firstSeen"] == ci["lastSeen"] == obs.observed_at, ci["name"]
        assert ci.get("serialNumber") == obs.serial_number
        assert ci.get("cores") == obs.cores
        assert sorted(ci.get("macAddresses") or []) == sorted(obs.macs)
        assert sorted(ci["installs"]) == sorted(reported(obs)), ci["name"]
    return cis


async def connections(db: Database) -> list[Row]:
    return await db.run_raw(
        "MATCH (a:CI)-[r:CONNECTED_TO]->(b:CI) "
        "RETURN a.name AS a, r.localPort AS lp, b.name AS b, r.remotePort AS rp"
    )


def cables() -> set[frozenset[tuple[str, str]]]:
    """Every cable of the topology, as its two (device FQDN, port) ends."""
    devices = build_devices(load_topology())
    fqdn = {d.name: d.fqdn for d in devices}
    return {
        frozenset({(d.fqdn, p.name), (fqdn[p.peer.device], p.peer.port)})
        for d in devices
        for p in d.ports
        if p.peer
    }


async def snapshot(db: Database) -> dict[str, Any]:
    """CIs, products and the relationships between them, by id; counts of everything
    but the run's own bookkeeping (runs, their history versions and audit entries)."""
    nodes = await db.run_raw(
        "MATCH (n) WHERE n:CI OR n:SoftwareProduct "
        "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    )
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE NOT a:Timeline "  # the present; versions are counted
        "RETURN a.id AS a, type(r) AS type, b.id AS b, "
        "properties(r) AS props ORDER BY a, type, b, r.localPort"
    )
    labels = await db.run_raw(
        "MATCH (n) WHERE NOT (n:AuditEntry OR n:DiscoveryRun OR n:SchemaMigration "
        "OR n:ApiToken) AND NOT (n:State AND 'DiscoveryRun' IN n._labels) "
        "AND NOT (n:Timeline AND EXISTS { (n)-[:STATE]->(s) WHERE 'DiscoveryRun' IN s._labels }) "
        "RETURN labels(n) AS labels, count(*) AS n ORDER BY n, labels"
    )
    return {"nodes": nodes, "rels": rels, "labels": labels}


async def canonical(db: Database) -> tuple[list[Any], list[Any]]:
    """The discovered graph by natural keys (CI name, product key), without generated ids
    and write times: equal for two runs that wrote the same devices."""
    volatile = {"id", "createdAt", "updatedAt"}
    nodes = await db.run_raw(
        "MATCH (n) WHERE n:CI OR n:SoftwareProduct "
        "RETURN coalesce(n.key, n.name) AS key, labels(n) AS labels, properties(n) AS props"
    )
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE (a:CI OR a:SoftwareProduct) AND (b:CI OR b:SoftwareProduct) "
        "RETURN coalesce(a.key, a.name) AS a, type(r) AS type, coalesce(b.key, b.name) AS b, "
        "properties(r) AS props"
    )

    def strip(props: dict[str, Any]) -> list[tuple[str, Any]]:
        return sorted((k, v) for k, v in props.items() if k not in volatile)

    return (
        sorted((n["key"], sorted(n["labels"]), strip(n["props"])) for n in nodes),
        sorted((r["a"], r["type"], r["b"], strip(r["props"])) for r in rels),
    )


# --- the whole network -------------------------------------------------------------------


async def test_the_network_is_written_once_linked_by_its_cables_and_a_rescan_changes_nothing(
    db: Database, gql: GQL, simnet: Network, v2c_scan: ScanResult
) -> None:
    assert v2c_scan.failures == []
    run = await run_discovery(db, ACTOR, simnet.targets, replaying(v2c_scan))
    snmpsim = [d for d in simnet.devices if d.agent == "snmpsim"]
    assert len(snmpsim) == 57
    # every snmpsim device is new; the Debian host answers on two addresses: one CI
    assert (run.state, run.failures) == ("DONE", [])
    assert (run.countNew, run.countUpdated, run.countUnchanged) == (58, 0, 1)

    cis = await assert_whole(db, v2c_scan.observations)
    assert len(cis) == 58
    by_address = {ip: ci["name"] for ci in cis for ip in ci.get("ipAddresses") or []}
    assert len({by_address[d.host] for d in snmpsim}) == 57
    assert {d.name: by_address[d.host] for d in snmpsim if d.name.startswith("core")} == {
        "core-01": "core-01.dc1.example.com",
        "core-02": "core-02.dc1.example.com",
    }
    [linux] = [ci for ci in cis if ci["name"].startswith("linux-")]
    assert linux["name"] == "linux-agent.dc1.example.com"
    assert simnet.device("linux-stale").host not in linux["ipAddresses"]

    # LLDP: one CONNECTED_TO per cable of the topology, both ends named by their ports
    links = await connections(db)
    assert len(links) == len(cables())
    assert {frozenset({(x["a"], x["lp"]), (x["b"], x["rp"])}) for x in links} == cables()

    # a real re-scan: every device and cable seen unchanged, only lastSeen moves
    before = await snapshot(db)
    seen: list[ScanResult] = []
    again = await run_discovery(db, ACTOR, simnet.targets, scanning(simnet.v2c, seen=seen))
    assert seen[0].failures == []
    assert (again.countNew, again.countUpdated, again.countUnchanged) == (0, 0, 59)
    after = await snapshot(db)
    assert (after["labels"], len(after["rels"])) == (before["labels"], len(before["rels"]))
    moved = [(b["props"], a["props"]) for b, a in zip(before["nodes"], after["nodes"], strict=True)]
    moved += [(b["props"], a["props"]) for b, a in zip(before["rels"], after["rels"], strict=True)]
    for old, new in moved:
        assert {k: v for k, v in new.items() if k != "lastSeen"} == {
            k: v for k, v in old.items() if k != "lastSeen"
        }
        if "ciClass" in old or "lastSeen" in old:  # a CI, or a cable LLDP confirms
            assert new["lastSeen"] > old["lastSeen"]

    # HOST-RESOURCES software is what licenses count: SQL Server Enterprise per core
    key = "microsoft|sql server enterprise|2022"
    holders = [o for o in v2c_scan.observations if key in reported(o)]
    assert [o.sys_name for o in holders] == [f"sql-0{i}.dc1.example.com" for i in (1, 2, 3, 4)]
    cores = sum(o.cores or 0 for o in holders)
    [product] = await db.run_raw("MATCH (p:SoftwareProduct {key: $key}) RETURN p.id AS id", key=key)
    await license(gql, product["id"], 64, metric="PER_CORE")
    position = (await positions(gql))["Microsoft SQL Server Enterprise 2022"]
    assert (position["entitled"], position["consumed"], position["shortfall"]) == (
        64,
        cores,
        cores - 64,
    )
    assert sorted(c["name"] for c in position["cis"]) == [o.sys_name for o in holders]


async def test_no_ci_holds_an_address_its_agent_marks_broadcast(
    db: Database, simnet: Network, v2c_scan: ScanResult
) -> None:
    """net-snmp lists each subnet's broadcast address in ipAddressTable; every host of the
    subnet shares it, so it must not become a CI's address (nor identify one)."""
    linux = simnet.device("linux-agent")
    engine = SnmpEngine()
    session = await Session.open(engine, simnet.v2c, Target(linux.host, linux.port), PATIENT)
    kinds = (await session.walk([IP_ADDRESS_TYPE]))[IP_ADDRESS_TYPE]
    engine.close_dispatcher()
    broadcast = {
        str(ipaddress.ip_address(bytes(index[2:])))
        for index, kind in kinds.items()
        if int(kind) == BROADCAST and index[0] == 1
    }
    agent = [o for o in v2c_scan.observations if o.target == linux.target]
    await run_discovery(db, ACTOR, [linux.target], replaying(ScanResult(agent)))
    [ci] = await discovered_cis(db)
    assert ci["ipAddresses"]
    assert not broadcast & set(ci["ipAddresses"])


# --- failures --------------------------------------------------------------------------


async def test_v3_refused_by_a_stale_agent_and_a_dead_target_are_failures_of_the_run(
    db: Database, simnet: Network
) -> None:
    names = ["core-01", "nas-01", "sql-01", "linux-agent", "linux-stale"]
    dead = f"127.0.0.1:{closed_udp_port()}"
    targets = [simnet.device(n).target for n in names] + [dead]
    seen: list[ScanResult] = []
    timing = Timing(timeout=1.0, retries=1)
    run = await run_discovery(db, ACTOR, targets, scanning(simnet.v3, 6, timing, seen))

    assert run.state == "DONE"
    counts = [run.countNew, run.countUnchanged, run.countUnreachable, run.countErrors]
    assert counts == [4, 0, 1, 1]
    failures = {f.target: f for f in run.failures}
    stale = failures[simnet.device("linux-stale").target]
    assert stale.kind == "AUTH_FAILED"
    assert "cmdb-v3" in stale.reason
    assert failures[dead].kind == "UNREACHABLE"

    cis = await assert_whole(db, seen[0].observations)  # the rest is written, whole
    assert sorted(ci["name"].split(".")[0] for ci in cis) == sorted(names[:4])
    stored = await db.run_raw(
        "MATCH (n) WHERE n:DiscoveryRun OR n:AuditEntry RETURN properties(n) AS p"
    )
    text = json.dumps(stored, default=str)
    assert not [s for s in SECRETS if s in text]


@pytest.mark.parametrize("batch", [1, 5])
async def test_a_run_killed_mid_way_leaves_whole_devices_and_a_rerun_gives_the_same_graph(
    db: Database,
    simnet: Network,
    v2c_scan: ScanResult,
    monkeypatch: pytest.MonkeyPatch,
    batch: int,
) -> None:
    """The run's task is cancelled once device 12 of 34 is written: it lands in the next
    transaction, so the devices of every batch committed before are complete (12 with a
    transaction per device, 15 with batches of 5), the next one's are not there at all,
    and running again completes the graph to exactly what one uninterrupted run writes."""
    monkeypatch.setattr(db.settings, "discovery_write_batch", batch)
    kept = -(-12 // batch) * batch  # the devices of the batches committed by then
    wanted = [d.target for d in simnet.devices[:30]] + [
        simnet.device(n).target for n in ("sql-01", "app-01", "ora-01", "web-01")
    ]
    observations = [o for o in v2c_scan.observations if o.target in wanted]
    assert len(observations) == 34
    scan_fn = replaying(ScanResult(observations))

    await run_discovery(db, ACTOR, wanted, scan_fn)
    uninterrupted = await canonical(db)
    await db.run_raw(WIPE)

    task: asyncio.Task[Row] | None = None

    def kill_after_twelve(progress: Progress) -> None:
        if progress.phase is Phase.RECONCILING and progress.done == 12 and task is not None:
            task.cancel()  # lands in the next device's transaction

    task = asyncio.create_task(run_discovery(db, ACTOR, wanted, scan_fn, kill_after_twelve))
    with pytest.raises(asyncio.CancelledError):
        await task
    [killed] = await db.run_raw("MATCH (r:DiscoveryRun) RETURN properties(r) AS r")
    assert (killed["r"]["state"], killed["r"]["message"]) == ("FAILED", "cancelled")
    assert killed["r"]["countNew"] == kept
    cis = await assert_whole(db, observations)
    assert sorted(owner(ci, observations).target for ci in cis) == sorted(wanted[:kept])
    assert await connections(db) == []  # links come after the devices

    rerun = await run_discovery(db, ACTOR, wanted, scan_fn)
    assert (rerun.state, rerun.countNew, rerun.countUnchanged) == ("DONE", 34 - kept, kept)
    assert len(await assert_whole(db, observations)) == 34
    assert await canonical(db) == uninterrupted


# --- over GraphQL and the command line -----------------------------------------------------


async def test_start_discovery_runs_the_real_scanner_in_the_background(
    admin_gql: GQL, scan_gql: GQL, simnet: Network
) -> None:
    community = {
        "name": "simnet",
        "version": "V2C",
        "community": simnet.layout.community,
        "targetRanges": ["127.0.10.0/24"],
        "allowInsecure": True,
    }
    await admin_gql(CREATE_SET, {"input": community})
    targets = [f"127.0.10.0/28:{simnet.port}"]  # the first 14 devices
    started = (await scan_gql(START, {"targets": targets, "set": "simnet", "n": 4}))[
        "startDiscovery"
    ]
    assert (started["state"], started["credentialSet"]) == ("RUNNING", "simnet")

    polls: list[dict[str, Any]] = []
    for _ in range(1200):
        run = (await scan_gql(RUN_QUERY, {"id": started["id"]}))["discoveryRun"]
        polls.append(run)
        if run["state"] != "RUNNING":
            break
        await asyncio.sleep(0.1)
    running = [p["progress"] for p in polls if p["state"] == "RUNNING" and p["progress"]["total"]]
    assert running, "no progress was seen while the run ran"
    steps = [(list(Phase).index(Phase(p["phase"])), p["done"]) for p in running]
    assert steps == sorted(steps)  # SCANNING before RECONCILING, and forward within each
    done = polls[-1]
    assert done["state"] == "DONE"
    assert done["counts"] == {"new": 14, "updated": 0, "unchanged": 0, "unreachable": 0, "errors": 0}  # fmt: skip
    assert done["progress"] == {"phase": "RECONCILING", "done": 14, "total": 14}
    assert done["failures"] == []
    names = await scan_gql("{ cis(first: 50) { totalCount } }")
    assert names["cis"]["totalCount"] == 14


def cells(stdout: str, header: str) -> list[list[str]]:
    """The rows of the rich table whose header line contains ``header``."""
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if header in line)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("│"):
            break
        rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


async def test_the_cli_discovers_and_prints_the_summary_and_the_failures(
    settings: Settings, db: Database, simnet: Network, tmp_path: Path
) -> None:
    dead = f"127.0.0.1:{closed_udp_port()}"
    listing = tmp_path / "targets.txt"
    listing.write_text(f"# lab\n{simnet.device('core-01').host}, {simnet.device('esx-01').host}\n{dead}\n")  # fmt: skip
    args = ["--port", str(simnet.port), "--timeout", "1", "--concurrency", "4"]
    done = run_cli(
        settings, "discover", "snmp", f"@{listing}", simnet.device("sql-01").host, *args,
        "--community", simnet.layout.community,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    [summary] = cells(done.stdout, "devices/s")
    assert summary[:5] == ["3", "0", "0", "1", "0"]  # new updated unchanged unreachable errors
    assert float(summary[5]) > 0
    [[target, kind, reason]] = cells(done.stdout, "reason")
    assert (target, kind) == (dead, "UNREACHABLE")
    assert "no answer" in reason
    assert simnet.layout.community not in done.stdout + done.stderr
    assert len(await discovered_cis(db)) == 3
    [run] = await db.run_raw("MATCH (r:DiscoveryRun) RETURN properties(r) AS r")
    assert run["r"]["startedBy"] == "system:discover"
    assert run["r"]["targets"] == [
        simnet.device("core-01").host,
        simnet.device("esx-01").host,
        dead,
        simnet.device("sql-01").host,
    ]

    v3 = simnet.v3
    refused = run_cli(
        settings, "discover", "snmp", simnet.device("core-01").host, "--v3-user", v3.user or "",
        "--auth-key", v3.auth_key or "", "--priv-key", "short", *args,
    )  # fmt: skip
    assert refused.returncode == 1
    assert "VALIDATION_FAILED" in refused.stderr
    assert not [s for s in (v3.auth_key or "", "short") if s in refused.stdout + refused.stderr]
    missing = run_cli(settings, "discover", "snmp", "10.0.0.1", "--credential-set", "nope")
    assert (missing.returncode, "NOT_FOUND" in missing.stderr) == (1, True)
