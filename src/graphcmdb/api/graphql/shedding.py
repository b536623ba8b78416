"""Load shedding: expensive operations run a few at a time per class, with a short line;
past it the request is refused at once with ``OVERLOADED`` (HTTP 503, Retry-After)
instead of queueing without end.

A document's classes are those of the expensive fields it selects anywhere (the weighted
fields of ``cost.py`` worth 50 or more; a fragment is looked at once). Each class has its
own slots, so a flood of impact questions neither takes the explorer's graph draws nor
the reports with it, and a document with no expensive field (a search, a CI's details,
any mutation) never waits for one. The slots are held while the operation executes and
given back however it ends (answered, failed, cancelled by a disconnect or a deadline).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack

from graphql import DocumentNode, GraphQLSchema, OperationDefinitionNode, OperationType
from strawberry.extensions import SchemaExtension

from graphcmdb.api.capacity import Capacities, CapacityFull
from graphcmdb.api.graphql.cost import weighted_fields
from graphcmdb.errors import Overloaded

#: the class of every expensive field
CLASSES: Mapping[str, str] = {
    # what fails if ...: a traversal plus the impact engine, per question
    "Query.impact": "impact",
    "Query.rootCauseCandidates": "impact",
    "Query.maintenanceRisk": "impact",
    "Incident.impact": "impact",
    "Incident.impactWhenOpened": "impact",
    # the explorer's drawings and paths
    "Query.graph": "graph",
    "Query.shortestPath": "graph",
    "Query.dependencyTree": "graph",
    "Query.singlePointsOfFailure": "graph",
    # reports over a whole register
    "Query.metrics": "report",
    "Query.serviceLevels": "report",
    "Query.problemCandidates": "report",
    "Query.dataQuality": "report",
    "Query.duplicateCIs": "report",
    "Query.fleetValue": "report",
    "Query.licensePositions": "report",
    "Query.changeConflicts": "report",
    "Query.expiring": "report",
    "Query.serviceCostOfOwnership": "report",
}


def expensive_in(schema: GraphQLSchema, document: DocumentNode) -> bool:
    """Whether ``document`` is a query (no mutation in it) that selects an expensive field
    (one of :data:`CLASSES`): it runs off the API's loop or in the worker process."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if any(o.operation is not OperationType.QUERY for o in operations):
        return False  # a mutation's transactions stay on the API's loop
    try:
        return any(f in CLASSES for f in weighted_fields(schema, document))
    except RecursionError:
        return False


class LoadShedding(SchemaExtension):
    def __init__(self, *, capacities: Capacities, retry_after: int) -> None:
        self.capacities, self.retry_after = capacities, retry_after

    def _classes(self) -> list[str]:
        context = self.execution_context
        document = context.graphql_document
        if document is None or not self.capacities.enabled:
            return []
        fields = weighted_fields(context.schema._schema, document)
        return sorted({CLASSES[f] for f in fields if f in CLASSES})

    async def on_execute(self) -> AsyncIterator[None]:
        async with AsyncExitStack() as held:
            for name in self._classes():  # always in the same order: no deadlock
                try:
                    await held.enter_async_context(self.capacities[name].slot())
                except CapacityFull as exc:
                    raise Overloaded(
                        f"Too many {name} operations are running or waiting; "
                        f"retry in {self.retry_after} s.",
                        operationClass=name,
                        retryAfter=self.retry_after,
                    ) from exc
            yield
