"""Root mutations for discovery (editor; credential sets need admin)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.api.graphql.discovery.inputs import (
    CredentialSetInput,
    MergeCIsInput,
    StartDiscoveryInput,
)
from graphcmdb.api.graphql.discovery.types import (
    CredentialSetType,
    DiscoveryRunType,
    MergeCIsResult,
    to_credential_set,
    to_merge_result,
    to_run,
)
from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.permissions import IsAdmin, IsEditor, authorize
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.discovery.precedence import DiscoverableField
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import Role
from graphcmdb.services import (
    discovery,
    discovery_credentials,
    discovery_fields,
    discovery_merge,
)
from graphcmdb.services.actor import Actor


def _actor(info: Info, role: Role = Role.EDITOR) -> Actor:
    return authorize(info.context.actor, role)


def _credentials(input: CredentialSetInput) -> CredentialSetCreate:
    credentials: CredentialSetCreate = parse(CredentialSetCreate, given(input))
    return credentials


@strawberry.type
class DiscoveryMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Scan the targets with a named credential set in the background; "
        "follow the returned run with discoveryRun(id).",
    )
    async def startDiscovery(self, info: Info, input: StartDiscoveryInput) -> DiscoveryRunType:
        run = await discovery.start_discovery(
            info.context.db,
            _actor(info),
            input.targets,
            input.credentialSet,
            discovery.DEFAULT_CONCURRENCY if input.concurrency is None else input.concurrency,
        )
        return to_run(run)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Stop a run; it ends FAILED and every device it wrote stays complete.",
    )
    async def cancelDiscovery(self, info: Info, id: strawberry.ID) -> DiscoveryRunType:
        return to_run(await discovery.cancel_discovery(info.context.db, _actor(info), id))

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def createCredentialSet(self, info: Info, input: CredentialSetInput) -> CredentialSetType:
        data = _credentials(input)
        actor = _actor(info, Role.ADMIN)
        row = await discovery_credentials.create_credential_set(info.context.db, actor, data)
        return to_credential_set(row)

    @strawberry.mutation(
        permission_classes=[IsAdmin], description="Replaces every field, secrets included."
    )
    async def updateCredentialSet(
        self, info: Info, id: strawberry.ID, input: CredentialSetInput
    ) -> CredentialSetType:
        data = _credentials(input)
        actor = _actor(info, Role.ADMIN)
        row = await discovery_credentials.update_credential_set(info.context.db, actor, id, data)
        return to_credential_set(row)

    @strawberry.mutation(permission_classes=[IsAdmin])
    async def deleteCredentialSet(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await discovery_credentials.delete_credential_set(
            info.context.db, _actor(info, Role.ADMIN), id
        )
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Move every relationship of mergeIds onto keepId, union sources, "
        "addresses and MACs, then delete mergeIds. Different classes need force.",
    )
    async def mergeCIs(self, info: Info, input: MergeCIsInput) -> MergeCIsResult:
        result = await discovery_merge.merge_cis(
            info.context.db,
            _actor(info),
            input.keepId,
            [str(i) for i in input.mergeIds],
            input.force,
        )
        return to_merge_result(result)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Let discovery overwrite these fields again (a person's edit keeps "
        "discovery away from a field until then).",
    )
    async def releaseFieldsToDiscovery(
        self,
        info: Info,
        id: strawberry.ID,
        fields: list[DiscoverableField],
    ) -> CIType:
        ci = await discovery_fields.release_to_discovery(
            info.context.db, _actor(info), id, list(fields)
        )
        return to_ci(ci)
