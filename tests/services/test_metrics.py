"""Service levels, MTTR, problem candidates and the dashboard against the real Neo4j,
checked against hand-computed figures (March 2026: 31 days, 744 hours)."""

from __future__ import annotations

from typing import Any

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.services import relations
from graphcmdb.services.relations import RelateInput
from tests.cli.test_cli import run_cli
from tests.conftest import GQL
from tests.impact_fixtures import ACTOR, worked_example

OPEN = """mutation($t: String!, $p: IncidentPriority!, $a: [ID!]!, $at: DateTime!) {
  openIncident(input: {title: $t, priority: $p, affects: $a, openedAt: $at}) { id number } }"""
RESOLVE = """mutation($id: ID!, $at: DateTime!, $fcr: Boolean!, $cause: ID) {
  resolveIncident(id: $id, resolvedAt: $at, resolvedAtFirstContact: $fcr, cause: $cause) { id } }"""
MARCH = {"from": "2026-03-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}
RES = "resolved mttrMinutes firstContactRate"
LEVELS = f"""query($from: DateTime!, $to: DateTime!) {{ serviceLevels(from: $from, to: $to) {{
  incidentsOpened resolution {{ {RES} }} byPriority {{ priority resolution {{ {RES} }} }}
  slaCompliance openAtEndByPriority {{ priority count }}
  services {{ service {{ name }} incidents downtimeMinutes availability slaTarget compliant }} }} }}"""


async def incident(
    gql: GQL,
    ids: dict[str, str],
    priority: str,
    affects: str,
    opened: str,
    resolved: str | None = None,
    first_contact: bool = False,
    cause: str | None = None,
) -> str:
    data = await gql(
        OPEN, {"t": f"{affects} trouble", "p": priority, "a": [ids[affects]], "at": opened}
    )
    incident_id = str(data["openIncident"]["id"])
    if resolved:
        variables = {
            "id": incident_id,
            "at": resolved,
            "fcr": first_contact,
            "cause": cause and ids[cause],
        }
        await gql(RESOLVE, variables)
    return incident_id


async def march(gql: GQL, db: Database) -> dict[str, str]:
    """The worked example plus a wiki service on h2; five incidents around March 2026."""
    ids = await worked_example(db)
    wiki = await gql(
        'mutation { createService(input: {name: "wiki", criticality: 2, slaTarget: 99.0}) { id } }'
    )
    ids["wiki"] = wiki["createService"]["id"]
    await relations.relate_many(
        db,
        ACTOR,
        [
            RelateInput(
                fromId=ids["wiki"],
                type=RelType.DEPENDS_ON,
                toId=ids["h2"],
                kind=DependencyKind.HARD,
            )
        ],
    )
    # h1 down: web1 and web2 down, the cluster keeps 1 of 3 -> shop DOWN 10:00-12:00
    await incident(gql, ids, "P1", "h1", "2026-03-10T10:00:00Z", "2026-03-10T12:00:00Z")
    # web1 alone: cluster DEGRADED, shop only degraded -> no down time
    await incident(gql, ids, "P2", "web1", "2026-03-10T11:00:00Z", "2026-03-10T14:00:00Z", True)
    # shop itself 11:30-13:00, overlapping the first: shop DOWN 10:00-13:00 = 3 h, not 3.5 h
    await incident(
        gql, ids, "P1", "shop", "2026-03-10T11:30:00Z", "2026-03-10T13:00:00Z", cause="h1"
    )
    # opened before the window, resolved inside it: counts for MTTR, not as opened
    await incident(gql, ids, "P3", "web3", "2026-02-28T23:00:00Z", "2026-03-01T01:00:00Z")
    # still open: wiki DOWN from 23:00 to the window's end = 1 h
    await incident(gql, ids, "P2", "h2", "2026-03-31T23:00:00Z")
    return ids


def by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["service"]["name"]: r for r in rows}


async def test_availability_mttr_and_sla_by_hand(gql: GQL, db: Database) -> None:
    await march(gql, db)
    levels = (await gql(LEVELS, MARCH))["serviceLevels"]
    services = by_name(levels["services"])
    # shop: 3 h of 744 -> 100 * (1 - 3/744) = 99.5967741... -> 99.5968 < 99.9
    assert services["shop"] | {"service": None} == {
        "service": None,
        "incidents": 2,
        "downtimeMinutes": 180.0,
        "availability": "99.5968",
        "slaTarget": "99.9",
        "compliant": False,
    }
    # wiki: 1 h of 744 -> 99.8655913... -> 99.8656 >= 99.0
    assert services["wiki"]["downtimeMinutes"] == 60.0
    assert services["wiki"]["availability"] == "99.8656"
    assert services["wiki"]["compliant"] is True
    assert levels["slaCompliance"] == "50.0000"
    assert levels["incidentsOpened"] == 4
    # resolved in March: 2 h, 3 h, 1.5 h and 2 h -> 127.5 min; one of four at first contact
    assert levels["resolution"] == {
        "resolved": 4,
        "mttrMinutes": 127.5,
        "firstContactRate": "25.0000",
    }
    assert {p["priority"]: p["resolution"]["mttrMinutes"] for p in levels["byPriority"]} == {
        "P1": 105.0,
        "P2": 180.0,
        "P3": 120.0,
    }
    assert levels["openAtEndByPriority"] == [{"priority": "P2", "count": 1}]


async def test_window_edges(gql: GQL, db: Database) -> None:
    await march(gql, db)
    # [10:00, 12:00) of March 10th: shop is down for the whole window
    window = {"from": "2026-03-10T10:00:00Z", "to": "2026-03-10T12:00:00Z"}
    shop = by_name((await gql(LEVELS, window))["serviceLevels"]["services"])["shop"]
    assert shop["downtimeMinutes"] == 120.0
    assert shop["availability"] == "0.0000"
    # resolvedAt exactly at the window's end is outside [from, to)
    edge = {"from": "2026-03-10T00:00:00Z", "to": "2026-03-10T12:00:00Z"}
    assert (await gql(LEVELS, edge))["serviceLevels"]["resolution"]["resolved"] == 0
    err = await gql.error(LEVELS, {"from": MARCH["to"], "to": MARCH["from"]})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"


async def test_problem_candidates_count_affects_and_causes_once(gql: GQL, db: Database) -> None:
    await march(gql, db)
    q = """query($from: DateTime!, $to: DateTime!, $n: Int!) {
      problemCandidates(from: $from, to: $to, minIncidents: $n) { ci { name } incidents numbers } }"""
    rows = (await gql(q, MARCH | {"n": 2}))["problemCandidates"]
    assert [(r["ci"]["name"], r["incidents"], len(r["numbers"])) for r in rows] == [("h1", 2, 2)]
    ones = (await gql(q, MARCH | {"n": 1}))["problemCandidates"]
    assert sorted(r["ci"]["name"] for r in ones) == ["h1", "h2", "web1"]  # web3's opened in Feb


async def test_dashboard_brings_itam_and_itsm_figures_together(gql: GQL, db: Database) -> None:
    await march(gql, db)
    await gql(
        """mutation { createAsset(input: {assetTag: "A-1", purchaseCost: "1200", currency: "EUR",
        usefulLifeMonths: 36, inServiceDate: "2025-01-01", purchaseDate: "2025-01-01",
        warrantyEnd: "2026-04-15"}) { id } }"""
    )
    q = """query($from: DateTime!, $to: DateTime!) { metrics(from: $from, to: $to) {
      itsm { incidentsOpened slaCompliance }
      itam { asOf expiringWithinDays expiring { kind count } overDeployedProducts
             licenseSavings { amount currency } fleetBookValue { currency bookValue } }
      openNowByPriority { priority count } } }"""
    data = (await gql(q, MARCH))["metrics"]
    assert data["itsm"] == {"incidentsOpened": 4, "slaCompliance": "50.0000"}
    itam = data["itam"]
    assert itam["asOf"] == "2026-04-01"
    assert {e["kind"]: e["count"] for e in itam["expiring"]} == {
        "WARRANTY": 1,
        "CONTRACT": 0,
        "LICENSE": 0,
    }
    # 1200 over 36 months, 15 months in on April 1st 2026: 1200 - 500 = 700.00
    assert itam["fleetBookValue"] == [{"currency": "EUR", "bookValue": "700.00"}]
    assert itam["overDeployedProducts"] == 0
    assert itam["licenseSavings"] == []
    assert data["openNowByPriority"] == [{"priority": "P2", "count": 1}]


async def test_cli_prints_service_levels_and_kpis(
    settings: Settings, gql: GQL, db: Database
) -> None:
    await march(gql, db)
    done = run_cli(settings, "metrics", "--from", "2026-03-01", "--to", "2026-04-01")
    assert done.returncode == 0, done.stderr
    shop = next(line for line in done.stdout.splitlines() if "│ shop " in line)
    assert "99.5968" in shop
    assert "NO" in shop
    assert "P1: " not in done.stdout.split("MTTR by priority")[0]  # only P2 is open
    assert "P2: 1" in done.stdout
    bad = run_cli(settings, "metrics", "--from", "2026-04-01", "--to", "2026-03-01")
    assert bad.returncode == 1
    assert "VALIDATION_FAILED" in bad.stderr
