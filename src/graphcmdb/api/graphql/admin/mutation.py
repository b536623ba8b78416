"""Root mutations for administrators: issuing and revoking API tokens."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.admin.types import (
    ApiToken,
    IssuedToken,
    ScopeInput,
    scopes_given,
    to_token,
)
from graphcmdb.api.graphql.permissions import IsAdmin, authorize
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import tokens


@strawberry.type
class AdminMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Issue an API token; the token is shown only here.",
    )
    async def createToken(
        self,
        info: Info,
        name: str,
        role: Role,
        permissions: Annotated[
            list[Permission] | None,
            strawberry.argument(
                description="What it may do beyond its role: DISCOVERY (scans), "
                "FINANCIALS (cost figures)."
            ),
        ] = None,
        scopes: Annotated[
            list[ScopeInput] | None,
            strawberry.argument(
                description="What it sees (objects inside at least one); none: everything "
                "its role may read."
            ),
        ] = None,
    ) -> IssuedToken:
        actor = authorize(info.context.actor, Role.ADMIN)
        granted = permissions or []
        within = scopes_given(scopes)
        issued = await tokens.create_token(info.context.db, actor, name, role, granted, within)
        _changed(info)
        return IssuedToken(token=issued.token, apiToken=to_token(issued.record))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def revokeToken(self, info: Info, id: strawberry.ID) -> ApiToken:
        actor = authorize(info.context.actor, Role.ADMIN)
        revoked = await tokens.revoke_token(info.context.db, actor, id)
        _changed(info)  # this process stops accepting it at once
        return to_token(revoked)


def _changed(info: Info) -> None:
    """A token change committed: this process's cached look-ups are not trusted any more
    (other processes see the token feed's new stamp within ``token_sync_s``)."""
    if info.context.tokens is not None:
        info.context.tokens.changed()
