"""How long a GraphQL request may live: until its client leaves, and no longer than its
deadline.

The request is handled in a task of its own while this layer listens for the client's
``http.disconnect``: when the client goes before its answer is sent, the task is
cancelled, and with it the Neo4j transaction it was waiting on (the driver drops that
connection and Neo4j rolls the transaction back). The task also runs under a deadline:
``mutation_deadline_s`` while the operation is not known, narrowed by the GraphQL layer
to ``read_deadline_s`` once it knows the request is a query (``graphql/deadline.py``).
Past it the task is cancelled the same way and the caller gets ``TIMEOUT``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from graphcmdb.api.answers import ide_page, send_error
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.api.gate import PATH


class Deadline:
    """The request's deadline, measured from its arrival; it only ever moves earlier."""

    def __init__(self, timeout: asyncio.Timeout, started: float, seconds: float) -> None:
        self._timeout, self._started = timeout, started
        self.seconds = seconds
        self.operation = "request"
        self._loop = asyncio.get_running_loop()

    def narrow(self, seconds: float, operation: str) -> None:
        """``operation`` ("query", "mutation") is known: it gets ``seconds`` (0: none).
        Safe from another thread (an expensive operation runs on its own loop): the
        timer is moved on the request's loop."""
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        if here is not self._loop:
            self._loop.call_soon_threadsafe(self.narrow, seconds, operation)
            return
        self.operation = operation
        if seconds <= 0:
            return
        when = self._started + seconds
        current = self._timeout.when()
        if current is None or when < current:
            self._timeout.reschedule(when)
            self.seconds = seconds

    def expired(self) -> bool:
        """Whether this deadline stopped the request (not some other TimeoutError)."""
        return self._timeout.expired()

    def answer(self) -> tuple[str, dict[str, Any]]:
        """The TIMEOUT message and extensions of a request stopped at this deadline."""
        if self.operation == "mutation":
            message = (
                f"The mutation ran past its {self.seconds:g} s deadline and was stopped; "
                "its transaction in progress was rolled back, but batches it had already "
                "committed (an import's) stay: an import is safe to run again, check "
                "other writes before retrying."
            )
            return message, {"code": "TIMEOUT", "seconds": self.seconds, "retrySafe": False}
        message = (
            f"The {self.operation} ran past its {self.seconds:g} s deadline and was "
            "stopped: nothing was written, so it is safe to retry. Ask for less (first, "
            "limit, depth) if it happens again."
        )
        return message, {"code": "TIMEOUT", "seconds": self.seconds, "retrySafe": True}


class _Exchange:
    """What the handler task and the client have done so far."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.started = self.finished = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            self.finished = True
        await self._send(message)

    async def receive(self) -> Message:
        message = await self.inbox.get()
        if message["type"] == "http.disconnect":
            self.inbox.put_nowait(message)  # asked again, the answer stays the same
        return message


class RequestLifetime:
    """Cancels a ``/graphql`` request when its client disconnects or its deadline
    passes (the GraphiQL page and other paths pass straight through)."""

    def __init__(self, app: ASGIApp, mutation_deadline_s: float) -> None:
        self.app, self.backstop = app, mutation_deadline_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != PATH:
            await self.app(scope, receive, send)
            return
        if ide_page(scope):
            await self.app(scope, receive, send)
            return
        exchange = _Exchange(send)
        deadlines: list[Deadline] = []
        handler = asyncio.create_task(self._handle(scope, exchange, deadlines))
        listener = asyncio.create_task(self._listen(receive, exchange, handler))
        try:
            await asyncio.wait([handler])
        finally:
            listener.cancel()
            handler.cancel()  # when this layer itself is cancelled (server shutdown)
        if handler.cancelled():
            return  # the client left: nobody to answer
        error = handler.exception()
        if isinstance(error, TimeoutError) and deadlines and deadlines[0].expired():
            if not exchange.started:  # else the answer was cut short: nothing to add
                message, extensions = deadlines[0].answer()
                await send_error(send, 200, extensions, message)
            return
        if error is not None:
            raise error

    async def _handle(self, scope: Scope, exchange: _Exchange, deadlines: list[Deadline]) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        backstop = started + self.backstop if self.backstop > 0 else None
        async with asyncio.timeout_at(backstop) as timeout:
            deadline = Deadline(timeout, started, self.backstop)
            deadlines.append(deadline)
            scope.setdefault("state", {})["deadline"] = deadline
            await self.app(scope, exchange.receive, exchange.send)

    @staticmethod
    async def _listen(receive: Receive, exchange: _Exchange, handler: asyncio.Task[None]) -> None:
        """Pass the client's messages on; on a disconnect before the answer is
        finished, cancel the handler."""
        while True:
            message = await receive()
            exchange.inbox.put_nowait(message)
            if message["type"] == "http.disconnect":
                if not exchange.finished:
                    handler.cancel()
                return
