"""Adding a property to a node type is one edit to its spec's field model.

A throw-away spec (the CI spec whose model gained ``rackUnit``, indexed) is checked to
reach the constraint/index DDL, the generated upsert (against the real Neo4j), the
import columns, the generic service's row validation and the GraphQL input and output
types, with no other edit.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from typing import Annotated

import pytest
import strawberry
from pydantic import Field, ValidationError

from graphcmdb.api.graphql.from_models import model_input, model_output
from graphcmdb.db.database import Database
from graphcmdb.discovery.precedence import DiscoverableField
from graphcmdb.domain.models import CICreate
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph import cypher_gen
from graphcmdb.graph.ddl import spec_ddl
from graphcmdb.importing.kinds import spec_columns
from graphcmdb.services import nodes


class CICreateWithRackUnit(CICreate):
    rackUnit: Annotated[int, Field(ge=1, le=60)] | None = None


SPEC = dataclasses.replace(
    CI_SPEC, fields=CICreateWithRackUnit, indexed=(*CI_SPEC.indexed, "rackUnit")
)


def test_the_new_field_is_a_property_and_an_import_column() -> None:
    assert "rackUnit" in SPEC.all_properties
    assert "rackUnit" not in CI_SPEC.all_properties
    assert spec_columns(SPEC, "name", "ciClass")[-1] == "rackUnit"
    assert "rackUnit" not in spec_columns(CI_SPEC, "name", "ciClass")


def test_the_new_field_is_validated_by_the_generic_row_check() -> None:
    row = nodes.upsert_row(SPEC, {"name": "r1", "ciClass": "Server", "rackUnit": 12})
    assert row["props"]["rackUnit"] == 12
    assert (row["ciClass"], row["name"]) == ("Server", "r1")
    with pytest.raises(ValidationError, match="rackUnit"):
        nodes.upsert_row(SPEC, {"name": "r1", "ciClass": "Server", "rackUnit": 99})


async def test_the_index_and_the_upsert_reach_the_database(db: Database) -> None:
    index = "CREATE INDEX ci_rack_unit_index IF NOT EXISTS FOR (n:CI) ON (n.rackUnit)"
    assert index in spec_ddl(SPEC)
    assert index not in spec_ddl(CI_SPEC)
    try:
        for statement in spec_ddl(SPEC):
            await db.run_raw(statement)
        indexes = await db.run_raw(
            "SHOW INDEXES YIELD name, labelsOrTypes, properties "
            "WHERE labelsOrTypes = ['CI'] AND properties = ['rackUnit'] RETURN name"
        )
        assert [i["name"] for i in indexes] == ["ci_rack_unit_index"]

        upsert = cypher_gen.upsert_statement(SPEC)
        row = nodes.upsert_row(SPEC, {"name": "r1", "ciClass": "Server", "rackUnit": 12})
        now = datetime.now(UTC)
        [first] = (await db.run_raw(upsert, rows=[row], now=now))[0]["rows"]
        later = datetime.now(UTC)
        [again] = (await db.run_raw(upsert, rows=[row | {"id": "other"}], now=later))[0]["rows"]
        assert (first["created"], again["changed"]) == (True, False)
        stored = await db.run_raw(
            "MATCH (c:CI:Server {name: 'r1'}) RETURN c.rackUnit AS ru, c.id AS id"
        )
        assert stored == [{"ru": 12, "id": first["id"]}]
    finally:
        await db.run_raw("DROP INDEX ci_rack_unit_index IF EXISTS")


def test_discovery_owns_exactly_the_fields_the_spec_calls_discoverable() -> None:
    assert {f.value for f in DiscoverableField} == set(CI_SPEC.discoverable)
    assert set(CI_SPEC.discoverable) <= set(CI_SPEC.field_names)


@strawberry.input
@model_input(CICreateWithRackUnit)
class ThrowAwayCIInput:
    pass


@strawberry.type
@model_output(CICreateWithRackUnit)
class ThrowAwayCI:
    pass


@strawberry.type
class ThrowAwayQuery:
    @strawberry.field
    def ci(self, input: ThrowAwayCIInput) -> ThrowAwayCI | None:
        return None


def test_the_graphql_input_and_output_types_pick_the_field_up() -> None:
    sdl = strawberry.Schema(query=ThrowAwayQuery).as_str()
    assert re.search(r"input ThrowAwayCIInput \{[^}]*\brackUnit: Int\b", sdl)
    assert re.search(r"type ThrowAwayCI \{[^}]*\brackUnit: Int\b", sdl)
