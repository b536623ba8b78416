"""What the API and its expensive-query worker process say to each other.

Frames are a 4-byte length and a pickled record, over an anonymous socket pair the API
creates and hands to the child it starts (``pass_fds``): no address anyone else can
reach, and both ends are this program, so pickle's trust is the process's own. Typed
records only: an :class:`Order` out, an :class:`Answer` back, a :class:`Withdraw` for an
order whose caller has gone.
"""

from __future__ import annotations

import asyncio
import pickle
import struct
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLFormattedError

from graphcmdb.config import Settings
from graphcmdb.services.actor import Actor

_LENGTH = struct.Struct("!I")


@dataclass(frozen=True)
class Hello:
    """The child's first word: it has built its schema and opened its driver."""

    pid: int


@dataclass(frozen=True)
class Order:
    """One GraphQL query to execute for ``actor`` (who it is, what it may see)."""

    id: int
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    actor: Actor | None


@dataclass(frozen=True)
class Withdraw:
    """The caller of order ``id`` is gone (a disconnect, a deadline): stop its work."""

    id: int


@dataclass(frozen=True)
class Answer:
    """The executed order: GraphQL's answer as the API sends it, and the HTTP status
    and ``Retry-After`` the worker's error handling chose (503 when shed), if any."""

    id: int
    data: dict[str, Any] | None = None
    errors: tuple[GraphQLFormattedError, ...] = ()
    extensions: dict[str, Any] | None = None
    status: int | None = None
    retry_after: str | None = None
    #: the work was withdrawn before it ended
    withdrawn: bool = False
    #: an answer without errors or extensions, already as the JSON body the API sends
    #: (``data`` is then None): the API passes it on without decoding and encoding it
    #: again, which for a large impact answer was most of the API's share of the work
    body: bytes | None = None


Message = Settings | Hello | Order | Withdraw | Answer


async def send(writer: asyncio.StreamWriter, message: Message) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    writer.write(_LENGTH.pack(len(body)) + body)
    await writer.drain()


async def receive(reader: asyncio.StreamReader) -> Message:
    """The next record; ``asyncio.IncompleteReadError`` once the other end has gone."""
    (length,) = _LENGTH.unpack(await reader.readexactly(_LENGTH.size))
    # our own child's socket pair, nobody else's bytes (module docstring)
    message: Message = pickle.loads(await reader.readexactly(length))
    return message
