"""The evaluator's read of the open incidents on its CIs starts at those CIs. Planned
while no incident was open, Neo4j seeked the open incidents by state for every CI instead
(free, by the statistics) and joined each to the CI, and kept that plan once a burst had
opened some: 8.6 s of one pass at 20,000 CIs (``benchmarks/README.md``, "events",
eighteenth session). The statement gives the incident end no label; this plans it on a
graph with no incident, where the seek looks cheapest (it fails on the labelled text)."""

from __future__ import annotations

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass
from graphcmdb.services.auto_incidents import OPEN_STATES
from tests.db.test_capture_plan import operators
from tests.impact_fixtures import build

CIS = 1_000


async def test_open_incidents_of_many_cis_start_at_the_cis(db: Database) -> None:
    ids = await build(db, {f"vm{i}": (CIClass.VIRTUAL_MACHINE, {}) for i in range(CIS)}, {}, [])
    assert (await db.run_raw("MATCH (i:Incident) RETURN count(i) AS n"))[0]["n"] == 0
    text = get_catalogue().text("auto_incident/open_of_cis")
    params = {"ids": sorted(ids.values()), "openStates": list(OPEN_STATES)}
    async with db.driver.session(database=db.database) as session:
        await (await session.run("CALL db.prepareForReplanning()")).consume()
        result = await session.run("CYPHER replan=force EXPLAIN " + text, params)
        plan = (await result.consume()).plan
    assert plan is not None
    found = operators(plan)
    assert "NodeUniqueIndexSeek" in found, found
    assert not [op for op in found if "Scan" in op or op == "NodeIndexSeek"], found
    assert await db.run_raw(text, **params) == []
