"""In front of ``/graphql``: nothing is read or parsed for a caller that is not known.

In order, before the body is read: a throttled address gets 429, a declared body over
the limit 413, a request without a token or with an unknown one 401 (an unknown token
counts against the address), an events token (it may only post events) 403, a
token past its rate (``rate.py``) 429 RATE_LIMITED.
Only then is the body read, up to the limit (413 past it, for a body sent without a
length), and handed on with the authenticated actor in the request's state, bound to
this request's id (``request_ids.py``). The GraphiQL page itself (a browser's GET)
needs no token.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers

from graphcmdb.api.answers import ide_page, send_error
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.api.rate import TokenBuckets
from graphcmdb.api.request_ids import in_request
from graphcmdb.api.throttle import FailureThrottle
from graphcmdb.db.database import Database
from graphcmdb.errors import DatabaseUnavailable
from graphcmdb.graph.enums import Role
from graphcmdb.services.actor import Actor

Authenticate = Callable[[Database, str], Awaitable[Actor | None]]

PATH = "/graphql"


def bearer(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def _refuse(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    await send_error(send, status, {"code": code}, message, headers)


class GraphQLGate:
    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        authenticate: Authenticate,
        throttle: FailureThrottle,
        buckets: TokenBuckets,
        max_body_bytes: int,
    ) -> None:
        self.app, self.db, self.authenticate = app, db, authenticate
        self.throttle, self.buckets, self.max_body = throttle, buckets, max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != PATH:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if ide_page(scope):
            await self.app(scope, receive, send)  # the GraphiQL page
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.retry_after(address)
        if wait is not None:
            message = f"Too many failed authentications from {address}; retry in {wait} s."
            await _refuse(send, 429, "TOO_MANY_REQUESTS", message, {"Retry-After": str(wait)})
            return
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(send)
            return
        actor = await self._actor(headers, address, send)
        if actor is None:
            return
        wait = self.buckets.take(actor.token_id or actor.name)
        if wait is not None:
            message = f"Too many requests with this token; retry in {wait} s."
            extensions = {"code": "RATE_LIMITED", "retryAfter": wait}
            await send_error(send, 429, extensions, message, {"Retry-After": str(wait)})
            return
        body = await self._body(receive)
        if body is None:
            await self._too_large(send)
            return
        # the token's actor may be a cached one: this request's audit entries get its ids
        scope.setdefault("state", {})["actor"] = in_request(actor, scope)
        await self.app(scope, _replay(body, receive), send)

    async def _actor(self, headers: Headers, address: str, send: Send) -> Actor | None:
        """The caller, or None once a refusal is sent."""
        raw = bearer(headers)
        if raw is None:
            await _refuse(send, 401, "UNAUTHENTICATED", "A bearer token is required.")
            return None
        try:
            actor = await self.authenticate(self.db, raw)
        except DatabaseUnavailable as exc:
            await _refuse(send, 503, exc.code, exc.message)
            return None
        if actor is None:
            self.throttle.failed(address)
            await _refuse(send, 401, "UNAUTHENTICATED", "The token is unknown or revoked.")
        elif actor.role is Role.EVENTS:
            message = "This token may only post monitoring events (/events/*), not GraphQL."
            await send_error(send, 403, {"code": "FORBIDDEN", "role": actor.role.value}, message)
            return None
        return actor

    async def _body(self, receive: Receive) -> bytes | None:
        """The whole body, or None past the limit (reading stops there)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _too_large(self, send: Send) -> None:
        await _refuse(
            send, 413, "BODY_TOO_LARGE", f"The request body is over {self.max_body:,} bytes."
        )


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read once, then the client's own messages (a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
