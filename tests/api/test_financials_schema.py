"""Every money figure of the schema is behind the ``financials`` permission: walked over
the built schema in-process, so a new cost field fails here until it is in
``api/graphql/financials.FINANCIAL_FIELDS`` or in the commented allow-list below."""

from __future__ import annotations

import re

from graphql import (
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from graphcmdb.api.graphql import financials
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings

MONEY_TYPES = {"Money", "Decimal"}
MONEY_WORDS = re.compile(r"cost|value|price|saving", re.IGNORECASE)

#: fields that look like money and are not, each with why
NOT_MONEY = {
    # percentages and rates, not amounts
    "ItsmMetrics.slaCompliance": "share of services within their SLA, in percent",
    "ResolutionStats.firstContactRate": "share of incidents resolved at first contact",
    "ServiceLevelType.availability": "a service's availability in percent",
    "ServiceLevelType.slaTarget": "the availability a service promises, in percent",
    # identification and merging compare CI fields (a CI has no money property)
    "DuplicateCIGroup.value": "the identifier CIs share (a serial, a MAC)",
    "DuplicateEvidence.values": "identifiers seen on a device",
    "PlanEvidence.value": "the identifier a rule matched on",
    "MergeIncomingValue.value": "a merged CI's field value",
    "MergeFieldDecision.value": "a merged CI's field value after the merge",
    # a token's scope names an environment, a place, a team or a service
    "TokenScope.value": "the scope's name or id",
    # an accounting code, not an amount
    "Asset.costCenter": "the cost centre's code",
}


def schema() -> GraphQLSchema:
    return build_schema(Settings())._schema


def objects(gs: GraphQLSchema) -> dict[str, GraphQLObjectType]:
    return {
        n: t
        for n, t in gs.type_map.items()
        if isinstance(t, GraphQLObjectType) and not n.startswith("__")
    }


def inside_figures(gs: GraphQLSchema) -> set[str]:
    """Object types reached only through withheld fields (their whole content is a
    figure: ``CostLine``, ``FleetValueLine`` …), to a fixpoint."""
    reached: dict[str, set[str]] = {}
    for name, kind in objects(gs).items():
        for field_name, field in kind.fields.items():
            target = get_named_type(field.type).name
            reached.setdefault(target, set()).add(f"{name}.{field_name}")
    inside: set[str] = set()
    changed = True
    while changed:
        changed = False
        for target, via in reached.items():
            if target in inside or target not in objects(gs):
                continue
            if all(
                path in financials.FINANCIAL_FIELDS or path.split(".")[0] in inside for path in via
            ):
                inside.add(target)
                changed = True
    return inside


def looks_like_money(name: str, field: GraphQLField) -> bool:
    return get_named_type(field.type).name in MONEY_TYPES or bool(MONEY_WORDS.search(name))


def test_every_money_field_is_withheld_or_allowed_with_a_reason() -> None:
    gs = schema()
    inside = inside_figures(gs)
    assert {"CostLine", "FleetValueLine", "ServiceAssetCost", "FleetValue"} <= inside
    missing = []
    for type_name, kind in objects(gs).items():
        for name, field in kind.fields.items():
            path = f"{type_name}.{name}"
            if not looks_like_money(name, field) or type_name in inside:
                continue
            if path not in financials.FINANCIAL_FIELDS and path not in NOT_MONEY:
                missing.append(path)
    assert not missing, f"money fields outside the financials registry: {missing}"


def test_money_is_reached_only_through_withheld_fields() -> None:
    """``Money`` is reached by withheld fields or from inside figures alone."""
    assert "Money" in inside_figures(schema())


def test_withheld_fields_are_nullable_and_exist() -> None:
    gs = schema()
    for path in financials.FINANCIAL_FIELDS:
        type_name, name = path.split(".")
        field = objects(gs)[type_name].fields[name]  # a stale entry fails here
        assert not isinstance(field.type, GraphQLNonNull), f"{path} must be nullable"


def test_allow_list_names_real_fields() -> None:
    kinds = objects(schema())
    for path in NOT_MONEY:
        type_name, name = path.split(".")
        assert name in kinds[type_name].fields, path


def test_money_properties_come_from_the_specs() -> None:
    assert {
        "purchaseCost",
        "salvageValue",
        "annualCost",
        "unitCost",
    } == financials.FINANCIAL_PROPERTIES
    assert financials.money_mutations(schema()) == [
        "Mutation.createAsset",
        "Mutation.createContract",
        "Mutation.createLicense",
        "Mutation.updateAsset",
        "Mutation.updateContract",
        "Mutation.updateLicense",
    ]
