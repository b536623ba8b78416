"""GraphQL enums, generated from the graph enums so names never drift."""

from __future__ import annotations

import strawberry

from graphcmdb.graph import enums as g

CIClassEnum = strawberry.enum(g.CIClass, name="CIClass")
CIStatusEnum = strawberry.enum(g.CIStatus, name="CIStatus")
EnvironmentEnum = strawberry.enum(g.Environment, name="Environment")
RelTypeEnum = strawberry.enum(g.RelType, name="RelationshipType")
DependencyKindEnum = strawberry.enum(g.DependencyKind, name="DependencyKind")
RoleEnum = strawberry.enum(g.Role, name="Role")
