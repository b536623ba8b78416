"""GraphQL input objects; converted to pydantic records before reaching services."""

from __future__ import annotations

from typing import Any

import strawberry

from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType


def given(obj: object) -> dict[str, Any]:
    """Only the fields the client sent; an explicit null is kept (it clears the field)."""
    return {k: v for k, v in vars(obj).items() if v is not strawberry.UNSET}


@strawberry.input
class CIFieldsInput:
    status: CIStatus | None = strawberry.UNSET
    environment: Environment | None = strawberry.UNSET
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
    ciClass: CIClass


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
    type: RelType
    toId: strawberry.ID
    kind: DependencyKind | None = strawberry.UNSET
    localPort: str | None = strawberry.UNSET
    remotePort: str | None = strawberry.UNSET


@strawberry.input
class UnrelateInput:
    fromId: strawberry.ID
    type: RelType
    toId: strawberry.ID


@strawberry.input
class CIFilterInput:
    ciClass: CIClass | None = None
    status: CIStatus | None = None
    environment: Environment | None = None
    nameContains: str | None = None
    text: str | None = None


@strawberry.input
class ServiceFilterInput:
    nameContains: str | None = None
    minCriticality: int | None = None
