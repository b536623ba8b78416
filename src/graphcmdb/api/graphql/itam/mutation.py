"""Root mutations for ITAM (editor role): assets, their links and lifecycle, directories."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.itam.asset_types import (
    AssetType,
    DependentRef,
    TransitionAssetPayload,
    to_asset,
    to_event,
)
from graphcmdb.api.graphql.itam.directory_types import (
    LocationType,
    PersonType,
    VendorType,
    to_location,
    to_person,
    to_vendor,
)
from graphcmdb.api.graphql.itam.inputs import (
    CreateAssetInput,
    CreateLocationInput,
    CreatePersonInput,
    CreateVendorInput,
    DisposalInput,
    UpdateAssetInput,
    UpdateLocationInput,
    UpdatePersonInput,
    UpdateVendorInput,
)
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import directory_models as dm
from graphcmdb.domain import itam_models as m
from graphcmdb.domain.models import parse
from graphcmdb.domain.records import DirectoryRecord
from graphcmdb.graph.enums import Label, LifecycleState
from graphcmdb.services import assets, lifecycle, people_places
from graphcmdb.services.people_places import Kind


def refused_while(what: str) -> str:
    """The description of a guarded delete."""
    return (
        f"Refused (HAS_DEPENDENTS, with the counts) while {what} still point at it; "
        "force: true removes those links with it (the audit entry lists them)."
    )


async def _update(
    info: Info, kind: Kind, node_id: str, model: type[people_places.Update], input: object
) -> DirectoryRecord:
    return await write(info, people_places.update, kind, node_id, parsed(model, input))


async def _delete(info: Info, kind: Kind, node_id: strawberry.ID, force: bool) -> strawberry.ID:
    await write(info, people_places.delete, kind, node_id, force)
    return node_id


async def _fresh(info: Info, asset_id: str) -> AssetType:
    """The asset as it is after a link changed (its row is unchanged but links are not)."""
    row = await info.context.loaders.asset.load(asset_id)
    assert row is not None
    return to_asset(row)


@strawberry.type
class AssetMutation:
    @strawberry.mutation(permission_classes=[IsEditor])
    async def createAsset(self, info: Info, input: CreateAssetInput) -> AssetType:
        return to_asset(await write(info, assets.create_asset, parsed(m.AssetCreate, input)))

    @strawberry.mutation(
        permission_classes=[IsEditor], description="lifecycleState moves by transitionAsset only."
    )
    async def updateAsset(
        self, info: Info, id: strawberry.ID, input: UpdateAssetInput
    ) -> AssetType:
        return to_asset(await write(info, assets.update_asset, id, parsed(m.AssetUpdate, input)))

    @strawberry.mutation(
        permission_classes=[IsEditor], description="Deletes the asset and its lifecycle events."
    )
    async def deleteAsset(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await write(info, assets.delete_asset, id)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Move an asset through its lifecycle; illegal moves name the allowed ones.",
    )
    async def transitionAsset(
        self,
        info: Info,
        id: strawberry.ID,
        to: LifecycleState,
        at: datetime | None = None,
        note: str | None = None,
        disposal: DisposalInput | None = None,
        ciId: strawberry.ID | None = None,
        force: bool = False,
    ) -> TransitionAssetPayload:
        raw: dict[str, Any] = {"to": to, "at": at, "note": note, "ciId": ciId, "force": force}
        raw["disposal"] = given(disposal) if disposal is not None else None
        data = parse(m.TransitionInput, raw)
        done = await write(info, lifecycle.transition, id, data)
        return TransitionAssetPayload(
            asset=to_asset(done.asset),
            event=to_event(done.event),
            dependents=[
                DependentRef(id=strawberry.ID(d.id), name=d.name, type=d.type)
                for d in done.dependents
            ],
        )

    @strawberry.mutation(
        permission_classes=[IsEditor], description="Link an asset to its CI (one to one)."
    )
    async def trackCI(self, info: Info, assetId: strawberry.ID, ciId: strawberry.ID) -> AssetType:
        await write(info, assets.track_ci, assetId, ciId)
        return await _fresh(info, assetId)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def untrackCI(self, info: Info, assetId: strawberry.ID) -> AssetType:
        await write(info, assets.untrack_ci, assetId)
        return await _fresh(info, assetId)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Assign to a person, replacing the previous holder (null: unassign).",
    )
    async def assignAsset(
        self, info: Info, assetId: strawberry.ID, personId: strawberry.ID | None
    ) -> AssetType:
        await write(info, assets.move, assetId, Label.PERSON, personId)
        return await _fresh(info, assetId)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Place at a location, replacing the previous one (null: clear).",
    )
    async def locateAsset(
        self, info: Info, assetId: strawberry.ID, locationId: strawberry.ID | None
    ) -> AssetType:
        await write(info, assets.move, assetId, Label.LOCATION, locationId)
        return await _fresh(info, assetId)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createVendor(self, info: Info, input: CreateVendorInput) -> VendorType:
        data = parsed(m.VendorCreate, input)
        return to_vendor(await write(info, people_places.create, Kind.VENDOR, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createLocation(self, info: Info, input: CreateLocationInput) -> LocationType:
        data = parsed(m.LocationCreate, input)
        return to_location(await write(info, people_places.create, Kind.LOCATION, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createPerson(self, info: Info, input: CreatePersonInput) -> PersonType:
        data = parsed(m.PersonCreate, input)
        return to_person(await write(info, people_places.create, Kind.PERSON, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateVendor(
        self, info: Info, id: strawberry.ID, input: UpdateVendorInput
    ) -> VendorType:
        return to_vendor(await _update(info, Kind.VENDOR, id, dm.VendorUpdate, input))

    @strawberry.mutation(permission_classes=[IsEditor], description=refused_while("contracts"))
    async def deleteVendor(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        return await _delete(info, Kind.VENDOR, id, force)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateLocation(
        self, info: Info, id: strawberry.ID, input: UpdateLocationInput
    ) -> LocationType:
        return to_location(await _update(info, Kind.LOCATION, id, dm.LocationUpdate, input))

    @strawberry.mutation(permission_classes=[IsEditor], description=refused_while("assets"))
    async def deleteLocation(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        return await _delete(info, Kind.LOCATION, id, force)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updatePerson(
        self, info: Info, id: strawberry.ID, input: UpdatePersonInput
    ) -> PersonType:
        return to_person(await _update(info, Kind.PERSON, id, dm.PersonUpdate, input))

    @strawberry.mutation(
        permission_classes=[IsEditor], description=refused_while("assigned assets")
    )
    async def deletePerson(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        return await _delete(info, Kind.PERSON, id, force)
