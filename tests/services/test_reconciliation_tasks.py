"""Ambiguity is never guessed: it opens one reconciliation task per subject, and a
person's resolution (merge into a candidate, create new, ignore) decides the subject from
then on — for discovery and for imports alike."""

from __future__ import annotations

import pytest

from graphcmdb.db.database import Database
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import TaskResolution, TaskState
from graphcmdb.importing.files import ImportKind, import_rows
from graphcmdb.services import address_facts
from graphcmdb.services import reconciliation_tasks as tasks
from graphcmdb.services.actor import system_actor
from graphcmdb.services.paging import PageRequest
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_reconcile import audit_entries, ci_named, cis, counts, device, run

ACTOR = system_actor("cmdb-manager")


async def open_tasks(db: Database) -> list[tasks.ReconciliationTaskRecord]:
    return (await tasks.list_tasks(db, TaskState.OPEN, PageRequest(50, None))).items


async def two_candidates(gql: GQL) -> tuple[str, str]:
    by_serial = await create_ci(gql, "by-serial", serialNumber="SN-9")
    by_mac = await create_ci(gql, "by-mac", macAddresses=["a8:bb:cc:00:00:09"])
    return by_serial, by_mac


AMBIGUOUS = device("x", "10.1.0.2", serial="SN-9", macs=("a8:bb:cc:00:00:09",))


async def test_an_ambiguous_device_opens_one_task_however_often_it_is_seen(
    db: Database, gql: GQL
) -> None:
    by_serial, by_mac = await two_candidates(gql)
    first = await run(db, AMBIGUOUS)
    [task] = await open_tasks(db)
    assert task.id in first.failures[0].reason
    assert sorted(task.candidateIds) == sorted([by_serial, by_mac])
    assert task.source == "snmp"
    assert isinstance(task.subject, dict)
    assert task.subject["props"]["serialNumber"] == "SN-9"
    await run(db, AMBIGUOUS)
    [again] = await open_tasks(db)
    assert (again.id, again.occurrences) == (task.id, 2)
    assert len(await audit_entries(db, "openReconciliationTasks")) == 1


async def test_merge_into_writes_the_subject_now_and_decides_every_later_run(
    db: Database, gql: GQL
) -> None:
    by_serial, _by_mac = await two_candidates(gql)
    await run(db, AMBIGUOUS)
    [task] = await open_tasks(db)
    done = await tasks.resolve(db, ACTOR, task.id, TaskResolution.MERGE_INTO, by_serial)
    assert (done.state, done.resolution, done.resolvedCiId) == (
        TaskState.RESOLVED,
        TaskResolution.MERGE_INTO,
        by_serial,
    )
    assert (await ci_named(db, "by-serial"))["macAddresses"] == ["a8:bb:cc:00:00:09"]
    facts = (await address_facts.facts_of(db, [by_serial]))[by_serial]
    assert {(f.address, f.source) for f in facts} == {  # the scan's, which age as a scan's
        ("10.1.0.2", "snmp"), ("a8:bb:cc:00:00:09", "snmp"),
    }  # fmt: skip
    result = await run(db, AMBIGUOUS)
    assert result.failures == []
    assert counts(result) == (0, 1, 0, 0)  # found by the resolution: sightings added
    assert len(await cis(db)) == 2
    [entry] = await audit_entries(db, "reconcileCI")
    assert (entry["targetIds"], entry["after"]["rule"]) == ([by_serial], "RESOLVED")
    assert await open_tasks(db) == []


async def test_ignore_leaves_the_device_out_without_failing_the_run(db: Database, gql: GQL) -> None:
    await two_candidates(gql)
    await run(db, AMBIGUOUS)
    [task] = await open_tasks(db)
    await tasks.resolve(db, ACTOR, task.id, TaskResolution.IGNORE)
    result = await run(db, AMBIGUOUS)
    assert (result.failures, counts(result)) == ([], (0, 0, 1, 0))
    assert len(await cis(db)) == 2


async def test_an_ambiguous_import_row_waits_as_a_task_and_create_new_settles_it(
    db: Database, gql: GQL
) -> None:
    await two_candidates(gql)
    row = {"name": "mystery", "ciClass": "Server", "serialNumber": "sn9",
           "macAddresses": ["A8-BB-CC-00-00-09"]}  # fmt: skip
    report = await import_rows(db, ACTOR, ImportKind.CIS, [row], skip_invalid=True)
    assert report.skipped == 1
    assert report.problems[0]["column"] == "identity"
    [task] = await open_tasks(db)
    assert task.source == "import"
    done = await tasks.resolve(db, ACTOR, task.id, TaskResolution.CREATE_NEW)
    created = await ci_named(db, "mystery")
    assert done.resolvedCiId == created["id"]
    again = await import_rows(db, ACTOR, ImportKind.CIS, [row], skip_invalid=True)
    assert (again.skipped, again.ids) == (0, [created["id"]])
    assert await open_tasks(db) == []


async def test_a_resolution_is_checked_and_given_once(db: Database, gql: GQL) -> None:
    await two_candidates(gql)
    other = await create_ci(gql, "bystander")
    await run(db, AMBIGUOUS)
    [task] = await open_tasks(db)
    with pytest.raises(ValidationFailed, match="one of the task's candidates"):
        await tasks.resolve(db, ACTOR, task.id, TaskResolution.MERGE_INTO, other)
    await tasks.resolve(db, ACTOR, task.id, TaskResolution.IGNORE)
    with pytest.raises(ValidationFailed, match="resolved already"):
        await tasks.resolve(db, ACTOR, task.id, TaskResolution.IGNORE)
    [entry] = await audit_entries(db, "resolveReconciliationTask")
    assert entry["after"] == {"resolution": "IGNORE", "ciId": None}
