"""The data-quality report against the real Neo4j: duplicate suspects, asset gaps, stale
CIs and links, missing mandatory fields and the completeness score, per class."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Tx
from graphcmdb.domain.quality_rules import MANDATORY_FIELDS, StalenessPolicy
from graphcmdb.graph.enums import CIClass
from graphcmdb.services.data_quality import ClassQuality, DataQuality, data_quality
from tests.conftest import GQL
from tests.impact_fixtures import build

POLICY = StalenessPolicy(30, {CIClass.APPLICATION: 180})
HW = {"manufacturer": "Dell Inc.", "model": "R750", "environment": "PRODUCTION"}


def of(report: DataQuality, ci_class: CIClass) -> ClassQuality:
    [row] = [c for c in report.classes if c.ci_class is ci_class]
    return row


async def make_twins(db: Database, serials: dict[str, tuple[str, str]]) -> None:
    """Give CIs (by name) a serial and manufacturer behind the engine's back, as legacy data
    or a merge gone wrong would, and let them claim their keys."""
    rows = [{"name": n, "serial": s, "maker": m} for n, (s, m) in serials.items()]
    found = await db.run_raw(
        "UNWIND $rows AS row MATCH (c:CI {name: row.name}) "
        "SET c.serialNumber = row.serial, c.manufacturer = row.maker RETURN c.id AS id",
        rows=rows,
    )

    async def claim(tx: Tx) -> None:
        await identity_claims.claim_ids(tx, [str(r["id"]) for r in found])

    await db.write(claim)


async def age(db: Database, name: str, days: int, prop: str = "lastSeen") -> None:
    """The test stands in for time: the CI was last confirmed ``days`` ago."""
    await db.run_raw(
        "MATCH (c:CI {name: $name}) SET c[$prop] = datetime() - duration({days: $days})",
        name=name,
        prop=prop,
        days=days,
    )


async def test_an_empty_graph_has_no_score(db: Database) -> None:
    report = await data_quality(db, POLICY)
    assert report.total == 0
    assert report.completeness is None
    assert [c.ci_class for c in report.classes] == list(CIClass)
    assert all(c.completeness is None for c in report.classes)


async def test_each_measure_per_class(db: Database, gql: GQL) -> None:
    await build(
        db,
        cis={
            "s1": (CIClass.SERVER, {"serialNumber": "S-1"} | HW),
            "s2": (CIClass.SERVER, {"serialNumber": "S-2"} | HW),
            "s3": (CIClass.SERVER, {"serialNumber": "S-3", "manufacturer": "HPE"}),
            "s4": (CIClass.SERVER, {"serialNumber": "S-4"} | HW),
            "app": (CIClass.APPLICATION, {"environment": "PRODUCTION", "description": "shop"}),
            "app2": (CIClass.APPLICATION, {"environment": "PRODUCTION", "description": ""}),
            "vm": (CIClass.VIRTUAL_MACHINE, {"hostname": "vm", "os": "Linux"}),
        },
        services={},
        edges=[],
    )
    # s1 and s2 are one Dell box twice; s3 and s4 share a serial across vendors: two boxes
    await make_twins(
        db,
        {"s1": ("DUP-1", "Dell Inc."), "s2": ("DUP-1", "dell inc."), "s3": ("X9", "HPE"),
         "s4": ("X9", "Dell Inc.")},
    )  # fmt: skip
    tracked = await gql(
        """mutation { createAsset(input: {assetTag: "A-1", name: "A-1",
             lifecycleState: DEPLOYED}) { id } }"""
    )
    ci = await db.run_raw("MATCH (c:CI {name: 's1'}) RETURN c.id AS id")
    await gql(
        "mutation($a: ID!, $c: ID!) { trackCI(assetId: $a, ciId: $c) { id } }",
        {"a": tracked["createAsset"]["id"], "c": ci[0]["id"]},
    )
    for tag, state in (("A-2", "DEPLOYED"), ("A-3", "IN_STOCK")):  # only A-2 should have a CI
        await gql(
            "mutation($t: String!, $s: LifecycleState) { createAsset(input: "
            "{assetTag: $t, name: $t, lifecycleState: $s}) { id } }",
            {"t": tag, "s": state},
        )
    await age(db, "s4", 31)  # discovery last saw s4 a month ago
    await age(db, "app", 100)  # within the applications' 180 days
    await age(db, "app2", 200, "updatedAt")  # nobody touched it for 200 days

    report = await data_quality(db, POLICY)
    servers = of(report, CIClass.SERVER)
    assert (servers.total, servers.duplicate_suspects) == (4, 2)
    assert servers.without_asset == 3
    assert (servers.stale_cis, servers.stale_after_days) == (1, 30)
    assert servers.mandatory_fields == MANDATORY_FIELDS[CIClass.SERVER]
    assert {g.field: g.missing for g in servers.missing_fields} == {
        "serialNumber": 0, "manufacturer": 0, "model": 1, "environment": 1,
    }  # fmt: skip
    assert (servers.complete, servers.incomplete, servers.completeness) == (3, 1, 0.75)

    apps = of(report, CIClass.APPLICATION)
    assert (apps.total, apps.duplicate_suspects, apps.without_asset) == (2, 0, None)
    assert (apps.stale_cis, apps.stale_after_days) == (1, 180)
    assert (apps.complete, apps.completeness) == (1, 0.5)  # an empty description is missing

    vms = of(report, CIClass.VIRTUAL_MACHINE)
    assert (vms.total, vms.without_asset, vms.completeness) == (1, None, 0.0)  # no environment

    assert report.total == 7
    assert (report.complete, report.completeness) == (4, round(4 / 7, 4))
    assert (report.duplicate_suspects, report.without_asset, report.stale_cis) == (2, 3, 2)
    assert report.assets_without_ci == 1


async def test_staleness_is_measured_against_as_of(db: Database) -> None:
    await build(db, cis={"s": (CIClass.SERVER, HW)}, services={}, edges=[])
    await age(db, "s", 10)
    now = datetime.now(UTC)
    assert of(await data_quality(db, POLICY, now), CIClass.SERVER).stale_cis == 0
    later = now + timedelta(days=25)
    assert of(await data_quality(db, POLICY, later), CIClass.SERVER).stale_cis == 1
    strict = StalenessPolicy(30, {CIClass.SERVER: 7})
    assert of(await data_quality(db, strict, now), CIClass.SERVER).stale_cis == 1
