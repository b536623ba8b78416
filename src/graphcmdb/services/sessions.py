"""Signed-in browsers: a password checked against its argon2 hash opens a session, a
server-side record found by the SHA-256 of the cookie (the cookie itself is never
stored), so that signing out, disabling the user or changing the password ends it at
the next request: there is no cache in front of the look-up.

The CSRF token of a session is derived from its cookie (``csrf_for``): a page of ours
reads it from the sign-in answer or ``GET /auth/session`` and sends it as a header; a
page elsewhere cannot read the HttpOnly cookie nor our answers, so it cannot send it.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import audit, passwords
from graphcmdb.services.actor import Actor

SESSION_PREFIX = "gsess_"


@dataclass(frozen=True)
class OpenedSession:
    #: the cookie's value: shown to the browser once, only its hash is stored
    cookie: str
    csrf: str
    expires_at: datetime
    actor: Actor


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def csrf_for(raw: str) -> str:
    """The CSRF token of the session whose cookie is ``raw`` (a one-way function of a
    secret only the browser's HttpOnly cookie holds)."""
    return hashlib.sha256(f"csrf:{raw}".encode()).hexdigest()


def user_actor(user: dict[str, Any]) -> Actor:
    return Actor(
        name=user["name"],
        role=Role(user["role"]),
        user_id=user["id"],
        permissions=frozenset(Permission(p) for p in user.get("permissions") or ()),
        scopes=tuple(Scope.parse(s) for s in user.get("scopes") or ()),
    )


async def sign_in(
    db: Database, name: str, password: str, lifetime_s: float
) -> OpenedSession | None:
    """A new session for ``name`` when ``password`` is theirs and they are not disabled;
    None otherwise (the same answer, and about the same time, for an unknown name)."""
    rows = await db.read(Q.USER_FIND_FOR_SIGN_IN, name=name.strip())
    stored = rows[0]["passwordHash"] if rows else None
    if not await asyncio.to_thread(passwords.verify, stored, password):
        return None
    user = dict(rows[0]["user"])
    if user.get("disabledAt") is not None:
        return None
    raw = SESSION_PREFIX + secrets.token_urlsafe(32)
    actor = user_actor(user)

    async def work(tx: Tx) -> dict[str, Any] | None:
        row = await tx.one(
            Q.SESSION_CREATE,
            id=str(uuid.uuid4()),
            hash=_hash(raw),
            userId=user["id"],
            lifetimeS=int(lifetime_s),
        )
        if row is None:
            return None  # disabled since the password was checked
        session = dict(row["session"])
        await audit.record(tx, actor, "signIn", [user["id"]], None, session)
        return session

    session = await db.write(work)
    if session is None:
        return None
    return OpenedSession(raw, csrf_for(raw), session["expiresAt"], actor)


async def authenticate(db: Database, raw: str) -> Actor | None:
    """The user behind a session cookie, or None when it is unknown, expired, signed out
    or its user disabled."""
    if not raw.startswith(SESSION_PREFIX):
        return None
    rows = await db.read(Q.SESSION_FIND, hash=_hash(raw))
    return user_actor(dict(rows[0]["user"])) if rows else None


async def sign_out(db: Database, actor: Actor, raw: str) -> None:
    """The session behind ``raw`` ends (nothing happens for one already gone)."""

    async def work(tx: Tx) -> None:
        row = await tx.one(Q.SESSION_DELETE, hash=_hash(raw))
        if row is not None:
            await audit.record(tx, actor, "signOut", [row["userId"]], {"id": row["id"]}, None)

    await db.write(work)
