"""Identification over GraphQL: upsertCIs and importData preview (dryRun) and write with
the preview's token; reconciliation tasks are listed and resolved."""

from __future__ import annotations

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_reconcile import device, run
from tests.services.test_reconciliation_tasks import AMBIGUOUS, two_candidates

UPSERT = """mutation($rows: [CreateCIInput!]!, $dry: Boolean!, $token: String) {
  upsertCIs(input: $rows, dryRun: $dry, planToken: $token) {
    created updated unchanged ids
    plan { applied token totals { create update unchanged ambiguous refused }
           rows { index action rule ci { id name } changes { field before after } notes } } } }"""
IMPORT = """mutation($content: String!, $dry: Boolean!, $token: String) {
  importData(kind: CIS, format: CSV, content: $content, dryRun: $dry, planToken: $token) {
    created updated unchanged dryRun
    plan { applied token rows { line action rule ci { name } } } } }"""
TASKS = """{ reconciliationTasks { totalCount edges { node {
  id state source reason occurrences candidates { name } subject } } } }"""
RESOLVE = """mutation($id: ID!, $ci: ID) {
  resolveReconciliationTask(id: $id, resolution: MERGE_INTO, ciId: $ci) {
    state resolution resolvedCiId resolvedBy } }"""


async def ci_count(db: Database) -> int:
    return int((await db.run_raw("MATCH (c:CI) RETURN count(c) AS n"))[0]["n"])


async def test_upsert_previews_then_writes_exactly_the_preview(db: Database, gql: GQL) -> None:
    web = await create_ci(gql, "web1.corp.example", serialNumber="CZ-1")
    rows = [
        {"name": "WEB1", "ciClass": "SERVER", "serialNumber": "cz1", "os": "Debian 12"},
        {"name": "db9", "ciClass": "SERVER", "serialNumber": "DB-9"},
    ]
    preview = (await gql(UPSERT, {"rows": rows, "dry": True}))["upsertCIs"]
    assert await ci_count(db) == 1
    plan = preview["plan"]
    assert plan["applied"] is False
    assert plan["totals"] == {"create": 1, "update": 1, "unchanged": 0, "ambiguous": 0,
                              "refused": 0}  # fmt: skip
    first, second = plan["rows"]
    assert (first["action"], first["rule"], first["ci"]["id"]) == ("UPDATE", "SERIAL", web)
    assert first["changes"] == [{"field": "os", "before": None, "after": "Debian 12"}]
    assert first["notes"] == ["named 'web1.corp.example' in the CMDB (the row says 'WEB1'; kept)"]
    assert second["action"] == "CREATE"

    token = plan["token"]
    done = (await gql(UPSERT, {"rows": rows, "dry": False, "token": token}))["upsertCIs"]
    assert (done["created"], done["updated"], done["plan"]["applied"]) == (1, 1, True)
    assert done["ids"][0] == web
    assert await ci_count(db) == 2

    # the same token again: the graph changed (the preview's CREATE is now UNCHANGED)
    err = await gql.error(UPSERT, {"rows": rows, "dry": False, "token": token})
    assert err["extensions"]["code"] == "PLAN_STALE"
    assert await ci_count(db) == 2


async def test_an_ambiguous_upsert_row_refuses_the_call_and_names_it(
    db: Database, gql: GQL
) -> None:
    await two_candidates(gql)
    row = {"name": "x", "ciClass": "SERVER", "serialNumber": "SN-9",
           "macAddresses": ["a8:bb:cc:00:00:09"]}  # fmt: skip
    err = await gql.error(UPSERT, {"rows": [row], "dry": False})
    assert err["extensions"]["code"] == "BULK_VALIDATION_FAILED"
    assert "AMBIGUOUS" in str(err["extensions"])
    assert await ci_count(db) == 2


async def test_import_dry_run_answers_the_plan_by_line(db: Database, gql: GQL) -> None:
    await create_ci(gql, "sw-core-1", "NETWORK_DEVICE", serialNumber="FOC123")
    content = "name,ciClass,serialNumber\nSW-CORE-1,Switch,foc-123\nnew-box,Server,NB-1\n"
    preview = (await gql(IMPORT, {"content": content, "dry": True}))["importData"]
    assert (preview["dryRun"], preview["created"], preview["unchanged"]) == (True, 1, 1)
    assert [(r["line"], r["action"], r["rule"]) for r in preview["plan"]["rows"]] == [
        (2, "UNCHANGED", "SERIAL"),
        (3, "CREATE", None),
    ]
    assert await ci_count(db) == 1
    token = preview["plan"]["token"]
    done = (await gql(IMPORT, {"content": content, "dry": False, "token": token}))["importData"]
    assert (done["dryRun"], done["created"], done["plan"]["applied"]) == (False, 1, True)
    assert await ci_count(db) == 2


async def test_tasks_are_listed_and_resolved_over_graphql(db: Database, gql: GQL) -> None:
    by_serial, _ = await two_candidates(gql)
    await run(db, AMBIGUOUS)
    tasks = (await gql(TASKS))["reconciliationTasks"]
    assert tasks["totalCount"] == 1
    [task] = [e["node"] for e in tasks["edges"]]
    assert (task["state"], task["source"], task["occurrences"]) == ("OPEN", "snmp", 1)
    assert sorted(c["name"] for c in task["candidates"]) == ["by-mac", "by-serial"]
    done = (await gql(RESOLVE, {"id": task["id"], "ci": by_serial}))["resolveReconciliationTask"]
    assert (done["state"], done["resolution"], done["resolvedCiId"]) == (
        "RESOLVED",
        "MERGE_INTO",
        by_serial,
    )
    assert done["resolvedBy"].startswith("token:")
    assert (await gql(TASKS))["reconciliationTasks"]["totalCount"] == 0


FACTS = """query($id: ID!) { ci(id: $id) { ipAddresses
  addressFacts { kind address source firstSeen lastSeen } } }"""


async def test_each_source_keeps_its_own_address_facts(db: Database, gql: GQL) -> None:
    await run(db, device("edge-3", "10.3.0.1", serial="E-3"))
    row = {"name": "edge-3", "ciClass": "SERVER", "serialNumber": "E-3",
           "ipAddresses": ["10.3.0.1", "192.0.2.3"]}  # fmt: skip
    [ci_id] = (await gql(UPSERT, {"rows": [row], "dry": False}))["upsertCIs"]["ids"]
    ci = (await gql(FACTS, {"id": ci_id}))["ci"]
    assert ci["ipAddresses"] == ["10.3.0.1", "192.0.2.3"]
    facts = {(f["kind"], f["address"], f["source"]) for f in ci["addressFacts"]}
    assert facts == {("IP", "10.3.0.1", "snmp"), ("IP", "10.3.0.1", "api"),
                     ("IP", "192.0.2.3", "api")}  # fmt: skip


async def test_create_ci_refuses_a_case_variant_of_a_same_class_name(gql: GQL) -> None:
    await create_ci(gql, "web01")
    err = await gql.error('mutation { createCI(input: {name: "Web01", ciClass: SERVER}) { id } }')
    assert err["extensions"]["code"] == "DUPLICATE"
    await create_ci(gql, "Web01", "VIRTUAL_MACHINE")  # a namesake in another class: allowed
