"""GraphQL inputs of the core CMDB; their fields come from ``domain.models``."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.from_models import model_input
from graphcmdb.domain.models import CIFields, ServiceFields
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType


@strawberry.input
@model_input(CIFields)
class CreateCIInput:
    name: str
    ciClass: CIClass


@strawberry.input
@model_input(CIFields)
class UpdateCIInput:
    name: str | None = strawberry.UNSET
    ciClass: CIClass | None = strawberry.UNSET


@strawberry.input
@model_input(ServiceFields)
class CreateServiceInput:
    name: str


@strawberry.input
@model_input(ServiceFields)
class UpdateServiceInput:
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
