"""A fresh id for every HTTP request, made when it arrives and returned as
``X-Request-Id``; the audit entries the request writes carry it.

The caller's own ``X-Request-Id`` is never taken as the id (anyone could reuse another
request's id to blur the log); when it is a short safe token it is kept beside ours as
``clientRequestId``, so a client can find its requests. Anything else is dropped.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers, MutableHeaders

from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.logs import REQUEST_ID
from graphcmdb.services.actor import Actor, new_request_id

HEADER = "X-Request-Id"
#: a client's id kept: letters, digits and ``._:-``, at most 64 characters (a UUID fits)
SAFE_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def client_request_id(value: str | None) -> str | None:
    """The caller's ``X-Request-Id`` if it is a short safe token, else None."""
    if value is None or SAFE_CLIENT_ID.fullmatch(value) is None:
        return None
    return value


def request_ids(scope: Scope) -> tuple[str, str | None]:
    """This request's id and the client's, made here if no middleware made them."""
    state = scope.setdefault("state", {})
    if "request_id" not in state:
        state["request_id"] = new_request_id()
        state["client_request_id"] = client_request_id(Headers(scope=scope).get(HEADER))
    return str(state["request_id"]), state.get("client_request_id")


def in_request(actor: Actor, scope: Scope) -> Actor:
    """The actor acting in this request: its audit entries carry the request's ids."""
    return actor.in_request(*request_ids(scope))


class RequestIds:
    """Outermost: every HTTP response, a refusal included, says its request id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {}).pop("request_id", None)  # never one from before
        request_id, _ = request_ids(scope)

        async def with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        token = REQUEST_ID.set(request_id)  # every log line of the request names it
        try:
            await self.app(scope, receive, with_id)
        finally:
            REQUEST_ID.reset(token)
