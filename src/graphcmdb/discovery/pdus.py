"""GET and GETBULK on the shared engine, below pysnmp's high-level API.

``get_cmd`` / ``bulk_cmd`` resolve every request var-bind through a MIB view (building
pysmi's MIB compiler on first use), even with ``lookupMib=False``, which only skips the
look-up of the answers: measured, that resolution cost more scanner CPU per device than
sending and receiving (``benchmarks/README.md``, discovery). The scanner names objects
by numeric OID anyway, so it hands pysnmp's command generators (``rfc3413.cmdgen``, the
layer the high-level API calls) ready var-binds. Each target is configured on the engine
once (``CommandGeneratorLcdConfigurator``, as the high-level API does it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pysnmp.entity.rfc3413 import cmdgen
from pysnmp.hlapi.v3arch.asyncio import CommunityData, SnmpEngine, UsmUserData
from pysnmp.hlapi.v3arch.asyncio.lcd import CommandGeneratorLcdConfigurator
from pysnmp.proto import errind
from pysnmp.proto.rfc1902 import Null, ObjectName

from graphcmdb.discovery.oids import Oid

_LCD = CommandGeneratorLcdConfigurator()
_NULL = Null("")


@dataclass(frozen=True)
class Reply:
    """One answer: an error indication (timeout, auth ...), else the PDU's error status
    and its var-binds in wire order."""

    indication: errind.ErrorIndication | str | None  # str: pysnmp's "badResponse"
    status: int
    var_binds: list[tuple[Oid, Any]]


@dataclass(frozen=True)
class Peer:
    """A target configured on an engine: what the command generators address."""

    engine: SnmpEngine
    address_name: str
    context_name: bytes


def configure(
    engine: SnmpEngine, auth: CommunityData | UsmUserData, transport: Any, context: str
) -> Peer:
    """The engine's target entry for ``transport`` with ``auth`` (made once per target)."""
    address_name, _ = _LCD.configure(engine, auth, transport, context)
    return Peer(engine, address_name, context.encode())


def _var_binds(names: Sequence[Oid]) -> list[tuple[ObjectName, Null]]:
    return [(ObjectName(name), _NULL) for name in names]


def _receiver(future: asyncio.Future[Reply]) -> Any:
    def receive(
        engine: Any, handle: Any, indication: Any, status: Any, index: Any, var_binds: Any,
        context: Any,
    ) -> bool:  # fmt: skip
        if not future.done():
            rows = [(tuple(name), value) for name, value in var_binds]
            future.set_result(Reply(indication, int(status or 0), rows))
        return False  # one request: a multi-run generator must not go on walking

    return receive


async def get(peer: Peer, names: Sequence[Oid]) -> Reply:
    future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
    cmdgen.GetCommandGenerator().send_varbinds(
        peer.engine, peer.address_name, None, peer.context_name, _var_binds(names),
        _receiver(future),
    )  # fmt: skip
    return await future


async def bulk(peer: Peer, non_repeaters: int, repetitions: int, names: Sequence[Oid]) -> Reply:
    """GETBULK: the first ``non_repeaters`` names answered once (a GETNEXT each), the rest
    ``repetitions`` times. The generator is the high-level API's (an empty answer is an
    ``emptyResponse`` indication), told to stop after one answer."""
    future: asyncio.Future[Reply] = asyncio.get_running_loop().create_future()
    cmdgen.BulkCommandGenerator().send_varbinds(
        peer.engine, peer.address_name, None, peer.context_name, non_repeaters, repetitions,
        _var_binds(names), _receiver(future),
    )  # fmt: skip
    return await future
