"""The managed Neo4j plans a statement once whatever the length of its list parameters
(``internal.cypher.use_parameter_size=false``, neo4j_server/conf.py): by default it plans
it again for each size range of them (1, 2-10, 11-100, 101-1,000, more), 100-1,400 ms a
statement at 100,000 CIs, and the first alerts after a restart waited seconds for their
incidents. Seen in Neo4j's plan cache: one statement run with four lengths of list is
one entry, not four."""

from __future__ import annotations

import re

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database

STATEMENT = "UNWIND $ids AS id MATCH (n:CI {id: id}) RETURN n.id AS id"
LENGTHS = (1, 11, 101, 1001)
#: another test's server may still run a statement between the two clears: the fewest
#: entries over a few tries is the answer
TRIES = 3


async def cached_after_lengths(db: Database) -> int:
    await db.run_raw("CALL db.clearQueryCaches()")
    for length in LENGTHS:
        await db.run_raw(STATEMENT, ids=[f"id{i}" for i in range(length)])
    [answer] = await db.run_raw("CALL db.clearQueryCaches()")
    found = re.search(r"cleared of (\d+) quer", str(answer["value"]))
    assert found is not None, answer
    return int(found.group(1))


async def test_one_plan_for_every_length_of_a_list(db: Database, settings: Settings) -> None:
    if not settings.managed_neo4j:
        pytest.skip("the setting is the managed server's conf (an external one has its own)")
    assert min([await cached_after_lengths(db) for _ in range(TRIES)]) == 1
