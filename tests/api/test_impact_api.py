"""impact(...) over GraphQL against the real Neo4j: DESIGN's example, ordering, errors, CLI."""

from __future__ import annotations

import subprocess

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from tests.cli.test_cli import run_cli
from tests.conftest import GQL
from tests.impact_fixtures import build, worked_example

IMPACT = """query($down: [ID!]!, $degraded: [ID!], $depth: Int) {
  impact(down: $down, degraded: $degraded, maxDepth: $depth) {
    summary { nodesDown nodesDegraded servicesDown servicesDegraded usersAffected }
    services { service { id name criticality users slaTarget owner } status path distance }
    nodes { node { id name labels } status path distance }
  } }"""


def statuses(report: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {n["node"]["name"]: n["status"] for n in report["nodes"]}


async def test_worked_example_h1_down_takes_the_shop_down(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    report = (await gql(IMPACT, {"down": [ids["h1"]]}))["impact"]
    assert statuses(report) == {
        "h1": "DOWN",
        "web1": "DOWN",
        "web2": "DOWN",
        "web": "DOWN",
        "shop": "DOWN",
    }
    assert report["summary"] == {
        "nodesDown": 5,
        "nodesDegraded": 0,
        "servicesDown": 1,
        "servicesDegraded": 0,
        "usersAffected": 1000,
    }
    shop = report["services"][0]
    assert shop["service"]["name"] == "shop"
    assert shop["service"]["slaTarget"] == 99.9
    assert shop["path"] == ["h1", "web1", "web", "shop"]
    assert shop["distance"] == 3


async def test_worked_example_only_web3_down_degrades_the_shop(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    report = (await gql(IMPACT, {"down": [ids["web3"]]}))["impact"]
    assert statuses(report) == {"web3": "DOWN", "web": "DEGRADED", "shop": "DEGRADED"}
    assert report["services"][0]["status"] == "DEGRADED"
    assert report["services"][0]["path"] == ["web3", "web", "shop"]


async def test_order_is_down_first_then_criticality_then_users(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={"db": (CIClass.DATABASE, {}), "cache": (CIClass.APPLICATION, {})},
        services={
            "low": {"criticality": 2, "users": 10_000},
            "hi": {"criticality": 5, "users": 5},
            "hi-many": {"criticality": 5, "users": 50},
            "soft": {"criticality": 5, "users": 1},
        },
        edges=[
            ("low", RelType.DEPENDS_ON, "db", DependencyKind.HARD),
            ("hi", RelType.DEPENDS_ON, "db", DependencyKind.HARD),
            ("hi-many", RelType.DEPENDS_ON, "db", DependencyKind.HARD),
            ("soft", RelType.DEPENDS_ON, "db", DependencyKind.SOFT),
        ],
    )
    report = (await gql(IMPACT, {"down": [ids["db"]]}))["impact"]
    order = [(s["service"]["name"], s["status"]) for s in report["services"]]
    assert order == [("hi-many", "DOWN"), ("hi", "DOWN"), ("low", "DOWN"), ("soft", "DEGRADED")]
    assert report["summary"]["usersAffected"] == 10_056


async def test_degraded_input_and_service_on_service(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={"idp": (CIClass.APPLICATION, {})},
        services={"sso": {"criticality": 5}, "portal": {"criticality": 4}},
        edges=[
            ("sso", RelType.DEPENDS_ON, "idp", DependencyKind.HARD),
            ("portal", RelType.DEPENDS_ON, "sso", DependencyKind.HARD),
        ],
    )
    report = (await gql(IMPACT, {"down": [], "degraded": [ids["idp"]]}))["impact"]
    assert statuses(report) == {"idp": "DEGRADED", "sso": "DEGRADED", "portal": "DEGRADED"}
    assert report["services"][1]["path"] == ["idp", "sso", "portal"]


async def test_cycles_terminate_and_max_depth_cuts_the_listing(gql: GQL, db: Database) -> None:
    ids = await build(
        db,
        cis={
            "a": (CIClass.APPLICATION, {}),
            "b": (CIClass.APPLICATION, {}),
            "c": (CIClass.APPLICATION, {}),
        },
        services={},
        edges=[
            ("a", RelType.DEPENDS_ON, "b", DependencyKind.HARD),
            ("b", RelType.DEPENDS_ON, "c", DependencyKind.HARD),
            ("c", RelType.DEPENDS_ON, "a", DependencyKind.HARD),
        ],
    )
    report = (await gql(IMPACT, {"down": [ids["c"]]}))["impact"]
    assert statuses(report) == {"a": "DOWN", "b": "DOWN", "c": "DOWN"}
    near = (await gql(IMPACT, {"down": [ids["c"]], "depth": 1}))["impact"]
    assert statuses(near) == {"c": "DOWN", "b": "DOWN"}


async def test_unknown_ids_are_listed(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    err = await gql.error(IMPACT, {"down": [ids["h1"], "nope-1", "nope-2"]})
    assert err["extensions"]["code"] == "NOT_FOUND"
    assert err["extensions"]["ids"] == ["nope-1", "nope-2"]


async def test_impact_needs_a_token(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    resp = await gql.raw(IMPACT, {"down": [ids["h1"]]}, token="")
    assert resp.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_cli_prints_the_report_and_fails_on_unknown_names(
    settings: Settings, db: Database
) -> None:
    await worked_example(db)
    done: subprocess.CompletedProcess[str] = run_cli(settings, "impact", "h1")
    assert done.returncode == 0, done.stderr
    assert "shop" in done.stdout
    assert "h1 -> web1 -> web -> shop" in done.stdout
    missing = run_cli(settings, "impact", "h1", "no-such-host")
    assert missing.returncode == 1
    assert "no-such-host" in missing.stderr


async def test_readme_claim_on_the_demo_data(settings: Settings, db: Database) -> None:
    """README: `graphcmdb impact h1` on the demo takes Web Shop Demo down via web-cluster."""
    from graphcmdb.demo.load import load_demo

    await load_demo(db)
    done = run_cli(settings, "impact", "h1")
    assert done.returncode == 0, done.stderr
    assert "h1 -> web1 -> web-cluster -> Web Shop Demo" in done.stdout
    degraded = run_cli(settings, "impact", "web3")
    assert "DEGRADED" in degraded.stdout
    assert "Web Shop Demo" in degraded.stdout
