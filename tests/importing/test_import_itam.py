"""Contract, license and installation import/export: natural keys, references by natural
key (vendor, assets, product, contract, CI), line-numbered problems with nothing written,
skip-invalid, idempotent re-import, batches, CSV round trips, GraphQL and CLI paths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphcmdb.api.graphql.core.import_mutation import ImportKind as GraphQLImportKind
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.domain.contract_models import LicenseCreate, SoftwareProductCreate
from graphcmdb.errors import Duplicate, ImportValidationFailed
from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services import contract_bulk, licenses
from graphcmdb.services.actor import system_actor
from graphcmdb.services.import_batch import write_batch
from graphcmdb.services.row_checks import RowsRefused
from tests.cli.test_cli import run_cli
from tests.conftest import GQL

ACTOR = system_actor("test")
K = files.ImportKind
CSV, JSON = ImportFormat.CSV, ImportFormat.JSON

CIS = """name,ciClass,cores
db-01,Server,16
web-01,VirtualMachine,4
"""
ASSETS = """assetTag,name
A-1,db-01 chassis
A-2,web rack
"""
CONTRACTS = """number,name,kind,startDate,endDate,annualCost,currency,autoRenew,noticeDays,vendorName,assetTags
C-100,Dell support,SUPPORT,2025-01-01,2027-12-31,1200.00,EUR,true,90,Dell,A-1;A-2
C-200,,LEASE,2025-02-01,2028-01-31,,,,,Dell,
"""
LICENSES = """reference,publisher,product,version,metric,quantity,unitCost,currency,contractNumber
PO-1,Microsoft,Office,2021,PER_DEVICE,10,100.00,EUR,C-100
PO-2, microsoft ,OFFICE,2021.0,PER_DEVICE,5,,,
PO-3,Atlassian,Jira,,PER_USER,50,,,
"""
INSTALLS = """ciClass,ciName,publisher,product,version,installedVersion,installedAt
Server,db-01,Microsoft,Office,2021,16.0.14332,2025-03-01T10:00:00Z
VIRTUAL_MACHINE,web-01,Microsoft,Office,2021,,
Server,db-01,Atlassian,Jira,,,
"""


async def load(
    db: Database, kind: files.ImportKind, content: str, fmt: ImportFormat = CSV, **kw: Any
) -> files.ImportReport:
    return await files.import_file(db, ACTOR, kind, content, fmt, **kw)


def counts(report: files.ImportReport) -> tuple[int, int, int]:
    return report.created, report.updated, report.unchanged


async def count(db: Database, pattern: str) -> int:
    return int((await db.run_raw(f"MATCH {pattern} RETURN count(*) AS n"))[0]["n"])


async def problems_of(db: Database, kind: files.ImportKind, content: str) -> list[dict[str, Any]]:
    with pytest.raises(ImportValidationFailed) as err:
        await load(db, kind, content)
    return list(err.value.details["problems"])


async def with_references(db: Database, *kinds: files.ImportKind) -> None:
    """The CIs and assets the ITAM files refer to, plus the given kinds."""
    sources = {K.CONTRACTS: CONTRACTS, K.LICENSES: LICENSES, K.INSTALLATIONS: INSTALLS}
    await load(db, K.CIS, CIS)
    await load(db, K.ASSETS, ASSETS)
    for kind in kinds:
        await load(db, kind, sources[kind])


# --- contracts -------------------------------------------------------------------------


async def test_contracts_link_vendor_and_assets_and_reimport_changes_nothing(
    db: Database,
) -> None:
    await with_references(db)
    first = await load(db, K.CONTRACTS, CONTRACTS)
    assert counts(first) == (2, 0, 0)
    rows = await db.run_raw(
        "MATCH (c:Contract)-[:WITH]->(v:Vendor) "
        "RETURN c.number AS number, c.name AS name, c.annualCost AS cost, c.autoRenew AS renew, "
        "c.noticeDays AS notice, v.name AS vendor, "
        "COLLECT { MATCH (a:Asset)-[:COVERED_BY]->(c) RETURN a.assetTag ORDER BY a.assetTag } "
        "AS tags ORDER BY number"
    )
    assert rows == [
        {
            "number": "C-100",
            "name": "Dell support",
            "cost": "1200.00",
            "renew": True,
            "notice": 90,
            "vendor": "Dell",
            "tags": ["A-1", "A-2"],
        },
        {
            "number": "C-200",
            "name": "C-200",
            "cost": None,
            "renew": False,
            "notice": 0,
            "vendor": "Dell",
            "tags": [],
        },
    ]
    assert await count(db, "(v:Vendor)") == 1
    stamps = "MATCH (c:Contract) RETURN c.updatedAt AS at ORDER BY c.number"
    before = await db.run_raw(stamps)
    assert counts(await load(db, K.CONTRACTS, CONTRACTS)) == (0, 0, 2)
    assert await db.run_raw(stamps) == before  # unchanged rows keep their updatedAt
    audits = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'importContracts'}) RETURN a.after AS after"
    )
    assert len(audits) == 1  # the re-import wrote nothing, so it logged nothing
    after = json.loads(audits[0]["after"])
    assert (after["created"], after["keys"], after["vendorsCreated"]) == (
        2,
        ["C-100", "C-200"],
        ["Dell"],
    )


async def test_contract_json_import_updates_changed_rows_and_moves_the_vendor(
    db: Database,
) -> None:
    await with_references(db, K.CONTRACTS)
    records = [
        {"number": "C-100", "kind": "SUPPORT", "annualCost": "1500.00", "currency": "EUR",
         "vendorName": "Dell Technologies", "assetTags": ["A-1"]},
        {"number": "C-200", "kind": "LEASE", "vendorName": "Dell"},
    ]  # fmt: skip
    report = await load(db, K.CONTRACTS, json.dumps(records), JSON)
    assert counts(report) == (0, 1, 1)
    rows = await db.run_raw(
        "MATCH (c:Contract {number: 'C-100'})-[:WITH]->(v) RETURN c.annualCost AS cost, "
        "c.name AS name, v.name AS vendor, "
        "COUNT { (:Asset)-[:COVERED_BY]->(c) } AS covered"
    )
    # name kept (not in the file), vendor replaced, covering never removed by an import
    assert rows == [
        {"cost": "1500.00", "name": "Dell support", "vendor": "Dell Technologies", "covered": 2}
    ]


async def test_bad_contract_rows_are_reported_by_line_and_column_and_nothing_written(
    db: Database,
) -> None:
    await with_references(db)
    bad = """number,kind,startDate,endDate,annualCost,currency,assetTags
C-1,SUPPORT,2025-13-01,,,,
C-2,SUPPORT,,,-5,EUR,
C-3,SUPPORT,,,,,A-1;A-404
,SUPPORT,,,,,
C-5,SUPPORT,2025-06-01,2025-01-01,,,
C-6,SUPPORT,,,,,A-2
C-6,LEASE,,,,,
C-8,SUPPORT,,,10.00,,
"""
    problems = await problems_of(db, K.CONTRACTS, bad)
    assert [(p["line"], p["column"]) for p in problems] == [
        (2, "startDate"),
        (3, "annualCost"),
        (4, "assetTags"),
        (5, "number"),
        (6, "endDate"),
        (8, "number"),
        (9, "currency"),
    ]
    assert problems[2]["reason"] == "no asset tagged A-404"
    assert problems[4]["reason"] == "the end date is before the start date"
    assert problems[5]["reason"] == "same natural key as an earlier row (line 7)"
    assert await count(db, "(c:Contract)") == 0
    assert await count(db, "()-[r:COVERED_BY]->()") == 0


async def test_id_columns_are_refused(db: Database) -> None:
    problems = await problems_of(db, K.CONTRACTS, "number,kind,vendorId\nC-1,SUPPORT,x\n")
    assert problems == [
        {"line": 2, "column": "vendorId", "reason": "not an import column; use vendorName"}
    ]


# --- licenses --------------------------------------------------------------------------


async def test_licenses_resolve_products_and_contracts_and_reimport_changes_nothing(
    db: Database,
) -> None:
    await with_references(db, K.CONTRACTS)
    first = await load(db, K.LICENSES, LICENSES)
    assert counts(first) == (3, 0, 0)
    rows = await db.run_raw(
        "MATCH (l:License)-[:FOR]->(p:SoftwareProduct) "
        "OPTIONAL MATCH (l)-[:UNDER]->(c:Contract) "
        "RETURN l.reference AS ref, l.name AS name, l.quantity AS qty, l.unitCost AS cost, "
        "l.downgradable AS down, p.key AS product, c.number AS contract ORDER BY ref"
    )
    assert rows == [
        {"ref": "PO-1", "name": "Microsoft Office 2021 (PER_DEVICE)", "qty": 10, "cost": "100.00",
         "down": False, "product": "microsoft|office|2021", "contract": "C-100"},
        {"ref": "PO-2", "name": "Microsoft Office 2021 (PER_DEVICE)", "qty": 5, "cost": None,
         "down": False, "product": "microsoft|office|2021", "contract": None},
        {"ref": "PO-3", "name": "Atlassian Jira (PER_USER)", "qty": 50, "cost": None,
         "down": False, "product": "atlassian|jira|", "contract": None},
    ]  # fmt: skip
    assert await count(db, "(p:SoftwareProduct)") == 2
    again = await load(db, K.LICENSES, LICENSES)
    assert counts(again) == (0, 0, 3)
    moved = LICENSES.replace("PO-2, microsoft ,OFFICE,2021.0,PER_DEVICE,5,,,", "PO-2,Microsoft,Office,2021,PER_DEVICE,7,,,C-200")  # fmt: skip
    assert counts(await load(db, K.LICENSES, moved)) == (0, 1, 2)
    under = await db.run_raw(
        "MATCH (:License {reference: 'PO-2'})-[:UNDER]->(c) RETURN c.number AS n"
    )
    assert under == [{"n": "C-200"}]


async def test_license_json_import(db: Database) -> None:
    records = [{"reference": "E-1", "publisher": "Oracle", "product": "Database",
                "version": "19c", "metric": "PER_CORE", "quantity": 32, "downgradable": True}]  # fmt: skip
    assert counts(await load(db, K.LICENSES, json.dumps(records), JSON)) == (1, 0, 0)
    rows = await db.run_raw("MATCH (l:License) RETURN l.metric AS m, l.downgradable AS d")
    assert rows == [{"m": "PER_CORE", "d": True}]


async def test_bad_license_rows_are_reported_and_nothing_written(db: Database) -> None:
    await with_references(db, K.CONTRACTS)
    bad = """reference,publisher,product,version,metric,quantity,unitCost,currency,contractNumber
PO-1,Microsoft,Office,2021,PER_CPU,10,,,
PO-2,Microsoft,Office,2021,PER_DEVICE,10,,,C-404
,Microsoft,Office,2021,PER_DEVICE,10,,,
PO-4,Microsoft,Office,2021,PER_DEVICE,-1,,,
PO-5,Microsoft,Visio,2021,PER_DEVICE,1,,,
PO-6,Microsoft,Visio,2019,PER_USER,1,,,
PO-7,,Visio,2019,PER_DEVICE,1,,,
PO-8,Microsoft,Visio,2019,PER_DEVICE,1,9.99,,
"""
    problems = await problems_of(db, K.LICENSES, bad)
    assert [(p["line"], p["column"]) for p in problems] == [
        (2, "metric"),
        (3, "contractNumber"),
        (4, "reference"),
        (5, "quantity"),
        (7, "metric"),
        (8, "publisher"),
        (9, "currency"),
    ]
    assert problems[1]["reason"] == "no contract numbered 'C-404'"
    assert problems[4]["reason"] == (
        "an earlier row of this product family is counted PER_DEVICE; one product family has "
        "one metric (line 6)"
    )
    assert await count(db, "(l:License)") == 0
    assert await count(db, "(p:SoftwareProduct)") == 0


async def test_license_identity_and_family_metric_are_checked_against_the_graph(
    db: Database,
) -> None:
    await with_references(db, K.CONTRACTS, K.LICENSES)
    changed = """reference,publisher,product,version,metric,quantity
PO-1,Microsoft,Office,2021,PER_USER,10
PO-3,Atlassian,Confluence,,PER_USER,50
PO-9,Microsoft,Office,2019,PER_USER,5
"""
    problems = await problems_of(db, K.LICENSES, changed)
    assert problems == [
        {"line": 2, "column": "metric", "reason": "license PO-1 is counted PER_DEVICE; product "
         "and metric are a license's identity (import a new reference instead)"},
        {"line": 3, "column": "product", "reason": "license PO-3 is for Atlassian Jira; product "
         "and metric are a license's identity (import a new reference instead)"},
        {"line": 4, "column": "metric", "reason": "this product's licenses are counted "
         "PER_DEVICE; one product family has one metric"},
    ]  # fmt: skip


async def test_license_reference_is_unique_through_the_service_too(db: Database) -> None:
    product = await licenses.create_product(
        db, ACTOR, SoftwareProductCreate(publisher="Adobe", product="Acrobat")
    )
    data = LicenseCreate(
        productId=product.id, metric=LicenseMetric.PER_USER, quantity=1, reference="EA-1"
    )
    await licenses.create_license(db, ACTOR, data)
    with pytest.raises(Duplicate) as err:
        await licenses.create_license(db, ACTOR, data)
    assert err.value.details["field"] == "reference"
    report = await load(
        db,
        K.LICENSES,
        "reference,publisher,product,metric,quantity\nEA-1,Adobe,Acrobat,PER_USER,1\n",
    )
    assert counts(report) == (0, 0, 1)


# --- installations ---------------------------------------------------------------------


async def test_installations_resolve_cis_and_products_and_reimport_changes_nothing(
    db: Database,
) -> None:
    await with_references(db)
    first = await load(db, K.INSTALLATIONS, INSTALLS)
    assert counts(first) == (3, 0, 0)
    rows = await db.run_raw(
        "MATCH (c:CI)-[i:HAS_INSTALLED]->(p) RETURN c.name AS ci, p.name AS product, "
        "i.version AS version, i.installedAt IS NOT NULL AS dated ORDER BY ci, product"
    )
    assert rows == [
        {"ci": "db-01", "product": "Atlassian Jira", "version": None, "dated": True},
        {"ci": "db-01", "product": "Microsoft Office 2021", "version": "16.0.14332", "dated": True},
        {"ci": "web-01", "product": "Microsoft Office 2021", "version": "2021", "dated": True},
    ]
    stamps = "MATCH ()-[i:HAS_INSTALLED]->() RETURN i.installedAt AS at ORDER BY at"
    before = await db.run_raw(stamps)
    assert counts(await load(db, K.INSTALLATIONS, INSTALLS)) == (0, 0, 3)
    assert await db.run_raw(stamps) == before  # the import-time default is not moved


async def test_installation_json_import_updates_the_build(db: Database) -> None:
    await with_references(db, K.INSTALLATIONS)
    records = [{"ciClass": "Server", "ciName": "db-01", "publisher": "Microsoft",
                "product": "Office", "version": "2021", "installedVersion": "16.0.17000",
                "installedAt": "2025-03-01T10:00:00+00:00"}]  # fmt: skip
    assert counts(await load(db, K.INSTALLATIONS, json.dumps(records), JSON)) == (0, 1, 0)
    rows = await db.run_raw(
        "MATCH (:CI {name: 'db-01'})-[i:HAS_INSTALLED]->(:SoftwareProduct {key: "
        "'microsoft|office|2021'}) RETURN i.version AS v"
    )
    assert rows == [{"v": "16.0.17000"}]


async def test_unknown_ci_and_bad_rows_are_reported_and_skip_invalid_writes_the_rest(
    db: Database,
) -> None:
    await with_references(db)
    bad = """ciClass,ciName,publisher,product,version,installedAt
Server,db-01,Microsoft,Office,2021,
Server,web-01,Microsoft,Office,2021,
Toaster,db-01,Microsoft,Office,2021,
Server,db-01,Microsoft,Office,2021,yesterday
"""
    problems = await problems_of(db, K.INSTALLATIONS, bad)
    assert [(p["line"], p["column"]) for p in problems] == [
        (3, "ciName"),
        (4, "ciClass"),
        (5, "installedAt"),
    ]
    assert problems[0]["reason"] == "no Server CI named 'web-01'"
    assert await count(db, "()-[i:HAS_INSTALLED]->()") == 0
    report = await load(db, K.INSTALLATIONS, bad, skip_invalid=True)
    assert (report.rows, report.created, report.skipped) == (4, 1, 3)
    assert await count(db, "()-[i:HAS_INSTALLED]->()") == 1


async def test_skip_invalid_licenses(db: Database) -> None:
    bad = """reference,publisher,product,metric,quantity,contractNumber
L-1,Adobe,Acrobat,PER_USER,5,
L-2,Adobe,Acrobat,PER_USER,5,NOPE
"""
    report = await load(db, K.LICENSES, bad, skip_invalid=True)
    assert (report.created, report.skipped) == (1, 1)
    assert report.problems == [
        {"line": 3, "column": "contractNumber", "reason": "no contract numbered 'NOPE'"}
    ]


# --- batches, round trips, the write-time re-check --------------------------------------


async def test_batches_write_one_audit_entry_each(db: Database) -> None:
    await with_references(db, K.CONTRACTS)
    original = db.settings
    db.settings = original.model_copy(update={"bulk_batch_size": 2})
    try:
        report = await load(db, K.LICENSES, LICENSES)
    finally:
        db.settings = original
    assert counts(report) == (3, 0, 0)
    audits = await db.run_raw(
        "MATCH (a:AuditEntry {operation: 'importLicenses'}) RETURN a.after AS after ORDER BY a.at"
    )
    assert [json.loads(a["after"])["keys"] for a in audits] == [["PO-1", "PO-2"], ["PO-3"]]
    assert json.loads(audits[0]["after"])["productsCreated"] == ["Microsoft Office 2021"]


@pytest.mark.parametrize(
    ("kind", "header", "rows"),
    [
        (K.CONTRACTS, "number,name,kind,startDate", 2),
        (K.LICENSES, "reference,name,publisher,product,version,metric,quantity", 3),
        (K.INSTALLATIONS, "ciClass,ciName,publisher,product,version,installedVersion", 3),
    ],
)
async def test_export_round_trip_changes_nothing(
    db: Database, kind: files.ImportKind, header: str, rows: int
) -> None:
    await with_references(db, K.CONTRACTS, K.LICENSES, K.INSTALLATIONS)
    exported = await files.export_file(db, kind, page_size=1)  # one row per page
    lines = exported.splitlines()
    assert lines[0].startswith(header)
    assert len(lines) == rows + 1
    again = await load(db, kind, exported)
    assert counts(again) == (0, 0, rows)


async def test_contract_export_lists_vendor_and_assets(db: Database) -> None:
    await with_references(db, K.CONTRACTS)
    exported = (await files.export_file(db, K.CONTRACTS)).splitlines()
    assert exported[1] == (
        "C-100,Dell support,SUPPORT,2025-01-01,2027-12-31,1200.00,EUR,True,90,,Dell,A-1;A-2"
    )


async def test_a_batch_rechecks_its_references_in_its_transaction(db: Database) -> None:
    row = contract_bulk.prepare_contract({"number": "C-1", "kind": "SUPPORT", "assetTags": ["X"]})
    with pytest.raises(RowsRefused) as err:
        await write_batch(db, ACTOR, contract_bulk.PLAN, [row])
    assert err.value.problems == [{"row": 0, "field": "assetTags", "reason": "no asset tagged X"}]
    assert await count(db, "(c:Contract)") == 0


# --- GraphQL and CLI -------------------------------------------------------------------

IMPORT = """mutation($k: ImportKind!, $c: String!) {
  importData(kind: $k, format: CSV, content: $c, skipInvalid: false) {
    rows created updated unchanged skipped problems { line column reason } } }"""


@pytest.mark.parametrize(
    ("kind", "content", "rows"),
    [("CONTRACTS", CONTRACTS, 2), ("LICENSES", LICENSES, 3), ("INSTALLATIONS", INSTALLS, 3)],
)
async def test_graphql_import_data(
    gql: GQL, db: Database, kind: str, content: str, rows: int
) -> None:
    await with_references(db, *([K.CONTRACTS] if kind == "LICENSES" else []))
    report = (await gql(IMPORT, {"k": kind, "c": content}))["importData"]
    assert (report["rows"], report["created"], report["problems"]) == (rows, rows, [])
    again = (await gql(IMPORT, {"k": kind, "c": content}))["importData"]
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, rows)


async def test_graphql_import_reports_unknown_references(gql: GQL, db: Database) -> None:
    err = await gql.error(IMPORT, {"k": "INSTALLATIONS", "c": INSTALLS})
    assert err["extensions"]["code"] == "IMPORT_VALIDATION_FAILED"
    assert err["extensions"]["count"] == 3
    assert err["message"].startswith("Line 2, column 'ciName': no Server CI named 'db-01'")


def test_graphql_import_kinds_are_the_importers_kinds() -> None:
    assert {k.value for k in GraphQLImportKind} == {k.value for k in files.ImportKind}


def test_cli_imports_and_exports_licenses(settings: Settings, db: Database, tmp_path: Path) -> None:
    source = tmp_path / "licenses.csv"
    source.write_text(LICENSES.replace("C-100", ""), encoding="utf-8")
    done = run_cli(settings, "import", str(source), "--kind", "licenses")
    assert done.returncode == 0, done.stderr
    assert "licenses.csv" in done.stdout
    out = tmp_path / "out.csv"
    exported = run_cli(settings, "export", str(out), "--kind", "licenses")
    assert exported.returncode == 0, exported.stderr
    assert out.read_text().splitlines()[0].startswith("reference,name,publisher")
    assert len(out.read_text().splitlines()) == 4
    bad = tmp_path / "bad.csv"
    bad.write_text("reference,publisher,product,metric,quantity\nX,A,B,PER_CPU,1\n", "utf-8")
    failed = run_cli(settings, "import", str(bad), "--kind", "licenses")
    assert failed.returncode == 1
    assert "Line 2, column 'metric'" in failed.stderr


async def test_a_license_created_over_graphql_carries_its_reference_into_the_export(
    gql: GQL, db: Database
) -> None:
    product = await gql(
        'mutation { createSoftwareProduct(input: {publisher: "Acme", product: "Tool", version: "1"}) { id } }'
    )
    create = """mutation($p: ID!) { createLicense(input: {productId: $p, metric: PER_DEVICE,
      quantity: 5, reference: "PO-77"}) { reference } }"""
    made = await gql(create, {"p": product["createSoftwareProduct"]["id"]})
    assert made["createLicense"]["reference"] == "PO-77"
    exported = await files.export_file(db, K.LICENSES)
    assert exported.splitlines()[1].startswith("PO-77,")
    assert counts(await load(db, K.LICENSES, exported)) == (0, 0, 1)
    again = await gql.error(create, {"p": product["createSoftwareProduct"]["id"]})
    assert again["extensions"]["code"] == "DUPLICATE"
