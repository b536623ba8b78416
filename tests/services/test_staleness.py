"""Stale CIs and links against the real Neo4j: flagged in reports, never deleted.

LLDP links: a run that covered both ends of a link and did not see it flags it; a run
that covered one end only (a partial run) flags nothing; a run that sees it clears it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graphcmdb.db.database import Database, Row
from graphcmdb.discovery.observation import Neighbour, Observation, ScanResult
from graphcmdb.domain.quality_rules import StalenessPolicy
from graphcmdb.graph.enums import CIClass
from graphcmdb.services import staleness
from graphcmdb.services.discovery import run_discovery
from graphcmdb.services.discovery_reconcile import reconcile
from tests.discovery.test_reconcile import ACTOR, T0, audit_entries, device
from tests.discovery.test_runs import fake_scan
from tests.impact_fixtures import build

POLICY = StalenessPolicy(30, {CIClass.NETWORK_DEVICE: 7})
CORE_MAC, ACCESS_MAC, EDGE_MAC = "a8:00:00:00:09:01", "a8:00:00:00:09:02", "a8:00:00:00:09:03"


def switch(name: str, n: int, *neighbours: Neighbour, days: int = 0) -> Observation:
    return device(
        name,
        f"10.9.0.{n}",
        macs=(f"a8:00:00:00:09:0{n}",),
        ips=(f"10.9.0.{n}",),
        ci_class=CIClass.NETWORK_DEVICE,
        neighbours=neighbours,
        at=T0 + timedelta(days=days),
    )


def core(*neighbours: Neighbour, days: int = 0) -> Observation:
    return switch("core", 1, *neighbours, days=days)


TO_ACCESS = Neighbour("Gi0/1", ACCESS_MAC, "access", "Gi0/48")
TO_EDGE = Neighbour("Gi0/2", EDGE_MAC, "edge", "Gi0/24")


async def links(db: Database) -> list[Row]:
    return await db.run_raw(
        "MATCH (a:CI)-[r:CONNECTED_TO]->(b:CI) RETURN a.name + '-' + b.name AS link, "
        "r.lastSeen AS lastSeen, r.staleSince IS NOT NULL AS flagged, r.staleRun AS run "
        "ORDER BY link"
    )


async def run(db: Database, run_id: str, *obs: Observation, targets: tuple[str, ...] = ()) -> None:
    await reconcile(db, ACTOR, list(obs), run_id, targets=targets)


async def cabled(db: Database) -> None:
    """core - access and core - edge, seen by a first run of all three."""
    await run(db, "r1", core(TO_ACCESS, TO_EDGE), switch("access", 2), switch("edge", 3))
    assert [(r["link"], r["lastSeen"], r["flagged"]) for r in await links(db)] == [
        ("core-access", T0, False),
        ("core-edge", T0, False),
    ]


async def test_a_run_that_reached_both_ends_and_missed_the_link_flags_it(db: Database) -> None:
    await cabled(db)
    # the access cable was pulled: core no longer reports it; both ends answer
    later = 1
    await run(db, "r2", core(TO_EDGE, days=later), switch("access", 2, days=later))
    rows = {r["link"]: r for r in await links(db)}
    assert (rows["core-access"]["flagged"], rows["core-access"]["run"]) == (True, "r2")
    assert rows["core-access"]["lastSeen"] == T0  # kept, not deleted
    assert (rows["core-edge"]["flagged"], rows["core-edge"]["lastSeen"]) == (
        False,
        T0 + timedelta(days=later),
    )
    [entry] = await audit_entries(db, "discoveryLinksStale")
    assert entry["after"]["runId"] == "r2"
    assert [(s["localPort"], s["remotePort"]) for s in entry["after"]["staleLinks"]] == [
        ("Gi0/1", "Gi0/48")
    ]
    # flagging again changes nothing; a run that sees the cable clears the flag
    await run(db, "r3", core(TO_EDGE, days=2), switch("access", 2, days=2))
    assert len(await audit_entries(db, "discoveryLinksStale")) == 1
    await run(db, "r4", core(TO_ACCESS, TO_EDGE, days=3))
    assert [r["flagged"] for r in await links(db)] == [False, False]
    [confirmed] = [
        e for e in await audit_entries(db, "discoveryLinks") if e["after"]["runId"] == "r4"
    ]
    assert sorted(c["localPort"] for c in confirmed["after"]["confirmed"]) == ["Gi0/1", "Gi0/2"]


async def test_a_partial_run_flags_nothing(db: Database) -> None:
    await cabled(db)
    # only core was scanned, and it reports neither cable (LLDP restarting, say)
    await run(db, "partial", core(days=1), targets=("10.9.0.1",))
    assert [r["flagged"] for r in await links(db)] == [False, False]
    assert await audit_entries(db, "discoveryLinksStale") == []


async def test_a_targeted_end_that_did_not_answer_counts_as_covered(db: Database) -> None:
    await cabled(db)
    # the run scanned core and edge's address; edge did not answer, core reports only access
    await run(db, "r2", core(TO_ACCESS, days=1), targets=("10.9.0.1", "10.9.0.3:161"))
    assert [(r["link"], r["flagged"]) for r in await links(db)] == [
        ("core-access", False),
        ("core-edge", True),
    ]
    [link] = await staleness.stale_links(db, POLICY, as_of=T0 + timedelta(days=1))
    assert (link.from_ci.name, link.to_ci.name, link.local_port) == ("core", "edge", "Gi0/2")
    assert link.stale_run == "r2"


async def test_links_not_confirmed_within_the_shorter_period_are_stale(db: Database) -> None:
    await cabled(db)
    assert await staleness.stale_links(db, POLICY, as_of=T0 + timedelta(days=6)) == []
    old = await staleness.stale_links(db, POLICY, as_of=T0 + timedelta(days=8))
    assert [(s.from_ci.name, s.to_ci.name, s.stale_since) for s in old] == [
        ("core", "access", None),
        ("core", "edge", None),
    ]
    assert all(s.confirmed_at == T0 for s in old)
    assert len(await staleness.stale_links(db, StalenessPolicy(30), T0 + timedelta(8))) == 0


async def test_stale_cis_per_class_period(db: Database) -> None:
    await build(
        db,
        cis={
            "sw": (CIClass.NETWORK_DEVICE, {}),
            "srv": (CIClass.SERVER, {}),
            "fresh": (CIClass.SERVER, {}),
        },
        services={},
        edges=[],
    )
    await db.run_raw(
        "MATCH (c:CI) WHERE c.name IN ['sw', 'srv'] SET c.lastSeen = datetime() - duration('P10D')"
    )
    stale = await staleness.stale_cis(db, POLICY)
    assert [(s.ci.name, s.stale_after_days) for s in stale] == [("sw", 7)]
    later = datetime.now(UTC) + timedelta(days=40)
    everything = await staleness.stale_cis(db, POLICY, as_of=later)
    assert [s.ci.name for s in everything] == ["srv", "sw", "fresh"]  # longest unconfirmed first
    servers = await staleness.stale_cis(db, POLICY, CIClass.SERVER, later)
    assert {s.ci.name for s in servers} == {"srv", "fresh"}


def test_covered_hosts_expands_ranges_and_drops_ports() -> None:
    hosts = staleness.covered_hosts(["10.0.0.0/30", "Core.Example.com:1161", "[2001:db8::1]"])
    assert hosts == sorted(["10.0.0.1", "10.0.0.2", "core.example.com", "2001:db8::1"])
    assert staleness.covered_hosts(["not a target!"]) == []


async def test_a_discovery_run_flags_through_its_cidr_targets(db: Database) -> None:
    """The whole job: the run's targets (a range) reach the flagging, the run id names it."""
    await cabled(db)
    result = ScanResult(observations=[core(TO_ACCESS, days=1)])
    run = await run_discovery(db, ACTOR, ["10.9.0.0/29"], fake_scan(result))
    assert [(r["link"], r["flagged"], r["run"]) for r in await links(db)] == [
        ("core-access", False, None),
        ("core-edge", True, run.id),  # edge's address was in the range; it did not answer
    ]
    assert (await db.run_raw("MATCH (c:CI) RETURN count(c) AS n"))[0]["n"] == 3
