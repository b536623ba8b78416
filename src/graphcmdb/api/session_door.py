"""The session cookie at ``/graphql``'s gate and the status websocket: a request that
carries no bearer token but our session cookie is the signed-in user's, once its CSRF
header matches the session (checked first: a forged request costs no look-up) and the
session is live. Looked up in the database at every request (no cache), so a sign-out
or a disabled user is refused at the next one. The CSRF rule and the uncached look-up
are this module's; the refusals, the failure count against the address and the 503
are the token path's own (:meth:`Admission.looked_up`), so the two doors never drift."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import Headers

from graphcmdb.api.admission import Admission, Refused
from graphcmdb.db.database import Database
from graphcmdb.services import sessions
from graphcmdb.services.actor import Actor
from graphcmdb.services.token_cache import TokenCache

COOKIE = "graphcmdb_session"
CSRF_HEADER = "x-csrf-token"


def session_cookie(headers: Headers) -> str | None:
    """Our session cookie's value, if the request carries one."""
    try:
        jar = SimpleCookie(headers.get("cookie", ""))
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None and morsel.value else None


def csrf_matches(raw: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(
        given.encode(), sessions.csrf_for(raw).encode()
    )


class SessionDoor:
    def __init__(self, admission: Admission) -> None:
        self.admission = admission

    async def caller(self, raw: str, csrf: str | None, address: str) -> Actor:
        """The user behind the cookie ``raw``: 403 ``CSRF_REFUSED`` without the session's
        CSRF token, 401 for a session that ended (counted against ``address``)."""
        if not csrf_matches(raw, csrf):
            message = f"A signed-in request needs the session's CSRF token ({CSRF_HEADER})."
            raise Refused(403, "CSRF_REFUSED", message)
        return await self.user(raw, address)

    async def user(self, raw: str, address: str) -> Actor:
        """The user behind the cookie ``raw`` (no CSRF check: for safe reads only)."""
        ended = "The session has ended; sign in again."
        return await self.admission.looked_up(sessions.authenticate, raw, address, ended)


def token_or_session(cache: TokenCache) -> Callable[[Database, str], Awaitable[Actor | None]]:
    """How a live subscription's credential is looked up again (``LiveHub``): a token
    through the process's cache (a revocation anywhere applies within ``token_sync_s``;
    a thousand dashboards on one token cost one stamp read per check, not a thousand
    look-ups), a session cookie uncached, as at every request."""

    async def look_up(db: Database, raw: str) -> Actor | None:
        if raw.startswith(sessions.SESSION_PREFIX):
            return await sessions.authenticate(db, raw)
        return await cache.authenticate(db, raw)

    return look_up
