"""GraphQL input objects; converted to pydantic records before reaching services."""

from __future__ import annotations

from typing import Any

import strawberry

from graphcmdb.api.graphql.enums import (
    CIClassEnum,
    CIStatusEnum,
    DependencyKindEnum,
    EnvironmentEnum,
    RelTypeEnum,
)


def given(obj: object) -> dict[str, Any]:
    """Only the fields the client sent; an explicit null is kept (it clears the field)."""
    return {k: v for k, v in vars(obj).items() if v is not strawberry.UNSET}


@strawberry.input
class CIFieldsInput:
    status: CIStatusEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    environment: EnvironmentEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    criticality: int | None = strawberry.UNSET
    hostname: str | None = strawberry.UNSET
    fqdn: str | None = strawberry.UNSET
    ipAddresses: list[str] | None = strawberry.UNSET
    macAddresses: list[str] | None = strawberry.UNSET
    serialNumber: str | None = strawberry.UNSET
    manufacturer: str | None = strawberry.UNSET
    model: str | None = strawberry.UNSET
    os: str | None = strawberry.UNSET
    cores: int | None = strawberry.UNSET
    minAvailable: int | None = strawberry.UNSET
    sysObjectId: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class CreateCIInput(CIFieldsInput):
    name: str
    ciClass: CIClassEnum  # type: ignore[valid-type]


@strawberry.input
class UpdateCIInput(CIFieldsInput):
    name: str | None = strawberry.UNSET


@strawberry.input
class ServiceFieldsInput:
    criticality: int | None = strawberry.UNSET
    users: int | None = strawberry.UNSET
    slaTarget: float | None = strawberry.UNSET
    owner: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class CreateServiceInput(ServiceFieldsInput):
    name: str


@strawberry.input
class UpdateServiceInput(ServiceFieldsInput):
    name: str | None = strawberry.UNSET


@strawberry.input
class RelateInput:
    fromId: strawberry.ID
    type: RelTypeEnum  # type: ignore[valid-type]
    toId: strawberry.ID
    kind: DependencyKindEnum | None = strawberry.UNSET  # type: ignore[valid-type]
    localPort: str | None = strawberry.UNSET
    remotePort: str | None = strawberry.UNSET


@strawberry.input
class UnrelateInput:
    fromId: strawberry.ID
    type: RelTypeEnum  # type: ignore[valid-type]
    toId: strawberry.ID


@strawberry.input
class CIFilterInput:
    ciClass: CIClassEnum | None = None  # type: ignore[valid-type]
    status: CIStatusEnum | None = None  # type: ignore[valid-type]
    environment: EnvironmentEnum | None = None  # type: ignore[valid-type]
    nameContains: str | None = None
    text: str | None = None


@strawberry.input
class ServiceFilterInput:
    nameContains: str | None = None
    minCriticality: int | None = None
