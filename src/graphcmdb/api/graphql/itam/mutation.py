"""Root mutations for ITAM (editor role): assets, their links and lifecycle, directories."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.crud_fields import (
    create_field,
    delete_field,
    guarded_delete_field,
    update_field,
)
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
from graphcmdb.api.graphql.writes import Write, write
from graphcmdb.db.database import Database
from graphcmdb.domain import directory_models as dm
from graphcmdb.domain import itam_models as m
from graphcmdb.domain.models import parse
from graphcmdb.domain.records import DirectoryRecord
from graphcmdb.graph.enums import Label, LifecycleState
from graphcmdb.services import assets, lifecycle, people_places
from graphcmdb.services.actor import Actor
from graphcmdb.services.people_places import Kind

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def refused_while(what: str) -> str:
    """The description of a guarded delete."""
    return (
        f"Refused (HAS_DEPENDENTS, with the counts) while {what} still point at it; "
        "force: true removes those links with it (the audit entry lists them)."
    )


def of_kind(
    call: Callable[Concatenate[Database, Actor, Kind, P], Awaitable[R]], kind: Kind
) -> Write[P, R]:
    """A directory service for one ``kind``: ``call(db, actor, kind, *args)``."""

    async def bound(db: Database, actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return await call(db, actor, kind, *args, **kwargs)

    return bound


@dataclass(frozen=True)
class _Directory(Generic[T]):
    """Makes the create, update and (guarded) delete fields of one directory kind."""

    kind: Kind
    output: type[T]
    convert: Callable[[DirectoryRecord], T]
    #: what may still point at one (contracts, assets), for the delete's description
    referrers: str

    def create_field(self, input_type: type, model: type[people_places.Record]) -> T:
        call = of_kind(people_places.create, self.kind)
        return create_field(self.output, self.convert, input_type, call, model)

    def update_field(self, input_type: type, model: type[people_places.Update]) -> T:
        call = of_kind(people_places.update, self.kind)
        return update_field(self.output, self.convert, input_type, call, model)

    def delete_field(self) -> strawberry.ID:
        call = of_kind(people_places.delete, self.kind)
        return guarded_delete_field(call, refused_while(self.referrers))


_VENDOR = _Directory(Kind.VENDOR, VendorType, to_vendor, "contracts")
_LOCATION = _Directory(Kind.LOCATION, LocationType, to_location, "assets")
_PERSON = _Directory(Kind.PERSON, PersonType, to_person, "assigned assets")


async def _fresh(info: Info, asset_id: str) -> AssetType:
    """The asset as it is after a link changed (its row is unchanged but links are not)."""
    row = await info.context.loaders.asset.load(asset_id)
    assert row is not None
    return to_asset(row)


@strawberry.type
class AssetMutation:
    createAsset = create_field(
        AssetType, to_asset, CreateAssetInput, assets.create_asset, m.AssetCreate
    )
    updateAsset = update_field(
        AssetType,
        to_asset,
        UpdateAssetInput,
        assets.update_asset,
        m.AssetUpdate,
        "lifecycleState moves by transitionAsset only.",
    )
    deleteAsset = delete_field(assets.delete_asset, "Deletes the asset and its lifecycle events.")

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

    createVendor = _VENDOR.create_field(CreateVendorInput, m.VendorCreate)
    createLocation = _LOCATION.create_field(CreateLocationInput, m.LocationCreate)
    createPerson = _PERSON.create_field(CreatePersonInput, m.PersonCreate)
    updateVendor = _VENDOR.update_field(UpdateVendorInput, dm.VendorUpdate)
    deleteVendor = _VENDOR.delete_field()
    updateLocation = _LOCATION.update_field(UpdateLocationInput, dm.LocationUpdate)
    deleteLocation = _LOCATION.delete_field()
    updatePerson = _PERSON.update_field(UpdatePersonInput, dm.PersonUpdate)
    deletePerson = _PERSON.delete_field()
