"""A nested read by name completed in one pass (``api/graphql/core/named_tree.py``)
answers byte for byte what graphql-core's own completion answers, for aliases,
fragments, ``__typename``, ``@skip``/``@include`` and both edge lists, in the same round
trips per level; a selection asking more than names below falls back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphcmdb.api.graphql.context import Context
from graphcmdb.api.graphql.core import named_tree
from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.services.actor import system_actor
from tests.api.test_named_edges import estate

DOCUMENTS = [
    # the peers benchmark's nested read
    """{ services(first: 100) { edges { node { id name
      dependsOn { node { id name ... on Dependable {
        dependsOn { node { id name } } } } } } } } }""",
    # every edge field, both lists, three levels, __typename and labels
    """{ services(first: 5) { edges { node { dependsOn { id type kind node { __typename id name labels
      ... on Dependable { dependents { type node { name } }
        dependsOn { kind node { id ... on CI { labels dependsOn { type node { name } } } } } }
    } } } } } }""",
    # aliases, a fragment spread, a field twice, skip and include
    """query($no: Boolean!) { services(first: 5) { edges { node {
      needs: dependsOn { t: type node { ...Named who: name } }
      dependsOn { node { id @skip(if: $no) name @include(if: $no) id
        ... on CI { below: dependsOn @include(if: true) { node { __typename id } } } } } } } } }
    fragment Named on Node { id name }""",
    # both lists below, each with a level under it, asked of one type or the other
    """{ services(first: 5) { edges { node { dependsOn { node {
      ... on CI { dependsOn { node { ... on CI { dependsOn { node { id } } } } }
                  dependents { node { ... on Service { dependsOn { node { name } } } } } }
      ... on Service { dependents { node { id } } } } } } } } }""",
]


async def execute(
    settings: Settings, db: Database, document: str, plain: bool
) -> tuple[dict[str, Any], int]:
    schema = build_schema(settings)
    if plain:
        schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    context = Context(db=db, settings=settings, actor=system_actor("test"))
    before = db.round_trips
    result = await schema.execute(document, {"no": False}, context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data, db.round_trips - before


@pytest.mark.parametrize("document", DOCUMENTS)
async def test_one_pass_answer_is_graphql_cores(
    settings: Settings, db: Database, document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await estate(db, 3)
    built: list[object] = []
    real_to_edge = core_types.to_edge

    def counted(*args: Any) -> Any:
        built.append(args[0])
        return real_to_edge(*args)

    monkeypatch.setattr(core_types, "to_edge", counted)
    fast, fast_trips = await execute(settings, db, document, plain=False)
    assert built == []  # no edge object made: completed in one pass
    reference, trips = await execute(settings, db, document, plain=True)
    assert built  # graphql-core's completion makes them
    assert json.dumps(fast) == json.dumps(reference)
    assert fast_trips <= trips  # the levels are read together, never more often
    edges = [e for s in fast["services"]["edges"] for e in s["node"]["dependsOn"]]
    assert len(edges) == 6  # each service needs its app cluster and the database


async def test_a_level_asking_more_than_names_falls_back(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await estate(db, 2)
    document = """{ services(first: 5) { edges { node { dependsOn { node { name
      ... on Dependable { dependsOn { node { name ... on CI { status } } } } } } } } } }"""
    read: list[object] = []
    real_rows = named_tree.rows

    async def counted(*args: Any) -> Any:
        read.append(args[2])
        return await real_rows(*args)

    monkeypatch.setattr(named_tree, "rows", counted)
    fast, _ = await execute(settings, db, document, plain=False)
    reference, _ = await execute(settings, db, document, plain=True)
    assert json.dumps(fast) == json.dumps(reference)
    statuses = [
        e["node"]["status"]
        for s in fast["services"]["edges"]
        for d in s["node"]["dependsOn"]
        for e in d["node"]["dependsOn"]
    ]
    assert statuses
    assert all(statuses)
    assert read == []  # nothing read ahead for a level the shape cannot complete


async def test_a_list_left_out_by_a_directive_is_not_read_ahead(
    settings: Settings, db: Database
) -> None:
    await estate(db, 2)
    without = """{ services { edges { node { dependsOn { node { id } } } } } }"""
    skipped = """query($no: Boolean!) { services { edges { node { dependsOn { node { id
      ... on CI { dependsOn @include(if: $no) { node { id } } } } } } } } }"""
    _, trips = await execute(settings, db, without, plain=False)
    data, skipped_trips = await execute(settings, db, skipped, plain=False)
    assert skipped_trips == trips  # $no is false: that level is never read
    assert all(
        "dependsOn" not in d["node"]
        for s in data["services"]["edges"]
        for d in s["node"]["dependsOn"]
    )
