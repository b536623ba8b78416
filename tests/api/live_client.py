"""A graphql-transport-ws client (the ``websockets`` library) for the live status tests."""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

LIVE = """subscription { liveStatus { seq moves { seq kind nodeId name from to reason
  incident { number state priority } } } }"""
#: long enough for a loaded machine; a wait, never a measured duration
WAIT_S = 60.0


class Subscription:
    """``async with Subscription(url, init) as sub``: connected, acknowledged, subscribed,
    and the first (empty) update received: every move committed after it is pushed."""

    def __init__(
        self,
        url: str,
        init: dict[str, Any],
        query: str = LIVE,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.url = url.replace("http://", "ws://") + "/graphql"
        self.init, self.query, self.headers = init, query, headers
        self.ws: ClientConnection | None = None
        self.first: dict[str, Any] = {}

    async def __aenter__(self) -> Subscription:
        self.ws = await connect(
            self.url, subprotocols=["graphql-transport-ws"], additional_headers=self.headers
        )  # type: ignore[list-item]
        await self.send({"type": "connection_init", "payload": self.init})
        ack = await self.receive()
        assert ack["type"] == "connection_ack", ack
        await self.send({"id": "1", "type": "subscribe", "payload": {"query": self.query}})
        self.first = await self.receive()
        return self

    async def __aexit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, message: dict[str, Any]) -> None:
        assert self.ws is not None
        await self.ws.send(json.dumps(message))

    async def receive(self) -> dict[str, Any]:
        assert self.ws is not None
        async with asyncio.timeout(WAIT_S):
            while True:
                message = json.loads(await self.ws.recv())
                if message["type"] == "ping":
                    await self.send({"type": "pong"})
                    continue
                return dict(message)

    async def moves(self) -> list[dict[str, Any]]:
        """The moves of the next update (fails on an error or the end)."""
        message = await self.receive()
        assert message["type"] == "next", message
        assert not message["payload"].get("errors"), message
        return list(message["payload"]["data"]["liveStatus"]["moves"])


def bearer(token: str) -> dict[str, Any]:
    return {"Authorization": f"Bearer {token}"}
