"""``Database.read`` runs in a read-mode session: a statement that writes is refused by
Neo4j and writes nothing (a read can never change the graph, and a cluster may answer
it from a follower)."""

from __future__ import annotations

import neo4j.exceptions as nx
import pytest

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q


async def test_a_statement_that_writes_is_refused_through_read(db: Database) -> None:
    await db.run_raw("CREATE (:StatusChange {batch: 'read-mode'})")

    with pytest.raises(nx.ClientError) as caught:
        await db.read(Q.LIVE_STAMP, batch="read-mode", feed="read-mode")

    assert "AccessMode" in (caught.value.code or "")
    assert await db.run_raw("MATCH (f:ChangeFeed {name: 'read-mode'}) RETURN count(f) AS n") == [
        {"n": 0}
    ]
    assert await db.run_raw(
        "MATCH (s:StatusChange {batch: 'read-mode'}) WHERE s.feedSeq IS NULL RETURN count(s) AS n"
    ) == [{"n": 1}]
