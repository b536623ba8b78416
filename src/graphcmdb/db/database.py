"""One async driver per process, and the only place that talks to it.

Service functions receive a :class:`Tx` and run catalogue queries by name; the
counter of round-trips lets tests prove that a request's query count is bounded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import neo4j
import neo4j.exceptions as nx

from graphcmdb.config import Settings
from graphcmdb.db import coalesce, history, nestable, pool_metrics, scoping
from graphcmdb.db.catalogue import CypherCatalogue, get_catalogue
from graphcmdb.db.deadlines import transaction_seconds
from graphcmdb.db.queries import VISIBLE_IDS, Q, QueryName
from graphcmdb.db.transient import retry_is_futile, transient_error
from graphcmdb.db.tx_metrics import Counted, RolledBack
from graphcmdb.db.values import to_native, to_param
from graphcmdb.errors import (
    DatabaseBusy,
    DatabaseUnavailable,
    Duplicate,
    OutsideScopes,
    RequestTimedOut,
)
from graphcmdb.graph.enums import Label

T = TypeVar("T")
Row = dict[str, Any]

UNAVAILABLE = (nx.ServiceUnavailable, nx.SessionExpired, ConnectionError, OSError)


def neo4j_auth(settings: Settings) -> tuple[str, str]:
    if settings.neo4j_password is not None:
        return settings.neo4j_user, settings.neo4j_password.get_secret_value()
    if settings.managed_neo4j and settings.neo4j_password_file.exists():
        return settings.neo4j_user, settings.neo4j_password_file.read_text().strip()
    raise DatabaseUnavailable(
        "No Neo4j password: set GRAPHCMDB_NEO4J_PASSWORD, or start the managed Neo4j "
        "with `graphcmdb neo4j start` (it writes the password file "
        f"{settings.neo4j_password_file})."
    )


class Tx:
    """A managed transaction that runs catalogue queries by name."""

    def __init__(self, tx: neo4j.AsyncManagedTransaction, db: Database) -> None:
        self._tx = tx
        self._db = db
        #: nodes created in this transaction (id, label): a scoped caller must see each
        #: before commit
        self.created: list[tuple[str, Label]] = []
        #: ids this transaction changed (its audit entries name them): versioned at commit
        self.touched: dict[str, None] = {}
        #: ids it changed only the properties of: versioned without their relationships
        self.touched_nodes: dict[str, None] = {}
        #: steps run after everything else, the history capture included (``last``)
        self._last: list[Callable[[], Awaitable[object]]] = []

    def last(self, step: Callable[[], Awaitable[object]]) -> None:
        """Run ``step`` as the transaction's very last statement, after its work and the
        history capture at commit: a lock it takes (the live feed's) is held until commit,
        and every writer that needs it waits while it is held."""
        self._last.append(step)

    async def run_last(self) -> None:
        """The ``last`` steps, in order (at commit; a rehearsal, which never commits,
        runs them itself)."""
        steps, self._last = self._last, []
        for step in steps:
            await step()

    def touch(self, ids: list[str], relationships: bool = True) -> None:
        """Version ``ids`` at commit; ``relationships=False``: the transaction changed
        none of the relationships at them (their versions skip that comparison)."""
        (self.touched if relationships else self.touched_nodes).update(dict.fromkeys(ids))

    async def outside_scopes(self) -> list[str]:
        """The nodes this transaction created that the caller's scopes do not show: one
        ``visible/<label>`` statement per label created (quick to plan); a label without
        a rule is outside without asking."""
        if not self.created or not scoping.is_scoped():
            return []
        labels = dict.fromkeys(label for _, label in self.created)
        seen: set[str] = set()
        for label in labels:
            if label in VISIBLE_IDS:
                ids = [i for i, of in self.created if of is label]
                seen |= {r["id"] for r in await self.run(VISIBLE_IDS[label], ids=ids)}
        return [i for i, _ in self.created if i not in seen]

    async def run(self, query: QueryName, **params: Any) -> list[Row]:
        return [to_native(row) for row in await self.raw(query, **params)]

    async def raw(self, query: QueryName, **params: Any) -> list[Row]:
        """Rows as the driver decodes them: no temporal conversion (for bulk reads of
        plain values, where walking every value again would cost more than the query)."""
        self._db.round_trips += 1
        text, given = statement(self._db.catalogue, query, params)
        result = await self._tx.run(text, given)
        eager = await result.to_eager_result()
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in eager.records]

    async def one(self, query: QueryName, **params: Any) -> Row | None:
        rows = await self.run(query, **params)
        return rows[0] if rows else None


#: tries of an auto-committed read (:meth:`Database.read`) and the first pause between two
READ_ATTEMPTS = 3
READ_RETRY_S = 0.2


def statement(
    catalogue: CypherCatalogue, query: QueryName, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """A named query's text and parameters as sent: the variant testing visibility,
    with the caller's scopes, when the caller is scoped (``db/scoping.py``)."""
    at = history.as_of()
    if at is not None:  # a read of the past: its history twin (db/history.py)
        query, params = history.twin(query, scoping.is_scoped()), params | {"asOf": at}
    text = catalogue.scoped(query) if scoping.is_scoped() else catalogue[query]
    if "$scoped" in text:
        params = params | scoping.current()
    return text, to_param(params)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Database:
    def __init__(self, settings: Settings, catalogue: CypherCatalogue | None = None) -> None:
        self.settings = settings
        self.catalogue = catalogue or get_catalogue()
        self.database = settings.neo4j_database
        self.round_trips = 0
        #: the time versions are stamped with (``db/history.py``); tests move it
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self._driver: neo4j.AsyncDriver | None = None
        #: the event loop the driver was opened on: its connections belong to it
        self._home: asyncio.AbstractEventLoop | None = None
        self._coalescer = coalesce.Coalescer(self._auto_read)
        #: the columns of each read statement (by text) Neo4j has answered here: what a
        #: statement needs to join others (``db/coalesce.py``); bounded by the catalogue
        self._columns: dict[str, tuple[str, ...]] = {}
        pool_metrics.watch(self)

    @property
    def open_driver(self) -> neo4j.AsyncDriver | None:
        """The driver if this database opened one (``/metrics`` reads its pool)."""
        return self._driver

    @property
    def driver(self) -> neo4j.AsyncDriver:
        if self._driver is None:
            self._home = _running_loop()
            self._driver = neo4j.AsyncGraphDatabase.driver(
                self.settings.bolt_uri,
                auth=neo4j_auth(self.settings),
                connection_timeout=self.settings.neo4j_connection_timeout_s,
                max_transaction_retry_time=self.settings.neo4j_max_retry_time_s,
                initial_retry_delay=self.settings.neo4j_initial_retry_delay_s,
                connection_acquisition_timeout=self.settings.neo4j_connection_timeout_s * 2,
                notifications_min_severity="OFF",
            )
        return self._driver

    async def close(self) -> None:
        if self._driver is not None:
            await self._driver.close()
            self._driver = None

    def _elsewhere(self) -> asyncio.AbstractEventLoop | None:
        """The driver's loop when the caller runs on another one that is alive (the
        expensive operations' loop, ``api/off_loop.py``): the call is sent there."""
        home, here = self._home, _running_loop()
        if home is None or here is home or not home.is_running():
            return None
        return home

    async def _execute(self, mode: str, work: Callable[[Tx], Awaitable[T]]) -> T:
        home = self._elsewhere()
        if home is not None:
            sent = asyncio.run_coroutine_threadsafe(self._execute(mode, work), home)
            return await asyncio.wrap_future(sent)

        async def unit(tx: neo4j.AsyncManagedTransaction) -> T:
            try:
                return await whole(Tx(tx, self))
            except nx.TransientError as exc:
                if retry_is_futile(exc, Counted.running - 1):  # typed: not run again
                    raise transient_error(exc) from exc
                raise

        async def whole(t: Tx) -> T:
            done = await work(t)
            if self.settings.history_enabled:
                await history.capture(t, t.touched, t.touched_nodes, self.clock())
            outside = await t.outside_scopes()  # with its links: a CI's asset, an incident's CI
            if outside:
                raise OutsideScopes(
                    "Nothing was written: what you create must be inside one of your "
                    "token's scopes (its environment, location, owner or a service).",
                    ids=outside,
                )
            await t.run_last()
            return done

        limit = transaction_seconds(self.settings, mode)
        if limit > 0:
            unit = neo4j.unit_of_work(timeout=limit)(unit)
        kind = "write" if mode == "w" else "read"
        with Counted(kind):
            return await self._run_unit(mode, unit, limit)

    async def _run_unit(
        self, mode: str, unit: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]], limit: float
    ) -> T:
        async def managed(session: neo4j.AsyncSession) -> T:
            if mode == "w":
                return await session.execute_write(unit)
            return await session.execute_read(unit)

        return await self._in_session(managed, limit)

    async def _in_session(
        self,
        action: Callable[[neo4j.AsyncSession], Awaitable[T]],
        limit: float,
        access: str = neo4j.WRITE_ACCESS,
    ) -> T:
        """``action`` in a session of mode ``access``, the driver's errors as typed ones."""
        try:
            opened = self.driver.session(database=self.database, default_access_mode=access)
            async with opened as session:
                return await action(session)
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(
                f"Neo4j at {self.settings.bolt_uri} is not reachable ({type(exc).__name__}). "
                "The request changed nothing; retry when the database is back."
            ) from exc
        except nx.ConstraintError as exc:
            raise Duplicate(f"Already exists: {exc.message}") from exc
        except nx.TransientError as exc:  # still failing once the driver's retries ran out
            raise transient_error(exc) from exc
        except nx.AuthError as exc:
            raise DatabaseUnavailable(
                f"Neo4j at {self.settings.bolt_uri} refused the credentials: {exc.message}"
            ) from exc
        except nx.ClientError as exc:
            if "TransactionTimedOut" not in (exc.code or ""):
                raise
            raise RequestTimedOut(
                f"The transaction ran past its {limit:g} s deadline and was rolled back: "
                "nothing was written, so it is safe to retry. Ask for less (first, limit, "
                "depth) if it happens again.",
                seconds=limit,
                retrySafe=True,
            ) from exc

    async def write(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        """Run ``work`` in one managed write transaction (retried, so keep it idempotent)."""
        return await self._execute("w", work)

    async def read_tx(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        return await self._execute("r", work)

    async def read(self, query: QueryName, **params: Any) -> list[Row]:
        """One read query, auto-committed: its RUN and PULL go out together, with no BEGIN
        or COMMIT around them. A managed transaction costs a second round trip and four
        messages to encode, and under load the driver's sends were the API's largest
        cost (``benchmarks/README.md``, "load"). In a GraphQL query, reads asked together
        go out as one statement (``db/coalesce.py``). In read mode: Neo4j refuses a
        write; a cluster may answer from a follower (as ``read_tx``)."""
        home = self._elsewhere()
        if home is not None:
            sent = asyncio.run_coroutine_threadsafe(self.read(query, **params), home)
            return await asyncio.wrap_future(sent)
        text, given = statement(self.catalogue, query, params)
        joining = coalesce.operation() if self.settings.coalesce_reads else None
        columns = self._columns.get(text) if joining is not None else None
        if joining is not None and columns is not None:
            return await self._coalescer.read(joining, text, given, columns)
        return await self._auto_read(text, given, learn=True)

    async def _auto_read(self, text: str, given: dict[str, Any], learn: bool = False) -> list[Row]:
        """``text`` as an auto-commit read; a lost connection or a transient error is
        tried again (``READ_ATTEMPTS``), as the driver retries a managed transaction.
        ``learn``: remember the columns Neo4j answered, so that the next read of the same
        text may join others (``db/coalesce.py``)."""
        limit = transaction_seconds(self.settings, "r")
        query_sent = neo4j.Query(text, timeout=limit) if limit > 0 else neo4j.Query(text)

        async def auto(session: neo4j.AsyncSession) -> list[Row]:
            self.round_trips += 1
            result = await session.run(query_sent, given)
            eager = await result.to_eager_result()
            if learn and text not in self._columns:
                columns = tuple(eager.keys)
                if nestable.named(columns) and nestable.nestable(text):
                    self._columns[text] = columns
            return [to_native(dict(zip(r.keys(), r.values(), strict=True))) for r in eager.records]

        with Counted("read"):
            for attempt in range(READ_ATTEMPTS - 1):
                try:
                    return await self._in_session(auto, limit, neo4j.READ_ACCESS)
                except (DatabaseUnavailable, DatabaseBusy):
                    await asyncio.sleep(READ_RETRY_S * 2**attempt)
            return await self._in_session(auto, limit, neo4j.READ_ACCESS)  # its error answers

    async def run_raw(self, text: str, **params: Any) -> list[Row]:
        """Schema DDL and admin statements only (never request data in ``text``), as an
        auto-commit transaction, which ``CALL {...} IN TRANSACTIONS`` needs."""
        home = self._elsewhere()
        if home is not None:
            sent = asyncio.run_coroutine_threadsafe(self.run_raw(text, **params), home)
            return await asyncio.wrap_future(sent)
        self.round_trips += 1
        try:
            async with self.driver.session(database=self.database) as session:
                result = await session.run(text, to_param(params))  # auto-commit transaction
                rows = await result.data()
        except UNAVAILABLE as exc:
            raise DatabaseUnavailable(
                f"Neo4j at {self.settings.bolt_uri} is not reachable ({type(exc).__name__})."
            ) from exc
        return [to_native(r) for r in rows]

    async def ping(self) -> bool:
        try:
            await self.read(Q.SYSTEM_PING)
        except (DatabaseUnavailable, nx.Neo4jError):
            return False
        return True


class _RollBack(RolledBack):
    """Raised at the end of a rehearsed transaction so that the driver rolls it back."""


class Rehearsal(Database):
    """The same database, but every write transaction runs and then rolls back.

    A dry run of any write path: the code that would write runs unchanged, reads what
    it wrote inside its own transaction, answers as it would, and nothing is kept.
    """

    def __init__(self, db: Database) -> None:
        super().__init__(db.settings, db.catalogue)
        self._real = db

    @property
    def driver(self) -> neo4j.AsyncDriver:
        return self._real.driver

    async def close(self) -> None:
        return None  # the driver is the real database's

    async def write(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        answers: list[T] = []

        async def rehearse(tx: Tx) -> T:
            answers.append(await work(tx))
            raise _RollBack

        try:
            await self._execute("w", rehearse)
        except _RollBack:
            return answers[-1]
        raise AssertionError("a rehearsed transaction always rolls back")
