"""Total cost of ownership per asset and per service, and the report of critical assets
without warranty or support, against the real Neo4j."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from tests.api.test_contracts import COVER, create_contract
from tests.api.test_itam_assets import create_asset
from tests.conftest import GQL
from tests.impact_fixtures import build

TRACK = "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }"
LINE = "currency year purchase contracts total"
ASSET_TCO = f"""query($id: ID!) {{ asset(id: $id) {{ costOfOwnership(asOf: "2026-06-30") {{
  asOf since totals {{ {LINE} }} years {{ {LINE} }} annualRunRate {{ amount currency }} }} }} }}"""
SERVICE_TCO = f"""query($id: ID!) {{ serviceCostOfOwnership(serviceId: $id, asOf: "2026-06-30") {{
  service {{ name }} totals {{ {LINE} }} allocatedTotals {{ {LINE} }}
  annualRunRate {{ amount currency }}
  assets {{ asset {{ assetTag }} ciName servicesSupported share }} }} }}"""
HARD = DependencyKind.HARD


async def tracked(gql: GQL, tag: str, ci: str | None, **fields: Any) -> str:
    asset_id = str((await create_asset(gql, assetTag=tag, **fields))["id"])
    if ci:
        await gql(TRACK, {"a": asset_id, "c": ci})
    return asset_id


async def test_asset_tco_is_purchase_plus_its_share_of_covering_contracts(gql: GQL) -> None:
    bought = {"purchaseDate": "2025-01-01", "inServiceDate": "2025-01-01"}
    mine = await tracked(gql, "A-1", None, **bought)
    others = [await tracked(gql, f"A-{n}", None, **bought) for n in (2, 3)]
    support = await create_contract(
        gql, number="S-1", annualCost="600", startDate="2025-01-01", endDate="2026-12-31"
    )
    for asset in (mine, *others):
        await gql(COVER, {"a": asset, "c": support["id"]})
    cost = (await gql(ASSET_TCO, {"id": mine}))["asset"]["costOfOwnership"]
    # 600 / 3 assets = 200 a year; 2026 to June 30th is 181 of 365 days -> 99.18
    assert cost["since"] == "2025-01-01"
    assert cost["years"] == [
        {
            "currency": "EUR",
            "year": 2025,
            "purchase": "1200.00",
            "contracts": "200.00",
            "total": "1400.00",
        },
        {
            "currency": "EUR",
            "year": 2026,
            "purchase": "0.00",
            "contracts": "99.18",
            "total": "99.18",
        },
    ]
    assert cost["totals"] == [
        {
            "currency": "EUR",
            "year": None,
            "purchase": "1200.00",
            "contracts": "299.18",
            "total": "1499.18",
        }
    ]
    assert cost["annualRunRate"] == [{"amount": "200.00", "currency": "EUR"}]


async def shared_estate(db: Database, gql: GQL) -> dict[str, str]:
    """Shop (5) needs app on srv and a cluster of m1, m2; Intranet (2) needs srv too."""
    ids = await build(
        db,
        cis={
            "srv": (CIClass.SERVER, {}),
            "app": (CIClass.APPLICATION, {}),
            "pool": (CIClass.CLUSTER, {"minAvailable": 1}),
            "m1": (CIClass.SERVER, {}),
            "m2": (CIClass.SERVER, {}),
            "spare": (CIClass.SERVER, {}),
        },
        services={"Shop": {"criticality": 5}, "Intranet": {"criticality": 2}},
        edges=[
            ("Shop", RelType.DEPENDS_ON, "app", HARD),
            ("app", RelType.RUNS_ON, "srv", None),
            ("Shop", RelType.DEPENDS_ON, "pool", HARD),
            ("m1", RelType.MEMBER_OF, "pool", None),
            ("m2", RelType.MEMBER_OF, "pool", None),
            ("Intranet", RelType.DEPENDS_ON, "srv", HARD),
        ],
    )
    bought = {
        "purchaseDate": "2026-01-01",
        "inServiceDate": "2026-01-01",
        "lifecycleState": "DEPLOYED",
    }
    for tag, ci, cost in (("A-srv", "srv", "1000"), ("A-m1", "m1", "500"), ("A-m2", "m2", "500")):
        ids[tag] = await tracked(gql, tag, ids[ci], purchaseCost=cost, **bought)
    ids["A-spare"] = await tracked(gql, "A-spare", ids["spare"], purchaseCost="9999", **bought)
    return ids


def money(total: str, contracts: str = "0.00") -> list[dict[str, Any]]:
    purchase = f"{float(total) - float(contracts):.2f}"
    return [
        {
            "currency": "EUR",
            "year": None,
            "purchase": purchase,
            "contracts": contracts,
            "total": total,
        }
    ]


async def test_service_tco_counts_shared_assets_fully_and_allocates_them(
    gql: GQL, db: Database
) -> None:
    ids = await shared_estate(db, gql)
    # a 365-a-year support contract on the shared server alone: 181 days -> 181.00
    support = await create_contract(gql, number="S-srv", annualCost="365", startDate="2026-01-01")
    await gql(COVER, {"a": ids["A-srv"], "c": support["id"]})
    before = db.round_trips
    shop = (await gql(SERVICE_TCO, {"id": ids["Shop"]}))["serviceCostOfOwnership"]
    assert db.round_trips - before <= 5  # bounded whatever the number of assets
    assert shop["service"]["name"] == "Shop"
    assert [
        (a["asset"]["assetTag"], a["servicesSupported"], a["share"]) for a in shop["assets"]
    ] == [
        ("A-m1", 1, "1.0000"),
        ("A-m2", 1, "1.0000"),
        ("A-srv", 2, "0.5000"),
    ]
    assert shop["totals"] == money("2181.00", "181.00")
    assert shop["allocatedTotals"] == money("1590.50", "90.50")
    assert shop["annualRunRate"] == [{"amount": "365.00", "currency": "EUR"}]
    intranet = (await gql(SERVICE_TCO, {"id": ids["Intranet"]}))["serviceCostOfOwnership"]
    assert intranet["totals"] == money("1181.00", "181.00")
    # allocated amounts add up across services to the shared estate counted once
    assert intranet["allocatedTotals"] == money("590.50", "90.50")


async def test_service_tco_of_an_unknown_service_is_not_found(gql: GQL) -> None:
    err = await gql.error('{ serviceCostOfOwnership(serviceId: "nope") { asOf } }')
    assert err["extensions"]["code"] == "NOT_FOUND"


REPORT = """query($min: Int!) { unsupportedCriticalAssets(minCriticality: $min, asOf: "2026-06-30") {
  assetTag warrantyEnd ciName services { name criticality } } }"""


async def test_out_of_warranty_unsupported_assets_behind_critical_services(
    gql: GQL, db: Database
) -> None:
    ids = await shared_estate(db, gql)
    expired = {"warrantyEnd": "2026-01-31"}
    await gql(
        "mutation($id: ID!, $i: UpdateAssetInput!) { updateAsset(id: $id, input: $i) { id } }",
        {"id": ids["A-srv"], "i": expired},
    )
    for tag in ("A-m1", "A-m2", "A-spare"):
        await gql(
            "mutation($id: ID!, $i: UpdateAssetInput!) { updateAsset(id: $id, input: $i) { id } }",
            {"id": ids[tag], "i": expired},
        )
    # m1 is under an active support contract; m2 only under one that ended
    active = await create_contract(
        gql, number="S-act", startDate="2026-01-01", endDate="2026-12-31"
    )
    ended = await create_contract(gql, number="S-old", startDate="2025-01-01", endDate="2026-03-31")
    lease = await create_contract(gql, number="L-1", kind="LEASE", endDate="2027-12-31")
    await gql(COVER, {"a": ids["A-m1"], "c": active["id"]})
    await gql(COVER, {"a": ids["A-m2"], "c": ended["id"]})
    await gql(COVER, {"a": ids["A-m2"], "c": lease["id"]})  # a lease is not support
    rows = (await gql(REPORT, {"min": 4}))["unsupportedCriticalAssets"]
    shop = [{"name": "Shop", "criticality": 5}]
    assert rows == [
        {"assetTag": "A-m2", "warrantyEnd": "2026-01-31", "ciName": "m2", "services": shop},
        {"assetTag": "A-srv", "warrantyEnd": "2026-01-31", "ciName": "srv", "services": shop},
    ]
    # at criticality >= 2 the Intranet shows up behind the shared server, most critical first
    wide = {
        r["assetTag"]: r["services"]
        for r in (await gql(REPORT, {"min": 2}))["unsupportedCriticalAssets"]
    }
    assert wide["A-srv"] == [*shop, {"name": "Intranet", "criticality": 2}]
    # a warranty still running, or an asset no longer in use, is never listed
    await gql(
        "mutation($id: ID!, $i: UpdateAssetInput!) { updateAsset(id: $id, input: $i) { id } }",
        {"id": ids["A-m2"], "i": {"warrantyEnd": "2026-07-01"}},
    )
    await gql(
        "mutation($id: ID!) { transitionAsset(id: $id, to: RETIRED, force: true) { asset { id } } }",
        {"id": ids["A-srv"]},
    )
    assert (await gql(REPORT, {"min": 4}))["unsupportedCriticalAssets"] == []
    err = await gql.error(REPORT, {"min": 6})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
