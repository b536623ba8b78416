"""startDiscovery's preview: the same identification and writes, each device's transaction
rolled back; the run's counts and failures are the plan and the graph does not move."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.services.discovery import run_discovery
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_reconcile import ACTOR, device, in_order
from tests.discovery.test_runs import fake_scan

DEVICES = [
    device("known", "10.40.0.1", serial="K-1"),
    device("new-1", "10.40.0.2", serial="N-1"),
    device("x", "10.40.0.3", serial="SN-9", macs=("a8:bb:cc:00:00:09",)),  # ambiguous
]


async def everything(db: Database) -> list[object]:
    """Every node but the runs and their own audit entries (a preview is a real run)."""
    return in_order(
        await db.run_raw(
            "MATCH (n) WHERE NOT n:DiscoveryRun AND NOT n:SchemaMigration "
            "AND NOT (n:AuditEntry AND n.operation IN ['startDiscovery', 'finishDiscovery']) "
            # nor the runs' own history (a run is an entity: db/history.py)
            "AND NOT (n:Timeline AND EXISTS { (n)-[:STATE]->(s) WHERE 'DiscoveryRun' IN s._labels }) "
            "AND NOT (n:State AND 'DiscoveryRun' IN n._labels) "
            "RETURN labels(n) AS l, properties(n) AS p"
        )
    )


async def test_a_dry_run_counts_the_plan_and_writes_nothing(db: Database, gql: GQL) -> None:
    await create_ci(gql, "known", serialNumber="K-1")
    await create_ci(gql, "by-serial", serialNumber="SN-9")
    await create_ci(gql, "by-mac", macAddresses=["a8:bb:cc:00:00:09"])
    before = await everything(db)
    targets = [d.target for d in DEVICES]
    run = await run_discovery(db, ACTOR, targets, fake_scan(ScanResult(DEVICES)), dry_run=True)
    assert run.dryRun is True
    assert (run.countNew, run.countUpdated, run.countUnchanged) == (1, 1, 0)
    assert [f.kind for f in run.failures] == ["AMBIGUOUS"]
    assert await everything(db) == before  # no CI, task, key, link or audit entry

    real = await run_discovery(db, ACTOR, targets, fake_scan(ScanResult(DEVICES)))
    assert real.dryRun is False
    assert (real.countNew, real.countUpdated) == (run.countNew, run.countUpdated)
