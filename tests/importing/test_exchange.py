"""Relationships and services in and out (CSV and JSON): CI ends found by the
identification engine, bad rows refused with their line and nothing written, a preview
writes nothing, a re-import changes nothing; GraphQL and CLI paths. (Every column of
both kinds round-trips in tests/services/test_node_import_round_trip.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.errors import ImportValidationFailed
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor
from tests.api.test_node_permissions import graph_state
from tests.cli.test_cli import run_cli
from tests.conftest import GQL

ACTOR = system_actor("exchange")
K = files.ImportKind
CIS = """name,ciClass,hostname,fqdn,serialNumber
db-01,Server,db-01,db-01.example.org,SN-DB-01
esx-01,Server,esx-01,,SN-ESX-01
web-01,VirtualMachine,web-01,web-01.example.org,
shop-app,Application,,,
pool,Cluster,,,
"""
SERVICES = "name,criticality,users\nShop,5,1200\nHR,2,80\n"
#: ends named as other tools name them: "VM" for the class, the FQDN or upper-case host
#: name for the CI (the identification engine's HOSTNAME rule finds it)
RELS = """fromClass,fromName,type,toClass,toName,kind
Business Service,Shop,DEPENDS_ON,app,shop-app,
Service,HR,DEPENDS_ON,Service,Shop,SOFT
Application,shop-app,RUNS_ON,VM,WEB-01,
VM,web-01.example.org,HOSTED_ON,Physical Server,esx-01,
VM,web-01,MEMBER_OF,Cluster,pool,
"""
BAD = """fromClass,fromName,type,toClass,toName,kind
Application,shop-app,RUNS_ON,VM,web-01,
Application,nowhere,RUNS_ON,VM,web-01,
Server,db-01,HOSTED_ON,VM,web-01,
Application,shop-app,RUNS_ON,Server,db-01,HARD
Server,db-01,TRACKS,Server,esx-01,
Teapot,db-01,DEPENDS_ON,Server,esx-01,
"""


async def load(db: Database, kind: files.ImportKind, text: str, **kw: object) -> files.ImportReport:
    return await files.import_file(db, ACTOR, kind, text, ImportFormat.CSV, **kw)  # type: ignore[arg-type]


async def rels(db: Database) -> list[tuple[str, str, str, str | None]]:
    rows = await db.run_raw(
        "MATCH (a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF|CONNECTED_TO]->(b) "
        "RETURN a.name AS a, type(r) AS t, b.name AS b, r.kind AS kind, r.id AS id"
    )
    assert all(r["id"] for r in rows)  # an imported relationship has an id, as relate's
    return sorted((r["a"], r["t"], r["b"], r["kind"]) for r in rows)


async def base(db: Database) -> None:
    await load(db, K.CIS, CIS)
    await load(db, K.SERVICES, SERVICES)


async def test_relationships_find_their_ends_by_identification_and_reimport_changes_nothing(
    db: Database,
) -> None:
    await base(db)
    report = await load(db, K.RELATIONSHIPS, RELS)
    assert (report.rows, report.created, report.updated, report.unchanged) == (5, 5, 0, 0)
    assert await rels(db) == [
        ("HR", "DEPENDS_ON", "Shop", "soft"),
        ("Shop", "DEPENDS_ON", "shop-app", "hard"),
        ("shop-app", "RUNS_ON", "web-01", None),
        ("web-01", "HOSTED_ON", "esx-01", None),
        ("web-01", "MEMBER_OF", "pool", None),
    ]
    before = await graph_state(db)
    again = await load(db, K.RELATIONSHIPS, RELS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert await graph_state(db) == before  # not even an audit entry
    changed = await load(db, K.RELATIONSHIPS, RELS.replace("Shop,SOFT", "Shop,HARD"))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
    [entry] = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'importRelationships'}) RETURN a.after AS after "
        "ORDER BY a.at DESC LIMIT 1"
    )
    assert json.loads(entry["after"])["import"]["kind"] == "relationships"


async def test_bad_relationship_rows_are_typed_and_nothing_is_written(db: Database) -> None:
    await base(db)
    before = await graph_state(db)
    with pytest.raises(ImportValidationFailed) as caught:
        await load(db, K.RELATIONSHIPS, BAD)
    problems = caught.value.details["problems"]
    assert [(p["line"], p["column"]) for p in problems] == [
        (3, "fromName"),
        (4, "type"),
        (5, "kind"),
        (6, "type"),
        (7, "fromClass"),
    ]
    assert problems[0]["reason"] == "no Application CI named 'nowhere'"
    assert problems[1]["reason"].startswith("HOSTED_ON goes from VirtualMachine to Server")
    assert "DEPENDS_ON only" in problems[2]["reason"]
    assert problems[3]["reason"] == "TRACKS is not imported as a relationship"
    assert await graph_state(db) == before
    skipped = await load(db, K.RELATIONSHIPS, BAD, skip_invalid=True)
    assert (skipped.created, skipped.skipped) == (1, 5)


async def test_a_preview_writes_nothing_and_counts_what_it_would(db: Database) -> None:
    await base(db)
    before = await graph_state(db)
    preview = await load(db, K.RELATIONSHIPS, RELS, dry_run=True)
    assert (preview.dry_run, preview.created) == (True, 5)
    services = await load(db, K.SERVICES, "name,users\nShop,1300\nNew,\n", dry_run=True)
    assert (services.created, services.updated) == (1, 1)
    assert await graph_state(db) == before


async def test_bad_service_rows_change_nothing(db: Database) -> None:
    await base(db)
    before = await graph_state(db)
    with pytest.raises(ImportValidationFailed) as caught:
        await load(db, K.SERVICES, "name,criticality,slaTarget\nOk,3,99\nBad,9,\nWorse,,150\n")
    assert [(p["line"], p["column"]) for p in caught.value.details["problems"]] == [
        (3, "criticality"),
        (4, "slaTarget"),
    ]
    assert await graph_state(db) == before


async def test_json_export_reimports_to_the_same_graph(db: Database) -> None:
    await base(db)
    await load(db, K.RELATIONSHIPS, RELS)
    for kind in (K.SERVICES, K.RELATIONSHIPS):
        exported = await files.export_file(db, kind, fmt=ImportFormat.JSON)
        records = json.loads(exported)
        assert len(records) == {K.SERVICES: 2, K.RELATIONSHIPS: 5}[kind]
        before = await graph_state(db)
        report = await files.import_file(db, ACTOR, kind, exported, ImportFormat.JSON)
        assert (report.created, report.updated, report.unchanged) == (0, 0, len(records))
        assert await graph_state(db) == before
    records = json.loads(await files.export_file(db, K.RELATIONSHIPS, fmt=ImportFormat.JSON))
    assert [r["fromClass"] for r in records] == [
        "Application",
        *["Service"] * 2,
        *["VirtualMachine"] * 2,
    ]
    assert records[1] == {
        "fromClass": "Service",
        "fromName": "HR",
        "type": "DEPENDS_ON",
        "toClass": "Service",
        "toName": "Shop",
        "kind": "SOFT",
    }


async def test_graphql_imports_previews_and_exports_relationships(
    gql: GQL, admin_gql: GQL, db: Database
) -> None:
    await base(db)
    query = """mutation($c: String!, $d: Boolean!) {
      importData(kind: RELATIONSHIPS, format: CSV, content: $c, dryRun: $d) {
        created unchanged dryRun } }"""
    preview = await gql(query, {"c": RELS, "d": True})
    assert preview["importData"] == {"created": 5, "unchanged": 0, "dryRun": True}
    assert await rels(db) == []
    done = await gql(query, {"c": RELS, "d": False})
    assert done["importData"]["created"] == 5
    export = "query($f: ImportFormat!) { exportData(kind: RELATIONSHIPS, format: $f) }"
    csv_text = (await admin_gql(export, {"f": "CSV"}))["exportData"]
    assert csv_text.splitlines()[0] == ",".join(files.COLUMNS[K.RELATIONSHIPS])
    assert len(csv_text.splitlines()) == 6
    err = await gql.error(export, {"f": "JSON"})  # an editor may import, not export
    assert err["extensions"]["code"] == "FORBIDDEN"


async def test_cli_exports_json_and_imports_it(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    await base(db)
    await load(db, K.RELATIONSHIPS, RELS)
    out = tmp_path / "rels.json"
    result = run_cli(settings, "export", str(out), "--kind", "relationships", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(out.read_text())) == 5
    result = run_cli(settings, "import", str(out), "--kind", "relationships", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Preview of the import" in result.stdout


INCIDENTS = """externalKey,title,priority,state,openedAt,resolvedAt,affects
I-000123,DB slow,P2,RESOLVED,2025-03-01T10:00:00Z,2025-03-01T12:00:00Z,Physical Server:DB-01;Service:Shop
I-000124,Shop down,P1,,2025-03-05T08:00:00Z,,VM:web-01.example.org
"""
BAD_ITSM = """number,externalKey,title,priority,openedAt,affects
,,no key,P2,2025-03-01T10:00:00Z,Server:db-01
I-77,,foreign number,P2,2025-03-01T10:00:00Z,Server:db-01
INC0000009,,unknown CI,P2,2025-03-01T10:00:00Z,Server:nowhere
INC0000010,,bad ref,P2,2025-03-01T10:00:00Z,db-01
"""


async def test_incidents_are_found_again_by_external_key_and_numbered_by_the_counter(
    db: Database,
) -> None:
    await base(db)
    first = await load(db, K.INCIDENTS, INCIDENTS)
    assert (first.created, first.updated) == (2, 0)
    rows = await db.run_raw(
        "MATCH (i:Incident) RETURN i.number AS n, i.externalKey AS k, i.state AS s, "
        "COLLECT { MATCH (i)-[:AFFECTS]->(t) RETURN t.name ORDER BY t.name } AS affects "
        "ORDER BY n"
    )
    assert rows == [
        {"n": "INC0000001", "k": "I-000123", "s": "RESOLVED", "affects": ["Shop", "db-01"]},
        {"n": "INC0000002", "k": "I-000124", "s": "NEW", "affects": ["web-01"]},
    ]
    before = await graph_state(db)
    again = await load(db, K.INCIDENTS, INCIDENTS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert await graph_state(db) == before
    # a number of our own is kept, and the counter moves past it
    kept = "number,title,priority,openedAt\nINC0000040,kept,P3,2025-03-06T08:00:00Z\n"
    await load(db, K.INCIDENTS, kept)
    await load(
        db, K.INCIDENTS, "externalKey,title,priority,openedAt\nX-1,next,P3,2025-03-07T08:00:00Z\n"
    )
    [last] = await db.run_raw("MATCH (i:Incident {externalKey: 'X-1'}) RETURN i.number AS n")
    assert last["n"] == "INC0000041"


async def test_bad_incident_and_change_rows_change_nothing(db: Database) -> None:
    await base(db)
    before = await graph_state(db)
    with pytest.raises(ImportValidationFailed) as caught:
        await load(db, K.INCIDENTS, BAD_ITSM)
    assert [(p["line"], p["column"]) for p in caught.value.details["problems"]] == [
        (2, "number"),
        (3, "number"),
        (4, "affects"),
        (5, "affects"),
    ]
    bad_change = (
        "externalKey,title,plannedStart,plannedEnd,modifies\n"
        "C-1,on a service,2025-04-01T22:00:00Z,2025-04-02T02:00:00Z,Service:Shop\n"
        "C-2,backwards,2025-04-02T22:00:00Z,2025-04-01T02:00:00Z,Server:db-01\n"
    )
    with pytest.raises(ImportValidationFailed) as caught:
        await load(db, K.CHANGES, bad_change)
    assert [(p["line"], p["column"]) for p in caught.value.details["problems"]] == [
        (2, "modifies"),
        (3, "plannedEnd"),
    ]
    preview = await load(db, K.INCIDENTS, INCIDENTS, dry_run=True)
    assert preview.created == 2
    assert await graph_state(db) == before
