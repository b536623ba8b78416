"""Imports are attributed (issue 14, part 9): each audit entry of an import says its kind
in the operation (``importCIs``, ``importAssets`` …) and, in ``after.import``, the file's
name, its format, the rows read and refused, beside the batch's own counts."""

from __future__ import annotations

import json
from typing import Any

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

IMPORT = """mutation($kind: ImportKind!, $format: ImportFormat!, $content: String!,
  $file: String, $skip: Boolean! = false) {
  importData(kind: $kind, format: $format, content: $content, fileName: $file,
             skipInvalid: $skip) { created updated unchanged skipped } }"""
CIS = "name,ciClass,environment\ndb-01,Server,PRODUCTION\nweb-01,Server,STAGING\n"
ASSETS = [
    {"assetTag": "A-1", "name": "chassis", "lifecycleState": "IN_STOCK"},
    {"assetTag": "A-2", "name": "monitor", "lifecycleState": "NO_SUCH_STATE"},
    {"assetTag": "A-3", "name": "switch"},
]


async def entries(db: Database, operation: str) -> list[dict[str, Any]]:
    rows = await db.run_raw(
        "MATCH (a:AuditEntry {operation: $op}) RETURN a {.*} AS a ORDER BY a.at", op=operation
    )
    return [r["a"] | {"after": json.loads(r["a"]["after"])} for r in rows]


async def test_a_ci_import_over_graphql_names_its_file_format_and_counts(
    gql: GQL, db: Database
) -> None:
    await create_ci(gql, "web-01", environment="STAGING")  # unchanged by the file
    variables = {"kind": "CIS", "format": "CSV", "content": CIS, "file": "estate.csv"}
    response = await gql.raw(IMPORT, variables)
    report = response.json()["data"]["importData"]
    assert (report["created"], report["unchanged"]) == (1, 1)
    [entry] = await entries(db, "importCIs")
    assert entry["after"]["import"] == {
        "kind": "cis",
        "fileName": "estate.csv",
        "format": "csv",
        "rows": 2,
        "refused": 0,
    }
    assert (entry["after"]["created"], entry["after"]["updated"]) == (1, 0)
    assert entry["after"]["unchanged"] == 1
    assert entry["requestId"] == response.headers["x-request-id"]
    assert entry["tokenId"]
    assert entry["actor"] == "token:test-editor"


async def test_an_asset_import_counts_the_rows_it_refused(gql: GQL, db: Database) -> None:
    content = json.dumps(ASSETS)
    variables = {"kind": "ASSETS", "format": "JSON", "content": content, "skip": True}
    report = (await gql(IMPORT, variables | {"file": "fleet.json"}))["importData"]
    assert (report["created"], report["skipped"]) == (2, 1)
    [entry] = await entries(db, "importAssets")
    assert entry["after"]["import"] == {
        "kind": "assets",
        "fileName": "fleet.json",
        "format": "json",
        "rows": 3,
        "refused": 1,
    }
    assert (entry["after"]["created"], entry["after"]["unchanged"]) == (2, 0)
    assert await entries(db, "upsertCIs") == []


async def test_a_file_name_is_optional_and_bounded(gql: GQL, db: Database) -> None:
    variables = {"kind": "CIS", "format": "CSV", "content": CIS}
    err = await gql.error(IMPORT, variables | {"file": "x" * 256})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
    assert err["extensions"]["field"] == "fileName"
    assert await entries(db, "importCIs") == []  # refused before anything was read
    await gql(IMPORT, variables)
    [entry] = await entries(db, "importCIs")
    assert entry["after"]["import"]["fileName"] is None
    assert entry["after"]["import"]["format"] == "csv"
