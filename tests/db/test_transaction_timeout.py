"""Every transaction has a deadline by default, by the kind of work: past it Neo4j
stops the work, the caller gets a typed, retry-safe TIMEOUT, and nothing was written.
Reads are short, writes (and the reads of work that writes) long. The managed server
has a backstop."""

from __future__ import annotations

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.deadlines import transaction_seconds, writing
from graphcmdb.db.tx_metrics import Counted
from graphcmdb.errors import LimitExceeded, RequestTimedOut
from graphcmdb.neo4j_server.conf import base_conf

#: counts to two billion: far longer than the half-second deadlines below
SLOW = "UNWIND range(1, 2000000000) AS x WITH count(x) AS n RETURN n"


async def test_a_write_past_its_deadline_is_stopped_and_writes_nothing(
    settings: Settings, db: Database
) -> None:
    short = Database(settings.model_copy(update={"write_deadline_s": 0.5}))

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
    assert caught.value.details == {"seconds": 0.5, "retrySafe": True}
    assert "safe to retry" in caught.value.message
    assert await db.run_raw("MATCH (p:TimeoutProbe) RETURN count(p) AS n") == [{"n": 0}]


async def test_a_read_past_its_deadline_is_stopped(settings: Settings) -> None:
    short = Database(settings.model_copy(update={"read_deadline_s": 0.5}))

    async def slow_read(tx: Tx) -> None:
        await (await tx._tx.run(SLOW)).consume()

    try:
        with pytest.raises(RequestTimedOut) as caught:
            await short.read_tx(slow_read)
    finally:
        await short.close()
    assert caught.value.details == {"seconds": 0.5, "retrySafe": True}


def test_the_deadline_follows_the_kind_of_work(settings: Settings) -> None:
    kinds = settings.model_copy(update={"read_deadline_s": 15.0, "write_deadline_s": 300.0})
    assert transaction_seconds(kinds, "r") == 15.0
    assert transaction_seconds(kinds, "w") == 300.0
    with writing():  # a mutation's previews and plans read under the write deadline
        assert transaction_seconds(kinds, "r") == 300.0
    assert transaction_seconds(kinds, "r") == 15.0


def test_deadlines_are_on_by_default_and_the_server_has_a_backstop(settings: Settings) -> None:
    defaults = Settings.model_fields
    assert defaults["read_deadline_s"].default == 15.0
    assert defaults["write_deadline_s"].default == 300.0
    assert defaults["mutation_deadline_s"].default == 900.0
    conf = base_conf(
        settings.model_copy(update={"read_deadline_s": 15.0, "write_deadline_s": 30.0})
    )
    assert conf["db.transaction.timeout"] == "120s"  # four times the longest
    off = base_conf(settings.model_copy(update={"read_deadline_s": 0.0}))
    assert "db.transaction.timeout" not in off


#: would hold five million distinct 1 kB strings in one list: gigabytes, past the memory
#: Neo4j lets transactions take (70 % of the test server's 1 GiB heap), so refused on the
#: way, after about 700,000 of them
GREEDY = (
    f"WITH '{'x' * 1000}' AS pad UNWIND range(1, 5000000) AS x "
    "WITH collect(pad + toString(x)) AS xs RETURN size(xs) AS n"
)


async def test_a_write_past_the_transaction_memory_limit_is_refused_as_too_large(
    settings: Settings, db: Database
) -> None:
    """Neo4j's per-transaction memory limit reached is a typed LIMIT_EXCEEDED saying to
    send less (not "concurrent writes colliding"), nothing was written, and the work ran
    once: the driver would run a transient error's transaction again for up to its retry
    time, each run as large as the first."""
    patient = Database(settings.model_copy(update={"neo4j_max_retry_time_s": 30.0}))
    runs = 0

    async def greedy_write(tx: Tx) -> None:
        nonlocal runs
        runs += 1
        await (await tx._tx.run("CREATE (:MemoryProbe)")).consume()
        await (await tx._tx.run(GREEDY)).consume()

    try:
        with pytest.raises(LimitExceeded) as caught:
            await patient.write(greedy_write)
    finally:
        await patient.close()
    assert runs == 1
    assert caught.value.code == "LIMIT_EXCEEDED"
    assert "fewer rows" in caught.value.message
    assert await db.run_raw("MATCH (p:MemoryProbe) RETURN count(p) AS n") == [{"n": 0}]


async def test_a_full_memory_pool_is_retried_while_other_transactions_run_beside_it(
    settings: Settings, db: Database
) -> None:
    """The pool all transactions share may be full of the others: then a retry can pass,
    so the driver's retries stay (one transaction of this process counted in flight)."""
    brief = Database(settings.model_copy(update={"neo4j_max_retry_time_s": 1.0}))
    runs = 0

    async def greedy_write(tx: Tx) -> None:
        nonlocal runs
        runs += 1
        await (await tx._tx.run(GREEDY)).consume()

    try:
        with Counted("read"), pytest.raises(LimitExceeded):  # another one in flight
            await brief.write(greedy_write)
    finally:
        await brief.close()
    assert runs >= 2
