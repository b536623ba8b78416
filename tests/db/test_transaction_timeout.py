"""Every transaction has a deadline: past it Neo4j stops the work, the caller gets a
typed, retry-safe TIMEOUT, and nothing was written. The managed server has a backstop."""

from __future__ import annotations

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.errors import RequestTimedOut
from graphcmdb.neo4j_server.conf import base_conf

#: counts to two billion: far longer than the half-second deadline below
SLOW = "UNWIND range(1, 2000000000) AS x WITH count(x) AS n RETURN n"


async def test_a_write_past_its_deadline_is_stopped_and_writes_nothing(
    settings: Settings, db: Database
) -> None:
    short = Database(settings.model_copy(update={"neo4j_transaction_timeout_s": 0.5}))

    async def slow_write(tx: Tx) -> None:
        # test-only: arbitrary statements through the driver's transaction object
        await (await tx._tx.run("CREATE (:TimeoutProbe)")).consume()
        await (await tx._tx.run(SLOW)).consume()

    try:
        with pytest.raises(RequestTimedOut) as caught:
            await short.write(slow_write)
    finally:
        await short.close()
    assert caught.value.code == "TIMEOUT"
    assert caught.value.details == {"seconds": 0.5}
    assert await db.run_raw("MATCH (p:TimeoutProbe) RETURN count(p) AS n") == [{"n": 0}]


def test_the_managed_server_stops_any_transaction_as_a_backstop_when_set(
    settings: Settings,
) -> None:
    conf = base_conf(settings.model_copy(update={"neo4j_transaction_timeout_s": 30.0}))
    assert conf["db.transaction.timeout"] == "120s"
    off = base_conf(settings.model_copy(update={"neo4j_transaction_timeout_s": 0.0}))
    assert "db.transaction.timeout" not in off
    assert Settings.model_fields["neo4j_transaction_timeout_s"].default == 0.0  # opt-in
