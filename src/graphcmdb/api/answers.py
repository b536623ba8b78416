"""Typed error answers sent straight from the ASGI layer (before or around GraphQL), in
the shape GraphQL answers them: ``{"data": null, "errors": [{message, extensions}]}``."""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers

from graphcmdb.api.asgi import Send


async def send_error(
    send: Send,
    status: int,
    extensions: dict[str, Any],
    message: str,
    headers: dict[str, str] | None = None,
) -> None:
    """One error answer; ``extensions`` holds its ``code`` and details."""
    error = {"message": message, "extensions": extensions}
    body = json.dumps({"data": None, "errors": [error]}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def ide_page(scope: MutableMapping[str, Any]) -> bool:
    """A browser asking for the GraphiQL page itself: a GET that accepts HTML and carries
    no ``query`` (with one, strawberry would execute it rather than draw the page, so it
    must pass the gate like any request)."""
    if scope["method"] != "GET":
        return False
    accept = Headers(scope=scope).get("accept", "")
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return "text/html" in accept and "query" not in asked
