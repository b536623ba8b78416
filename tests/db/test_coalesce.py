"""Reads of one request asked together go to Neo4j as one statement (``db/coalesce.py``),
and each reader gets exactly the rows it would have got alone."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import neo4j.exceptions as nx
import pytest

from graphcmdb import logs
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
def request_id() -> Iterator[str]:
    token = logs.REQUEST_ID.set("req-1")
    yield "req-1"
    logs.REQUEST_ID.reset(token)


async def _together(db: Database, reads: list[tuple[QueryName, dict[str, Any]]]) -> list[list[Row]]:
    return list(await asyncio.gather(*(db.read(q, **p) for q, p in reads)))


async def test_reads_of_a_request_asked_together_are_one_statement(
    db: Database, request_id: str
) -> None:
    await db.run_raw(SEED)
    alone = []
    for query, params in READS:
        alone.append(await db.read(query, **params))  # one at a time: each its own batch
    before = db.round_trips

    together = await _together(db, READS)

    assert db.round_trips - before == 1
    assert together == alone
    assert [len(rows) for rows in together] == [1, 2, 1, 1, 0]  # each read saw its data
    assert together[3][0]["asset"]["assetTag"] == "T-1"


async def test_without_a_request_or_with_the_setting_off_each_read_is_its_own(
    db: Database, request_id: str
) -> None:
    await db.run_raw(SEED)
    coalesced = await _together(db, READS)
    logs.REQUEST_ID.set(None)  # a CLI command or a background job: no request
    before = db.round_trips
    assert await _together(db, READS) == coalesced
    assert db.round_trips - before == len(READS)

    logs.REQUEST_ID.set(request_id)
    db.settings.coalesce_reads = False
    try:
        before = db.round_trips
        assert await _together(db, READS) == coalesced
        assert db.round_trips - before == len(READS)
    finally:
        db.settings.coalesce_reads = True


async def test_reads_of_two_requests_never_share_a_statement(db: Database) -> None:
    await db.run_raw(SEED)

    async def as_request(request: str) -> list[list[Row]]:
        logs.REQUEST_ID.set(request)  # each task has its own copy of the context
        return await _together(db, READS[:2])

    before = db.round_trips
    first, second = await asyncio.gather(as_request("req-1"), as_request("req-2"))
    assert db.round_trips - before == 2
    assert first == second


async def test_an_error_reaches_every_reader_of_the_statement_and_the_next_batch_works(
    db: Database, request_id: str
) -> None:
    await db.run_raw(SEED)
    bad = (Q.AUDIT_IMPORT_RUNS, {"prefix": "import", "limit": -1})  # LIMIT -1: refused
    answers = await asyncio.gather(
        *(db.read(q, **p) for q, p in [READS[1], bad, READS[2]]), return_exceptions=True
    )
    assert all(isinstance(a, nx.ClientError) for a in answers)
    assert [len(rows) for rows in await _together(db, READS[1:3])] == [2, 1]


async def test_a_reader_that_leaves_does_not_take_the_others_answers(
    db: Database, request_id: str
) -> None:
    await db.run_raw(SEED)
    (leaves, leaves_with), (stays, stays_with) = READS[1], READS[3]
    leaving = asyncio.ensure_future(db.read(leaves, **leaves_with))
    staying = asyncio.ensure_future(db.read(stays, **stays_with))
    await asyncio.sleep(0)  # both joined the batch
    leaving.cancel()
    assert len(await staying) == 1
    with pytest.raises(asyncio.CancelledError):
        await leaving
