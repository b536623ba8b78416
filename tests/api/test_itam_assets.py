"""Assets, vendors, locations and people over GraphQL against the real Neo4j: CRUD,
filters and paging, links to CI / person / place, money, permissions and audit."""

from __future__ import annotations

from typing import Any

from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL

CREATE = """mutation($input: CreateAssetInput!) { createAsset(input: $input) {
  id assetTag name lifecycleState purchaseCost currency salvageValue hasStorage depreciationMethod
  bookValue(asOf: "2026-01-01") { amount currency } history { from to } } }"""
LAPTOP = {
    "assetTag": "LT-001",
    "category": "LAPTOP",
    "costCenter": "CC-10",
    "purchaseCost": "1200",
    "currency": "eur",
    "usefulLifeMonths": 36,
    "inServiceDate": "2025-01-01",
}


async def create_asset(gql: GQL, **fields: Any) -> dict[str, Any]:
    return dict((await gql(CREATE, {"input": LAPTOP | fields}))["createAsset"])


async def test_create_defaults_and_book_value_as_decimal_strings(gql: GQL) -> None:
    asset = await create_asset(gql)
    assert asset["name"] == "LT-001"
    assert asset["lifecycleState"] == "PLANNED"
    assert asset["currency"] == "EUR"
    assert asset["purchaseCost"] == "1200"
    assert asset["hasStorage"] is True
    assert asset["depreciationMethod"] == "STRAIGHT_LINE"
    assert asset["bookValue"] == {"amount": "800.00", "currency": "EUR"}  # DESIGN's example
    assert asset["history"] == [{"from": None, "to": "PLANNED"}]


async def test_bad_money_and_duplicates_are_refused_and_nothing_written(gql: GQL, db) -> None:  # type: ignore[no-untyped-def]
    for bad, field in (
        ({"currency": None}, "currency"),
        ({"salvageValue": "5000"}, "salvageValue"),
        ({"purchaseCost": "-1"}, "purchaseCost"),
        ({"currency": "EURO"}, "currency"),
        ({"lifecycleState": "DISPOSED"}, "lifecycleState"),
    ):
        err = await gql.error(CREATE, {"input": LAPTOP | bad})
        assert err["extensions"]["code"] == "VALIDATION_FAILED", err
        assert err["extensions"]["field"] == field
    assert (await db.run_raw("MATCH (a:Asset) RETURN count(a) AS n"))[0]["n"] == 0
    await create_asset(gql)
    err = await gql.error(CREATE, {"input": LAPTOP})
    assert err["extensions"]["code"] == "DUPLICATE"
    assert err["extensions"]["field"] == "assetTag"


async def test_update_and_delete(gql: GQL, admin_gql: GQL) -> None:
    asset = await create_asset(gql)
    upd = await gql(
        """mutation($id: ID!) { updateAsset(id: $id, input: {costCenter: "CC-20", model: null,
             salvageValue: "100.50"}) { costCenter model salvageValue lifecycleState } }""",
        {"id": asset["id"]},
    )
    assert upd["updateAsset"] == {
        "costCenter": "CC-20",
        "model": None,
        "salvageValue": "100.50",
        "lifecycleState": "PLANNED",
    }
    err = await gql.error(
        'mutation($id: ID!) { updateAsset(id: $id, input: {salvageValue: "9999"}) { id } }',
        {"id": asset["id"]},
    )
    assert err["extensions"]["field"] == "salvageValue"
    await gql("mutation($id: ID!) { deleteAsset(id: $id) }", {"id": asset["id"]})
    assert (await gql("query($id: ID!) { asset(id: $id) { id } }", {"id": asset["id"]}))[
        "asset"
    ] is None
    log = await admin_gql(
        "query($id: ID!) { auditLog(targetId: $id) { edges { node { operation } } } }",
        {"id": asset["id"]},
    )
    assert [e["node"]["operation"] for e in log["auditLog"]["edges"]] == [
        "deleteAsset",
        "updateAsset",
        "createAsset",
    ]
    err = await gql.error('mutation { deleteAsset(id: "nope") }')
    assert err["extensions"]["code"] == "NOT_FOUND"


LIST = """query($filter: AssetFilterInput, $first: Int, $after: String) {
  assets(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { assetTag } } pageInfo { hasNextPage endCursor } } }"""


async def test_filters_and_paging(gql: GQL) -> None:
    for i in range(5):
        await create_asset(
            gql,
            assetTag=f"LT-{i}",
            costCenter="CC-1" if i % 2 else "CC-2",
            serialNumber=f"SN-ABC-{i}",
        )
    await create_asset(gql, assetTag="SRV-1", category="SERVER", lifecycleState="IN_STOCK")
    first = (await gql(LIST, {"first": 2}))["assets"]
    assert first["totalCount"] == 6
    assert [e["node"]["assetTag"] for e in first["edges"]] == ["LT-0", "LT-1"]
    rest = (await gql(LIST, {"first": 10, "after": first["pageInfo"]["endCursor"]}))["assets"]
    assert [e["node"]["assetTag"] for e in rest["edges"]] == ["LT-2", "LT-3", "LT-4", "SRV-1"]
    assert rest["pageInfo"]["hasNextPage"] is False

    async def tags(flt: dict[str, Any]) -> list[str]:
        data = (await gql(LIST, {"filter": flt}))["assets"]
        return [e["node"]["assetTag"] for e in data["edges"]]

    assert await tags({"costCenter": "CC-1"}) == ["LT-1", "LT-3"]
    assert await tags({"category": "SERVER"}) == ["SRV-1"]
    assert await tags({"lifecycleState": "IN_STOCK"}) == ["SRV-1"]
    assert await tags({"text": "sn-abc-4"}) == ["LT-4"]
    assert await tags({"text": "srv"}) == ["SRV-1"]


LINKS = """query($id: ID!) { asset(id: $id) { ci { name } services { name }
  assignedTo { name email } location { name } } }"""


async def test_links_to_ci_person_and_place_both_ways(gql: GQL) -> None:
    asset = await create_asset(gql)
    ci = await create_ci(gql, "web-01")
    shop = (await gql('mutation { createService(input: {name: "Shop"}) { id } }'))["createService"][
        "id"
    ]
    await gql(
        "mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: DEPENDS_ON, toId: $b}) { type } }",
        {"a": shop, "b": ci},
    )
    ada = await gql('mutation { createPerson(input: {name: "Ada", email: "ADA@x.org"}) { id } }')
    paris = await gql('mutation { createLocation(input: {name: "Paris", kind: "SITE"}) { id } }')
    ids = {
        "a": asset["id"],
        "ci": ci,
        "p": ada["createPerson"]["id"],
        "l": paris["createLocation"]["id"],
    }
    await gql("mutation($a: ID!, $ci: ID!) { trackCI(assetId: $a, ciId: $ci) { id } }", ids)
    await gql("mutation($a: ID!, $p: ID!) { assignAsset(assetId: $a, personId: $p) { id } }", ids)
    await gql("mutation($a: ID!, $l: ID!) { locateAsset(assetId: $a, locationId: $l) { id } }", ids)
    data = (await gql(LINKS, {"id": asset["id"]}))["asset"]
    assert data == {
        "ci": {"name": "web-01"},
        "services": [{"name": "Shop"}],
        "assignedTo": {"name": "Ada", "email": "ada@x.org"},
        "location": {"name": "Paris"},
    }
    seen = await gql("query($id: ID!) { ci(id: $id) { asset { assetTag } } }", {"id": ci})
    assert seen["ci"]["asset"] == {"assetTag": "LT-001"}
    await gql("mutation($a: ID!) { assignAsset(assetId: $a, personId: null) { id } }", ids)
    assert (await gql(LINKS, {"id": asset["id"]}))["asset"]["assignedTo"] is None


async def test_one_ci_per_asset_and_one_asset_per_ci(gql: GQL) -> None:
    one = (await create_asset(gql, assetTag="A-1"))["id"]
    two = (await create_asset(gql, assetTag="A-2"))["id"]
    ci_a, ci_b = await create_ci(gql, "a"), await create_ci(gql, "b")
    track = "mutation($a: ID!, $ci: ID!) { trackCI(assetId: $a, ciId: $ci) { ci { name } } }"
    await gql(track, {"a": one, "ci": ci_a})
    await gql(track, {"a": one, "ci": ci_a})  # idempotent
    err = await gql.error(track, {"a": one, "ci": ci_b})
    assert err["extensions"] == {"code": "ALREADY_LINKED", "assetId": one, "ciId": ci_a}
    err = await gql.error(track, {"a": two, "ci": ci_a})
    assert err["extensions"] == {"code": "ALREADY_LINKED", "assetId": one, "ciId": ci_a}
    err = await gql.error(
        "mutation($a: ID!, $b: ID!) { relate(input: {fromId: $a, type: TRACKS, toId: $b}) { type } }",
        {"a": two, "b": ci_b},
    )
    assert err["extensions"]["code"] == "ILLEGAL_RELATIONSHIP"
    await gql("mutation($a: ID!) { untrackCI(assetId: $a) { id } }", {"a": one})
    assert (await gql(track, {"a": two, "ci": ci_a}))["trackCI"]["ci"] == {"name": "a"}
    err = await gql.error(track, {"a": two, "ci": "nope"})
    assert err["extensions"]["code"] == "NOT_FOUND"


async def test_directories_list_with_total_and_refuse_duplicates(gql: GQL) -> None:
    for name in ("Dell", "Lenovo", "HP"):
        await gql("mutation($n: String!) { createVendor(input: {name: $n}) { id } }", {"n": name})
    data = await gql("{ vendors(first: 2) { totalCount edges { node { name labels } } } }")
    assert data["vendors"]["totalCount"] == 3
    assert [e["node"]["name"] for e in data["vendors"]["edges"]] == ["Dell", "HP"]
    assert data["vendors"]["edges"][0]["node"]["labels"] == ["Vendor"]
    err = await gql.error('mutation { createVendor(input: {name: "Dell"}) { id } }')
    assert err["extensions"]["code"] == "DUPLICATE"
    await gql('mutation { createPerson(input: {name: "Bo", email: "bo@x.org"}) { id } }')
    err = await gql.error(
        'mutation { createPerson(input: {name: "Bob", email: "bo@x.org"}) { id } }'
    )
    assert err["extensions"]["field"] == "email"
    assert (await gql('{ people(nameContains: "bo") { totalCount } }'))["people"]["totalCount"] == 1
    assert (await gql("{ locations { totalCount } }"))["locations"]["totalCount"] == 0


FLEET = """query($by: FleetGroupBy!) { fleetValue(groupBy: $by, asOf: "2026-01-01") {
  groups { key currency assetCount cost bookValue depreciation }
  totals { currency bookValue } unvalued } }"""


async def test_fleet_value_groups_by_currency(gql: GQL) -> None:
    await create_asset(gql, assetTag="A-1")
    await create_asset(gql, assetTag="A-2", currency="USD", costCenter="CC-20")
    await create_asset(gql, assetTag="A-3", usefulLifeMonths=None)
    data = (await gql(FLEET, {"by": "COST_CENTER"}))["fleetValue"]
    assert data["groups"] == [
        {
            "key": "CC-10",
            "currency": "EUR",
            "assetCount": 1,
            "cost": "1200.00",
            "bookValue": "800.00",
            "depreciation": "400.00",
        },
        {
            "key": "CC-20",
            "currency": "USD",
            "assetCount": 1,
            "cost": "1200.00",
            "bookValue": "800.00",
            "depreciation": "400.00",
        },
    ]
    assert data["totals"] == [
        {"currency": "EUR", "bookValue": "800.00"},
        {"currency": "USD", "bookValue": "800.00"},
    ]
    assert data["unvalued"] == 1


async def test_viewer_reads_but_cannot_write(gql: GQL, viewer_gql: GQL) -> None:
    asset = await create_asset(gql)
    got = await viewer_gql("query($id: ID!) { asset(id: $id) { assetTag } }", {"id": asset["id"]})
    assert got["asset"] == {"assetTag": "LT-001"}
    for mutation in (
        'mutation { createAsset(input: {assetTag: "X"}) { id } }',
        'mutation { createVendor(input: {name: "X"}) { id } }',
        f'mutation {{ deleteAsset(id: "{asset["id"]}") }}',
        f'mutation {{ assignAsset(assetId: "{asset["id"]}", personId: null) {{ id }} }}',
    ):
        err = await viewer_gql.error(mutation)
        assert err["extensions"]["code"] == "FORBIDDEN"
