"""Reconciliation tasks and the data-quality report from the shell, on the real Neo4j."""

from __future__ import annotations

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from tests.cli.test_cli import run_cli
from tests.conftest import GQL
from tests.discovery.test_reconcile import ci_named, run
from tests.services.test_reconciliation_tasks import AMBIGUOUS, open_tasks, two_candidates


async def test_a_task_is_listed_and_decided_from_the_shell(
    settings: Settings, db: Database, gql: GQL
) -> None:
    by_serial, by_mac = await two_candidates(gql)
    await run(db, AMBIGUOUS)
    [task] = await open_tasks(db)

    listed = run_cli(settings, "tasks", "list")
    assert listed.returncode == 0, listed.stderr
    assert "Reconciliation tasks (1)" in listed.stdout
    for shown in (task.id, by_serial, by_mac):
        assert shown in listed.stdout

    refused = run_cli(settings, "tasks", "resolve", task.id, "--create-new", "--ignore")
    assert refused.returncode != 0
    assert "exactly one of" in refused.stderr
    assert len(await open_tasks(db)) == 1

    done = run_cli(settings, "tasks", "resolve", task.id, "--merge-into", by_serial)
    assert done.returncode == 0, done.stderr
    assert f"{task.id}: MERGE_INTO {by_serial}" in done.stdout
    assert await open_tasks(db) == []
    assert (await ci_named(db, "by-serial"))["macAddresses"] == ["a8:bb:cc:00:00:09"]
    assert "Reconciliation tasks (0)" in run_cli(settings, "tasks", "list").stdout

    again = run_cli(settings, "tasks", "resolve", task.id, "--ignore")
    assert again.returncode == 1
    assert "VALIDATION_FAILED" in again.stderr


async def test_the_quality_report_prints_counts_per_class(
    settings: Settings, db: Database, gql: GQL
) -> None:
    await two_candidates(gql)  # two servers, neither tracked by an asset
    done = run_cli(settings, "quality")
    assert done.returncode == 0, done.stderr
    [server] = [line for line in done.stdout.splitlines() if "│ Server" in line]
    cells = [c.strip() for c in server.split("│")[1:-1]]
    assert cells[:4] == ["Server", "2", "0", "2"]  # class, CIs, suspects, no asset
