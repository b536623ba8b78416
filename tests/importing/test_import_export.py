"""CI import/export: line-numbered errors, nothing written on a bad row, skip-invalid,
idempotent re-import, CSV round trip, GraphQL and CLI paths."""

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
from tests.cli.test_cli import run_cli
from tests.conftest import GQL

ACTOR = system_actor("test")
GOOD = """name,ciClass,environment,criticality,ipAddresses,cores
db-01,Server,PRODUCTION,5,10.0.0.1;10.0.1.1,16
web-01,VIRTUAL_MACHINE,STAGING,3,10.0.0.2,4
web-pool,Cluster,PRODUCTION,4,,
"""
BAD = """name,ciClass,criticality,ipAddresses
ok-1,Server,3,10.0.0.1
bad-ip,Server,3,10.0.0.300
bad-crit,Server,9,
"""


async def count(db: Database) -> int:
    return int((await db.run_raw("MATCH (c:CI) RETURN count(c) AS n"))[0]["n"])


async def test_csv_import_then_reimport_changes_nothing(db: Database) -> None:
    first = await files.import_file(db, ACTOR, files.ImportKind.CIS, GOOD, ImportFormat.CSV)
    assert (first.rows, first.created, first.updated, first.unchanged) == (3, 3, 0, 0)
    rows = await db.run_raw(
        "MATCH (c:CI {name: 'db-01'}) RETURN c.ipAddresses AS ips, c.cores AS cores"
    )
    assert rows == [{"ips": ["10.0.0.1", "10.0.1.1"], "cores": 16}]
    again = await files.import_file(db, ACTOR, files.ImportKind.CIS, GOOD, ImportFormat.CSV)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert await count(db) == 3


async def test_bad_rows_are_reported_by_line_and_column_and_nothing_written(
    gql: GQL, db: Database
) -> None:
    err = await gql.error(
        "mutation($c: String!) { importData(kind: CIS, format: CSV, content: $c) { rows } }",
        {"c": BAD},
    )
    assert err["extensions"]["code"] == "IMPORT_VALIDATION_FAILED"
    assert err["extensions"]["problems"] == [
        {"line": 3, "column": "ipAddresses", "reason": "'10.0.0.300' is not an IP address"},
        {"line": 4, "column": "criticality", "reason": "Input should be less than or equal to 5"},
    ]
    assert err["message"].startswith("Line 3, column 'ipAddresses'")
    assert await count(db) == 0


async def test_skip_invalid_writes_the_good_rows(gql: GQL, db: Database) -> None:
    data = await gql(
        """mutation($c: String!) { importData(kind: CIS, format: CSV, content: $c,
        skipInvalid: true) { rows created skipped problems { line column } } }""",
        {"c": BAD},
    )
    report = data["importData"]
    assert (report["rows"], report["created"], report["skipped"]) == (3, 1, 2)
    assert [p["line"] for p in report["problems"]] == [3, 4]
    assert await count(db) == 1


async def test_json_import_and_csv_export_round_trip(db: Database) -> None:
    records = [
        {"name": "sw-1", "ciClass": "NetworkDevice", "macAddresses": ["AA:BB:CC:00:00:01"]},
        {"name": "app", "ciClass": "APPLICATION", "description": "billing, EU"},
    ]
    await files.import_file(db, ACTOR, files.ImportKind.CIS, json.dumps(records), ImportFormat.JSON)
    exported = await files.export_file(db, files.ImportKind.CIS)
    assert exported.splitlines()[0].startswith("name,ciClass,status")
    again = await files.import_file(db, ACTOR, files.ImportKind.CIS, exported, ImportFormat.CSV)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


async def test_bad_json_is_a_typed_error(gql: GQL) -> None:
    q = "mutation($c: String!) { importData(kind: CIS, format: JSON, content: $c) { rows } }"
    for content, words in (("[1, 2]", "array of objects"), ("{oops", "Not JSON")):
        err = await gql.error(q, {"c": content})
        assert err["extensions"]["code"] == "VALIDATION_FAILED"
        assert words in err["message"]


def test_cli_import_and_export(settings: Settings, db: Database, tmp_path: Path) -> None:
    source = tmp_path / "cis.csv"
    source.write_text(GOOD, encoding="utf-8")
    done = run_cli(settings, "import", str(source), "--kind", "cis")
    assert done.returncode == 0, done.stderr
    assert "3" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    failed = run_cli(settings, "import", str(bad), "--kind", "cis")
    assert failed.returncode == 1
    assert "Line 3" in failed.stderr
    out = tmp_path / "out.csv"
    exported = run_cli(settings, "export", str(out), "--kind", "cis")
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text().splitlines()) == 4


ASSETS = """assetTag,name,lifecycleState,purchaseDate,purchaseCost,currency,usefulLifeMonths,hasStorage
A-1,db-01 chassis,IN_STOCK,2025-01-01,1200.00,EUR,36,true
A-2,monitor,DEPLOYED,2025-03-01,199.90,EUR,48,false
A-3,switch,PLANNED,,,,,
"""


async def test_asset_import_is_idempotent_and_records_lifecycle(db: Database) -> None:
    first = await files.import_file(db, ACTOR, files.ImportKind.ASSETS, ASSETS, ImportFormat.CSV)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    events = await db.run_raw(
        "MATCH (a:Asset {assetTag: 'A-2'})-[:HAD]->(e) "
        "RETURN e.to AS to, e.seq AS seq, e.note AS note"
    )
    assert events == [{"to": "DEPLOYED", "seq": 1, "note": "imported"}]
    cost = await db.run_raw("MATCH (a:Asset {assetTag: 'A-1'}) RETURN a.purchaseCost AS c")
    assert cost == [{"c": "1200.00"}]
    again = await files.import_file(db, ACTOR, files.ImportKind.ASSETS, ASSETS, ImportFormat.CSV)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    exported = await files.export_file(db, files.ImportKind.ASSETS)
    round_trip = await files.import_file(
        db, ACTOR, files.ImportKind.ASSETS, exported, ImportFormat.CSV
    )
    assert (round_trip.created, round_trip.updated, round_trip.unchanged) == (0, 0, 3)


async def test_asset_import_refuses_state_changes_and_bad_money(db: Database) -> None:
    await files.import_file(db, ACTOR, files.ImportKind.ASSETS, ASSETS, ImportFormat.CSV)
    moved = ASSETS.replace("A-1,db-01 chassis,IN_STOCK", "A-1,db-01 chassis,RETIRED")
    with pytest.raises(ImportValidationFailed) as moved_err:
        await files.import_file(db, ACTOR, files.ImportKind.ASSETS, moved, ImportFormat.CSV)
    assert moved_err.value.details["problems"] == [
        {
            "line": 2,
            "column": "lifecycleState",
            "reason": "is IN_STOCK; states change through transitionAsset",
        }
    ]
    bad = "assetTag,purchaseCost\nA-9,100.00\n"
    with pytest.raises(ImportValidationFailed) as money_err:
        await files.import_file(db, ACTOR, files.ImportKind.ASSETS, bad, ImportFormat.CSV)
    assert money_err.value.details["problems"][0]["column"] == "currency"
    count = await db.run_raw("MATCH (a:Asset) RETURN count(a) AS n")
    assert count == [{"n": 3}]


async def test_import_in_several_batches_counts_every_row(db: Database) -> None:
    original = db.settings
    db.settings = original.model_copy(update={"bulk_batch_size": 2})
    try:
        report = await files.import_file(
            db, ACTOR, files.ImportKind.ASSETS, ASSETS, ImportFormat.CSV
        )
        again = await files.import_file(db, ACTOR, files.ImportKind.CIS, GOOD, ImportFormat.CSV)
    finally:
        db.settings = original
    assert (report.created, report.unchanged) == (3, 0)
    assert again.created == 3
    audits = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'importAssets'}) RETURN count(a) AS n"
    )
    assert audits == [{"n": 2}]  # one audit entry per batch
