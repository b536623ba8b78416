"""Versions of a write that changed only properties (a CI's status from monitoring):
they skip the walk over the CI's relationships, and stay what the full capture makes."""

from __future__ import annotations

from datetime import datetime, timedelta

from graphcmdb.db.database import Database, Tx
from graphcmdb.events import generic
from graphcmdb.events.correlation import FlapRule
from graphcmdb.services import events, history
from graphcmdb.services.actor import system_actor
from tests.db.conftest import Clock
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")
RULE = FlapRule(4, timedelta(minutes=15))
HISTORY_EDGES = """
MATCH (:Timeline {id: $id})-[w]-(:Timeline)
RETURN count(w) AS all, count(CASE WHEN w.validTo IS NULL THEN 1 END) AS open
"""
VERSIONS = "MATCH (:Timeline {id: $id})-[v:STATE]->() RETURN count(v) AS n"


async def down(db: Database, ci_id: str, at: datetime) -> None:
    body = {"source": "prom", "alertName": "HostDown", "status": "firing", "severity": "critical"}
    report = await events.ingest(db, ACTOR, generic.read({**body, "ciId": ci_id}, 100), RULE, at)
    assert [c.ci_id for c in report.status_changes] == [ci_id]


async def test_a_status_from_monitoring_is_a_version_of_the_ci_and_nothing_else(
    db: Database, clock: Clock
) -> None:
    ids = await worked_example(db)
    edges_before = await db.run_raw(HISTORY_EDGES, id=ids["web3"])
    clock.now += timedelta(hours=1)
    await down(db, ids["web3"], clock.now)
    assert (await db.run_raw(VERSIONS, id=ids["web3"]))[0]["n"] == 2
    assert await db.run_raw(HISTORY_EDGES, id=ids["web3"]) == edges_before  # 2 edges, open
    assert edges_before[0]["open"] == 2
    past, present = await history.snapshot(db, clock.now), await history.snapshot(db, None)
    assert past.nodes[ids["web3"]] == present.nodes[ids["web3"]]
    assert past.nodes[ids["web3"]].props["status"] == "DOWN"
    assert past.edges == present.edges


async def test_a_ci_with_no_version_yet_is_versioned_with_its_relationships(
    db: Database, clock: Clock
) -> None:
    """As the graph before versioning: the status write versions it in full."""
    ids = await worked_example(db)
    await db.run_raw(
        "MATCH (t:Timeline {id: $id}) OPTIONAL MATCH (t)-[:STATE]->(s) DETACH DELETE t, s",
        id=ids["web3"],
    )
    clock.now += timedelta(hours=1)
    await down(db, ids["web3"], clock.now)
    assert (await db.run_raw(VERSIONS, id=ids["web3"]))[0]["n"] == 1
    assert (await db.run_raw(HISTORY_EDGES, id=ids["web3"]))[0]["open"] == 2
    past, present = await history.snapshot(db, clock.now), await history.snapshot(db, None)
    assert past.nodes[ids["web3"]] == present.nodes[ids["web3"]]
    assert past.edges == present.edges


async def test_the_last_steps_of_a_write_run_after_its_history_capture(
    db: Database, clock: Clock
) -> None:
    """The live feed's lock is taken by a ``Tx.last`` step: the capture (up to a second in
    an evaluator's pass) must be done before it, or every payload waits for the lock."""
    ids = await worked_example(db)
    clock.now += timedelta(hours=1)
    seen: list[int] = []

    async def work(tx: Tx) -> None:
        tx.touch([ids["web3"]], relationships=False)

        async def count_versions() -> None:
            result = await tx._tx.run(VERSIONS, id=ids["web3"])  # raw text: no catalogue name
            seen.append((await result.single(strict=True))["n"])

        tx.last(count_versions)

    await db.run_raw("MATCH (c:CI {id: $id}) SET c.note = 'changed'", id=ids["web3"])
    await db.write(work)
    assert seen == [2]  # the version the capture made at commit, already there
