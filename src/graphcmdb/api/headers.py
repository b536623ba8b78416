"""Security headers on every response; the explorer's pages also get a strict
Content-Security-Policy (only its own scripts, no framing). GraphiQL at ``/graphql``
loads its scripts from a CDN, so that page keeps its own policy (and is off by default).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

from graphcmdb.api.answers import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.api.gate import PATH

EVERYWHERE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
EXPLORER_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        explorer = scope["path"].rstrip("/") != PATH

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in EVERYWHERE.items():
                    headers.setdefault(name, value)
                if explorer:
                    headers.setdefault("Content-Security-Policy", EXPLORER_CSP)
            await send(message)

        await self.app(scope, receive, with_headers)
