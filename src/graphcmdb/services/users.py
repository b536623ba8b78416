"""People who sign in: created, listed, disabled and given a new password by an
administrator (GraphQL or ``graphcmdb user``). A user carries a role, permissions and
scopes exactly as a token does; the password is kept only as its argon2 hash
(``passwords.py``), which no read returns. Every write is one audited transaction, and
disabling a user or changing a password ends the user's sessions in it."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Collection

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.db.scoping import Scope
from graphcmdb.domain.user_records import UserRecord
from graphcmdb.domain.user_specs import USER_SPEC
from graphcmdb.errors import Duplicate, NotFound, ValidationFailed
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import audit, nodes, passwords
from graphcmdb.services.actor import Actor
from graphcmdb.services.tokens import checked_scopes

#: what a user name may be: what people type, without spaces or look-alike tricks
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def checked_name(name: str) -> str:
    name = name.strip()
    if not NAME.fullmatch(name):
        raise ValidationFailed(
            "A user name is 1 to 64 letters, digits or ._@- (starting with a letter or digit).",
            field="name",
        )
    return name


def _taken(name: str) -> Duplicate:
    return Duplicate(f"A user named '{name}' exists.", field="name", name=name)


async def create_user(
    db: Database,
    actor: Actor,
    name: str,
    password: str,
    role: Role,
    permissions: Collection[Permission] = (),
    scopes: Collection[Scope] = (),
) -> UserRecord:
    """A new user; ``DUPLICATE`` when the name is taken, ``VALIDATION_FAILED`` for a
    name or password that may not be one (nothing written either way)."""
    name = checked_name(name)
    if role is Role.EVENTS:
        raise ValidationFailed("A person signs in as viewer, editor or admin.", field="role")
    within = checked_scopes(scopes)
    hashed = await asyncio.to_thread(passwords.hash_password, password)

    async def work(tx: Tx) -> UserRecord:
        row = await tx.one(
            Q.USER_CREATE,
            id=str(uuid.uuid4()),
            name=name,
            role=role.value,
            permissions=sorted(p.value for p in set(permissions)),
            scopes=sorted({s.text for s in within}),
            passwordHash=hashed,
        )
        if row is None:
            raise _taken(name)
        user = dict(row["user"])
        await audit.record(tx, actor, "createUser", [user["id"]], None, user)
        return nodes.as_record(USER_SPEC, user)

    return await nodes.write_unique(db, work, lambda: _taken(name))


async def list_users(db: Database) -> list[UserRecord]:
    return [nodes.as_record(USER_SPEC, r["user"]) for r in await db.read(Q.USER_LIST)]


async def get_by_name(db: Database, name: str) -> UserRecord | None:
    rows = await db.read(Q.USER_GET_BY_NAME, name=name)
    return nodes.as_record(USER_SPEC, rows[0]["user"]) if rows else None


async def disable_user(db: Database, actor: Actor, user_id: str) -> UserRecord:
    """Disabled, and every session of the user gone, in one transaction."""

    async def work(tx: Tx) -> UserRecord:
        row = await tx.one(Q.USER_DISABLE, id=user_id)
        if row is None:
            raise NotFound("user", [user_id])
        user = dict(row["user"])
        after = {**user, "sessionsEnded": row["ended"]}
        await audit.record(tx, actor, "disableUser", [user_id], row["before"], after)
        return nodes.as_record(USER_SPEC, user)

    return await db.write(work)


async def set_password(db: Database, actor: Actor, user_id: str, password: str) -> UserRecord:
    """A new password (hashed); the user's sessions end. The audit entry says that the
    password changed, never what to."""
    hashed = await asyncio.to_thread(passwords.hash_password, password)

    async def work(tx: Tx) -> UserRecord:
        row = await tx.one(Q.USER_SET_PASSWORD, id=user_id, passwordHash=hashed)
        if row is None:
            raise NotFound("user", [user_id])
        user = dict(row["user"])
        after = {"id": user_id, "password": "changed", "sessionsEnded": row["ended"]}
        await audit.record(tx, actor, "setUserPassword", [user_id], None, after)
        return nodes.as_record(USER_SPEC, user)

    return await db.write(work)
