"""The ``financials`` permission against the real Neo4j: without it no cost figure is
answered anywhere (null plus a typed ``FORBIDDEN`` naming the permission, the rest of the
answer intact), no money property in a history, no cost written; with it (or as an
admin) the figures are there. Which fields are figures: ``test_financials_schema.py``."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Permission, Role
from tests.api.test_contracts import create_contract
from tests.api.test_import_audit import IMPORT
from tests.api.test_itam_assets import create_asset
from tests.api.test_licenses import license, product
from tests.conftest import GQL, make_token

EVERY_FIGURE = """query($a: ID!, $c: ID!, $l: ID!, $from: DateTime!, $to: DateTime!) {
  asset(id: $a) { assetTag purchaseCost salvageValue bookValue { amount }
    costOfOwnership(asOf: "2026-06-30") { totals { total } } }
  contract(id: $c) { number annualCost annualCostMoney { amount } }
  license(id: $l) { quantity unitCost unitCostMoney { amount } }
  licensePositions { status yearlySaving { amount } }
  fleetValue(groupBy: CATEGORY) { totals { bookValue } }
  metrics(from: $from, to: $to) { itam { overDeployedProducts licenseSavings { amount }
    licenceSavings { amount } fleetBookValue { bookValue } } } }"""
#: what a caller without the permission gets null for (each with its own error)
WITHHELD = {
    ("asset", "purchaseCost"),
    ("asset", "salvageValue"),
    ("asset", "bookValue"),
    ("asset", "costOfOwnership"),
    ("contract", "annualCost"),
    ("contract", "annualCostMoney"),
    ("license", "unitCost"),
    ("license", "unitCostMoney"),
    ("licensePositions", 0, "yearlySaving"),
    ("fleetValue",),
    ("metrics", "itam", "licenseSavings"),
    ("metrics", "itam", "licenceSavings"),
    ("metrics", "itam", "fleetBookValue"),
}
PERIOD = {"from": "2025-01-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"}
HISTORY = (
    """query($a: ID!) { asset(id: $a) { auditHistory { edges { node { before after } } } } }"""
)
UPDATE = """mutation($id: ID!, $input: UpdateAssetInput!) {
  updateAsset(id: $id, input: $input) { id assetTag } }"""


async def estate(gql: GQL) -> dict[str, str]:
    asset = await create_asset(gql, salvageValue="100")
    contract = await create_contract(gql, number="S-1", annualCost="600")
    office = await product(gql, "Microsoft", "Office", "2021")
    lic = await license(gql, office, 10, unitCost="99.90", currency="EUR")
    return {"a": asset["id"], "c": contract["id"], "l": lic["id"]} | PERIOD


def at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


async def test_without_the_permission_no_figure_is_answered(
    gql: GQL, viewer_gql: GQL, editor_gql: GQL
) -> None:
    ids = await estate(gql)
    for caller in (viewer_gql, editor_gql):
        body = (await caller.raw(EVERY_FIGURE, ids)).json()
        data = body["data"]
        for path in WITHHELD:
            assert at(data, path) is None, path
        # partial data: everything else is answered
        assert data["asset"]["assetTag"] == "LT-001"
        assert (data["contract"]["number"], data["license"]["quantity"]) == ("S-1", 10)
        assert data["licensePositions"][0]["status"] == "UNDER_USED"
        assert data["metrics"]["itam"]["overDeployedProducts"] == 0
        errors = body["errors"]
        assert len(errors) == len(WITHHELD)
        assert {tuple(e["path"]) for e in errors} == WITHHELD
        for error in errors:
            assert error["extensions"]["code"] == "FORBIDDEN"
            assert error["extensions"]["needed"] == "financials"
            assert "financials permission" in error["message"]


async def test_with_the_permission_every_figure_is_there(
    gql: GQL, admin_gql: GQL, client: Any, db: Database
) -> None:
    ids = await estate(gql)
    reader = GQL(client, await make_token(db, Role.VIEWER, [Permission.FINANCIALS]))
    for caller in (gql, admin_gql, reader):
        data = await caller(EVERY_FIGURE, ids)  # no error at all
        assert data["asset"]["purchaseCost"] == "1200"
        assert data["asset"]["salvageValue"] == "100"
        assert data["contract"]["annualCostMoney"] == {"amount": "600"}
        assert data["license"]["unitCost"] == "99.90"
        assert data["licensePositions"][0]["yearlySaving"] == {"amount": "999.00"}
        assert data["fleetValue"]["totals"]
        assert data["metrics"]["itam"]["licenseSavings"] == [{"amount": "999.00"}]
        for path in WITHHELD:
            assert at(data, path) is not None, path


async def test_histories_show_no_money_property_without_the_permission(
    gql: GQL, viewer_gql: GQL
) -> None:
    ids = await estate(gql)
    await gql(UPDATE, {"id": ids["a"], "input": {"purchaseCost": "1300", "model": "X1"}})
    seen = (await viewer_gql(HISTORY, ids))["asset"]["auditHistory"]["edges"]
    snapshots = [s for e in seen for s in (e["node"]["before"], e["node"]["after"]) if s]
    assert snapshots
    assert all("model" in s or "assetTag" in s for s in snapshots)
    assert not any(k in s for s in snapshots for k in ("purchaseCost", "salvageValue"))
    shown = (await gql(HISTORY, ids))["asset"]["auditHistory"]["edges"]
    assert shown[0]["node"]["after"]["purchaseCost"] == "1300"


async def test_writing_a_cost_needs_the_permission(gql: GQL, editor_gql: GQL, db: Database) -> None:
    error = await editor_gql.error(
        'mutation { createAsset(input: {assetTag: "X-1", purchaseCost: "5", currency: "EUR"}) '
        "{ id } }"
    )
    assert (error["extensions"]["code"], error["extensions"]["needed"]) == (
        "FORBIDDEN",
        "financials",
    )
    assert not await db.run_raw("MATCH (a:Asset) RETURN a")
    created = await editor_gql('mutation { createAsset(input: {assetTag: "X-2"}) { id } }')
    ids = await estate(gql)
    for query, variables in (
        (UPDATE, {"id": created["createAsset"]["id"], "input": {"salvageValue": "1"}}),
        (
            'mutation($id: ID!) { updateContract(id: $id, input: {annualCost: "1"}) { id } }',
            {"id": ids["c"]},
        ),
        (
            'mutation($id: ID!) { updateLicense(id: $id, input: {unitCost: "1"}) { id } }',
            {"id": ids["l"]},
        ),
    ):
        assert (await editor_gql.error(query, variables))["extensions"]["code"] == "FORBIDDEN"
    # a write that names no money goes through, and clearing nothing is not a cost
    await editor_gql(UPDATE, {"id": ids["a"], "input": {"model": "X2"}})
    rows = await db.run_raw("MATCH (a:Asset {assetTag: 'LT-001'}) RETURN a.purchaseCost AS c")
    assert rows[0]["c"] == "1200"


async def test_an_admin_grants_the_permission(admin_gql: GQL) -> None:
    data = await admin_gql(
        'mutation { createToken(name: "finance", role: VIEWER, permissions: [FINANCIALS]) '
        "{ token apiToken { permissions } } }"
    )
    assert data["createToken"]["apiToken"]["permissions"] == ["FINANCIALS"]
    listed = await admin_gql("{ apiTokens { name permissions } }")
    assert {"name": "finance", "permissions": ["FINANCIALS"]} in listed["apiTokens"]


async def test_importing_costs_needs_the_permission(
    gql: GQL, editor_gql: GQL, db: Database
) -> None:
    with_costs = "assetTag,name,purchaseCost,currency\nF-1,laptop,900,EUR\nF-2,dock,,\n"
    for dry in (False, True):
        variables = {"kind": "ASSETS", "format": "CSV", "content": with_costs}
        dry_run = IMPORT.replace("skipInvalid:", f"dryRun: {str(dry).lower()}, skipInvalid:")
        error = await editor_gql.error(dry_run, variables)
        assert (error["extensions"]["code"], error["extensions"]["needed"]) == (
            "FORBIDDEN",
            "financials",
        )
    assert not await db.run_raw("MATCH (a:Asset) RETURN a")  # nothing of the file
    # an empty cost column is not a cost; with the permission the figures are written
    no_costs = "assetTag,name,purchaseCost\nF-3,screen,\n"
    variables = {"kind": "ASSETS", "format": "CSV", "content": no_costs}
    assert (await editor_gql(IMPORT, variables))["importData"]["created"] == 1
    variables = {"kind": "ASSETS", "format": "CSV", "content": with_costs}
    assert (await gql(IMPORT, variables))["importData"]["created"] == 2
    rows = await db.run_raw("MATCH (a:Asset {assetTag: 'F-1'}) RETURN a.purchaseCost AS c")
    assert rows[0]["c"] == "900"
