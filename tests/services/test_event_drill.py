"""The start-up drill of the event path (``services/event_drill``): it runs the whole
outage (alerts, the pass that opens incidents, the resolution and its pass, the history
of a commit) in transactions that roll back, so the graph is exactly as before, and a
real alert afterwards is handled as if no drill had run."""

from __future__ import annotations

from graphcmdb.db.database import Database, Row
from graphcmdb.services import event_drill, impact_evaluator
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import RULE
from tests.services.test_impact_evaluator import OPEN_OF, accept, alert

#: every node and relationship with its labels or type and its properties, in one order
EVERYTHING = (
    "CALL () { MATCH (n) WITH n ORDER BY elementId(n) "
    "  RETURN collect([labels(n), properties(n)]) AS nodes } "
    "CALL () { MATCH ()-[r]->() WITH r ORDER BY elementId(r) "
    "  RETURN collect([type(r), properties(r)]) AS relationships } "
    "RETURN nodes, relationships"
)


async def everything(db: Database) -> list[Row]:
    return await db.run_raw(EVERYTHING)


async def test_the_drill_opens_incidents_inside_and_keeps_nothing(db: Database) -> None:
    await worked_example(db)
    before = await everything(db)
    drill = await event_drill.run(db, RULE)
    # the outage was real inside the drill's transactions: its passes opened incidents
    assert drill.opened == 1  # the shop
    assert drill.statements > 10
    assert await everything(db) == before  # no event, alert, incident, queue or version


async def test_a_real_alert_after_the_drill_is_handled_as_without_it(db: Database) -> None:
    ids = await worked_example(db)
    assert (await event_drill.run(db, RULE)).ci_id == ids["h1"]  # what the shop needs most
    await accept(db, alert(ids["h1"], "down"))
    done = await impact_evaluator.run_cis_pass(db, RULE.window)
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["OPEN"]
    [incident] = await db.run_raw(OPEN_OF, id=ids["shop"])
    assert incident["number"].endswith("1")  # the drill's incidents took no number


async def test_nothing_to_drill_on_an_empty_graph(db: Database) -> None:
    drill = await event_drill.run(db, RULE)
    assert drill.ci_id is None
    assert drill.opened == 0
