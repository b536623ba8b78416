"""API tokens: shown once at creation, stored only as a SHA-256 hash.

A token carries 256 random bits, so a fast hash is enough (no password stretching):
guessing is hopeless and look-up by hash stays a constant-time index seek.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.db.scoping import Scope
from graphcmdb.domain.models import Name
from graphcmdb.domain.specs import API_TOKEN_SPEC
from graphcmdb.domain.system_records import ApiTokenRecord
from graphcmdb.errors import Duplicate, NotFound, ValidationFailed
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor

TOKEN_PREFIX = "gcmdb_"
#: the change feed every token change stamps (``ChangeFeed.name``; ``token_cache.py``)
TOKEN_FEED = "tokens"
MAX_NAME = 200  # as every other name (``domain.models.Name``)


@dataclass(frozen=True)
class IssuedToken:
    token: str
    record: ApiTokenRecord


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _taken(name: str) -> Duplicate:
    return Duplicate(
        f"A token named '{name}' is in use; revoke it first or choose another name.",
        field="name",
        name=name,
    )


async def _create_in(
    tx: Tx,
    actor: Actor,
    name: str,
    role: Role,
    raw: str,
    permissions: Collection[Permission],
    scopes: Collection[Scope] = (),
) -> ApiTokenRecord:
    """The token, unless a live one has the name (checked in this transaction; the
    ``activeName`` constraint refuses a creation racing past the check)."""
    row = await tx.one(
        Q.TOKEN_CREATE,
        id=str(uuid.uuid4()),
        name=name,
        role=role.value,
        hash=hash_token(raw),
        prefix=raw[:12],
        permissions=sorted(p.value for p in set(permissions)),
        scopes=sorted({s.text for s in scopes}),
        feed=TOKEN_FEED,
    )
    if row is None:
        raise _taken(name)
    token = dict(row["token"])
    await audit.record(tx, actor, "createToken", [token["id"]], None, token)
    return nodes.as_record(API_TOKEN_SPEC, token)


MAX_SCOPES = 64
MAX_SCOPE_VALUE = 200


def checked_scopes(scopes: Collection[Scope]) -> list[Scope]:
    if len(scopes) > MAX_SCOPES:
        raise ValidationFailed(f"A token carries at most {MAX_SCOPES} scopes.", field="scopes")
    for scope in scopes:
        if not scope.value.strip() or len(scope.value) > MAX_SCOPE_VALUE:
            raise ValidationFailed(
                f"A scope's value is 1 to {MAX_SCOPE_VALUE} characters.", field="scopes"
            )
    return list(scopes)


def _checked(name: str) -> str:
    if not name.strip() or len(name.strip()) > MAX_NAME:
        raise ValidationFailed(f"A token needs a name of 1 to {MAX_NAME} characters.", field="name")
    return name.strip()


async def create_token(
    db: Database,
    actor: Actor,
    name: Name,
    role: Role,
    permissions: Collection[Permission] = (),
    scopes: Collection[Scope] = (),
) -> IssuedToken:
    """A new token; ``permissions``: what it may do beyond its role (``DISCOVERY``);
    ``scopes``: what it sees (none: everything its role may read).
    ``DUPLICATE`` when a token that is not revoked has the name."""
    name = _checked(name)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)

    async def work(tx: Tx) -> ApiTokenRecord:
        return await _create_in(tx, actor, name, role, raw, permissions, checked_scopes(scopes))

    return IssuedToken(raw, await nodes.write_unique(db, work, lambda: _taken(name)))


async def reissue_token(db: Database, actor: Actor, name: Name, role: Role) -> IssuedToken:
    """Revoke the live tokens named ``name`` and issue a new one, in one transaction:
    for a token whose only copy was lost (``graphcmdb run``'s admin token file)."""
    name = _checked(name)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)

    async def work(tx: Tx) -> ApiTokenRecord:
        for row in await tx.run(Q.TOKEN_REVOKE_BY_NAME, name=name, feed=TOKEN_FEED):
            token = dict(row["token"])
            await audit.record(tx, actor, "revokeToken", [token["id"]], row["before"], token)
        return await _create_in(tx, actor, name, role, raw, ())

    return IssuedToken(raw, await nodes.write_unique(db, work, lambda: _taken(name)))


async def authenticate(db: Database, raw: str) -> Actor | None:
    """The actor behind a bearer token, or None for an unknown or revoked one."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    return await look_up(db, hash_token(raw))


async def look_up(db: Database, hashed: str) -> Actor | None:
    """The actor of the live token whose hash is ``hashed``, or None."""
    rows = await db.read(Q.TOKEN_FIND_BY_HASH, hash=hashed)
    if not rows:
        return None
    token = rows[0]["token"]
    granted = frozenset(Permission(p) for p in token.get("permissions") or ())
    return Actor(
        name=token["name"],
        role=Role(token["role"]),
        token_id=token["id"],
        permissions=granted,
        scopes=tuple(Scope.parse(s) for s in token.get("scopes") or ()),
    )


async def stamp(db: Database) -> str | None:
    """The token feed's stamp: it changes with every token change (None before any)."""
    rows = await db.read(Q.TOKEN_STAMP, feed=TOKEN_FEED)
    return str(rows[0]["stamp"]) if rows and rows[0]["stamp"] is not None else None


async def list_tokens(db: Database) -> list[ApiTokenRecord]:
    return [nodes.as_record(API_TOKEN_SPEC, r["token"]) for r in await db.read(Q.TOKEN_LIST)]


async def revoke_token(db: Database, actor: Actor, token_id: str) -> ApiTokenRecord:
    async def work(tx: Tx) -> ApiTokenRecord:
        row = await tx.one(Q.TOKEN_REVOKE, id=token_id, feed=TOKEN_FEED)
        if row is None:
            raise NotFound("token", [token_id])
        token = dict(row["token"])
        await audit.record(tx, actor, "revokeToken", [token_id], row["before"], token)
        return nodes.as_record(API_TOKEN_SPEC, token)

    return await db.write(work)
