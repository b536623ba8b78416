"""What a GraphQL document costs, computed on the parsed document before validation.

Validation itself can be made exponential (fragments that each spread the next one
twice: an 889-byte document stalled the server for 16 s), so the cost is computed first,
in time linear in the document: each fragment is costed once (memoised) however often it
is spread. A field costs its weight (1, or more for a resolver that computes: impact,
graph, reports) plus what it selects, times how many items a list may hold: its
``first`` or ``limit`` argument (the page size when not given; at most the page cap
for ``first`` and the reports' row cap for ``limit``, which the resolvers enforce), or
``ASSUMED_LIST`` for a list without one (relationship lists). The depth is checked in
the same pass. A document over the budget, or with more fragment spreads than the cap,
is refused with a typed error naming the cost and the budget, before any validation or
database work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.type.definition import GraphQLOutputType

from graphcmdb.services.reconciliation import MAX_ROWS as LIMIT_CAP

#: items assumed in a list field that takes no ``first`` / ``limit`` (relationship lists)
ASSUMED_LIST = 10
#: the arguments that bound a list. A ``limit`` is counted up to the reports' row cap
#: (``LIMIT_CAP``: ``reconciliation.row_limit``'s 10,000), a page's ``first`` up to the page
#: cap; a report whose own cap is lower is counted high, never low
SIZE_ARGUMENTS = ("first", "limit")
#: resolvers that compute rather than read one record, with their weight
WEIGHTS: Mapping[str, int] = {
    "Query.impact": 200,
    "Query.graph": 200,
    "Query.shortestPath": 100,
    "Query.dependencyTree": 100,
    "Query.singlePointsOfFailure": 100,
    "Query.rootCauseCandidates": 200,
    "Query.maintenanceRisk": 100,
    "Query.metrics": 200,
    "Query.serviceLevels": 100,
    "Query.problemCandidates": 100,
    "Query.dataQuality": 100,
    "Query.duplicateCIs": 100,
    "Query.fleetValue": 50,
    "Query.licensePositions": 50,
    "Query.changeConflicts": 50,
    "Query.expiring": 50,
    "Query.serviceCostOfOwnership": 50,
    "CI.services": 10,
    # one read of the audit log per object (its entries are found by target, not indexed)
    "CI.history": 10,
    "Service.history": 10,
    "Asset.auditHistory": 10,
    "Service.dependsOnTransitively": 10,
    "Incident.impact": 100,
    "Incident.impactWhenOpened": 100,
}
#: a cost past this is "infinite" (a cycle of fragments, or a number too big to matter)
CEILING = 10**12


class CostLimitExceeded(Exception):
    """The document is over a limit; ``reason`` says which."""

    def __init__(self, reason: str, cost: int, budget: int) -> None:
        super().__init__(reason)
        self.reason, self.cost, self.budget = reason, cost, budget


@dataclass
class _Costing:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Mapping[str, object]
    page_size: int
    #: the most items a page or a limited list returns (the resolvers refuse more)
    max_items: int
    memo: dict[str, int] = field(default_factory=dict)
    visiting: set[str] = field(default_factory=set)
    depths: dict[str, int] = field(default_factory=dict)
    #: the ``WEIGHTS`` keys met (load shedding classes a document by them)
    weighted: set[str] = field(default_factory=set)

    def depth(self, selections: SelectionSetNode | None) -> int:
        """Fields nested, fragments transparent (as the depth rule counts them)."""
        if selections is None:
            return 0
        deepest = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                deepest = max(deepest, 1 + self.depth(node.selection_set))
            elif isinstance(node, InlineFragmentNode):
                deepest = max(deepest, self.depth(node.selection_set))
            elif isinstance(node, FragmentSpreadNode):
                deepest = max(deepest, self._fragment_depth(node.name.value))
        return deepest

    def _fragment_depth(self, name: str) -> int:
        if name not in self.depths:
            definition = self.fragments.get(name)
            self.depths[name] = 0  # a cycle counts once (validation refuses it)
            self.depths[name] = self.depth(definition.selection_set) if definition else 0
        return self.depths[name]

    def selection_set(self, selections: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        if selections is None:
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent)
            elif isinstance(node, InlineFragmentNode):
                scope = parent
                if node.type_condition is not None:
                    scope = self.schema.get_type(node.type_condition.name.value) or parent
                total += self.selection_set(node.selection_set, scope)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
            total = min(total, CEILING)
        return total

    def fragment(self, name: str) -> int:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None:
            return 0  # validation reports the unknown fragment
        if name in self.visiting:
            return CEILING  # a cycle: validation would refuse it, after expanding it
        self.visiting.add(name)
        scope = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selection_set(definition.selection_set, scope) if scope else 0
        self.visiting.discard(name)
        self.memo[name] = cost
        return cost

    def field(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        definition = _field(parent, node.name.value)
        if definition is None:
            return 1  # __typename, or a field validation refuses
        key = f"{parent.name}.{node.name.value}"
        weight = WEIGHTS.get(key, 1)
        if weight > 1:
            self.weighted.add(key)
        inner, is_list = _unwrap(definition.type)
        children = self.selection_set(node.selection_set, inner)
        times = self._size(node, definition, parent) if is_list or _bounded(definition) else 1
        return min(weight + times * children, CEILING)

    def _size(self, node: FieldNode, definition: GraphQLField, parent: GraphQLNamedType) -> int:
        for argument in node.arguments or ():
            if argument.name.value in SIZE_ARGUMENTS:
                cap = self.max_items if argument.name.value == "first" else LIMIT_CAP
                value = argument.value
                if isinstance(value, IntValueNode):
                    return min(max(int(value.value), 1), cap)
                if isinstance(value, VariableNode):
                    given = _whole(self.variables.get(value.name.value))
                    if given is not None:
                        return min(max(given, 1), cap)
        for name in SIZE_ARGUMENTS:
            arg = definition.args.get(name)
            if arg is not None:
                default = arg.default_value
                return default if isinstance(default, int) and default > 0 else self.page_size
        if parent.name.endswith("Connection"):
            return 1  # a page's edges: counted by the field that takes `first`
        return ASSUMED_LIST


def _field(parent: GraphQLNamedType, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _unwrap(kind: GraphQLOutputType) -> tuple[GraphQLNamedType, bool]:
    is_list = False
    while isinstance(kind, GraphQLNonNull | GraphQLList):
        is_list = is_list or isinstance(kind, GraphQLList)
        kind = kind.of_type
    return kind, is_list


def _bounded(definition: GraphQLField) -> bool:
    """A connection field: not a list itself, but its page holds ``first`` items."""
    return any(name in definition.args for name in SIZE_ARGUMENTS)


def spreads(document: DocumentNode) -> int:
    """How many fragment spreads the document writes (before expansion)."""
    count = 0
    stack: list[object] = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, FragmentSpreadNode):
            count += 1
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return count


def _costing(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, object],
    page_size: int,
    max_items: int,
) -> _Costing:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    return _Costing(schema, fragments, _with_defaults(document, variables), page_size, max_items)


def _with_defaults(document: DocumentNode, variables: Mapping[str, object]) -> dict[str, object]:
    """The request's variables over the operations' integer defaults (``$n: Int = 5000``
    is as many items as ``first: 5000``)."""
    values: dict[str, object] = {}
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for var in definition.variable_definitions or ():
                if isinstance(var.default_value, IntValueNode):
                    values[var.variable.name.value] = int(var.default_value.value)
    return values | dict(variables)


def _whole(value: object) -> int | None:
    """An item count as GraphQL's Int takes it: an int, or a float without a fraction
    (JSON's 5000.0 is coerced to 5000)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def document_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, object],
    page_size: int,
    max_items: int = 1000,
) -> int:
    """The cost of the document's most expensive operation."""
    costing = _costing(schema, document, variables, page_size, max_items)
    return _cost(schema, costing, document)


def weighted_fields(schema: GraphQLSchema, document: DocumentNode) -> frozenset[str]:
    """The weighted fields (``WEIGHTS`` keys) the document selects, fragments included
    (each costed once, as for the cost)."""
    costing = _costing(schema, document, {}, page_size=1, max_items=1)
    _cost(schema, costing, document)
    return frozenset(costing.weighted)


def _cost(schema: GraphQLSchema, costing: _Costing, document: DocumentNode) -> int:
    costs = [0]
    for operation in _operations(document):
        root = schema.get_root_type(operation.operation)
        if root is not None:
            costs.append(costing.selection_set(operation.selection_set, root))
    return max(costs)


def check(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, object],
    *,
    budget: int,
    max_spreads: int,
    max_depth: int,
    page_size: int,
    max_items: int,
) -> int:
    """The document's cost; raises :class:`CostLimitExceeded` when over a limit."""
    costing = _costing(schema, document, variables, page_size, max_items)
    deepest = max([0, *(costing.depth(o.selection_set) for o in _operations(document))])
    if deepest > max_depth:
        raise CostLimitExceeded(
            f"The query exceeds maximum operation depth of {max_depth} (it is {deepest} deep).",
            deepest,
            max_depth,
        )
    written = spreads(document)
    if written > max_spreads:
        raise CostLimitExceeded(
            f"The query spreads fragments {written} times (at most {max_spreads}).",
            written,
            max_spreads,
        )
    cost = _cost(schema, costing, document)
    if cost > budget:
        shown = "over 10^12" if cost >= CEILING else f"{cost:,}"
        raise CostLimitExceeded(
            f"The query would cost {shown} (budget {budget:,}): ask for fewer items "
            "(first/limit), less nesting or fewer fragments.",
            cost,
            budget,
        )
    return cost
