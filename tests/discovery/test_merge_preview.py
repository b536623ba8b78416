"""Duplicates a CMDB manager can trust and merges that keep what people typed, against the
real Neo4j: the report's kinds, confidences and evidence (a chassis swap is two boxes);
a merge preview that writes nothing and equals the merge; the merge keeps every hand-entered
field, moves incidents, changes, the asset and relationships, and the audit log explains
it and still finds the merged CI's history."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.services.discovery import run_discovery
from tests.api.test_ci_crud import create_ci
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL
from tests.discovery.test_reconcile import ACTOR, T0, ci_named, device
from tests.discovery.test_runs import fake_scan, relate

GROUPS = """query($min: DuplicateConfidence! = LOW) { duplicateCIs(minConfidence: $min) {
  kind value key confidence score summary
  evidence { identifier verdict values note } cis { name } } }"""
MERGE = """mutation($keep: ID!, $merge: [ID!]!, $dry: Boolean! = false, $token: String,
                   $force: Boolean! = false) {
  mergeCIs(input: {keepId: $keep, mergeIds: $merge, dryRun: $dry, planToken: $token,
                   force: $force}) {
    ci { name hostname environment description model os serialNumber ipAddresses
         macAddresses sources firstSeen lastSeen }
    mergedIds movedRelationships droppedRelationships dryRun auditEntryId
    plan { token
      fields { field kept incoming { ciId value discovered } value winner reason changed
               discovered }
      relationships { type fromId toId outcome newFromId newToId reason properties } } } }"""
UPDATE = (
    """mutation($id: ID!, $input: UpdateCIInput!) { updateCI(id: $id, input: $input) { id } }"""
)
AUDIT = """query($id: ID!) { auditLog(targetId: $id, first: 20) { edges { node {
  id operation targetIds after } } } }"""


async def update(gql: GQL, ci_id: str, **fields: object) -> None:
    await gql(UPDATE, {"id": ci_id, "input": fields})


async def graph(db: Database) -> tuple[list[Any], list[Any], int]:
    """Every CI's properties, every relationship (ends by id or name) and the audit size."""
    cis = await db.run_raw("MATCH (c:CI) RETURN c {.*} AS c ORDER BY c.id")
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) WHERE NOT a:IdentityKey RETURN coalesce(a.id, a.name) AS a, "
        "type(r) AS t, coalesce(b.id, b.name) AS b, properties(r) AS p ORDER BY a, t, b"
    )
    keys = await db.run_raw(
        "MATCH (k:IdentityKey)-[:IDENTIFIES]->(c:CI) RETURN k.key AS k, c.id AS c ORDER BY k, c"
    )
    audit = await db.run_raw("MATCH (a:AuditEntry) RETURN count(a) AS n")
    return [r["c"] for r in cis], [*rels, *keys], int(audit[0]["n"])


async def test_the_report_finds_collisions_across_classes_and_never_calls_two_boxes_one(
    gql: GQL,
) -> None:
    web = await create_ci(gql, "web02")
    await create_ci(gql, "edge-b", "NETWORK_DEVICE", fqdn="WEB02.corp.example.")
    # a chassis swap: same name and address, another serial (two boxes)
    old = await create_ci(gql, "sw-old", "NETWORK_DEVICE", serialNumber="FOC1",
                          hostname="core-sw", ipAddresses=["10.50.0.1"])  # fmt: skip
    new = await create_ci(gql, "sw-new", "NETWORK_DEVICE", serialNumber="FOC2",
                          hostname="core-sw", ipAddresses=["10.50.0.1"])  # fmt: skip
    # an address shared by two differently named servers: a VIP, most likely
    await create_ci(gql, "app-a", ipAddresses=["10.50.0.9"])
    await create_ci(gql, "app-b", ipAddresses=["10.50.0.9"])
    await create_ci(gql, "ldap", "APPLICATION")  # logical CIs are not devices

    groups = (await gql(GROUPS))["duplicateCIs"]
    assert [(g["kind"], g["key"], g["confidence"], g["score"], [c["name"] for c in g["cis"]])
            for g in groups] == [
        ("HOST", "HOST:web02", "MEDIUM", 0.5, ["web02", "edge-b"]),
        ("IP", "IP:10.50.0.9", "LOW", 0.15, ["app-a", "app-b"]),
    ]  # fmt: skip
    host = groups[0]
    assert host["summary"] == "host agree; class differ"
    assert host["evidence"] == [
        {"identifier": "HOST", "verdict": "AGREES", "values": ["web02"], "note": None},
        {"identifier": "CLASS", "verdict": "CONTRADICTS", "values": ["NetworkDevice", "Server"],
         "note": None},
    ]  # fmt: skip
    assert [g["kind"] for g in (await gql(GROUPS, {"min": "MEDIUM"}))["duplicateCIs"]] == ["HOST"]

    # the swapped pair is shown only when asked for, as not a duplicate
    every = (await gql(GROUPS, {"min": "NONE"}))["duplicateCIs"]
    [swap] = [g for g in every if g["confidence"] == "NONE"]
    assert (swap["kind"], swap["value"], [c["name"] for c in swap["cis"]]) == (
        "HOST",
        "core-sw",
        ["sw-old", "sw-new"],
    )
    assert swap["summary"].startswith("not a duplicate: serials differ")
    serial = next(e for e in swap["evidence"] if e["identifier"] == "SERIAL")
    assert (serial["verdict"], serial["values"]) == ("CONTRADICTS", ["FOC1", "FOC2"])
    # and merging them is refused unless forced
    err = await gql.error(MERGE, {"keep": new, "merge": [old]})
    assert (err["extensions"]["code"], err["extensions"]["serials"]) == (
        "ILLEGAL_MERGE",
        ["FOC1", "FOC2"],
    )
    assert web  # the namesakes stay two CIs until someone merges them


def plain(result: dict[str, Any]) -> dict[str, Any]:
    """A merge answer without what only an applied merge has."""
    return {k: v for k, v in result.items() if k not in ("dryRun", "auditEntryId")}


async def test_a_preview_writes_nothing_equals_the_merge_and_keeps_what_people_typed(
    db: Database, gql: GQL, admin_gql: GQL
) -> None:
    later = T0 + timedelta(days=2)
    await run_discovery(db, ACTOR, ["a"], fake_scan(ScanResult([
        device("web01", "10.40.0.1", serial="SN-7", macs=("a8:00:00:00:40:01",), model="R1",
               sys_descr="Linux 5.14"),
    ])))  # fmt: skip
    keep = (await ci_named(db, "web01"))["id"]
    # finance's CI for the same box: typed by hand, the serial spelt its own way
    fin = await create_ci(gql, "WEB01 (finance)", environment="PRODUCTION",
                          description="Owned by payments", model="PowerEdge R740",
                          ipAddresses=["10.40.0.9"])  # fmt: skip
    await update(gql, fin, serialNumber="sn 7", os="RHEL 9")
    app = await create_ci(gql, "payments", "APPLICATION")
    await relate(gql, app, "RUNS_ON", fin)
    asset = await create_asset(gql, assetTag="A-77")
    await gql("mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
              {"a": asset["id"], "c": fin})  # fmt: skip
    incident = (await gql(
        """mutation($c: ID!) { openIncident(input: {title: "slow", priority: P3,
             affects: [$c]}) { id } }""", {"c": fin}))["openIncident"]["id"]  # fmt: skip
    change = (await gql(
        """mutation($c: ID!, $s: DateTime!, $e: DateTime!) { createChange(input: {
             title: "patch", plannedStart: $s, plannedEnd: $e, modifies: [$c]}) { id } }""",
        {"c": fin, "s": later.isoformat(), "e": (later + timedelta(hours=1)).isoformat()},
    ))["createChange"]["id"]  # fmt: skip

    [group] = (await gql(GROUPS))["duplicateCIs"]
    assert (group["kind"], group["value"], group["confidence"]) == ("SERIAL", "SN-7", "HIGH")
    assert [c["name"] for c in group["cis"]] == ["web01", "WEB01 (finance)"]

    before = await graph(db)
    preview = (await gql(MERGE, {"keep": keep, "merge": [fin], "dry": True}))["mergeCIs"]
    assert await graph(db) == before  # not a property, key, relationship or audit entry
    assert (preview["dryRun"], preview["auditEntryId"]) == (True, None)

    fields = {f["field"]: f for f in preview["plan"]["fields"]}
    assert {name: (f["value"], f["reason"], f["winner"]) for name, f in fields.items()} == {
        "name": ("web01", "KEY", keep),
        "ciClass": ("Server", "KEY", keep),
        "status": ("OPERATIONAL", "AGREED", "*"),
        "environment": ("PRODUCTION", "FILLED", fin),
        "criticality": (3, "AGREED", "*"),
        "hostname": ("web01", "KEPT", keep),
        "ipAddresses": (["10.40.0.1", "10.40.0.9"], "UNION", "*"),
        "macAddresses": (["a8:00:00:00:40:01"], "UNION", "*"),
        "serialNumber": ("sn 7", "PERSON_ENTERED", fin),
        "manufacturer": ("Dell Inc.", "KEPT", keep),
        "model": ("PowerEdge R740", "PERSON_ENTERED", fin),
        "os": ("RHEL 9", "PERSON_ENTERED", fin),
        "description": ("Owned by payments", "FILLED", fin),
        "sources": (["snmp"], "UNION", "*"),
        "firstSeen": (T0.isoformat(), "EARLIEST", "*"),
        "lastSeen": (T0.isoformat(), "LATEST", "*"),
    }
    assert fields["model"]["kept"] == "R1"
    assert fields["model"]["incoming"] == [
        {"ciId": fin, "value": "PowerEdge R740", "discovered": False}
    ]
    rels = preview["plan"]["relationships"]
    assert sorted((r["type"], r["outcome"], r["newFromId"], r["newToId"]) for r in rels) == sorted([
        ("RUNS_ON", "MOVED", app, keep),
        ("TRACKS", "MOVED", asset["id"], keep),
        ("AFFECTS", "MOVED", incident, keep),
        ("MODIFIES", "MOVED", change, keep),
    ])  # fmt: skip

    applied = (await gql(MERGE, {"keep": keep, "merge": [fin],
                                 "token": preview["plan"]["token"]}))["mergeCIs"]  # fmt: skip
    assert plain(applied) == plain(preview)  # the merge did what the preview said
    assert applied["dryRun"] is False
    stored = await ci_named(db, "web01")
    assert (stored["model"], stored["os"], stored["serialNumber"]) == ("PowerEdge R740", "RHEL 9",
                                                                       "sn 7")  # fmt: skip
    # discovery keeps only what is still its own: a person's values stay a person's
    assert not {"model", "os", "serialNumber", "ipAddresses"} & set(stored["discoveredFields"])
    assert "hostname" in stored["discoveredFields"]

    # incidents, changes, the asset and the application now point at the kept CI
    inc = await gql("query($id: ID!) { incident(id: $id) { affects { name } } }", {"id": incident})
    assert inc["incident"]["affects"] == [{"name": "web01"}]
    chg = await gql("query($id: ID!) { change(id: $id) { modifies { name } } }", {"id": change})
    assert chg["change"]["modifies"] == [{"name": "web01"}]

    # the audit log explains the merge, on the kept CI and on the merged one, whose own
    # history is still found by its id
    [merge] = [e["node"] for e in (await admin_gql(AUDIT, {"id": keep}))["auditLog"]["edges"]
               if e["node"]["operation"] == "mergeCIs"]  # fmt: skip
    assert merge["id"] == applied["auditEntryId"]
    assert merge["targetIds"] == [keep, fin]
    decided = {f["field"]: f for f in merge["after"]["fields"]}
    assert decided["model"] | {"discoveredBefore": None} == {
        "field": "model",
        "kept": "R1",
        "incoming": [{"ciId": fin, "value": "PowerEdge R740"}],
        "value": "PowerEdge R740",
        "winner": fin,
        "reason": "PERSON_ENTERED",
        "discoveredBefore": None,
        "discovered": False,
    }
    assert {m["type"] for m in merge["after"]["moved"]} == {
        "RUNS_ON", "TRACKS", "AFFECTS", "MODIFIES"}  # fmt: skip
    assert merge["after"]["planToken"] == preview["plan"]["token"]
    history = [e["node"]["operation"]
               for e in (await admin_gql(AUDIT, {"id": fin}))["auditLog"]["edges"]]  # fmt: skip
    assert history[0] == "mergeCIs"
    assert {"createCI", "updateCI", "trackCI"} <= set(history)
    assert json.dumps(merge["after"]["kept"]["model"]) == '"PowerEdge R740"'


async def test_a_merge_whose_plan_changed_since_the_preview_is_refused(
    db: Database, gql: GQL
) -> None:
    a = await create_ci(gql, "db-a", serialNumber="Z-1")
    b = await create_ci(gql, "db-b", description="primary")
    await update(gql, b, serialNumber="z1")
    preview = (await gql(MERGE, {"keep": a, "merge": [b], "dry": True}))["mergeCIs"]
    await update(gql, b, description="the replica")  # someone edits meanwhile
    before = await graph(db)
    err = await gql.error(MERGE, {"keep": a, "merge": [b], "token": preview["plan"]["token"]})
    assert err["extensions"]["code"] == "PLAN_STALE"
    assert await graph(db) == before
    again = (await gql(MERGE, {"keep": a, "merge": [b], "dry": True}))["mergeCIs"]
    done = await gql(MERGE, {"keep": a, "merge": [b], "token": again["plan"]["token"]})
    assert done["mergeCIs"]["ci"]["description"] == "the replica"
