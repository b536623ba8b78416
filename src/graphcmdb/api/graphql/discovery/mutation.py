"""Root mutations for discovery (editor; credential sets need admin)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.api.graphql.crud_fields import (
    action_field,
    create_field,
    delete_field,
    update_field,
)
from graphcmdb.api.graphql.discovery.inputs import (
    CredentialSetInput,
    MergeCIsInput,
    StartDiscoveryInput,
)
from graphcmdb.api.graphql.discovery.merge_types import MergeCIsResult, to_merge_result
from graphcmdb.api.graphql.discovery.types import (
    CredentialSetType,
    DiscoveryRunType,
    to_credential_set,
    to_run,
)
from graphcmdb.api.graphql.permissions import IsEditor, MayDiscover
from graphcmdb.api.graphql.writes import write
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.discovery.precedence import DiscoverableField
from graphcmdb.graph.enums import Role
from graphcmdb.services import (
    discovery,
    discovery_credentials,
    discovery_fields,
    discovery_merge,
)


@strawberry.type
class DiscoveryMutation:
    @strawberry.mutation(
        permission_classes=[MayDiscover],
        description="Scan the targets with a named credential set in the background; "
        "follow the returned run with discoveryRun(id). Needs the DISCOVERY permission; "
        "every target must lie in the set's targetRanges.",
    )
    async def startDiscovery(self, info: Info, input: StartDiscoveryInput) -> DiscoveryRunType:
        run = await write(
            info,
            discovery.start_discovery,
            input.targets,
            input.credentialSet,
            discovery.DEFAULT_CONCURRENCY if input.concurrency is None else input.concurrency,
            input.dryRun,
        )
        return to_run(run)

    cancelDiscovery = action_field(
        DiscoveryRunType,
        to_run,
        discovery.cancel_discovery,
        "Stop a run; it ends FAILED and every device it wrote stays complete.",
        permission=MayDiscover,
    )

    createCredentialSet = create_field(
        CredentialSetType,
        to_credential_set,
        CredentialSetInput,
        discovery_credentials.create_credential_set,
        CredentialSetCreate,
        role=Role.ADMIN,
    )
    updateCredentialSet = update_field(
        CredentialSetType,
        to_credential_set,
        CredentialSetInput,
        discovery_credentials.update_credential_set,
        CredentialSetCreate,
        "Replaces every field, secrets included.",
        role=Role.ADMIN,
    )
    deleteCredentialSet = delete_field(discovery_credentials.delete_credential_set, role=Role.ADMIN)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Move every relationship of mergeIds onto keepId, merge their fields "
        "(a person's values are kept; see plan.fields), then delete mergeIds. Different "
        "classes or serials need force; dryRun previews the plan.",
    )
    async def mergeCIs(self, info: Info, input: MergeCIsInput) -> MergeCIsResult:
        result = await write(
            info,
            discovery_merge.merge_cis,
            input.keepId,
            [str(i) for i in input.mergeIds],
            input.force,
            dry_run=input.dryRun,
            expect=input.planToken,
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
        return to_ci(await write(info, discovery_fields.release_to_discovery, id, list(fields)))
