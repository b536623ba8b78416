"""Bad input gets a typed answer that says what was wrong, never a masked internal error."""

from __future__ import annotations

import json

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
)

from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from tests.conftest import GQL


@pytest.mark.parametrize(
    ("query", "variables", "says"),
    [
        ("query($s: CIStatus) { cis(filter: {status: $s}) { totalCount } }", {"s": "NOPE"},
         "'NOPE'"),
        ("query($c: Int) { cis(first: $c) { totalCount } }", {"c": 10**12}, "32-bit"),
        ("query($d: DateTime) { staleCIs(asOf: $d) { confirmedAt } }", {"d": "not-a-date"},
         "not-a-date"),
    ],
)  # fmt: skip
async def test_a_variable_that_does_not_fit_its_type_is_a_typed_error(
    gql: GQL, query: str, variables: dict[str, object], says: str
) -> None:
    err = await gql.error(query, variables)
    assert err["extensions"]["code"] == "BAD_USER_INPUT"
    assert says in err["message"]
    assert "Internal error" not in err["message"]


async def test_an_oversized_search_text_is_refused_with_the_limit(gql: GQL) -> None:
    query = "query($t: String) { cis(filter: {text: $t}) { totalCount } }"
    err = await gql.error(query, {"t": "x" * 5000})
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("VALIDATION_FAILED", "text")
    assert "at most 200 characters" in err["message"]
    fine = await gql(query, {"t": "web db"})
    assert fine["cis"]["totalCount"] == 0


# --- every argument of every root field, given hostile values -----------------------

SCHEMA = build_schema(Settings())
HUGE = "x" * 20_000


def _hostile(kind: GraphQLInputType) -> object | None:
    """A value of ``kind`` that no sane caller sends (None: no such value to send)."""
    kind = kind.of_type if isinstance(kind, GraphQLNonNull) else kind
    if isinstance(kind, GraphQLList):
        inner = _hostile(kind.of_type)
        return None if inner is None else [inner] * 3
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))  # valid: the other arguments are the hostile ones
    if isinstance(kind, GraphQLScalarType):
        return {
            "ID": HUGE,
            "String": HUGE,
            "Int": -(2**31),
            "Float": -1e308,
            "Boolean": True,
            "DateTime": "9999-99-99T99:99:99",
            "Date": "0000-00-00",
            "JSON": {"a": [HUGE]},
        }.get(kind.name)
    return None  # input objects: covered by their own tests


def _document(operation: str, name: str, field: GraphQLField) -> tuple[str, dict[str, object]]:
    variables: dict[str, object] = {}
    declared: list[str] = []
    for arg_name, arg in field.args.items():
        value = _hostile(arg.type)
        if value is None:
            if isinstance(arg.type, GraphQLNonNull):
                raise LookupError(f"{name}.{arg_name}: no hostile value for {arg.type}")
            continue
        variables[arg_name] = value
        declared.append(f"${arg_name}: {arg.type}")
    passed = ", ".join(f"{a}: ${a}" for a in variables)
    returns = get_named_type(field.type)
    selection = (
        " { __typename }"
        if isinstance(returns, GraphQLObjectType | GraphQLUnionType | GraphQLInterfaceType)
        else ""
    )
    call = f"{name}({passed})" if passed else name
    head = f"{operation}({', '.join(declared)})" if declared else operation
    return f"{head} {{ {call}{selection} }}", variables


def _cases(operation: str) -> list[object]:
    root = SCHEMA._schema.get_type(operation.capitalize())  # graphql-core's view of it
    assert isinstance(root, GraphQLObjectType)
    cases = []
    for name, field in root.fields.items():
        if not field.args:
            continue
        try:
            query, variables = _document(operation, name, field)
        except LookupError:
            continue  # a required input object: its own tests send it bad values
        cases.append(pytest.param(query, variables, id=name))
    return cases


@pytest.mark.parametrize(("query", "variables"), [*_cases("query"), *_cases("mutation")])
async def test_no_argument_value_reaches_a_masked_internal_error(
    admin_gql: GQL, query: str, variables: dict[str, object]
) -> None:
    """Every root field with arguments, called as an admin with a 20,000-character id or
    text, the smallest Int, a negative Float and impossible dates: each answer is data or
    typed errors (an ``extensions.code``), never "Internal error"."""
    body = (await admin_gql.raw(query, variables)).json()
    for error in body.get("errors") or []:
        assert "Internal error" not in error["message"], (query, error)
        assert (error.get("extensions") or {}).get("code"), (query, error)
    if query.startswith("mutation") and HUGE in json.dumps(variables):
        assert body.get("errors"), f"a write took a 20,000-character value: {query}"
