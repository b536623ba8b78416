"""Deny by default for scoped tokens, generated over the whole schema (against the real
Neo4j, with a small demo-like estate).

1. Every Query and Mutation field is called, its required arguments generated from their
   types (an id is always one of a real, hidden node), by a token whose scope matches
   nothing: a covered field answers nothing (null, an empty list, a zero count) or
   refuses (NOT_FOUND, OUTSIDE_SCOPES); any other field is refused by the scope guard.
2. A token that sees only an "island" (a CI, its asset, service, incident and change at
   one location) asks every object type it can reach for every field leading to other
   objects: a covered one shows no hidden node (name or id), any other is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
)
from graphql.pyutils import Undefined

from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.api.graphql.scope_guard import COVERED, uncovered
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.test_ci_crud import create_ci
from tests.api.test_relations import relate
from tests.api.test_scopes import scoped
from tests.api.test_scopes_neighbours import create_asset, open_incident
from tests.api.test_scopes_roots import create_change
from tests.conftest import GQL

SCHEMA = build_schema(Settings())._schema
GUARDED = set(uncovered(SCHEMA))
#: Relay connections and their edge types: one step with the nodes they page
RELAY = {
    name
    for name, kind in SCHEMA.type_map.items()
    if isinstance(kind, GraphQLObjectType) and name.endswith("Connection")
} | {
    get_named_type(kind.fields["edges"].type).name
    for name, kind in SCHEMA.type_map.items()
    if isinstance(kind, GraphQLObjectType)
    and name.endswith("Connection")
    and "edges" in kind.fields
}

#: covered fields that answer about tokens, not about nodes of the graph: a scoped admin
#: manages tokens like any admin (what they answer is not "nothing")
EXEMPT = {"Query.apiTokens", "Mutation.createToken", "Mutation.revokeToken"}
#: the refusals a covered field may answer with when nothing is visible
REFUSALS = {"NOT_FOUND", "OUTSIDE_SCOPES"}
SCALARS: dict[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Date": "2030-01-01",
    "DateTime": "2030-01-01T00:00:00Z",
    "Decimal": "1",
    "JSON": {},
}
HIDDEN = "zzhidden"  # every hidden node's name starts so
#: input fields whose sample must differ from the type's (an end after its start)
FIELD_SAMPLES: dict[str, Any] = {"plannedEnd": "2030-01-01T02:00:00Z"}


def sample(kind: GraphQLInputType, node_id: str) -> Any:
    """A valid value of an input type (required input fields only)."""
    if isinstance(kind, GraphQLNonNull):
        return sample(kind.of_type, node_id)
    if isinstance(kind, GraphQLList):
        return [sample(kind.of_type, node_id)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            name: FIELD_SAMPLES[name] if name in FIELD_SAMPLES else sample(f.type, node_id)
            for name, f in kind.fields.items()
            if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined
        }
    return node_id if kind.name == "ID" else SCALARS[kind.name]


class Operation:
    """One generated operation: its variables collected as the fields are written."""

    def __init__(self, node_id: str) -> None:
        self.node_id = node_id
        self.defs: list[str] = []
        self.values: dict[str, Any] = {}

    def call(self, name: str, field: GraphQLField) -> str:
        args = []
        for arg_name, arg in field.args.items():  # required ones; the others' defaults
            if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
                var = f"v{len(self.defs)}"
                self.defs.append(f"${var}: {arg.type}")
                self.values[var] = sample(arg.type, self.node_id)
                args.append(f"{arg_name}: ${var}")
        return f"{name}({', '.join(args)})" if args else name

    def text(self, kind: str, body: str) -> str:
        defs = f"({', '.join(self.defs)})" if self.defs else ""
        return f"{kind}{defs} {{ {body} }}"


def leads(field: GraphQLField) -> bool:
    kinds = (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)
    return isinstance(get_named_type(field.type), kinds)


def small(field: GraphQLField) -> str:
    """A selection naming what the answer is: its type, ids, names and counts."""
    target = get_named_type(field.type)
    if not isinstance(target, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)):
        return ""
    names = ["__typename"]
    if isinstance(target, (GraphQLObjectType, GraphQLInterfaceType)):
        names += [n for n in ("id", "name", "totalCount") if n in target.fields]
    return "{ " + " ".join(names) + " }"


def empty(value: Any) -> bool:
    if isinstance(value, dict) and "totalCount" in value:
        return bool(value["totalCount"] == 0)
    return value is None or value == [] or value is False


def refused_by_guard(body: dict[str, Any], path: list[str]) -> bool:
    return any(
        e.get("path") == path and e.get("extensions", {}).get("reason") == "notScoped"
        for e in body.get("errors") or []
    )


async def estate(gql: GQL) -> dict[str, str]:
    """Hidden nodes (names starting with zzhidden) around an island at one location."""
    ids = {
        "web": await create_ci(gql, f"{HIDDEN}-web", "APPLICATION", environment="PRODUCTION"),
        "host": await create_ci(gql, f"{HIDDEN}-host", environment="PRODUCTION"),
        "island": await create_ci(gql, "island", "APPLICATION", environment="DEVELOPMENT"),
    }
    for name in (f"{HIDDEN}-shop", "isle"):
        made = await gql(
            "mutation($n: String!) { createService(input: {name: $n}) { id } }", {"n": name}
        )
        ids[name] = made["createService"]["id"]
    await relate(gql, ids["web"], "RUNS_ON", ids["host"])
    await relate(gql, ids["island"], "DEPENDS_ON", ids["web"])
    await relate(gql, ids[f"{HIDDEN}-shop"], "DEPENDS_ON", ids["web"])
    await relate(gql, ids["isle"], "DEPENDS_ON", ids["island"])
    ids["hiddenAsset"] = await create_asset(gql, f"{HIDDEN}-A1", ids["web"])
    ids["asset"] = await create_asset(gql, "A-island", ids["island"])
    site = await gql('mutation { createLocation(input: {name: "island-site"}) { id } }')
    await gql(
        "mutation($a: ID!, $l: ID) { locateAsset(assetId: $a, locationId: $l) { id } }",
        {"a": ids["asset"], "l": site["createLocation"]["id"]},
    )
    ids["incident"] = await open_incident(gql, "island down", ids["island"], ids["web"])
    ids["change"] = await create_change(gql, "island patch", ids["island"], ids["web"])
    await open_incident(gql, f"{HIDDEN} incident", ids["web"])
    return ids


def root_fields() -> Iterator[tuple[str, str, GraphQLField]]:
    for kind, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type)):
        assert root is not None
        for name, field in root.fields.items():
            yield kind, f"{root.name}.{name}", field


async def test_every_root_field_answers_nothing_or_is_refused_to_a_scope_matching_nothing(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    nothing = await scoped(client, db, Role.ADMIN, (ScopeKind.SERVICE, "no-such-service"))
    problems = []
    for kind, path, field in root_fields():
        if path in EXEMPT:
            continue
        name = path.split(".")[1]
        op = Operation(ids["web"])
        call = op.call(name, field)
        body = (await nothing.raw(op.text(kind, f"{call} {small(field)}"), op.values)).json()
        if path not in COVERED:
            if not refused_by_guard(body, [name]):
                problems.append(f"{path} is not covered and was not refused: {body}")
            continue
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
        if codes - REFUSALS or refused_by_guard(body, [name]):
            problems.append(f"{path}: unexpected errors {body['errors']}")
        elif not codes and not empty((body.get("data") or {}).get(name)):
            problems.append(f"{path} answered something: {body['data']}")
    assert not problems, "\n".join(problems)


#: the island's objects: how to fetch each by id
ISLAND = {
    "CI": "ci",
    "Service": "service",
    "Asset": "asset",
    "Incident": "incident",
    "Change": "change",
}
ISLAND_IDS = {
    "CI": "island",
    "Service": "isle",
    "Asset": "asset",
    "Incident": "incident",
    "Change": "change",
}


def covered_tree(kind: GraphQLObjectType, op: Operation, depth: int) -> str:
    """Every covered field leading on from ``kind``, recursively, with ids and names."""
    parts = [n for n in ("__typename", "id", "name") if n == "__typename" or n in kind.fields]
    for name, field in kind.fields.items():
        path = f"{kind.name}.{name}"
        target = get_named_type(field.type)
        if path not in COVERED or not leads(field) or depth == 0:
            continue
        if isinstance(target, GraphQLObjectType):
            parts.append(f"{op.call(name, field)} {{ {covered_tree(target, op, depth - 1)} }}")
        else:
            parts.append(f"{op.call(name, field)} {small(field)}")
    return " ".join(parts)


async def test_from_what_a_scoped_token_sees_every_field_hides_or_is_refused(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await estate(gql)
    island = await scoped(client, db, Role.VIEWER, (ScopeKind.LOCATION, "island-site"))
    hidden = [ids["web"], ids["host"], ids["hiddenAsset"], ids[f"{HIDDEN}-shop"], HIDDEN]
    problems = []
    for type_name, root in ISLAND.items():
        kind = SCHEMA.type_map[type_name]
        assert isinstance(kind, GraphQLObjectType)
        node_id = ids[ISLAND_IDS[type_name]]
        # everything covered, three levels deep, shows no hidden node
        op = Operation(ids["web"])
        tree = covered_tree(kind, op, 3)
        op.defs.append("$root: ID!")
        op.values["root"] = node_id
        body = (
            await island.raw(op.text("query", f"{root}(id: $root) {{ {tree} }}"), op.values)
        ).json()
        answer = json.dumps(body)
        assert body["data"][root] is not None, (type_name, body)
        problems += [f"{type_name}: {h} shown in {answer}" for h in hidden if h in answer]
        # every field leading on that is not covered is refused
        for name, field in kind.fields.items():
            if f"{type_name}.{name}" not in GUARDED:
                continue
            op = Operation(ids["web"])
            call = op.call(name, field)
            op.defs.append("$root: ID!")
            op.values["root"] = node_id
            text = op.text("query", f"{root}(id: $root) {{ {call} {small(field)} }}")
            body = (await island.raw(text, op.values)).json()
            if not refused_by_guard(body, [root, name]):
                problems.append(f"{type_name}.{name} was not refused: {body}")
    assert not problems, "\n".join(problems)


def answer_tree(kind: GraphQLObjectType, op: Operation, depth: int) -> str:
    """Every scalar (without required arguments) and every field leading on that is not
    refused, recursively: what a root field can show of the graph. A connection and its
    edges are one step with their nodes (a history's entries are read, not just its
    page info)."""
    parts = ["__typename"]
    step = 0 if kind.name in RELAY else 1
    for name, field in kind.fields.items():
        target = get_named_type(field.type)
        needs_args = any(isinstance(a.type, GraphQLNonNull) for a in field.args.values())
        if not leads(field):
            if not needs_args:
                parts.append(name)
            continue
        if f"{kind.name}.{name}" in GUARDED or depth == 0:
            continue
        if isinstance(target, GraphQLObjectType):
            below = answer_tree(target, op, depth - step)
            parts.append(f"{op.call(name, field)} {{ {below} }}")
        else:
            parts.append(f"{op.call(name, field)} {small(field)}")
    return " ".join(parts)


def refused_whole(body: dict[str, Any]) -> bool:
    """Refused before any field ran (over the cost or depth limit): no error has a path."""
    assert "data" in body or "errors" in body, body  # a GraphQL answer, not a 429 or 413
    errors = body.get("errors") or []
    return body.get("data") is None and bool(errors) and not any(e.get("path") for e in errors)


def leads_to_connection(target: Any, subject: str) -> bool:
    return get_named_type(target.fields[subject].type).name in RELAY


def part(target: Any, subject: str | None, op: Operation, depth: int) -> str:
    """The selection on a root field: its scalars (``subject`` None), or one field leading
    on, ``depth`` levels below it."""
    if not isinstance(target, GraphQLObjectType):
        return small(GraphQLField(target))
    if subject is None:
        return f"{{ {answer_tree(target, op, 0)} }}"
    field = target.fields[subject]
    if f"{target.name}.{subject}" in GUARDED:
        return "{ __typename }"
    below = get_named_type(field.type)
    if isinstance(below, GraphQLObjectType):
        inner = f"{{ {answer_tree(below, op, depth)} }}"
    else:
        inner = small(field)
    return f"{{ __typename {op.call(subject, field)} {inner} }}"


async def test_covered_root_fields_asked_about_what_a_scoped_token_sees_show_nothing_hidden(
    gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    """Each covered Query field, its ids those of the island's objects in turn, shows no
    hidden node: the drawings, trees and reports reach hidden nodes from visible ones."""
    ids = await estate(gql)
    island = await scoped(client, db, Role.VIEWER, (ScopeKind.LOCATION, "island-site"))
    hidden = [ids["web"], ids["host"], ids["hiddenAsset"], ids[f"{HIDDEN}-shop"], HIDDEN]
    problems = []
    for kind, path, field in root_fields():
        target = get_named_type(field.type)
        takes_ids = any(get_named_type(a.type).name == "ID" for a in field.args.values())
        if kind != "query" or path not in COVERED or path in EXEMPT or not takes_ids:
            continue
        # one document per field leading on (the whole tree at once is over the cost
        # budget), as deep as the budget allows: a refused document checks nothing
        subjects: list[str | None] = [None]
        if isinstance(target, GraphQLObjectType):
            subjects += [n for n, f in target.fields.items() if leads(f)]
        for key in ISLAND_IDS.values():
            for subject in subjects:
                # a connection is read down to its nodes (depth 1 at least), else checks
                # nothing but its count
                depths = (2, 1) if subject and leads_to_connection(target, subject) else (2, 1, 0)
                for depth in depths:
                    op = Operation(ids[key])
                    call = op.call(path.split(".")[1], field)
                    selection = part(target, subject, op, depth)
                    text = op.text("query", f"{call} {selection}")
                    body = (await island.raw(text, op.values)).json()
                    if not refused_whole(body):  # asked (a field's own refusal is fine)
                        break
                else:
                    problems.append(f"{path}({key}) {subject} was not asked: {body['errors']}")
                answer = json.dumps(body)
                problems += [
                    f"{path}({key}) {subject}: {h} shown in {answer}" for h in hidden if h in answer
                ]
    assert not problems, "\n".join(problems)
