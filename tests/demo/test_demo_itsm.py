"""The demo's year of incidents and changes: legal as data, and every metric shows
something real once loaded (real Neo4j)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.demo import build_enterprise, load_full_demo
from graphcmdb.demo.itsm import ItsmDataset, build_itsm
from graphcmdb.demo.itsm_load import load_itsm
from graphcmdb.graph.enums import ChangeState, IncidentState
from tests.conftest import GQL

TODAY = datetime.now(UTC).date()
MIDNIGHT = datetime.combine(TODAY, time(0, 0), UTC)
S = IncidentState


@pytest.fixture(scope="module")
def itsm() -> ItsmDataset:
    return build_itsm(build_enterprise(), TODAY)


def test_incident_states_agree_with_their_times(itsm: ItsmDataset) -> None:
    assert len(itsm.incidents) > 200
    for i in itsm.incidents:
        assert i.opened_at <= MIDNIGHT, i.key
        if i.state in (S.NEW, S.IN_PROGRESS):
            assert (i.resolved_at, i.closed_at, i.cause) == (None, None, None), i.key
        else:
            assert i.resolved_at is not None, i.key
            assert i.opened_at <= i.resolved_at <= MIDNIGHT, i.key
            assert (i.closed_at is not None) == (i.state is S.CLOSED), i.key
    open_now = [i for i in itsm.incidents if i.state in (S.NEW, S.IN_PROGRESS)]
    assert {i.priority.value for i in open_now} >= {"P1", "P2", "P3", "P4"}


def test_changes_have_windows_and_some_lie_ahead(itsm: ItsmDataset) -> None:
    assert all(c.planned_end > c.planned_start for c in itsm.changes)
    ahead = [c for c in itsm.changes if c.planned_start > MIDNIGHT]
    assert ahead
    assert all(
        c.state in (ChangeState.DRAFT, ChangeState.SUBMITTED, ChangeState.APPROVED) for c in ahead
    )
    assert any(c.state is ChangeState.CANCELLED for c in itsm.changes)
    caused = {i.cause for i in itsm.incidents if isinstance(i.cause, str)}
    assert caused <= {c.key for c in itsm.changes}
    assert len(caused) >= 3


def iso(day: date) -> str:
    return datetime.combine(day, time(0, 0), UTC).isoformat()


YEAR = {"from": iso(TODAY - timedelta(days=365)), "to": iso(TODAY + timedelta(days=1))}
DASHBOARD = """query($from: DateTime!, $to: DateTime!) { metrics(from: $from, to: $to) {
  itsm { incidentsOpened slaCompliance resolution { resolved mttrMinutes firstContactRate }
         byPriority { priority resolution { resolved } }
         services { service { name } downtimeMinutes availability compliant } }
  itam { overDeployedProducts licenseSavings { amount } licenceSavings { amount } expiring { kind count } fleetBookValue { bookValue } }
  openNowByPriority { priority count } } }"""


async def test_every_figure_shows_something(db: Database, gql: GQL) -> None:
    """One load for all GraphQL checks (each test starts from an empty graph)."""
    await load_full_demo(db, today=TODAY)
    await dashboard_figures(gql)
    await problem_candidates_and_change_conflicts(gql)
    await new_incidents_are_numbered_after_the_demo(db, gql)


async def dashboard_figures(gql: GQL) -> None:
    m = (await gql(DASHBOARD, YEAR))["metrics"]
    itsm, itam = m["itsm"], m["itam"]
    assert itsm["incidentsOpened"] > 200
    assert itsm["resolution"]["resolved"] > 200
    assert itsm["resolution"]["mttrMinutes"] > 0
    assert 0 < float(itsm["resolution"]["firstContactRate"]) < 100
    assert [p["priority"] for p in itsm["byPriority"]] == ["P1", "P2", "P3", "P4"]
    services = {s["service"]["name"]: s for s in itsm["services"]}
    # the worked example's hypervisor h1 was down 4 h, 40 days ago
    assert services["Web Shop Demo"]["downtimeMinutes"] >= 240
    assert any(s["compliant"] is False for s in services.values())
    assert any(s["compliant"] is True for s in services.values())
    assert 0 < float(itsm["slaCompliance"]) < 100
    assert itam["overDeployedProducts"] >= 1
    assert itam["licenseSavings"]
    assert itam["licenceSavings"] == itam["licenseSavings"]  # the deprecated spelling
    assert sum(e["count"] for e in itam["expiring"]) > 0
    assert m["openNowByPriority"]


async def problem_candidates_and_change_conflicts(gql: GQL) -> None:
    q = """query($from: DateTime!, $to: DateTime!) {
      problemCandidates(from: $from, to: $to, minIncidents: 5) { ci { name } incidents } }"""
    names = [r["ci"]["name"] for r in (await gql(q, YEAR))["problemCandidates"]]
    assert {"tor-dc1-r03", "shop-db"} <= set(names)
    ahead = {"from": iso(TODAY), "to": iso(TODAY + timedelta(days=30))}
    conflicts = """query($from: DateTime!, $to: DateTime!) { changeConflicts(from: $from, to: $to) {
      first { title } second { title } sharedServices { name } } }"""
    pairs = (await gql(conflicts, ahead))["changeConflicts"]
    titles = [{p["first"]["title"], p["second"]["title"]} for p in pairs]
    assert {"esx-dc1-01 BIOS update", "esx-dc1-02 NIC firmware"} in titles


async def new_incidents_are_numbered_after_the_demo(db: Database, gql: GQL) -> None:
    rows = await db.run_raw(
        "MATCH (i:Incident) RETURN count(i) AS n, count(DISTINCT i.number) AS d"
    )
    assert rows[0]["n"] == rows[0]["d"]
    ci = await db.run_raw("MATCH (c:CI {name: 'web3'}) RETURN c.id AS id")
    made = await gql(
        'mutation($a: [ID!]!) { openIncident(input: {title: "t", priority: P4, affects: $a}) { number } }',
        {"a": [ci[0]["id"]]},
    )
    assert made["openIncident"]["number"] == f"INC{rows[0]['n'] + 1:07d}"


async def test_loading_again_the_same_day_changes_nothing(db: Database) -> None:
    await load_full_demo(db, today=TODAY)
    again = await load_itsm(db, today=TODAY)
    assert (again.created, again.written) == (0, 0)
    entries: list[dict[str, Any]] = await db.run_raw(
        "MATCH (e:AuditEntry {operation: 'importItsmRecords'}) RETURN count(e) AS n"
    )
    assert entries == [{"n": 1}]
