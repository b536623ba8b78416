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


async def test_every_id_look_up_of_the_capture_is_an_index_seek(db: Database) -> None:
    """A 30,000-asset import on a fresh server once committed through a capture plan that
    scanned an id index per row (an index scan under an Apply, filtered by the id): the
    commit ran past its 300 s deadline. Planned for a batch's 10,000 ids on the empty
    graph, neither capture may scan a node index or a label."""
    params = PARAMS | {"ids": [f"id-{i}" for i in range(10_000)]}
    for name in ("history/capture", "history/capture_nodes"):
        text = get_catalogue().text(name)
        async with db.driver.session(database=db.database) as session:
            result = await session.run("CYPHER replan=force EXPLAIN " + text, **params)
            plan = (await result.consume()).plan
        assert plan is not None
        scans = [op for op in operators(plan) if op.startswith("Node") and "Scan" in op]
        assert scans == [], (name, scans)
