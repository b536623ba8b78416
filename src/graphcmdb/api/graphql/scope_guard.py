"""Deny by default for scoped tokens: what scopes do not cover yet is refused.

Scopes are applied where reads go through the generated statements (``graph/
visibility.py``). Everything else, root fields and the fields leading from one object to
others, would reach hidden nodes through hand-written Cypher; for a scoped token it is
refused (``FORBIDDEN``, ``reason: "notScoped"``) until it is covered and listed in
:data:`COVERED`. Tokens without scopes are not affected. Applied once on the built schema,
like ``financials.guard``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    default_field_resolver,
    get_named_type,
)

from graphcmdb.errors import Forbidden

#: root and object-valued fields that read only through the scoped statements
COVERED: frozenset[str] = frozenset(
    {
        "Query.ci",
        "Query.cis",
        "Query.service",
        "Query.services",
        # the neighbours of a CI or service: filtered through ``services.visible``
        "CI.dependsOn",
        "CI.dependents",
        "CI.services",
        "CI.asset",
        "CI.incidents",
        "CI.openIncidents",
        "CI.addressFacts",  # the CI's own addresses, no other node
        "CI.statusHistory",  # the CI's own status changes, no other node
        # the audit entries about the object whose every target the token sees
        # (services/audit_visible.py)
        "CI.history",
        "Service.history",
        "Asset.auditHistory",
        "Service.dependsOn",
        "Service.dependents",
        "Service.incidents",
        "Service.openIncidents",
        "DependencyEdge.node",  # the edge its CI or service field read (filtered)
        # the generated reads of assets, incidents and changes, and their neighbours
        "Query.asset",
        "Query.assets",
        "Query.incident",
        "Query.incidents",
        "Query.change",
        "Query.changes",
        "Asset.ci",
        "Asset.services",
        "Asset.location",
        "Asset.assignedTo",  # a person: hidden from a scoped token (null)
        "Asset.incidents",
        "Asset.openIncidents",
        "Asset.bookValue",  # the asset's own figure (needs financials besides)
        "Incident.affects",
        "Incident.cause",
        "Incident.servicesHit",  # read through the service loader (scoped)
        "Change.modifies",
        "Change.causedIncidents",
        # impact: inputs the token does not see are "not found"; impacted nodes it does not
        # see are counted and shown as placeholders (services.impact.redacted)
        "Query.impact",
        "Incident.impact",
        "ImpactReport.summary",
        "ImpactReport.services",
        "ImpactReport.nodes",
        "NodeImpact.node",
        "ServiceImpact.service",  # hidden services are not listed
        "ServiceImpact.openIncidents",
        # any node, the explorer's drawings and the dependency tree: a hidden input is not
        # found; hidden nodes drawn are placeholders (services.graph_view, .redaction)
        "Query.node",
        "Query.graph",
        "Query.shortestPath",
        "GraphView.nodes",
        "GraphView.edges",
        "Query.dependencyTree",
        "DependencyTreeEntry.node",
        # the resilience reports: only what the token sees is listed (services.resilience)
        "Query.singlePointsOfFailure",
        "SinglePointOfFailure.ci",
        "SinglePointOfFailure.servicesTakenDown",
        "Query.rootCauseCandidates",
        "RootCauseCandidate.cis",
        "RootCauseCandidate.predicted",
        "PredictedStatus.node",
        "Query.maintenanceRisk",
        "Change.liveRisk",
        "MaintenanceRiskReport.servicesDown",
        "MaintenanceRiskReport.servicesDegraded",
        "MaintenanceRiskReport.redundancyLost",
        "RedundancyLoss.cluster",
        "RedundancyLoss.services",
        "ServiceAtRisk.service",
        # incident and change writes: the generated reads and writes find only visible
        # ones; a hidden link target is not found (itsm_common.check_targets); what is
        # created outside every scope is rolled back (OUTSIDE_SCOPES)
        "Mutation.openIncident",
        "Mutation.updateIncident",
        "Mutation.resolveIncident",
        "Mutation.closeIncident",
        "Mutation.reopenIncident",
        "Mutation.createChange",
        "Mutation.updateChange",
        "Mutation.transitionChange",
        "Mutation.createCI",
        "Mutation.updateCI",
        "Mutation.deleteCI",
        "Mutation.createService",
        "Mutation.updateService",
        "Mutation.deleteService",
        # who am I, what may I: about the token itself
        "Query.apiTokens",
        "Mutation.createToken",
        "Mutation.revokeToken",
        # live status: each move is filtered through ``services.visible`` (api/live.py);
        # a service move's incident AFFECTS that (visible) service
        "Subscription.liveStatus",
        "LiveStatusUpdate.moves",
        "LiveStatusMove.incident",
    }
)


def _structural(schema: GraphQLSchema) -> set[str]:
    """Connections, their edges and page info only carry what their root field read."""
    names = {"PageInfo"}
    for name, kind in schema.type_map.items():
        if isinstance(kind, GraphQLObjectType) and name.endswith("Connection"):
            names.add(name)
            if "edges" in kind.fields:
                names.add(get_named_type(kind.fields["edges"].type).name)
    return names


def uncovered(schema: GraphQLSchema) -> list[str]:
    """Every root field, and every field leading to other objects, not yet covered. A
    field answering a connection leads to the connection's nodes; only the connection's
    own fields (edges, page info) are structural."""
    paths: list[str] = []
    roots = {
        t.name
        for t in (schema.query_type, schema.mutation_type, schema.subscription_type)
        if t is not None
    }
    structural = _structural(schema)
    for name, kind in schema.type_map.items():
        if not isinstance(kind, GraphQLObjectType) or name.startswith("__"):
            continue
        if name in structural:
            continue
        for field_name, field in kind.fields.items():
            target = get_named_type(field.type)
            leads = isinstance(target, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType))
            if name in roots or leads:
                path = f"{name}.{field_name}"
                if path not in COVERED:
                    paths.append(path)
    return sorted(paths)


def _refusing(resolve: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        actor = info.context.actor
        if actor is not None and actor.scopes:
            raise Forbidden(
                f"{info.parent_type.name}.{info.field_name} is not yet available to a "
                "token with scopes (it would reach objects outside them); use a token "
                "without scopes.",
                reason="notScoped",
            )
        return resolve(source, info, **kwargs)

    return guarded


def guard(schema: GraphQLSchema) -> None:
    for path in uncovered(schema):
        type_name, field_name = path.split(".")
        kind = schema.type_map[type_name]
        assert isinstance(kind, GraphQLObjectType)
        field = kind.fields[field_name]
        field.resolve = _refusing(field.resolve or default_field_resolver)
