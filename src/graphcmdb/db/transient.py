"""What a transient Neo4j error means to the caller: after the driver's retries, or at
once when running the same transaction again cannot help (:func:`retry_is_futile`)."""

from __future__ import annotations

from neo4j import exceptions as nx

from graphcmdb.errors import CmdbError, DatabaseBusy, LimitExceeded


def out_of_memory(exc: nx.TransientError) -> bool:
    """Neo4j's transaction memory ran out (its own limit or the pool all share)."""
    code = exc.code or ""
    return "OutOfMemory" in code or "MemoryLimit" in code


def retry_is_futile(exc: nx.TransientError, others_running: int) -> bool:
    """Out of memory, where the driver's retry would run the same transaction again for
    nothing: the transaction's own limit (``db.memory.transaction.max``) is reached again
    by the same work, and the pool all transactions share is full of this one alone
    when no other of this process ran beside it (other processes' are not seen)."""
    if not out_of_memory(exc):
        return False
    return "db.memory.transaction.max" in (exc.message or "") or others_running == 0


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
