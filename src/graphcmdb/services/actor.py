"""Who is acting: every write names an actor in its audit entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from graphcmdb.graph.enums import Permission, Role


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    token_id: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    #: what the token may do beyond its role
    permissions: frozenset[Permission] = frozenset()

    def may(self, permission: Permission) -> bool:
        return self.role is Role.ADMIN or permission in self.permissions

    @property
    def label(self) -> str:
        """How the actor appears in the audit log."""
        return f"token:{self.name}" if self.token_id else self.name


def system_actor(component: str) -> Actor:
    """Writes made by the CLI, the demo loader or discovery, outside any request."""
    return Actor(name=f"system:{component}", role=Role.ADMIN)
