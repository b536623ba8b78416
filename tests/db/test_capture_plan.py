"""The history capture's plan on an empty graph: every write transaction commits through
it, and Neo4j keeps a plan it made while the database was empty. Planned then, its third
part once scanned every relationship of the graph per relationship it versioned (a
dynamic relationship type in a pattern between two bound Timelines): a bulk load's
commits then ran past their 300 s deadline. Its plan must walk from the nodes."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database

PARAMS = {"ids": ["x"], "at": "2026-01-01T00:00:00Z", "stateSkip": [], "hidden": [],
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
