"""Generated artefacts never drift: schema DDL vs specs, the Cypher catalogue, schema.graphql."""

from __future__ import annotations

import re
from pathlib import Path

from graphcmdb.api.graphql.core.types import CIType, ServiceType
from graphcmdb.api.graphql.export import schema_sdl
from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.db.schema import applied_version, latest_version, migrate
from graphcmdb.domain.models import CICreate, ServiceCreate
from graphcmdb.domain.specs import CI_SPEC, NODE_SPECS, SERVICE_SPEC
from graphcmdb.graph.ddl import unique_keys

ROOT = Path(__file__).resolve().parents[2]


async def test_migrate_is_idempotent_and_records_the_version(db: Database) -> None:
    assert await migrate(db) == latest_version()
    assert await migrate(db) == latest_version()
    assert await applied_version(db) == latest_version()
    rows = await db.run_raw("MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v")
    assert [r["v"] for r in rows] == list(range(1, latest_version() + 1))


async def test_every_spec_key_has_a_constraint_and_every_indexed_property_an_index(
    db: Database,
) -> None:
    constraints = await db.run_raw(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] AS label, properties"
    )
    indexes = await db.run_raw(
        "SHOW INDEXES YIELD labelsOrTypes, properties, type WHERE type = 'RANGE' "
        "RETURN labelsOrTypes[0] AS label, properties"
    )
    have_unique = {(c["label"], tuple(c["properties"])) for c in constraints}
    have_index = {(i["label"], tuple(i["properties"])) for i in indexes} | have_unique
    for spec in NODE_SPECS:
        label = spec.label.value
        for key in unique_keys(spec):
            assert (label, key) in have_unique, f"{label}{key} lacks a unique constraint"
        for prop in spec.indexed:
            assert (label, (prop,)) in have_index, f"{label}.{prop} lacks an index"


def test_pydantic_models_and_graphql_types_cover_the_specs() -> None:
    internal = {"id", "createdAt", "updatedAt", "ciClass", "sources", "firstSeen", "lastSeen",
                "classSource"}  # fmt: skip
    hidden = {"discoveredFields"}  # discovery's bookkeeping, not part of the API
    for spec, model, gql_type in (
        (CI_SPEC, CICreate, CIType),
        (SERVICE_SPEC, ServiceCreate, ServiceType),
    ):
        gql_fields = {f.name for f in gql_type.__strawberry_definition__.fields}
        for prop in set(spec.all_properties) - hidden:
            assert prop in gql_fields, f"GraphQL type {gql_type.__name__} lacks {prop}"
            if prop not in internal:
                assert prop in model.model_fields, f"{model.__name__} lacks {prop}"


async def test_every_catalogue_query_compiles(db: Database) -> None:
    catalogue = get_catalogue()
    for name in catalogue.names:
        await db.run_raw("EXPLAIN " + catalogue.text(name))
    # and what a caller with scopes runs instead (graph/visibility.py)
    assert catalogue.scoped_names, "no statement tests visibility"
    for name in catalogue.scoped_names:
        assert "$scoped" in catalogue.scoped_text(name)
        assert "$scoped" not in catalogue.text(name)  # the unscoped caller's plan stays small
        await db.run_raw("EXPLAIN " + catalogue.scoped_text(name))


def test_no_catalogue_file_is_unused() -> None:
    source = "\n".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))
    used = set(re.findall(r"\bQ\.([A-Z_]+)\b", source))
    unused = [q.value for q in Q if q.name not in used]
    assert not unused, f"Cypher files nobody runs: {unused}"
    files = {
        p.relative_to(ROOT / "cypher").with_suffix("").as_posix()
        for p in (ROOT / "cypher").rglob("*.cypher")
        if p.parent.name != "schema"
    }
    assert files == {q.value for q in Q}


def test_schema_graphql_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema_sdl(), "schema.graphql is stale: run `graphcmdb export-schema`"
