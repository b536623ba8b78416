"""Discovery runs, credential sets and merges against the real Neo4j: run counts and
failures, interruption and re-run, background runs over GraphQL, cancellation, secrets that
never leave the server, the duplicates report and merging.

The scan is injected (a coroutine returning hand-built observations); the database is real.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery import runs
from graphcmdb.discovery.observation import Observation, ScanResult, Software
from graphcmdb.discovery.observation import TargetFailure as Failure
from graphcmdb.discovery.runs import Phase, Progress, ProgressFn
from graphcmdb.services import discovery, discovery_runs
from graphcmdb.services.discovery import run_discovery
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL
from tests.discovery.test_reconcile import ACTOR, T0, ci_named, cis, device, installs


def fake_scan(result: ScanResult) -> runs.ScanFn:
    async def scan(targets: Sequence[str], *, progress: ProgressFn) -> ScanResult:
        for done in range(1, len(targets) + 1):
            progress(done, len(targets))
        return result

    return scan


def fleet(n: int) -> list[Observation]:
    return [
        device(f"n{i}", f"10.20.0.{i}", serial=f"N{i}", software=(Software("t", "Acme", "T", "1"),))
        for i in range(1, n + 1)
    ]


RUN_QUERY = """query($id: ID!) { discoveryRun(id: $id) { id state source targets startedBy
  finishedAt message progress { phase done total }
  counts { new updated unchanged unreachable errors } failures { target kind reason } } }"""


async def test_a_run_records_counts_failures_and_progress(db: Database, viewer_gql: GQL) -> None:
    failures = [
        Failure("10.20.0.9:161", "UNREACHABLE", "no answer in 2 s"),
        Failure("10.20.0.8:161", "AUTH_FAILED", "unknown user name"),
    ]
    seen: list[Progress] = []
    targets = ["10.20.0.0/28"]
    run = await run_discovery(
        db, ACTOR, targets, fake_scan(ScanResult(fleet(2), failures)), seen.append
    )
    assert seen[0] == Progress(Phase.SCANNING, 1, 1)
    assert seen[-1] == Progress(Phase.RECONCILING, 2, 2)

    data = (await viewer_gql(RUN_QUERY, {"id": run.id}))["discoveryRun"]
    assert data["finishedAt"] is not None
    assert data | {"finishedAt": None} == {
        "id": run.id,
        "state": "DONE",
        "source": "snmp",
        "targets": targets,
        "startedBy": "system:discovery-test",
        "finishedAt": None,
        "message": None,
        "progress": {"phase": "RECONCILING", "done": 2, "total": 2},
        "counts": {"new": 2, "updated": 0, "unchanged": 0, "unreachable": 1, "errors": 1},
        "failures": [
            {"target": "10.20.0.9:161", "kind": "UNREACHABLE", "reason": "no answer in 2 s"},
            {"target": "10.20.0.8:161", "kind": "AUTH_FAILED", "reason": "unknown user name"},
        ],
    }
    listed = await viewer_gql("{ discoveryRuns(first: 5) { totalCount edges { node { id } } } }")
    assert listed["discoveryRuns"]["totalCount"] == 1
    entries = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE a.operation <> 'createToken' "
        "RETURN a.operation AS op, a.requestId AS req ORDER BY a.at"
    )
    assert [e["op"] for e in entries] == [
        "startDiscovery",
        "discoverCI",
        "discoverCI",
        "finishDiscovery",
    ]
    assert {e["req"] for e in entries[1:]} == {run.id}  # every write names its run


@pytest.mark.parametrize(("batch", "kept"), [(1, 2), (20, 4)])
async def test_an_interrupted_run_leaves_whole_devices_and_a_rerun_completes_it(
    db: Database, gql: GQL, monkeypatch: pytest.MonkeyPatch, batch: int, kept: int
) -> None:
    """Killed once device 2 is reported: the devices of the transactions committed by
    then are complete and counted (2 with a transaction each; all 4 when they share one),
    the others not there at all."""
    monkeypatch.setattr(db.settings, "discovery_write_batch", batch)
    await create_asset(gql, assetTag="A-3", serialNumber="N3")
    observations = fleet(4)

    def die_after_two_devices(p: Progress) -> None:
        if p.phase is Phase.RECONCILING and p.done == 2:
            raise RuntimeError("killed")

    scan = fake_scan(ScanResult(observations))
    with pytest.raises(RuntimeError):
        await run_discovery(db, ACTOR, ["10.20.0.0/29"], scan, die_after_two_devices)
    [failed] = await db.run_raw("MATCH (r:DiscoveryRun) RETURN r {.*} AS r")
    assert (failed["r"]["state"], failed["r"]["message"]) == ("FAILED", "RuntimeError: killed")
    assert failed["r"]["countNew"] == kept
    names = [f"n{i}" for i in range(1, kept + 1)]
    assert [c["name"] for c in await cis(db)] == names
    assert [r["ci"] for r in await installs(db)] == names  # each device complete

    run = await run_discovery(db, ACTOR, ["10.20.0.0/29"], scan)
    assert (run.state, run.countNew, run.countUnchanged) == ("DONE", 4 - kept, kept)
    assert [r["ci"] for r in await installs(db)] == ["n1", "n2", "n3", "n4"]
    tracked = await db.run_raw("MATCH (:Asset {assetTag: 'A-3'})-[:TRACKS]->(c) RETURN c.name AS n")
    assert tracked == [{"n": "n3"}]


# --- over GraphQL: credential sets, background runs, cancellation ----------------------

CREATE_SET = """mutation($input: CredentialSetInput!) {
  createCredentialSet(input: $input) { id name version user } }"""
UPDATE_SET = """mutation($id: ID!, $input: CredentialSetInput!) {
  updateCredentialSet(id: $id, input: $input) { id name version user } }"""
START = """mutation($targets: [String!]!, $set: String!, $n: Int) {
  startDiscovery(input: {targets: $targets, credentialSet: $set, concurrency: $n}) {
    id state credentialSet } }"""
V2C = {
    "name": "lab",
    "version": "V2C",
    "community": "s3cr3t-community",
    "targetRanges": ["10.0.0.0/8"],
    "allowInsecure": True,  # V2C is weak: refused without it
}
V3 = {
    "name": "core",
    "version": "V3",
    "v3User": "monitor",
    "authProtocol": "SHA256",
    "authKey": "s3cr3t-auth-key",
    "privProtocol": "AES",
    "privKey": "s3cr3t-priv-key",
    "targetRanges": ["10.20.0.0/16"],
}
SECRETS = ("s3cr3t-community", "s3cr3t-auth-key", "s3cr3t-priv-key", "n3w-s3cr3t-auth")


class FakeScanner:
    """Stands in for ``graphcmdb.discovery.scanner.scan``; may wait to be released."""

    def __init__(self, result: ScanResult, block: bool = False) -> None:
        self.result = result
        self.release = asyncio.Event()
        if not block:
            self.release.set()
        self.calls: list[dict[str, Any]] = []

    async def __call__(
        self, targets: Sequence[str], *, credentials: Any, concurrency: int, progress: ProgressFn
    ) -> ScanResult:
        self.calls.append({"credentials": credentials, "concurrency": concurrency})
        progress(0, len(targets))
        await self.release.wait()
        return self.result


async def wait_until_finished(gql: GQL, run_id: str) -> dict[str, Any]:
    for _ in range(400):
        run = (await gql(RUN_QUERY, {"id": run_id}))["discoveryRun"]
        if run["state"] != "RUNNING":
            return dict(run)
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} did not finish")


async def wait_for_progress(gql: GQL, run_id: str) -> dict[str, Any]:
    for _ in range(400):
        run = (await gql(RUN_QUERY, {"id": run_id}))["discoveryRun"]
        if run["progress"]["total"]:
            return dict(run)
        await asyncio.sleep(0.05)
    raise AssertionError(f"run {run_id} reported no progress")


async def test_start_discovery_runs_in_the_background_and_can_be_cancelled(
    admin_gql: GQL, scan_gql: GQL, monkeypatch: pytest.MonkeyPatch
) -> None:
    await admin_gql(CREATE_SET, {"input": V2C})
    scanner = FakeScanner(ScanResult(fleet(3)))
    monkeypatch.setattr(runs, "load_scanner", lambda: scanner)
    started = await scan_gql(START, {"targets": ["10.20.0.0/30"], "set": "lab", "n": 4})
    assert started["startDiscovery"]["state"] == "RUNNING"
    assert started["startDiscovery"]["credentialSet"] == "lab"
    done = await wait_until_finished(scan_gql, started["startDiscovery"]["id"])
    assert (done["state"], done["counts"]["new"]) == ("DONE", 3)
    [call] = scanner.calls
    assert (call["credentials"].community, call["concurrency"]) == ("s3cr3t-community", 4)

    blocked = FakeScanner(ScanResult(fleet(3)), block=True)
    monkeypatch.setattr(runs, "load_scanner", lambda: blocked)
    run_id = (await scan_gql(START, {"targets": ["10.20.0.1"], "set": "lab"}))["startDiscovery"][
        "id"
    ]
    try:
        running = await wait_for_progress(scan_gql, run_id)  # written by the ticker while scanning
        assert (running["state"], running["progress"]) == (
            "RUNNING",
            {"phase": "SCANNING", "done": 0, "total": 1},
        )
        cancel = "mutation($id: ID!) { cancelDiscovery(id: $id) { state message } }"
        assert (await scan_gql(cancel, {"id": run_id}))["cancelDiscovery"] == {
            "state": "FAILED",
            "message": "cancelled",
        }
    finally:
        await discovery.RUNNING.cancel(run_id)
    runs_list = await scan_gql("{ discoveryRuns { edges { node { id state } } } }")
    assert [e["node"]["id"] for e in runs_list["discoveryRuns"]["edges"]] == [
        run_id,
        started["startDiscovery"]["id"],
    ]


async def test_start_discovery_refuses_what_it_cannot_run(
    admin_gql: GQL, scan_gql: GQL, viewer_gql: GQL, monkeypatch: pytest.MonkeyPatch
) -> None:
    await admin_gql(CREATE_SET, {"input": V2C})
    err = await scan_gql.error(START, {"targets": ["10.0.0.1"], "set": "nope"})
    assert err["extensions"]["code"] == "NOT_FOUND"
    err = await scan_gql.error(START, {"targets": [], "set": "lab"})
    assert err["extensions"] == {"code": "VALIDATION_FAILED", "field": "targets"}
    err = await scan_gql.error(START, {"targets": ["10.0.0.1"], "set": "lab", "n": 0})
    assert err["extensions"]["field"] == "concurrency"
    err = await viewer_gql.error(START, {"targets": ["10.0.0.1"], "set": "lab"})
    assert err["extensions"]["code"] == "FORBIDDEN"
    monkeypatch.setattr(runs, "SCANNER_MODULE", "graphcmdb.discovery.no_such_scanner")
    err = await scan_gql.error(START, {"targets": ["10.0.0.1"], "set": "lab"})
    assert err["extensions"]["code"] == "DISCOVERY_UNAVAILABLE"
    assert (await scan_gql("{ discoveryRuns { totalCount } }"))["discoveryRuns"]["totalCount"] == 0


async def test_credential_secrets_never_leave_the_server(
    admin_gql: GQL, scan_gql: GQL, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[Any] = []
    created = await admin_gql(CREATE_SET, {"input": V3})
    answers.append(created)
    assert created["createCredentialSet"] | {"id": None} == {
        "id": None,
        "name": "core",
        "version": "V3",
        "user": "monitor",
    }
    set_id = created["createCredentialSet"]["id"]
    answers.append(await admin_gql(CREATE_SET, {"input": V2C}))
    new_keys = V3 | {"authKey": "n3w-s3cr3t-auth"}
    answers.append(await admin_gql(UPDATE_SET, {"id": set_id, "input": new_keys}))
    answers.append(await scan_gql("{ credentialSets { id name version user } }"))
    answers.append(await scan_gql("query($id: ID!) { node(id: $id) { id name } }", {"id": set_id}))
    assert answers[-1] == {"node": None}  # not an Entity: node(id) and relate never see it

    scanner = FakeScanner(ScanResult(fleet(1)))
    monkeypatch.setattr(runs, "load_scanner", lambda: scanner)
    run_id = (await scan_gql(START, {"targets": ["10.20.0.1"], "set": "core"}))["startDiscovery"][
        "id"
    ]
    answers.append(await wait_until_finished(scan_gql, run_id))
    assert scanner.calls[0]["credentials"].auth_key == "n3w-s3cr3t-auth"  # stored, and used

    audit = await admin_gql(
        "{ auditLog(first: 100) { edges { node { operation targetIds before after } } } }"
    )
    answers.append(audit)
    text = json.dumps(answers)
    assert not [s for s in SECRETS if s in text]
    operations = [e["node"] for e in audit["auditLog"]["edges"]]
    update = next(e for e in operations if e["operation"] == "updateCredentialSet")
    assert update["after"]["authKey"] == update["after"]["privKey"] == "secret changed"
    assert "community" not in update["after"]

    bad = await admin_gql.error(CREATE_SET, {"input": V2C | {"name": "x", "v3User": "u"}})
    assert bad["extensions"]["code"] == "VALIDATION_FAILED"
    assert "s3cr3t" not in json.dumps(bad)
    short = await admin_gql.error(CREATE_SET, {"input": V3 | {"name": "y", "authKey": "short"}})
    assert "at least 8" in short["message"]
    assert (await admin_gql.error(CREATE_SET, {"input": V2C}))["extensions"]["code"] == "DUPLICATE"
    assert (await scan_gql.error(CREATE_SET, {"input": V2C}))["extensions"]["code"] == "FORBIDDEN"


# --- duplicates and merge --------------------------------------------------------------

RELATE = """mutation($a: ID!, $t: RelationshipType!, $b: ID!, $lp: String, $rp: String) {
  relate(input: {fromId: $a, type: $t, toId: $b, localPort: $lp, remotePort: $rp}) { type } }"""
DUPLICATES = """{ duplicateCIs { kind value cis { name } } }"""
MERGE = """mutation($keep: ID!, $merge: [ID!]!, $force: Boolean! = false) {
  mergeCIs(input: {keepId: $keep, mergeIds: $merge, force: $force}) {
    ci { name sources firstSeen lastSeen ipAddresses macAddresses serialNumber model }
    mergedIds movedRelationships droppedRelationships } }"""


async def relate(gql: GQL, a: str, rel: str, b: str, lp: str | None = None) -> None:
    await gql(RELATE, {"a": a, "t": rel, "b": b, "lp": lp, "rp": "p-far" if lp else None})


async def edges_of(db: Database, ci_id: str) -> list[tuple[str, str, str, str | None]]:
    rows = await db.run_raw(
        "MATCH (c:CI {id: $id})-[r]-(o) WHERE NOT o:IdentityKey "
        "RETURN type(r) AS t, startNode(r) = c AS out, "
        "o.name AS other, coalesce(r.localPort, r.source, r.kind) AS extra",
        id=ci_id,
    )
    return sorted((r["t"], "out" if r["out"] else "in", r["other"], r["extra"]) for r in rows)


async def test_duplicates_report_and_merge_moves_every_relationship(
    db: Database, gql: GQL, admin_gql: GQL
) -> None:
    later = T0 + timedelta(days=3)
    sw = Software("x", "Acme", "Agent", "2")
    await run_discovery(db, ACTOR, ["a"], fake_scan(ScanResult([
        device("d1", "10.30.0.1", serial="SN-1", macs=("a8:00:00:00:30:01",), model="R1",
               software=(sw,)),
        device("d2", "10.30.0.2", serial="SN-2", macs=("a8:00:00:00:30:02",), at=later),
    ])))  # fmt: skip
    d1, d2 = (await ci_named(db, "d1"))["id"], (await ci_named(db, "d2"))["id"]
    keep = await create_ci(gql, "srv-a", manufacturer="Dell")
    for ci_id, serial in ((keep, "sn-1"), (d2, "SN-1")):
        await gql(
            """mutation($id: ID!, $sn: String!) {
              updateCI(id: $id, input: {serialNumber: $sn}) { id } }""",
            {"id": ci_id, "sn": serial},
        )  # typed by hand where createCI would have refused: now three CIs claim SN-1
    app, x, switch = (
        await create_ci(gql, "app", "APPLICATION"),
        await create_ci(gql, "x"),
        await create_ci(gql, "switch-9", "NETWORK_DEVICE"),
    )
    cluster = await create_ci(gql, "cl", "CLUSTER")
    await relate(gql, app, "RUNS_ON", d1)
    await relate(gql, d1, "DEPENDS_ON", x)
    await relate(gql, keep, "DEPENDS_ON", x)  # the kept CI has this one already
    await relate(gql, d2, "CONNECTED_TO", keep, "p1")  # becomes a self-link: dropped
    await relate(gql, d1, "CONNECTED_TO", switch, "p2")
    await relate(gql, d2, "MEMBER_OF", cluster)
    asset = await create_asset(gql, assetTag="A-9")
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": asset["id"], "c": d2},
    )

    groups = (await gql(DUPLICATES))["duplicateCIs"]
    assert groups == [{"kind": "SERIAL", "value": "SN-1", "cis": [
        {"name": "d1"}, {"name": "d2"}, {"name": "srv-a"}]}]  # fmt: skip

    err = await gql.error(MERGE, {"keep": keep, "merge": [keep]})
    assert err["extensions"]["code"] == "ILLEGAL_MERGE"
    err = await gql.error(MERGE, {"keep": keep, "merge": [d1, "nope"]})
    assert err["extensions"] | {"kind": None} == {
        "code": "NOT_FOUND",
        "kind": None,
        "ids": ["nope"],
    }
    err = await gql.error(MERGE, {"keep": keep, "merge": [app]})
    assert err["extensions"]["code"] == "ILLEGAL_MERGE"

    merged = (await gql(MERGE, {"keep": keep, "merge": [d1, d2]}))["mergeCIs"]
    assert merged == {
        "ci": {
            "name": "srv-a",
            "sources": ["snmp"],
            "firstSeen": T0.isoformat(),
            "lastSeen": later.isoformat(),
            "ipAddresses": ["10.30.0.1", "10.30.0.2"],
            "macAddresses": ["a8:00:00:00:30:01", "a8:00:00:00:30:02"],
            "serialNumber": "sn-1",
            "model": "R1",
        },
        "mergedIds": [d1, d2],
        "movedRelationships": 5,
        "droppedRelationships": 2,
    }
    assert await edges_of(db, keep) == [
        ("CONNECTED_TO", "out", "switch-9", "p2"),
        ("DEPENDS_ON", "out", "x", "hard"),
        ("HAS_INSTALLED", "out", "Acme Agent 2", "snmp"),
        ("MEMBER_OF", "out", "cl", None),
        ("RUNS_ON", "in", "app", None),
        ("TRACKS", "in", "A-9", None),
    ]
    assert [c["name"] for c in await cis(db)] == ["app", "cl", "srv-a", "switch-9", "x"]
    assert (await gql(DUPLICATES))["duplicateCIs"] == []
    audit = await admin_gql(
        "query($id: ID!) { auditLog(targetId: $id, first: 1) { edges { node { operation "
        "before after } } } }",
        {"id": d1},
    )
    [entry] = [e["node"] for e in audit["auditLog"]["edges"]]
    assert entry["operation"] == "mergeCIs"
    assert [c["name"] for c in entry["before"]["merged"]] == ["d1", "d2"]
    assert {d["reason"] for d in entry["after"]["dropped"]} == {"SELF_LINK", "ALREADY_PRESENT"}


async def test_merging_across_classes_needs_force_and_two_assets_cannot_merge(
    db: Database, gql: GQL
) -> None:
    server, vm = await create_ci(gql, "s1"), await create_ci(gql, "v1", "VIRTUAL_MACHINE")
    err = await gql.error(MERGE, {"keep": server, "merge": [vm]})
    assert err["extensions"]["classes"] == ["Server", "VirtualMachine"]
    assert (await gql(MERGE, {"keep": server, "merge": [vm], "force": True}))["mergeCIs"][
        "mergedIds"
    ] == [vm]

    other = await create_ci(gql, "s2")
    for tag, ci in (("A-10", server), ("A-11", other)):
        asset = await create_asset(gql, assetTag=tag)
        await gql(
            "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
            {"a": asset["id"], "c": ci},
        )
    err = await gql.error(MERGE, {"keep": server, "merge": [other]})
    assert err["extensions"]["code"] == "ALREADY_LINKED"
    assert len(await cis(db)) == 2  # nothing was written


async def test_start_up_closes_runs_a_dead_process_left_running(
    db: Database, settings: Settings
) -> None:
    old, fresh, live = [
        (await discovery_runs.create_run(db, ACTOR, [f"10.30.0.{i}"], "snmp")).id for i in range(3)
    ]
    await db.run_raw(
        "MATCH (r:DiscoveryRun) WHERE r.id IN $ids SET r.updatedAt = datetime() - duration($ago)",
        ids=[old, live],
        ago="PT10M",
    )
    release = asyncio.Event()
    discovery.RUNNING.start(live, release.wait())  # this process still runs it
    try:
        app = create_app(settings, db)
        async with app.router.lifespan_context(app):
            found = await discovery_runs.get_runs(db, [old, fresh, live])
    finally:
        release.set()
        await asyncio.sleep(0)
    assert (found[old].state, found[old].message) == (
        "FAILED",
        "abandoned: no server process is running it any more",
    )
    assert found[old].finishedAt is not None
    assert found[fresh].state == "RUNNING"  # may belong to another live process
    assert found[live].state == "RUNNING"
    [entry] = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'finishDiscovery'}) RETURN a.targetIds AS ids, "
        "a.actor AS actor"
    )
    assert (entry["ids"], entry["actor"]) == ([old], "system:api-startup")
