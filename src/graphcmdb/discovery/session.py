"""One agent, one set of credentials: GET scalars and walk table columns with GETBULK.

Failures become :class:`SnmpError` with the kind a :class:`TargetFailure` reports:
UNREACHABLE (no answer in timeout x tries, or a name that does not resolve),
AUTH_FAILED (the agent answered, but refused the SNMPv3 credentials), ERROR (anything else).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pysnmp.error import PySnmpError
from pysnmp.hlapi.v3arch.asyncio import (
    SnmpEngine,
    Udp6TransportTarget,
    UdpTransportTarget,
    UsmUserData,
)
from pysnmp.proto import errind, rfc1905

from graphcmdb.discovery import pdus, values
from graphcmdb.discovery.credentials import Credentials
from graphcmdb.discovery.oids import SYS_NAME, Oid
from graphcmdb.discovery.targets import Target

UNREACHABLE = "UNREACHABLE"
AUTH_FAILED = "AUTH_FAILED"
ERROR = "ERROR"
TOO_BIG = 1  # SNMP error-status tooBig
PROBE_USER = "graphcmdb-probe"  # noAuthNoPriv: any live SNMPv3 agent answers with a report
SYS_NAME_0 = (*SYS_NAME, 0)

#: why an agent that answered refused the v3 credentials
AUTH_REASONS: dict[type[errind.ErrorIndication], str] = {
    errind.WrongDigest: "wrong authentication key or protocol (the digest did not match)",
    errind.UnknownUserName: "the agent has no such user",
    errind.UnknownSecurityName: "the agent has no such user",
    errind.DecryptionError: "wrong privacy key or protocol (the reply could not be decrypted)",
    errind.UnsupportedSecurityLevel: "the agent does not accept this security level for the user",
    errind.AuthenticationFailure: "authentication failed",
    errind.AuthenticationError: "authentication failed",
    errind.NotInTimeWindow: "the agent's engine time did not match (not in time window)",
}
Table = dict[Oid, dict[Oid, Any]]  # column -> row index -> value
RowList = list[tuple[Oid, Any]]


class SnmpError(Exception):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Timing:
    timeout: float = 1.0  # seconds per request
    retries: int = 1  # further tries after a timeout
    max_varbinds: int = 60  # per GETBULK response, over all columns walked at once
    first_repetitions: int = 4  # rows per column in a walk's first request (small tables
    # and absent ones, the common case, then cost one short answer)


class Session:
    def __init__(
        self,
        engine: SnmpEngine,
        credentials: Credentials,
        target: Target,
        transport: Any,
        timing: Timing,
    ) -> None:
        self.engine = engine
        self.credentials = credentials
        self.target = target
        self.transport = transport
        self.timing = timing
        self._peer = pdus.configure(engine, credentials.auth_data(), transport, credentials.context)

    @staticmethod
    async def _transport(target: Target, timing: Timing) -> Any:
        kind = Udp6TransportTarget if ":" in target.host else UdpTransportTarget
        address = (target.host, target.port)
        try:
            return await kind.create(address, timeout=timing.timeout, retries=timing.retries)
        except PySnmpError as exc:
            raise SnmpError(UNREACHABLE, f"cannot resolve {target.host}: {exc}") from None

    @classmethod
    async def open(
        cls, engine: SnmpEngine, credentials: Credentials, target: Target, timing: Timing
    ) -> Session:
        transport = await cls._transport(target, timing)
        return cls(engine, credentials, target, transport, timing)

    @property
    def address(self) -> str:
        """The IP address the requests go to."""
        return str(self.transport.transport_address[0])

    async def _v3_engine_answers(self) -> bool:
        """Whether the agent answers an unauthenticated SNMPv3 request (with a report);
        one try, so that a dead host costs one more timeout, not ``retries`` more."""
        once = await self._transport(self.target, replace(self.timing, retries=0))
        probe = pdus.configure(self.engine, UsmUserData(PROBE_USER), once, "")
        reply = await pdus.get(probe, [SYS_NAME_0])
        return not isinstance(reply.indication, errind.RequestTimedOut)

    async def _failure(self, indication: errind.ErrorIndication | str) -> SnmpError:
        if isinstance(indication, errind.RequestTimedOut):
            if self.credentials.user is not None and await self._v3_engine_answers():
                return SnmpError(
                    AUTH_FAILED,
                    f"{self.credentials.describe()} refused: the agent answers SNMPv3 but not "
                    "these credentials (wrong privacy key or protocol, or no access)",
                )
            tries = self.timing.retries + 1
            return SnmpError(
                UNREACHABLE,
                f"no answer from {self.target} within {self.timing.timeout:g} s x {tries} "
                f"tries (host down, port closed or filtered, or wrong community)",
            )
        for kind, why in AUTH_REASONS.items():
            if isinstance(indication, kind):
                return SnmpError(AUTH_FAILED, f"{self.credentials.describe()} refused: {why}")
        return SnmpError(ERROR, f"SNMP error from {self.target}: {indication}")

    async def get(self, names: Sequence[Oid]) -> dict[Oid, Any]:
        """Objects by name (in requests of at most ``max_varbinds``); objects the agent
        lacks are left out."""
        found: dict[Oid, Any] = {}
        step = max(1, self.timing.max_varbinds)
        for start in range(0, len(names), step):
            found |= await self._get(names[start : start + step])
        return found

    async def _get(self, names: Sequence[Oid]) -> dict[Oid, Any]:
        reply = await pdus.get(self._peer, names)
        if reply.indication is not None:
            raise await self._failure(reply.indication)
        if reply.status:
            raise SnmpError(ERROR, f"{self.target} answered GET with {_status(reply.status)}")
        return {
            name: value
            for name, value in reply.var_binds
            if not isinstance(value, rfc1905.NoSuchObject | rfc1905.NoSuchInstance)
        }

    async def _bulk(
        self, cursors: Sequence[Oid], repetitions: int, non_repeaters: int = 0
    ) -> list[tuple[Oid, Any]]:
        reply = await pdus.bulk(self._peer, non_repeaters, repetitions, cursors)
        if reply.indication is not None:
            raise await self._failure(reply.indication)
        if reply.status == TOO_BIG and repetitions > 1:
            return await self._bulk(cursors, repetitions // 2, non_repeaters)
        if reply.status:
            raise SnmpError(ERROR, f"{self.target} answered GETBULK with {_status(reply.status)}")
        return reply.var_binds

    async def walk(self, columns: Sequence[Oid]) -> Table:
        """Every row of ``columns``, walked side by side with GETBULK (one request covers
        all columns still going, so a table costs as many round trips as its longest column
        needs, not the sum of them)."""
        _, table = await self.survey((), columns)
        return table

    async def survey(
        self, scalars: Sequence[Oid], columns: Sequence[Oid]
    ) -> tuple[dict[Oid, Any], Table]:
        """The ``scalars`` (instances ``.0``) and every row of ``columns``; the scalars ride
        along as non-repeaters of the walk's first GETBULK (a GETNEXT of the object finds
        its ``.0`` when the agent has it), so a device's scalars and the first rows of all
        its tables cost one round trip."""
        found: dict[Oid, Any] = {}
        table: Table = {column: {} for column in columns}
        cursors = {column: column for column in columns}
        asked = [name[:-1] for name in scalars]
        first = True
        while cursors or asked:
            active = list(cursors)
            room = max(1, self.timing.max_varbinds - len(asked))
            repetitions = max(1, room // max(1, len(active)))
            if first:
                repetitions, first = min(repetitions, self.timing.first_repetitions), False
            rows = await self._bulk(
                [*asked, *(cursors[c] for c in active)], repetitions, len(asked)
            )
            for scalar, (name, value) in zip(scalars, rows[: len(asked)], strict=False):
                if name == scalar and not values.is_missing(value):
                    found[name] = value
            rows, asked = rows[len(asked) :], []
            _advance(table, cursors, active, rows)
        return found, table


def _advance(table: Table, cursors: dict[Oid, Oid], active: list[Oid], rows: RowList) -> None:
    """Take one GETBULK answer's repetitions into ``table``; columns that ended (left their
    subtree, reached the end of the MIB, or did not move on) stop being walked."""
    if not active:
        return
    finished: set[Oid] = set()
    for position, (name, value) in enumerate(rows):
        column = active[position % len(active)]
        if column in finished:
            continue
        prefix = len(column)
        if (
            isinstance(value, rfc1905.EndOfMibView)
            or name[:prefix] != column
            or name <= cursors[column]  # an agent that does not move on
        ):
            finished.add(column)
            continue
        table[column][name[prefix:]] = value
        cursors[column] = name
    if not rows:
        finished.update(active)
    for column in finished:
        cursors.pop(column, None)


def _status(status: int) -> str:
    """An error-status by its name, as pysnmp prints it ("tooBig", "genErr" ...)."""
    return str(rfc1905.errorStatus.clone(status).prettyPrint())
