"""A graph dump loaded offline (``neo4j-admin database import full``) into a managed
Neo4j of its own: the demo, with the values CSV cannot carry, comes back byte for byte
with the schema applied; bad files and a database holding data are refused without
stopping the server; data the schema refuses leaves the database empty again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphcmdb import neo4j_server as ns
from graphcmdb.config import Settings
from graphcmdb.db import history
from graphcmdb.db.database import Database, Tx
from graphcmdb.demo import load_full_demo
from graphcmdb.errors import ValidationFailed
from graphcmdb.services import graph_dump
from graphcmdb.services.graph_offline import import_offline
from graphcmdb.services.graph_offline_csv import MARK
from tests.cli.test_cli import run_cli
from tests.conftest import WIPE
from tests.neo4j_server.test_provisioning import make_settings

SIZES = {"neo4j_heap": "512m", "neo4j_pagecache": "256m"}


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A managed server of this module's own: the import stops and starts it."""
    settings = make_settings(tmp_path_factory.mktemp("offline") / "state", **SIZES)
    ns.start(settings)
    yield settings
    ns.stop(settings, timeout=30)


async def in_own(settings: Settings, query: str) -> list[dict[str, object]]:
    db = Database(settings)
    try:
        return await db.run_raw(query)
    finally:
        await db.close()


async def export_own(settings: Settings) -> list[str]:
    db = Database(settings)
    try:
        return await graph_dump.export_lines(db)
    finally:
        await db.close()


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name"
AT = datetime(2026, 12, 7, 3, 0, 0, 123456, tzinfo=UTC)
HISTORY = (
    "MATCH (t:Timeline)-[v:STATE]->(s:State) "
    "RETURN {t: properties(t), v: properties(v), s: properties(s)} AS x "
    "UNION ALL MATCH (a:Timeline)-[w]->(b:Timeline) "
    "RETURN {a: a.id, type: type(w), b: b.id, w: properties(w)} AS x"
)


async def history_of(settings: Settings) -> list[str]:
    """Every version and history edge, as sorted lines (NaN compares as its text)."""
    return sorted(_line(r["x"]) for r in await in_own(settings, HISTORY))


async def _touch(tx: Tx, ids: list[str]) -> None:
    tx.touch(ids)


def _line(row: object) -> str:
    return json.dumps(row, sort_keys=True, default=str)


async def test_the_demo_and_what_csv_cannot_say_come_back_byte_for_byte(
    db: Database, own_server: Settings, tmp_path: Path
) -> None:
    await load_full_demo(db)
    # values a CSV field cannot carry (set afterwards), a text over two lines, quotes
    await db.run_raw(
        "MATCH (c:CI) WITH c ORDER BY c.id LIMIT 1 "
        "SET c.noTags = [], c.blankOnly = [''], c.split = ['a\u001fb', 'c'], "
        "c.ratio = 0.0 / 0.0, c.notes = 'line one\nline \"two\", with a comma', c.few = [1, 2]"
    )
    # a relationship with fix-ups (left to the seed, as of the files' time: neither it nor
    # its start has a createdAt)
    await db.run_raw(
        "MATCH (c:CI)-[r:DEPENDS_ON]->() WITH c, r ORDER BY r.id LIMIT 1 "
        "SET r.none = [] REMOVE r.createdAt, c.createdAt"
    )
    # versions valid from the import's time: an entity and relationships with no createdAt
    await db.run_raw(
        "MATCH (a:Server)-[r]-(:Entity) WITH a ORDER BY a.id LIMIT 1 "
        "MATCH (a)-[r]-(:Entity) REMOVE a.createdAt, r.createdAt"
    )
    first = await graph_dump.export_lines(db)
    header = json.loads(first[0])
    stages: list[str] = []
    report = await import_offline(
        own_server, write(tmp_path / "demo.jsonl", first), lambda s, d, t: stages.append(s), AT
    )
    assert (report.nodes, report.relationships) == (header["nodes"], header["relationships"])
    assert report.fixups == 2  # the CI and the relationship
    assert [name for name, _ in report.schema_steps] == [
        "fix-ups set",
        "schema: constraints, indexes, migrations, identity keys",
        "history seed of what the files left",  # the relationship with fix-ups
        "versions completed: fix-ups, label order",
        "secrets sealed",
    ]
    again = await export_own(own_server)
    changed = [(a, b) for a, b in zip(first, again, strict=False) if a != b][:3]
    assert again == first, f"{len(first)} → {len(again)} lines; first differences: {changed}"
    marked = await in_own(
        own_server,
        f"RETURN COUNT {{ MATCH (n) WHERE n.{MARK} IS NOT NULL }} + "
        f"COUNT {{ MATCH ()-[r]->() WHERE r.{MARK} IS NOT NULL }} AS n",
    )
    assert marked == [{"n": 0}]
    assert await in_own(own_server, CONSTRAINTS) == await db.run_raw(CONSTRAINTS)
    assert stages[0] == "checking and converting"
    assert "neo4j-admin import" in stages
    assert stages[-1] == "schema and indexes"
    # version one came with the files (what CSV could not carry, from the seed after the
    # fix-ups): the same as the seed makes of the whole graph
    imported = await history_of(own_server)
    # a write naming one entity of each label set, changing nothing: no new version
    # (the States' label order is Neo4j's, every property as it is; not the CI holding
    # NaN, which the capture finds changed at every write, NaN being unequal to itself)
    touched = await in_own(
        own_server,
        "MATCH (n:Entity) WHERE n.ratio IS NULL WITH labels(n) AS l, min(n.id) AS id RETURN id",
    )
    writer = Database(own_server)
    try:
        await writer.write(lambda tx: _touch(tx, [str(r["id"]) for r in touched]))
    finally:
        await writer.close()
    after = await history_of(own_server)
    assert after == imported, sorted(set(after) ^ set(imported))[:4]
    entities = await in_own(own_server, "MATCH (n:Entity) RETURN count(n) AS n")
    assert sum(x.startswith('{"s": ') for x in imported) == entities[0]["n"] > 1000
    await in_own(own_server, "MATCH (n) WHERE n:Timeline OR n:State DETACH DELETE n")
    seeder = Database(own_server)
    try:
        await history.seed(seeder, AT)
    finally:
        await seeder.close()
    seeded = await history_of(own_server)
    assert len(imported) == len(seeded)
    assert imported == seeded, [(a, b) for a, b in zip(imported, seeded, strict=True) if a != b][:2]


TINY = [
    '{"excluded":[],"format":"graphcmdb-graph","nodes":2,"relationships":1,"version":1}',
    '{"labels":["CI","Entity","Server"],"n":0,"props":{"ciClass":"Server","id":"a","name":"a"}}',
    '{"labels":["Entity","Service"],"n":1,"props":{"id":"s","name":"s"}}',
    '{"from":0,"props":{"kind":"hard"},"to":1,"type":"DEPENDS_ON"}',
]


async def test_bad_files_and_a_database_with_data_are_refused_with_the_server_running(
    own_server: Settings, tmp_path: Path
) -> None:
    await in_own(own_server, WIPE)
    pid = ns.start(own_server).pid
    node = '{{"labels":["CI","Entity","Server"],"n":{n},"props":{props}}}'
    bad = {  # the converter's every refusal: tests/services/test_graph_offline_csv.py
        "unknown label": [TINY[0], '{"labels":["Teapot"],"n":0,"props":{}}'],
        "no node of the file": [*TINY, '{"from":0,"props":{},"to":7,"type":"DEPENDS_ON"}'],
        "not a date": [TINY[0], node.format(n=0, props='{"on":{"$":"date","v":"2023-02-30"}}')],
        "not a graphcmdb-graph": ["{}"],
    }
    for reason, lines in bad.items():
        with pytest.raises(ValidationFailed, match=reason):
            await import_offline(own_server, write(tmp_path / "bad.jsonl", lines), print)
    assert await in_own(own_server, "MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 0}]
    # the importer replaces the whole database: an API token (never dumped) counts too
    await in_own(own_server, "CREATE (:ApiToken {id: 'tok', hash: 'h'})")
    with pytest.raises(ValidationFailed, match=r"already holds 1 nodes \(API tokens"):
        await import_offline(own_server, write(tmp_path / "tiny.jsonl", TINY), print)
    await in_own(own_server, WIPE)
    assert ns.start(own_server).pid == pid  # never stopped

    env = {"GRAPHCMDB_NEO4J_HEAP": "512m", "GRAPHCMDB_NEO4J_PAGECACHE": "256m"}
    path = write(tmp_path / "tiny.jsonl", TINY)
    done = run_cli(own_server, "graph", "import", "--offline", str(path), env=env)
    assert done.returncode == 0, done.stderr
    assert "2 nodes and 1 relationships loaded." in done.stdout
    assert "neo4j-admin database import" in done.stdout  # the table of steps
    exported = [json.loads(text) for text in await export_own(own_server)]
    # the schema's migrations gave the CI its identity key, as at any start-up
    assert (exported[0]["nodes"], exported[0]["relationships"]) == (3, 2)
    assert sorted(x["labels"][0] for x in exported[1:4]) == ["CI", "Entity", "IdentityKey"]
    assert {x["type"] for x in exported[4:]} == {"DEPENDS_ON", "IDENTIFIES"}
    pid = ns.start(own_server).pid
    refused = run_cli(own_server, "graph", "import", "--offline", str(path), env=env)
    assert refused.returncode == 1
    assert "already holds 7 nodes" in refused.stderr  # and the history of CI and service
    assert ns.start(own_server).pid == pid


async def test_data_the_schema_refuses_leaves_the_database_empty(
    own_server: Settings, tmp_path: Path
) -> None:
    await in_own(own_server, WIPE)
    twins = [
        TINY[0].replace('"nodes":2,"relationships":1', '"nodes":2,"relationships":0'),
        TINY[1],
        TINY[1].replace('"n":0', '"n":1'),  # a second CI with the id "a"
    ]
    with pytest.raises(ValidationFailed, match="emptied again"):
        await import_offline(own_server, write(tmp_path / "twins.jsonl", twins), print)
    assert await in_own(
        own_server, "MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n"
    ) == [{"n": 0}]
