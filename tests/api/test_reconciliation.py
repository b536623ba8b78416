"""Reconciliation reports ITAM <-> CMDB against the real Neo4j."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from tests.conftest import GQL
from tests.impact_fixtures import build

CREATE_ASSET = """mutation($tag: String!, $state: LifecycleState) {
  createAsset(input: {assetTag: $tag, name: $tag, lifecycleState: $state}) { id } }"""
TRACK = "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }"


async def asset(gql: GQL, tag: str, state: str, ci: str | None = None) -> str:
    asset_id = str((await gql(CREATE_ASSET, {"tag": tag, "state": state}))["createAsset"]["id"])
    if ci:
        await gql(TRACK, {"a": asset_id, "c": ci})
    return asset_id


async def test_shadow_it_lists_hardware_without_an_asset(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={
            "srv-1": (CIClass.SERVER, {}),
            "srv-2": (CIClass.SERVER, {}),
            "sw-1": (CIClass.NETWORK_DEVICE, {}),
            "app": (CIClass.APPLICATION, {}),
            "vm": (CIClass.VIRTUAL_MACHINE, {}),
        },
        services={},
        edges=[],
    )
    await asset(gql, "A-1", "DEPLOYED", ids["srv-1"])
    rows = (await gql("{ shadowIT { name ciClass } }"))["shadowIT"]
    assert rows == [
        {"name": "srv-2", "ciClass": "Server"},
        {"name": "sw-1", "ciClass": "NetworkDevice"},
    ]


async def test_ghost_assets_by_reason(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={
            "seen": (CIClass.SERVER, {}),
            "stale": (CIClass.SERVER, {}),
            "never": (CIClass.SERVER, {}),
        },
        services={},
        edges=[],
    )
    # discovery writes lastSeen; here the test stands in for it
    await db.run_raw("MATCH (c:CI {name: 'seen'}) SET c.lastSeen = datetime() - duration('P1D')")
    await db.run_raw("MATCH (c:CI {name: 'stale'}) SET c.lastSeen = datetime() - duration('P90D')")
    await asset(gql, "A-seen", "DEPLOYED", ids["seen"])
    await asset(gql, "A-stale", "DEPLOYED", ids["stale"])
    await asset(gql, "A-never", "DEPLOYED", ids["never"])
    await asset(gql, "A-none", "DEPLOYED")
    await asset(gql, "A-stock", "IN_STOCK")  # not deployed: never a ghost
    q = "query($d: Int!) { ghostAssets(notSeenDays: $d) { assetTag reason ciName } }"
    rows = (await gql(q, {"d": 30}))["ghostAssets"]
    assert [(r["assetTag"], r["reason"]) for r in rows] == [
        ("A-never", "NEVER_SEEN"),
        ("A-none", "NO_CI"),
        ("A-stale", "NOT_SEEN_SINCE"),
    ]
    wide = (await gql(q, {"d": 365}))["ghostAssets"]
    assert "A-stale" not in [r["assetTag"] for r in wide]


async def test_retired_assets_still_depended_on(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={
            "old-db": (CIClass.SERVER, {}),
            "idle": (CIClass.SERVER, {}),
            "app": (CIClass.APPLICATION, {}),
        },
        services={},
        edges=[("app", RelType.DEPENDS_ON, "old-db", DependencyKind.HARD)],
    )
    needed = await asset(gql, "A-old", "DEPLOYED", ids["old-db"])
    idle = await asset(gql, "A-idle", "DEPLOYED", ids["idle"])
    move = """mutation($id: ID!) { transitionAsset(id: $id, to: RETIRED, force: true) {
              asset { lifecycleState } } }"""
    await gql(move, {"id": needed})
    await gql(move, {"id": idle})
    rows = await gql("{ retiredStillDependedOn { assetTag ciName dependents { name } } }")
    assert rows["retiredStillDependedOn"] == [
        {"assetTag": "A-old", "ciName": "old-db", "dependents": [{"name": "app"}]}
    ]


async def test_report_limits(gql: GQL) -> None:
    err = await gql.error("{ shadowIT(limit: 0) { name } }")
    assert err["extensions"]["code"] == "LIMIT_EXCEEDED"
