"""Who gets in, the same at every door (``/graphql``'s gate, the event receivers, the
status websocket): a throttled address is turned away before its token is looked up,
an unknown token counts against its address (``throttle.py``), and a known token past
its rate is turned away (``rate.py``). A session cookie (``session_door.py``) is looked
up through the same :meth:`Admission.looked_up`. A refusal is a :class:`Refused`, which
each door answers in its own protocol."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from graphcmdb.api.rate import TokenBuckets
from graphcmdb.api.throttle import FailureThrottle
from graphcmdb.db.database import Database
from graphcmdb.errors import DatabaseUnavailable
from graphcmdb.services.actor import Actor

Authenticate = Callable[[Database, str], Awaitable[Actor | None]]


class Refused(Exception):
    """A request turned away before any work: its HTTP status, code, message and details
    (``retryAfter`` is also sent as the ``Retry-After`` header)."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, **self.details}

    @property
    def headers(self) -> dict[str, str]:
        wait = self.details.get("retryAfter")
        return {"Retry-After": str(wait)} if wait is not None else {}

    @classmethod
    def unavailable(cls, exc: DatabaseUnavailable) -> Refused:
        """503: Neo4j is not there to ask (a client may retry in a second)."""
        return cls(503, exc.code, exc.message, retryAfter=1)


class Admission:
    def __init__(
        self,
        db: Database,
        authenticate: Authenticate,
        throttle: FailureThrottle,
        buckets: TokenBuckets,
    ) -> None:
        self.db, self.authenticate = db, authenticate
        self.throttle, self.buckets = throttle, buckets

    def check_address(self, address: str) -> None:
        """Refused (429) while ``address`` has failed too often."""
        wait = self.throttle.retry_after(address)
        if wait is not None:
            message = f"Too many failed authentications from {address}; retry in {wait} s."
            raise Refused(429, "TOO_MANY_REQUESTS", message, retryAfter=wait)

    async def caller(self, raw: str | None, address: str) -> Actor:
        """The actor behind the bearer token ``raw``; refused (401) without one or with
        an unknown or revoked one (counted against ``address``), 503 when Neo4j is not
        there to ask."""
        if raw is None:
            raise Refused(401, "UNAUTHENTICATED", "A bearer token is required.")
        return await self.looked_up(
            self.authenticate, raw, address, "The token is unknown or revoked."
        )

    async def looked_up(
        self, authenticate: Authenticate, raw: str, address: str, unknown: str
    ) -> Actor:
        """The actor ``authenticate`` finds behind the credential ``raw``; refused (401,
        ``unknown``) when none, counted against ``address``; 503 without Neo4j."""
        try:
            actor = await authenticate(self.db, raw)
        except DatabaseUnavailable as exc:
            raise Refused.unavailable(exc) from exc
        if actor is None:
            self.throttle.failed(address)
            raise Refused(401, "UNAUTHENTICATED", unknown)
        return actor

    def check_rate(self, actor: Actor) -> None:
        """Refused (429) once the token has used up its rate."""
        wait = self.buckets.take(actor.token_id or actor.name)
        if wait is not None:
            message = f"Too many requests with this token; retry in {wait} s."
            raise Refused(429, "RATE_LIMITED", message, retryAfter=wait)
