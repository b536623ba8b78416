"""The ``financials`` permission, applied in one place to the whole schema.

Every money figure the API answers is named once in :data:`FINANCIAL_FIELDS`; every
stored money property (a node spec's ``Decimal`` field: ``purchaseCost``,
``salvageValue``, ``annualCost``, ``unitCost``) comes from the specs as
:data:`FINANCIAL_PROPERTIES`. :func:`guard` runs once on the built schema and wraps:

- each field of the table: without the permission it resolves to null with a
  ``FORBIDDEN`` error naming ``financials`` (the rest of the answer stays: partial data);
- each JSON field that may carry stored properties (audit snapshots, a reconciliation
  task's row, an identification plan's change): the money properties are taken out;
- each mutation whose input may carry a money property: writing one without the
  permission is refused (``FORBIDDEN``) before anything runs; a file import's rows are
  checked once read (:func:`import_guard`), before anything is written or planned.

``tests/api/test_financials_schema.py`` walks the schema and fails on a money field that
is neither here nor in its commented allow-list, so a new figure cannot slip out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, get_args

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSchema,
    default_field_resolver,
    get_named_type,
)

from graphcmdb.api.graphql.permissions import authorize
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.errors import Forbidden
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services.actor import Actor

#: every money figure of the schema, ``Type.field`` → what it is
FINANCIAL_FIELDS: Mapping[str, str] = {
    "Asset.purchaseCost": "what the asset cost",
    "Asset.salvageValue": "what it is worth at the end of its life",
    "Asset.bookValue": "its depreciated value",
    "Asset.costOfOwnership": "purchase plus its share of contracts",
    "Contract.annualCost": "the contract's yearly cost",
    "Contract.annualCostMoney": "the same with its currency",
    "License.unitCost": "the cost of one unit",
    "License.unitCostMoney": "the same with its currency",
    "LicensePosition.yearlySaving": "unused units times their cost",
    "ItamMetrics.licenseSavings": "the yearly saving of under-used licenses",
    "ItamMetrics.licenceSavings": "its deprecated spelling",
    "ItamMetrics.fleetBookValue": "the book value of the fleet",
    "Query.fleetValue": "cost and book value of the fleet",
    "Query.serviceCostOfOwnership": "the cost of the assets behind a service",
}

#: JSON fields that may hold stored properties of assets, contracts or licenses
REDACTED_JSON: frozenset[str] = frozenset(
    {"AuditEntry.before", "AuditEntry.after", "ReconciliationTask.subject"}
)
#: JSON fields whose parent names the property they hold (``PlanFieldChange.field``)
NAMED_JSON: frozenset[str] = frozenset({"PlanFieldChange.before", "PlanFieldChange.after"})


def _is_decimal(annotation: Any) -> bool:
    """``Decimal``, optional or annotated (``Money | None``)."""
    return annotation is Decimal or any(_is_decimal(a) for a in get_args(annotation))


def _money_properties() -> frozenset[str]:
    names: set[str] = set()
    for spec in NODE_SPECS:
        model = spec.fields
        if model is None:
            continue
        for name, info in model.model_fields.items():
            if _is_decimal(info.annotation):
                names.add(name)
    return frozenset(names)


#: stored money properties, from the node specs (a ``Decimal`` field is money)
FINANCIAL_PROPERTIES: frozenset[str] = _money_properties()


def refused(actor: Actor) -> Forbidden:
    return Forbidden(
        f"Cost figures need the {Permission.FINANCIALS.value} permission; your token "
        f"'{actor.name}' does not have it (an admin issues one that has: "
        f"createToken(permissions: [{Permission.FINANCIALS.name}])).",
        needed=Permission.FINANCIALS.value,
        role=actor.role.value,
    )


def sees_costs(actor: Actor | None) -> bool:
    return actor is not None and actor.may(Permission.FINANCIALS)


def redact(value: Any) -> Any:
    """``value`` without the money properties, at any depth (a bulk entry's rows)."""
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items() if k not in FINANCIAL_PROPERTIES}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def carries_money(value: Any) -> bool:
    """Whether a mutation's arguments set a money property (to anything but null)."""
    if isinstance(value, dict):
        return any(
            (k in FINANCIAL_PROPERTIES and v is not None) or carries_money(v)
            for k, v in value.items()
        )
    if isinstance(value, list):
        return any(carries_money(v) for v in value)
    return False


def import_guard(actor: Actor) -> Callable[[Sequence[Mapping[str, Any]]], None] | None:
    """For ``importData``: a check that refuses a file whose rows set a money property
    (a cell that is not empty) when ``actor`` may not write costs; None when it may."""
    if sees_costs(actor):
        return None

    def check(rows: Sequence[Mapping[str, Any]]) -> None:
        for row in rows:
            if any(k in FINANCIAL_PROPERTIES and v not in (None, "") for k, v in row.items()):
                raise refused(actor)

    return check


Resolver = Callable[..., Any]


def _actor(info: Any) -> Actor:
    return authorize(info.context.actor, Role.VIEWER)


def _withheld(resolve: Resolver) -> Resolver:
    def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        actor = _actor(info)
        if not sees_costs(actor):
            raise refused(actor)
        return resolve(source, info, **kwargs)

    return guarded


def _redacted(resolve: Resolver, named: bool) -> Resolver:
    def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        value = resolve(source, info, **kwargs)
        if sees_costs(info.context.actor):
            return value
        if named:
            return None if getattr(source, "field", None) in FINANCIAL_PROPERTIES else value
        return redact(value)

    return guarded


def _writing(resolve: Resolver) -> Resolver:
    def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        actor = info.context.actor
        if actor is not None and not sees_costs(actor) and carries_money(kwargs):
            raise refused(actor)
        return resolve(source, info, **kwargs)

    return guarded


def _inputs_money(field: GraphQLField) -> bool:
    """Whether any input reachable from the field's arguments has a money property."""
    seen: set[str] = set()
    todo = [get_named_type(a.type) for a in field.args.values()]
    while todo:
        kind = todo.pop()
        if not isinstance(kind, GraphQLInputObjectType) or kind.name in seen:
            continue
        seen.add(kind.name)
        for name, input_field in kind.fields.items():
            if name in FINANCIAL_PROPERTIES or input_field.out_name in FINANCIAL_PROPERTIES:
                return True
            todo.append(get_named_type(input_field.type))
    return False


def _field(schema: GraphQLSchema, path: str) -> GraphQLField:
    type_name, field_name = path.split(".")
    kind = schema.type_map.get(type_name)
    if not isinstance(kind, GraphQLObjectType) or field_name not in kind.fields:
        raise LookupError(f"financials: the schema has no field {path}")
    field: GraphQLField = kind.fields[field_name]
    return field


def money_mutations(schema: GraphQLSchema) -> list[str]:
    """The mutations whose input may carry a money property."""
    mutation = schema.mutation_type
    if mutation is None:
        return []
    return sorted(f"Mutation.{n}" for n, f in mutation.fields.items() if _inputs_money(f))


def guard(schema: GraphQLSchema) -> None:
    """Apply the permission to the built schema (once, at build time)."""
    for path in FINANCIAL_FIELDS:
        field = _field(schema, path)
        field.resolve = _withheld(field.resolve or default_field_resolver)
    for path in REDACTED_JSON | NAMED_JSON:
        field = _field(schema, path)
        field.resolve = _redacted(field.resolve or default_field_resolver, path in NAMED_JSON)
    for path in money_mutations(schema):
        field = _field(schema, path)
        field.resolve = _writing(field.resolve or default_field_resolver)
