"""singlePointsOfFailure, rootCauseCandidates, maintenanceRisk, dependencyTree over GraphQL."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from tests.conftest import GQL
from tests.impact_fixtures import build, worked_example

H, S = DependencyKind.HARD, DependencyKind.SOFT


async def two_services(db: Database) -> dict[str, str]:
    """Two shops sharing a SAN; each has its own app; one app has a redundant DB pair."""
    return await build(
        db,
        cis={
            "san": (CIClass.STORAGE_DEVICE, {}),
            "hv1": (CIClass.SERVER, {}),
            "hv2": (CIClass.SERVER, {}),
            "app-a": (CIClass.APPLICATION, {}),
            "app-b": (CIClass.APPLICATION, {}),
            "db1": (CIClass.DATABASE, {}),
            "db2": (CIClass.DATABASE, {}),
            "db": (CIClass.CLUSTER, {"minAvailable": 1}),
            "mon": (CIClass.APPLICATION, {}),
        },
        services={
            "shop-a": {"criticality": 5, "users": 100},
            "shop-b": {"criticality": 3, "users": 50},
        },
        edges=[
            ("hv1", RelType.DEPENDS_ON, "san", H),
            ("hv2", RelType.DEPENDS_ON, "san", H),
            ("app-a", RelType.DEPENDS_ON, "hv1", H),
            ("app-b", RelType.DEPENDS_ON, "hv2", H),
            ("db1", RelType.DEPENDS_ON, "hv1", H),
            ("db2", RelType.DEPENDS_ON, "hv2", H),
            ("db1", RelType.MEMBER_OF, "db", None),
            ("db2", RelType.MEMBER_OF, "db", None),
            ("app-a", RelType.DEPENDS_ON, "db", H),
            ("app-a", RelType.DEPENDS_ON, "mon", S),
            ("shop-a", RelType.DEPENDS_ON, "app-a", H),
            ("shop-b", RelType.DEPENDS_ON, "app-b", H),
        ],
    )


SPOF = """query($s: ID!) { singlePointsOfFailure(serviceId: $s) {
  ci { name } serviceCount servicesTakenDown { name } } }"""


async def test_spof_respects_redundancy_and_ranks_by_services(gql: GQL, db: Database) -> None:
    ids = await two_services(db)
    points = (await gql(SPOF, {"s": ids["shop-a"]}))["singlePointsOfFailure"]
    assert [(p["ci"]["name"], p["serviceCount"]) for p in points] == [
        ("san", 2),
        ("app-a", 1),
        ("db", 1),
        ("hv1", 1),
    ]
    assert {s["name"] for s in points[0]["servicesTakenDown"]} == {"shop-a", "shop-b"}
    # the cluster CI itself is a single point; its members db1/db2 are a redundant pair
    # and mon is soft: none of those is


async def test_spof_of_the_worked_example(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    points = (await gql(SPOF, {"s": ids["shop"]}))["singlePointsOfFailure"]
    assert sorted(p["ci"]["name"] for p in points) == ["h1", "web"]


async def test_spof_refuses_a_ci(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    err = await gql.error(SPOF, {"s": ids["h1"]})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"


ROOT = """query($i: [ID!]!, $d: [ID!]) { rootCauseCandidates(impacted: $i, observedDown: $d) {
  cis { name } explains extraImpacted predicted { node { name } status } } }"""


async def test_root_cause_of_one_failure_is_the_most_specific_ci(gql: GQL, db: Database) -> None:
    ids = await two_services(db)
    found = (await gql(ROOT, {"i": [ids["shop-b"], ids["app-b"]]}))["rootCauseCandidates"]
    assert [c["cis"][0]["name"] for c in found][:3] == ["app-b", "hv2", "san"]
    assert found[0]["extraImpacted"] == 0


async def test_two_unrelated_failures_at_once(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={"x": (CIClass.APPLICATION, {}), "y": (CIClass.APPLICATION, {})},
        services={"sx": {}, "sy": {}},
        edges=[("sx", RelType.DEPENDS_ON, "x", H), ("sy", RelType.DEPENDS_ON, "y", H)],
    )
    found = (await gql(ROOT, {"i": [ids["sx"], ids["sy"]]}))["rootCauseCandidates"]
    assert sorted(c["name"] for c in found[0]["cis"]) == ["x", "y"]
    assert all(len(c["cis"]) == 2 for c in found)


MAINT = """query($c: [ID!]!) { maintenanceRisk(ciIds: $c) { risk impactedCount
  servicesDown { service { name } status } servicesDegraded { service { name } }
  redundancyLost { cluster { name } minAvailable memberCount membersDown
                   services { service { name } status } } } }"""


async def test_maintenance_risk_levels(gql: GQL, db: Database) -> None:
    ids = await two_services(db)
    high = (await gql(MAINT, {"c": [ids["hv2"]]}))["maintenanceRisk"]
    assert high["risk"] == "HIGH"
    assert [s["service"]["name"] for s in high["servicesDown"]] == ["shop-b"]
    # db2 lives on hv2: the db pair is left at quorum, shop-a still runs but is exposed
    lost = high["redundancyLost"]
    assert [(r["cluster"]["name"], r["membersDown"], r["minAvailable"]) for r in lost] == [
        ("db", 1, 1)
    ]
    assert [s["service"]["name"] for s in lost[0]["services"]] == ["shop-a"]
    low = (await gql(MAINT, {"c": [ids["mon"]]}))["maintenanceRisk"]
    assert low["risk"] == "MEDIUM"  # shop-a soft-depends on monitoring: degraded
    assert [s["service"]["name"] for s in low["servicesDegraded"]] == ["shop-a"]


TREE = """query($s: ID!, $d: Int!) { dependencyTree(serviceId: $s, depth: $d) {
  key parentKey depth node { name } via kind redundancyGroup minAvailable memberCount repeated } }"""


async def test_dependency_tree_marks_redundancy_groups(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    rows = (await gql(TREE, {"s": ids["shop"], "d": 5}))["dependencyTree"]
    by_name = {r["node"]["name"]: r for r in rows}
    assert rows[0]["node"]["name"] == "shop"
    assert rows[0]["parentKey"] is None
    web = by_name["web"]
    assert (web["redundancyGroup"], web["minAvailable"], web["memberCount"]) == (True, 2, 3)
    assert web["via"] == "DEPENDS_ON"
    assert web["kind"] == "HARD"
    members = [r for r in rows if r["parentKey"] == web["key"]]
    assert [(m["node"]["name"], m["via"]) for m in members] == [
        ("web1", "MEMBER_OF"),
        ("web2", "MEMBER_OF"),
        ("web3", "MEMBER_OF"),
    ]
    h1_rows = [r for r in rows if r["node"]["name"] == "h1"]
    assert [r["repeated"] for r in h1_rows] == [False, True]  # shared host shown once
    shallow = (await gql(TREE, {"s": ids["shop"], "d": 1}))["dependencyTree"]
    assert [r["node"]["name"] for r in shallow] == ["shop", "web"]
