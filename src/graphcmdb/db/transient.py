"""What a transient Neo4j error that outlasted the driver's retries means to the caller."""

from __future__ import annotations

from neo4j import exceptions as nx

from graphcmdb.errors import CmdbError, DatabaseBusy, LimitExceeded


def out_of_memory(exc: nx.TransientError) -> bool:
    """Neo4j's transaction memory ran out: transient to the driver, which would run the
    same transaction again, but the same work needs the same memory."""
    code = exc.code or ""
    return "OutOfMemory" in code or "MemoryLimit" in code


def transient_error(exc: nx.TransientError) -> CmdbError:
    """Out of transaction memory: send less (retrying the same will not help); anything
    else transient (deadlocks, lock waits): retry in a moment. Nothing was written."""
    if out_of_memory(exc):
        return LimitExceeded(
            "The transaction needed more memory than the database allows one "
            "transaction: nothing was written. Send fewer rows (or ask for less) per request.",
            limit="dbms.memory.transaction.total.max / db.memory.transaction.max",
        )
    return DatabaseBusy(
        "Concurrent writes kept colliding with this one (deadlocks or lock waits) "
        "after it was retried: nothing was written; retry in a moment.",
        retryAfter=1,
    )
