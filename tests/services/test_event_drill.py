"""The start-up drill of the event path (``services/event_drill``): it runs the whole
outage (alerts, the pass that opens incidents, the resolution and its pass, the history
of a commit) in a transaction that rolls back, so the graph is exactly as before, and a
real alert afterwards is handled as if no drill had run. With real work queued it gives
way (its pass would take that work too)."""

from __future__ import annotations

from prometheus_client import REGISTRY

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
    # the outage was real inside the drill's transaction: its pass opened the incident
    assert drill.ran
    assert drill.opened == 1  # the shop
    assert drill.statements > 10
    assert await everything(db) == before  # no event, alert, incident, queue or version


def transactions(outcome: str) -> float:
    labels = {"mode": "write", "outcome": outcome}
    return REGISTRY.get_sample_value("graphcmdb_neo4j_transactions_total", labels) or 0.0


async def test_the_drill_counts_as_rolled_back_not_as_an_error(db: Database) -> None:
    await worked_example(db)
    rolled_back, errors = transactions("rolled_back"), transactions("error")
    assert (await event_drill.run(db, RULE)).ran
    assert transactions("rolled_back") == rolled_back + 1
    assert transactions("error") == errors


async def test_a_real_alert_after_the_drill_is_handled_as_without_it(db: Database) -> None:
    ids = await worked_example(db)
    assert (await event_drill.run(db, RULE)).ci_id == ids["h1"]  # what the shop needs most
    await accept(db, alert(ids["h1"], "down"))
    done = await impact_evaluator.run_cis_pass(db, RULE.window)
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["OPEN"]
    [incident] = await db.run_raw(OPEN_OF, id=ids["shop"])
    [first] = await db.run_raw("MATCH (s:Sequence) RETURN s.name AS name, s.value AS value")
    assert first["value"] == 1  # the drill's incident took no number
    assert incident["number"].endswith("0001")


async def test_the_drill_gives_way_to_queued_work(db: Database) -> None:
    ids = await worked_example(db)
    await accept(db, alert(ids["h1"], "down"))  # queued, no pass yet
    before = await everything(db)
    drill = await event_drill.run(db, RULE)
    assert drill.ci_id == ids["h1"]
    assert not drill.ran
    assert await everything(db) == before
    done = await impact_evaluator.run_cis_pass(db, RULE.window)  # the real pass takes it
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["OPEN"]
    # the incident's root-cause search is queued now: no pass takes that, so no reason to
    assert await db.run_raw("MATCH (w:ImpactWork {kind: 'SUSPECTS'}) RETURN w.id AS id")
    assert (await event_drill.run(db, RULE)).ran


async def test_nothing_to_drill_on_an_empty_graph(db: Database) -> None:
    drill = await event_drill.run(db, RULE)
    assert drill.ci_id is None
    assert drill.opened == 0
