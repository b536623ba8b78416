"""impact's nodes completed in one pass (``api/graphql/compact.py``) answer exactly what
graphql-core's own completion answers: same values, same keys in the same order, for
aliases, fragments, ``__typename`` and ``@skip``/``@include``; a selection the shape does
not cover falls back to the ordinary completion."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphcmdb.api.graphql import compact
from graphcmdb.api.graphql.context import Context
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef
from graphcmdb.api.graphql.impact.types import NODE_IMPACT, NodeImpactType
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.services.actor import system_actor
from tests.impact_fixtures import worked_example

DOCUMENTS = [
    """query($down: [ID!]!) { impact(down: $down) { nodes { node { id } status } } }""",
    """query($down: [ID!]!) { impact(down: $down) {
      summary { nodesDown } nodes { node { id name labels criticality hidden }
      status path pathIds distance } } }""",
    # aliases, __typename, a fragment on each type, a field twice, skip and include
    """query($down: [ID!]!, $no: Boolean!) { impact(down: $down) { nodes {
      __typename s: status ...N node { __typename who: name ...R id }
      distance @skip(if: $no) path @include(if: $no) pathIds @include(if: true)
      ... on NodeImpact { d: distance status } } } }
    fragment N on NodeImpact { node { labels } st: status }
    fragment R on ImpactNodeRef { hidden criticality id }""",
    # two aliases of nodes in one report
    """query($down: [ID!]!) { impact(down: $down) {
      a: nodes { status } b: nodes { node { name } } } }""",
]


async def execute(
    settings: Settings, db: Database, document: str, down: list[str], plain: bool
) -> dict[str, Any]:
    schema = build_schema(settings)
    if plain:
        schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    context = Context(db=db, settings=settings, actor=system_actor("test"))
    result = await schema.execute(document, {"down": down, "no": False}, context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


@pytest.mark.parametrize("document", DOCUMENTS)
async def test_compact_answer_is_graphql_cores(
    settings: Settings, db: Database, document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    used = []
    original = compact.CompactExecution._complete_compact

    def spy(self: Any, *args: Any) -> Any:
        answer = original(self, *args)
        used.append(len(answer))
        return answer

    monkeypatch.setattr(compact.CompactExecution, "_complete_compact", spy)
    for down in ([ids["h1"]], [ids["web3"], ids["h2"]]):
        fast = await execute(settings, db, document, down, plain=False)
        reference = await execute(settings, db, document, down, plain=True)
        assert json.dumps(fast) == json.dumps(reference)  # key order too
        assert fast["impact"][next(k for k in fast["impact"] if k != "summary")]
    assert used  # the one-pass completion answered
    assert all(n > 0 for n in used)


async def test_a_field_the_shape_does_not_cover_falls_back(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    node_impact = cast(dict[str, compact.Getter], NODE_IMPACT.scalars["NodeImpact"])
    monkeypatch.delitem(node_impact, "distance")  # now unknown to the shape
    document = DOCUMENTS[1]
    fast = await execute(settings, db, document, [ids["h1"]], plain=False)
    reference = await execute(settings, db, document, [ids["h1"]], plain=True)
    assert json.dumps(fast) == json.dumps(reference)
    assert [n["status"] for n in fast["impact"]["nodes"]] == ["DOWN"] * 5


@pytest.mark.parametrize(
    ("type_", "names"),
    [
        (NodeImpactType, set(NODE_IMPACT.scalars["NodeImpact"]) | {"node"}),
        (ImpactNodeRef, set(NODE_IMPACT.scalars["ImpactNodeRef"])),
    ],
)
def test_shapes_hold_plain_fields_only(type_: type, names: set[str]) -> None:
    """A resolver, permission class or extension would be skipped by the one-pass
    completion: such a field must not be in a shape (it then falls back)."""
    fields = {f.python_name: f for f in type_.__strawberry_definition__.fields}  # type: ignore[attr-defined]
    assert names == set(fields)  # every field covered, none unknown
    for name in names:
        field = fields[name]
        assert field.base_resolver is None, name
        assert not field.permission_classes, name
        assert not field.extensions, name
