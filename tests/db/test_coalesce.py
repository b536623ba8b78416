"""Reads of one GraphQL query asked together go to Neo4j as one statement
(``db/coalesce.py``), and each reader gets exactly the rows it would have got alone."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Iterator
from typing import Any

import neo4j.exceptions as nx
import pytest

from graphcmdb.db import coalesce
from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q, QueryName

SEED = """
CREATE (a:Entity:CI {id: 'ci-a', name: 'app-01'}), (b:Entity:CI {id: 'ci-b', name: 'db-01'}),
       (s:Entity:Service {id: 'svc', name: 'Shop'}),
       (x:Entity:Asset {id: 'asset-a', assetTag: 'T-1', name: 'box'}),
       (p:Entity:SoftwareProduct {id: 'prod', key: 'pg', name: 'PostgreSQL'}),
       (s)-[:DEPENDS_ON {id: 'r1', kind: 'hard'}]->(a), (a)-[:DEPENDS_ON {id: 'r2', kind: 'hard'}]->(b),
       (x)-[:TRACKS]->(a), (b)-[:HAS_INSTALLED {version: '16'}]->(p)
"""

#: the explorer's CI details ask these together (with ids of CIs a and b)
READS: list[tuple[QueryName, dict[str, Any]]] = [
    (Q.REL_BOTH_WAYS_NAMES_BY_IDS, {"needsIds": ["ci-a", "ci-b"], "neededByIds": ["ci-a"]}),
    (Q.REL_SERVICES_BY_IDS, {"ids": ["ci-a", "ci-b"]}),
    (Q.INSTALL_BY_CI_IDS, {"ids": ["ci-a", "ci-b"]}),
    (Q.ASSET_BY_CI_IDS, {"ids": ["ci-a", "ci-b"]}),
    (Q.ASSET_BY_CI_IDS, {"ids": ["nobody"]}),  # no rows
]


@pytest.fixture
def operation() -> Iterator[None]:
    with coalesce.one_operation():
        yield


async def _together(db: Database, reads: list[tuple[QueryName, dict[str, Any]]]) -> list[list[Row]]:
    return list(await asyncio.gather(*(db.read(q, **p) for q, p in reads)))


async def _learn(db: Database) -> None:
    """Each statement read once: the process now knows its columns."""
    for query, params in READS:
        await db.read(query, **params)


async def test_reads_of_a_query_asked_together_are_one_statement_once_known(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    fresh = Database(db.settings)  # knows no statement yet
    try:
        first = await _together(fresh, READS)
        assert fresh.round_trips == len(READS)  # each alone: no columns known yet
        alone = [await fresh.read(q, **p) for q, p in READS]  # one at a time
        before = fresh.round_trips

        together = await _together(fresh, READS)

        assert fresh.round_trips - before == 1
    finally:
        await fresh.close()
    assert together == alone == first
    assert [len(rows) for rows in together] == [1, 2, 1, 1, 0]  # each read saw its data
    assert together[3][0]["asset"]["assetTag"] == "T-1"


async def test_outside_a_query_or_with_the_setting_off_each_read_is_its_own(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    await _learn(db)
    coalesced = await _together(db, READS)
    fresh = contextvars.Context()  # a mutation, a job, the CLI: outside any query
    outside = asyncio.get_running_loop().create_task(_outside(db), context=fresh)
    assert await outside == coalesced

    was, db.settings.coalesce_reads = db.settings.coalesce_reads, False
    try:
        before = db.round_trips
        assert await _together(db, READS) == coalesced
        assert db.round_trips - before == len(READS)
    finally:
        db.settings.coalesce_reads = was


async def _outside(db: Database) -> list[list[Row]]:
    """The reads outside any operation (in a fresh context): one statement each."""
    before = db.round_trips
    rows = await _together(db, READS)
    assert db.round_trips - before == len(READS)
    return rows


async def test_reads_of_two_operations_never_share_a_statement(db: Database) -> None:
    await db.run_raw(SEED)
    await _learn(db)

    async def one_query() -> list[list[Row]]:
        with coalesce.one_operation():  # each task has its own copy of the context
            return await _together(db, READS[:2])

    before = db.round_trips
    first, second = await asyncio.gather(one_query(), one_query())
    assert db.round_trips - before == 2
    assert first == second


async def test_a_full_batch_is_sent_and_the_next_reads_open_another(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    await _learn(db)
    many = [READS[3]] * (coalesce.MAX_PARTS + 2)
    before = db.round_trips
    answers = await _together(db, many)
    assert db.round_trips - before == 2
    assert all(len(rows) == 1 for rows in answers)


async def test_a_failing_read_fails_alone_and_its_batch_mates_get_their_rows(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    await _learn(db)
    await db.read(Q.AUDIT_IMPORT_RUNS, prefix="import", limit=1)  # known, and fine
    bad = (Q.AUDIT_IMPORT_RUNS, {"prefix": "import", "limit": -1})  # LIMIT -1: refused
    before = db.round_trips
    answers = await asyncio.gather(
        *(db.read(q, **p) for q, p in [READS[1], bad, READS[2]]), return_exceptions=True
    )
    assert db.round_trips - before == 4  # the statement, then each read alone
    assert isinstance(answers[1], nx.ClientError)
    assert [len(a) for a in answers if isinstance(a, list)] == [2, 1]


async def test_a_reader_that_leaves_does_not_take_the_others_answers(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    await _learn(db)
    (leaves, leaves_with), (stays, stays_with) = READS[1], READS[3]
    leaving = asyncio.ensure_future(db.read(leaves, **leaves_with))
    staying = asyncio.ensure_future(db.read(stays, **stays_with))
    await asyncio.sleep(0)  # both joined the batch
    leaving.cancel()
    assert len(await staying) == 1
    with pytest.raises(asyncio.CancelledError):
        await leaving


async def test_a_reader_that_leaves_while_the_statement_runs_leaves_the_others_theirs(
    db: Database, operation: None
) -> None:
    await db.run_raw(SEED)
    await _learn(db)
    readers = [asyncio.ensure_future(db.read(q, **p)) for q, p in READS[1:4]]
    before = db.round_trips
    for _ in range(100):  # turns of the loop until the shared statement is on its way
        if db.round_trips != before:
            break
        await asyncio.sleep(0)
    assert db.round_trips - before == 1
    readers[0].cancel()
    assert [len(rows) for rows in await asyncio.gather(*readers[1:])] == [1, 1]
    with pytest.raises(asyncio.CancelledError):
        await readers[0]
    assert db.round_trips - before == 1
