"""The history capture's plan on an empty graph: every write transaction commits through
it, and Neo4j keeps a plan it made while the database was empty. Planned then, its third
part once scanned every relationship of the graph per relationship it versioned (a
dynamic relationship type in a pattern between two bound Timelines): a bulk load's
commits then ran past their 300 s deadline. Its plan must walk from the nodes."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database

PARAMS: dict[str, Any] = {"ids": ["x"], "at": "2026-01-01T00:00:00Z", "stateSkip": [], "hidden": [],
          "edgeSkip": []}  # fmt: skip


def operators(plan: Any) -> list[str]:
    found = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):
        found += operators(child)
    return found


async def test_the_capture_planned_on_an_empty_graph_scans_no_relationships(
    db: Database,
) -> None:
    assert (await db.run_raw("MATCH ()-[r]->() RETURN count(r) AS n"))[0]["n"] == 0
    text = get_catalogue().text("history/capture")
    async with db.driver.session(database=db.database) as session:
        result = await session.run("CYPHER replan=force EXPLAIN " + text, **PARAMS)
        plan = (await result.consume()).plan
    assert plan is not None
    found = operators(plan)
    assert not [op for op in found if "Relationship" in op and "Scan" in op]
    assert "NodeUniqueIndexSeek(Locking)" in found


async def test_the_captures_planned_for_a_batch_on_an_empty_graph_seek_every_id(
    db: Database,
) -> None:
    """A 30,000-asset import on a fresh server hung at a batch's commit: the capture ran an
    id look-up as an index scan per row, a plan made at near-zero counts (benchmarks/
    README.md, "import_assets"). That hang needs a moment between batches no test can
    pin, so this checks what the fix rests on: planned on the empty graph for a batch's
    10,000 ids, neither capture scans nodes, and its index-seek hints plan (a hint Neo4j
    cannot solve fails the statement)."""
    assert (await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n"))[0][
        "n"
    ] == 0
    params = PARAMS | {"ids": [f"id-{i}" for i in range(10_000)]}
    for name in ("history/capture", "history/capture_nodes"):
        text = get_catalogue().text(name)
        async with db.driver.session(database=db.database) as session:
            result = await session.run("CYPHER replan=force EXPLAIN " + text, **params)
            summary = await result.consume()
        assert summary.plan is not None
        scans = [op for op in operators(summary.plan) if "Scan" in op and "Relationship" not in op]
        assert scans == [], (name, scans)
