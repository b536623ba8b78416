"""Role checks in one place: every field names the least role it needs."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from graphcmdb.errors import Forbidden, Unauthenticated
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services.actor import Actor


def authorize(actor: Actor | None, needed: Role) -> Actor:
    if actor is None:
        raise Unauthenticated(
            "No valid API token: send 'Authorization: Bearer <token>' "
            "(create one with `graphcmdb token create`)."
        )
    if not actor.role.allows(needed):
        raise Forbidden(
            f"This needs the {needed.value} role; "
            f"your token '{actor.name}' has {actor.role.value}.",
            needed=needed.value,
            role=actor.role.value,
        )
    return actor


def authorize_to(actor: Actor | None, needed: Role, permission: Permission) -> Actor:
    """``authorize`` and the token's ``permission`` (an admin has every one)."""
    actor = authorize(actor, needed)
    if not actor.may(permission):
        raise Forbidden(
            f"This needs the {permission.value} permission; your token '{actor.name}' "
            "does not have it (an admin issues one that has: createToken(permissions: "
            f"[{permission.name}])).",
            needed=permission.value,
            role=actor.role.value,
        )
    return actor


class _RequireRole(BasePermission):
    role: Role = Role.ADMIN

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        authorize(info.context.actor, self.role)
        return True


class IsViewer(_RequireRole):
    role = Role.VIEWER


class IsEditor(_RequireRole):
    role = Role.EDITOR


class IsAdmin(_RequireRole):
    role = Role.ADMIN


class MayDiscover(IsEditor):
    """An editor whose token has the ``discovery`` permission, or an admin."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        authorize_to(info.context.actor, Role.EDITOR, Permission.DISCOVERY)
        return True
