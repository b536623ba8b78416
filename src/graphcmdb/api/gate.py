"""In front of ``/graphql``: nothing is read or parsed for a caller that is not known.

In order, before the body is read: a throttled address gets 429, a declared body over
the limit 413, a request without a token or with an unknown one 401 (an unknown token
counts against the address; without a token, a session cookie is checked by
``session_door.py``: its CSRF header, then the session, 403 or 401), an events
token (it may only post events) 403, a token past its rate (``rate.py``) 429 RATE_LIMITED.
Only then is the body read, up to the limit (413 past it, for a body sent without a
length), and handed on with the authenticated actor in the request's state, bound to
this request's id (``request_ids.py``). The GraphiQL page itself (a browser's GET)
needs no token.
"""

from __future__ import annotations

from starlette.datastructures import Headers

from graphcmdb.api.admission import Admission, Refused
from graphcmdb.api.answers import ide_page, send_error
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.api.request_ids import in_request
from graphcmdb.api.session_door import CSRF_HEADER, SessionDoor, session_cookie
from graphcmdb.graph.enums import Role
from graphcmdb.services.actor import Actor

PATH = "/graphql"


def bearer(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def identified(
    admission: Admission, sessions: SessionDoor, headers: Headers, address: str
) -> Actor:
    """The caller of a bearer token, or else of a signed-in browser's session cookie with
    its CSRF header (``session_door.py``); 401 without either."""
    raw = bearer(headers)
    cookie = None if raw else session_cookie(headers)
    if cookie is not None:  # a signed-in browser
        return await sessions.caller(cookie, headers.get(CSRF_HEADER), address)
    return await admission.caller(raw, address)


class GraphQLGate:
    def __init__(
        self,
        app: ASGIApp,
        admission: Admission,
        sessions: SessionDoor,
        max_body_bytes: int,
    ) -> None:
        self.app, self.admission, self.max_body = app, admission, max_body_bytes
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != PATH:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if ide_page(scope):
            await self.app(scope, receive, send)  # the GraphiQL page
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        try:
            actor = await self._admitted(headers, address)
        except Refused as refused:
            await send_error(
                send, refused.status, refused.extensions, refused.message, refused.headers
            )
            return
        body = await self._body(receive)
        if body is None:
            await self._too_large(send)
            return
        # the token's actor may be a cached one: this request's audit entries get its ids
        scope.setdefault("state", {})["actor"] = in_request(actor, scope)
        await self.app(scope, _replay(body, receive), send)

    async def _admitted(self, headers: Headers, address: str) -> Actor:
        """The caller, checked in the order of the module's docstring."""
        self.admission.check_address(address)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            raise self._oversized()
        actor = await identified(self.admission, self.sessions, headers, address)
        if actor.role is Role.EVENTS:
            message = "This token may only post monitoring events (/events/*), not GraphQL."
            raise Refused(403, "FORBIDDEN", message, role=actor.role.value)
        self.admission.check_rate(actor)
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

    def _oversized(self) -> Refused:
        return Refused(413, "BODY_TOO_LARGE", f"The request body is over {self.max_body:,} bytes.")

    async def _too_large(self, send: Send) -> None:
        refused = self._oversized()
        await send_error(send, refused.status, refused.extensions, refused.message)


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
