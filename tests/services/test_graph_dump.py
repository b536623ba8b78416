"""The whole graph as JSON lines: the demo exported, loaded into an emptied database and
exported again gives the same bytes; nothing escapes the dump but the declared
exclusions; secrets stay sealed; bad files and non-empty databases are refused with
nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.demo import load_full_demo
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.errors import ValidationFailed
from graphcmdb.services import graph_dump
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery_credentials import create_credential_set
from tests.api.test_node_permissions import graph_state
from tests.cli.test_cli import run_cli
from tests.conftest import WIPE

SECRET = "c0mmunity-n0t-in-clear"


async def test_demo_round_trips_byte_for_byte(db: Database) -> None:
    await load_full_demo(db)
    await create_credential_set(
        db,
        system_actor("test"),
        CredentialSetCreate.model_validate(
            {"name": "lab", "version": "V2C", "community": SECRET, "allowInsecure": True}
        ),
    )
    await db.run_raw("CREATE (:ApiToken {id: 'tok', hash: 'h'})")
    stages: list[str] = []
    first = await graph_dump.export_lines(db, lambda s, d, t: stages.append(s))
    assert {"reading nodes", "reading relationships"} <= set(stages)
    header = json.loads(first[0])
    # nothing escapes: every node but the excluded ones, every relationship between them
    [counts] = await db.run_raw(
        "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:ApiToken "
        "AND NOT n:Timeline AND NOT n:State "  # history is not carried (see the README)
        "RETURN count(n) AS nodes, COUNT { MATCH (a)-[]->(b) "
        "WHERE NOT a:ApiToken AND NOT b:ApiToken AND NOT a:Timeline } AS rels"
    )
    assert (header["nodes"], header["relationships"]) == (counts["nodes"], counts["rels"])
    assert header["nodes"] > 1000
    assert len(first) == 1 + header["nodes"] + header["relationships"]
    types = {json.loads(x)["type"] for x in first[1 + header["nodes"] :]}
    assert types <= graph_dump.REL_TYPES
    assert len(types) > 10
    text = "\n".join(first)
    assert SECRET not in text
    assert '"community":"' in text  # sealed, as stored
    assert '"ApiToken"' not in "\n".join(first[1:])  # the header names it as excluded
    await db.run_raw(WIPE)
    loaded = await graph_dump.import_lines(db, iter(first))
    assert (loaded.nodes, loaded.relationships) == (header["nodes"], header["relationships"])
    again = await graph_dump.export_lines(db)
    changed = [(a, b) for a, b in zip(first, again, strict=False) if a != b][:3]
    assert again == first, f"{len(first)} → {len(again)} lines; first differences: {changed}"
    [again] = await db.run_raw(
        "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:Timeline AND NOT n:State "
        "RETURN count(n) AS nodes, COUNT { MATCH (a)-[]->() WHERE NOT a:Timeline } AS rels"
    )
    assert (again["nodes"], again["rels"]) == (header["nodes"], header["relationships"])


async def test_the_order_is_the_graphs_not_the_databases(db: Database) -> None:
    """Nodes of one set of labels are ordered by their properties, not as the database
    happens to store them: the same graph created in the opposite order, same bytes."""
    create = "CREATE (:CI:Entity:Server {id: $id, name: $id, ciClass: 'Server'})"
    for node_id in ("a", "b", "c"):
        await db.run_raw(create, id=node_id)
    forwards = await graph_dump.export_lines(db)
    await db.run_raw(WIPE)
    for node_id in ("c", "b", "a"):
        await db.run_raw(create, id=node_id)
    assert await graph_dump.export_lines(db) == forwards
    assert [json.loads(x)["props"]["id"] for x in forwards[1:]] == ["a", "b", "c"]


async def test_a_database_with_data_and_bad_files_are_refused(db: Database) -> None:
    await db.run_raw("CREATE (:CI:Entity:Server {id: 'x', name: 'x', ciClass: 'Server'})")
    lines = await graph_dump.export_lines(db)
    with pytest.raises(ValidationFailed, match="already holds 1 nodes"):
        await graph_dump.import_lines(db, iter(lines))
    await db.run_raw(WIPE)
    bad = [
        [*lines[:1], '{"labels":["Teapot"],"n":0,"props":{}}'],
        [*lines[:1], '{"labels":["ApiToken"],"n":0,"props":{}}'],
        [*lines, '{"from":0,"props":{},"to":0,"type":"OWNS_ALL"}'],
        [*lines, '{"from":0,"props":{},"to":7,"type":"DEPENDS_ON"}'],
        [*lines[:1], '{"labels":["CI"],"n":0,"props":{"at":{"$":"datetime","v":"soon"}}}'],
        [*lines, lines[1]],  # a node number given twice
        ["{}"],
    ]
    for text in bad:
        with pytest.raises(ValidationFailed):
            await graph_dump.import_lines(db, iter(text))
    assert await graph_state(db) == []


async def test_the_cli_exports_and_imports_with_progress(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    await db.run_raw(
        "CREATE (:CI:Entity:Server {id: 'a', name: 'a', ciClass: 'Server'})"
        "-[:DEPENDS_ON {kind: 'hard'}]->(:Service:Entity {id: 's', name: 's'})"
    )
    path = tmp_path / "cmdb.jsonl"
    done = run_cli(settings, "graph", "export", str(path))
    assert done.returncode == 0, done.stderr
    assert "3 lines written" in done.stdout  # two nodes, one relationship
    refused = run_cli(settings, "graph", "import", str(path))
    assert refused.returncode == 1
    assert "already holds 2 nodes" in refused.stderr
    before = path.read_bytes()
    await db.run_raw(WIPE)
    loaded = run_cli(settings, "graph", "import", str(path))
    assert loaded.returncode == 0, loaded.stderr
    assert "2 nodes and 1 relationships loaded" in loaded.stdout
    assert run_cli(settings, "graph", "export", str(path)).returncode == 0
    assert path.read_bytes() == before
