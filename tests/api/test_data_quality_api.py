"""dataQuality, staleCIs and staleLinks over GraphQL (viewer role, capped lists)."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass
from tests.conftest import GQL
from tests.impact_fixtures import build

REPORT = """{ dataQuality {
  totalCIs completeCIs completeness duplicateSuspects cisWithoutAsset assetsWithoutCI
  staleCIs staleLinks
  classes { ciClass total duplicateSuspects withoutAsset staleCIs staleLinks staleAfterDays
            mandatoryFields missingFields { field missing } incomplete completeness }
} }"""


async def test_data_quality_per_class_and_in_all(viewer_gql: GQL, db: Database) -> None:
    await build(
        db,
        cis={
            "srv": (CIClass.SERVER, {"serialNumber": "S1", "manufacturer": "Dell Inc.",
                                     "model": "R750", "environment": "PRODUCTION"}),
            "bare": (CIClass.SERVER, {}),
            "app": (CIClass.APPLICATION, {"environment": "TEST"}),
        },
        services={},
        edges=[],
    )  # fmt: skip
    await db.run_raw("MATCH (c:CI {name: 'bare'}) SET c.lastSeen = datetime() - duration('P60D')")
    report = (await viewer_gql(REPORT))["dataQuality"]
    assert {k: report[k] for k in ("totalCIs", "completeCIs", "completeness")} == {
        "totalCIs": 3, "completeCIs": 1, "completeness": round(1 / 3, 4),
    }  # fmt: skip
    assert (report["cisWithoutAsset"], report["staleCIs"], report["staleLinks"]) == (2, 1, 0)
    by_class = {c["ciClass"]: c for c in report["classes"]}
    assert set(by_class) == {c.name for c in CIClass}
    server = by_class["SERVER"]
    assert server["mandatoryFields"] == ["serialNumber", "manufacturer", "model", "environment"]
    assert server["missingFields"] == [
        {"field": f, "missing": 1} for f in server["mandatoryFields"]
    ]
    assert (server["withoutAsset"], server["staleCIs"], server["staleAfterDays"]) == (2, 1, 30)
    assert (server["incomplete"], server["completeness"]) == (1, 0.5)
    app = by_class["APPLICATION"]
    assert (app["withoutAsset"], app["staleAfterDays"], app["completeness"]) == (None, 180, 0.0)
    assert by_class["CLUSTER"]["completeness"] is None  # no CI, no score


async def test_stale_cis_and_links_lists(viewer_gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={"a": (CIClass.NETWORK_DEVICE, {}), "b": (CIClass.NETWORK_DEVICE, {})},
        services={},
        edges=[],
    )
    await db.run_raw(
        "MATCH (a:CI {id: $a}), (b:CI {id: $b}) "
        "SET a.lastSeen = datetime() - duration('P45D') "
        "CREATE (a)-[:CONNECTED_TO {id: 'l1', localPort: 'p1', remotePort: 'p2', source: 'snmp', "
        "createdAt: datetime() - duration('P90D'), lastSeen: datetime() - duration('P45D')}]->(b) "
        "CREATE (a)-[:CONNECTED_TO {id: 'l2', localPort: 'p3', source: 'snmp', "
        "createdAt: datetime(), staleSince: datetime(), staleRun: 'run-1'}]->(b) "
        "CREATE (a)-[:CONNECTED_TO {id: 'drawn', localPort: 'p9', createdAt: datetime() - "
        "duration('P900D')}]->(b)",
        a=ids["a"],
        b=ids["b"],
    )
    data = await viewer_gql(
        """{ staleCIs(ciClass: NETWORK_DEVICE) { ci { name } staleAfterDays confirmedAt }
             staleLinks { id fromCI { name ciClass } toCI { name } localPort remotePort
                          reason staleRun } }"""
    )
    assert [(s["ci"]["name"], s["staleAfterDays"]) for s in data["staleCIs"]] == [("a", 30)]
    assert data["staleLinks"] == [
        {
            "id": "l2",
            "fromCI": {"name": "a", "ciClass": "NETWORK_DEVICE"},
            "toCI": {"name": "b"},
            "localPort": "p3",
            "remotePort": None,
            "reason": "NOT_SEEN_BY_COVERING_RUN",
            "staleRun": "run-1",
        },
        {
            "id": "l1",
            "fromCI": {"name": "a", "ciClass": "NETWORK_DEVICE"},
            "toCI": {"name": "b"},
            "localPort": "p1",
            "remotePort": "p2",
            "reason": "NOT_CONFIRMED",
            "staleRun": None,
        },
    ]  # fmt: skip  (the link a person drew is never stale)
    report = await viewer_gql("{ dataQuality { staleLinks classes { ciClass staleLinks } } }")
    quality = report["dataQuality"]
    assert quality["staleLinks"] == 2
    assert {c["ciClass"]: c["staleLinks"] for c in quality["classes"]}["NETWORK_DEVICE"] == 2


async def test_lists_are_capped_and_need_a_token(gql: GQL) -> None:
    error = await gql.error("{ staleCIs(limit: 100000) { confirmedAt } }")
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    denied = await gql.error("{ dataQuality { totalCIs } }", token="")
    assert denied["extensions"]["code"] == "UNAUTHENTICATED"
