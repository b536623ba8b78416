"""What the import page reads besides importData: ``importRuns`` (past runs with their
kind, file, who, when and counts, read back from their audit entries, newest first) and
``importColumns`` (a kind's columns), both for the role that imports."""

from __future__ import annotations

import json

from graphcmdb.db.database import Database
from tests.conftest import GQL

IMPORT = """mutation($kind: ImportKind!, $format: ImportFormat!, $content: String!,
  $file: String, $dry: Boolean! = false) {
  importData(kind: $kind, format: $format, content: $content, fileName: $file,
             skipInvalid: true, dryRun: $dry) { created updated unchanged skipped } }"""
RUNS = """query($first: Int! = 20) { importRuns(first: $first) {
  run at actor operation kind fileName format rows refused created updated unchanged batches
} }"""
CIS = "name,ciClass\ndb-01,Server\nweb-01,Server\n"
ASSETS = [
    {"assetTag": "A-1", "name": "chassis", "lifecycleState": "IN_STOCK"},
    {"assetTag": "A-2", "name": "monitor", "lifecycleState": "NO_SUCH_STATE"},
]


async def test_runs_are_listed_newest_first_with_their_file_and_counts(gql: GQL) -> None:
    first = await gql.raw(IMPORT, {"kind": "CIS", "format": "CSV", "content": CIS, "file": "a.csv"})
    assets = {"kind": "ASSETS", "format": "JSON", "content": json.dumps(ASSETS)}
    await gql(IMPORT, assets | {"file": "fleet.json"})
    changed = CIS.replace("db-01,Server", "db-01,Server\ndb-02,Server")
    await gql(IMPORT, {"kind": "CIS", "format": "CSV", "content": changed})
    runs = (await gql(RUNS))["importRuns"]
    assert [(r["kind"], r["fileName"], r["format"]) for r in runs] == [
        ("cis", None, "csv"),
        ("assets", "fleet.json", "json"),
        ("cis", "a.csv", "csv"),
    ]
    newest, fleet, oldest = runs
    assert (newest["rows"], newest["created"], newest["unchanged"]) == (3, 1, 2)
    assert (fleet["rows"], fleet["refused"], fleet["created"]) == (2, 1, 1)
    assert (oldest["operation"], oldest["created"], oldest["batches"]) == ("importCIs", 2, 1)
    assert oldest["run"] == first.headers["x-request-id"]
    assert oldest["actor"] == "token:test-editor"
    assert [r["kind"] for r in (await gql(RUNS, {"first": 1}))["importRuns"]] == ["cis"]


async def test_a_preview_or_a_run_that_changed_nothing_leaves_no_run(gql: GQL) -> None:
    variables = {"kind": "CIS", "format": "CSV", "content": CIS}
    await gql(IMPORT, variables | {"dry": True})
    assert (await gql(RUNS))["importRuns"] == []
    await gql(IMPORT, variables)
    await gql(IMPORT, variables)  # the same file again: nothing written
    assert len((await gql(RUNS))["importRuns"]) == 1


async def test_viewers_are_refused_and_first_is_bounded(
    gql: GQL, viewer_gql: GQL, db: Database
) -> None:
    assert (await viewer_gql.error(RUNS))["extensions"]["code"] == "FORBIDDEN"
    for first in (0, 101):
        err = await gql.error(RUNS, {"first": first})
        assert (err["extensions"]["code"], err["extensions"]["field"]) == (
            "VALIDATION_FAILED",
            "first",
        )


async def test_a_kinds_columns_are_its_importers_natural_key_first(
    gql: GQL, viewer_gql: GQL
) -> None:
    query = "query($kind: ImportKind!) { importColumns(kind: $kind) }"
    columns = (await gql(query, {"kind": "CIS"}))["importColumns"]
    assert columns[:2] == ["name", "ciClass"]
    assert {"serialNumber", "ipAddresses", "fqdn"} <= set(columns)
    assert (await gql(query, {"kind": "ASSETS"}))["importColumns"][0] == "assetTag"
    err = await viewer_gql.error(query, {"kind": "CIS"})
    assert err["extensions"]["code"] == "FORBIDDEN"
