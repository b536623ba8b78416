"""The evaluator's walk to the services above its CIs starts at those CIs whatever their
number. After a burst of alerts a pass asks for the services above a few hundred CIs;
planned for that many ids, Neo4j started from every Service instead and walked each
one's whole region down (7.9M db hits against 24,000 at 100,000 CIs, 1.4-1.8 s of a
pass: ``benchmarks/README.md``, "events"); an index hint on the start did not help (the
planner kept that walk and joined it to the start). The walk's end is now unlabelled.
This plans it where the other direction looks cheaper (few services, many ids, the
statistics fresh) and refuses a scan; it failed in three runs of three on the labelled
text."""

from __future__ import annotations

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, RelType
from tests.db.test_capture_plan import operators
from tests.impact_fixtures import build

CIS = 1_000
SERVICES = 20


async def test_services_above_many_cis_walks_up_from_them(db: Database) -> None:
    """A tree of CIs (each needs its parent), 20 services needing the root: from the 500
    leaves and the root, starting at the 20 services looks cheaper to the planner."""
    cis = {f"vm{i}": (CIClass.VIRTUAL_MACHINE, {}) for i in range(CIS)}
    edges = [(f"vm{i}", RelType.DEPENDS_ON, f"vm{(i - 1) // 2}", None) for i in range(1, CIS)]
    services = {f"s{j}": {} for j in range(SERVICES)}
    edges += [(f"s{j}", RelType.DEPENDS_ON, "vm0", None) for j in range(SERVICES)]
    ids = await build(db, cis, services, edges)
    text = get_catalogue().text("auto_incident/services_above")
    leaves = [ids[f"vm{i}"] for i in (0, *range(CIS // 2, CIS))]
    async with db.driver.session(database=db.database) as session:
        # the planner's statistics as of now (the index resampled after the writes)
        await (await session.run("CALL db.prepareForReplanning()")).consume()
        result = await session.run("CYPHER replan=force EXPLAIN " + text, ids=leaves)
        plan = (await result.consume()).plan
    assert plan is not None
    found = operators(plan)
    assert "NodeUniqueIndexSeek" in found, found
    assert not [op for op in found if "Scan" in op], found
    rows = await db.run_raw(text, ids=leaves)
    assert sorted(rows[0]["ids"]) == sorted(ids[f"s{j}"] for j in range(SERVICES))
