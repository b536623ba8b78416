"""Who is acting: every write names an actor in its audit entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import Permission, Role


def new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    token_id: str | None = None
    #: ties together the audit entries of one request (one command, one discovery run);
    #: the API gives each HTTP request a fresh one (:meth:`in_request`)
    request_id: str = field(default_factory=new_request_id)
    #: the caller's own ``X-Request-Id``, recorded beside ours (never used as ours)
    client_request_id: str | None = None
    #: what the token may do beyond its role
    permissions: frozenset[Permission] = frozenset()
    #: what it sees (``db/scoping.py``); none: everything its role may read
    scopes: tuple[Scope, ...] = ()
    #: the person signed in with a password (``services/sessions.py``); None for a token
    user_id: str | None = None

    def may(self, permission: Permission) -> bool:
        return self.role is Role.ADMIN or permission in self.permissions

    @property
    def label(self) -> str:
        """How the actor appears in the audit log."""
        if self.user_id:
            return f"user:{self.name}"
        return f"token:{self.name}" if self.token_id else self.name

    def in_request(self, request_id: str, client_request_id: str | None = None) -> Actor:
        """This actor acting in one HTTP request: a token's actor is looked up (and may
        be cached) once, while each request it makes gets its own id."""
        return replace(self, request_id=request_id, client_request_id=client_request_id)


def system_actor(component: str) -> Actor:
    """Writes made by the CLI, the demo loader or discovery, outside any request."""
    return Actor(name=f"system:{component}", role=Role.ADMIN)
