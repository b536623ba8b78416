"""People who sign in, for administrators: list, create, disable, set a password. A
user's grants read as a token's (role, permissions, scopes); no answer carries a
password or its hash."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.admin.types import ScopeInput, TokenScope, scopes_given, scopes_read
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsAdmin, authorize
from graphcmdb.domain.user_records import UserRecord
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import users


@strawberry.type(description="A person who signs in to the explorer with a password.")
class User:
    id: strawberry.ID
    name: str = strawberry.field(description="The user name typed to sign in.")
    role: Role
    permissions: list[Permission]
    scopes: list[TokenScope] = strawberry.field(
        description="What the user sees; empty: everything the role may read."
    )
    createdAt: datetime
    disabledAt: datetime | None = strawberry.field(
        description="Set once disabled: sign-in is refused and every session has ended."
    )
    lastSignInAt: datetime | None


def to_user(user: UserRecord) -> User:
    return from_record(
        User,
        user,
        id=strawberry.ID(user.id),
        permissions=list(user.permissions),
        scopes=scopes_read(user.scopes),
    )


@strawberry.input(description="A new user; the password is hashed (argon2) and never shown.")
class UserInput:
    name: str
    password: str = strawberry.field(description="10 to 1,024 characters.")
    role: Role
    permissions: list[Permission] | None = None
    scopes: list[ScopeInput] | None = None


@strawberry.type
class UserQuery:
    @strawberry.field(permission_classes=[IsAdmin], description="Everyone who may sign in.")
    async def users(self, info: Info) -> list[User]:
        return [to_user(u) for u in await users.list_users(info.context.db)]


@strawberry.type
class UserMutation:
    @strawberry.mutation(permission_classes=[IsAdmin])
    async def createUser(self, info: Info, input: UserInput) -> User:
        actor = authorize(info.context.actor, Role.ADMIN)
        created = await users.create_user(
            info.context.db,
            actor,
            input.name,
            input.password,
            input.role,
            input.permissions or [],
            scopes_given(input.scopes),
        )
        return to_user(created)

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Disable a user: sign-in is refused and every session ends at once.",
    )
    async def disableUser(self, info: Info, id: strawberry.ID) -> User:
        actor = authorize(info.context.actor, Role.ADMIN)
        return to_user(await users.disable_user(info.context.db, actor, id))

    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Give a user a new password; the user's sessions end.",
    )
    async def setUserPassword(
        self,
        info: Info,
        id: strawberry.ID,
        password: Annotated[str, strawberry.argument(description="10 to 1,024 characters.")],
    ) -> User:
        actor = authorize(info.context.actor, Role.ADMIN)
        return to_user(await users.set_password(info.context.db, actor, id, password))
