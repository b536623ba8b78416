"""The evaluator's costly part does not hold up its passes: a root-cause search reads
without the evaluator's lock, so a pass over CIs (an alert resolved) runs while it
searches, a search another process wrote first writes nothing, and a stop cuts a search
short (it stays queued) instead of waiting for it."""

from __future__ import annotations

import asyncio

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.services import auto_incident_suspects, impact_evaluator
from graphcmdb.services.impact_evaluator import Evaluator, Tuning
from tests.api.slow_paths import until
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import RULE
from tests.services.test_impact_evaluator import OPEN_OF, accept, alert, queued

#: a bound for a broken build (a pass blocked behind the search), not a timing
STUCK_S = 60
STATE_OF = (
    "MATCH (i:Incident {autoServiceId: $id}) RETURN i.state AS state, "
    "[(i)-[s:SUSPECTS]->(n) | n.name] AS suspects, [(i)-[:CAUSED_BY]->(c) | c.name] AS cause"
)


def resolved(ci_id: str, name: str) -> dict[str, object]:
    return {**alert(ci_id, name), "status": "resolved"}


def hold_first_search(monkeypatch: pytest.MonkeyPatch) -> tuple[asyncio.Event, asyncio.Event]:
    """The first search stops after it has read and searched, before it writes: set
    ``found`` then, go on once ``release`` is set; any other search goes straight on."""
    found, release = asyncio.Event(), asyncio.Event()
    real_search = auto_incident_suspects.search

    async def held(
        settings: Settings, subjects: list[auto_incident_suspects.Subject]
    ) -> auto_incident_suspects.Found:
        answer = await real_search(settings, subjects)
        if not found.is_set():
            found.set()
            await release.wait()
        return answer

    monkeypatch.setattr(auto_incident_suspects, "search", held)
    return found, release


async def test_a_pass_over_cis_runs_while_a_search_reads(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    await accept(db, alert(ids["h1"], "down"))
    opened = await impact_evaluator.run_cis_pass(db, RULE.window)
    assert opened is not None
    assert [m.move.value for m in opened.follow_up.incidents] == ["OPEN"]
    found, release = hold_first_search(monkeypatch)
    searching = asyncio.create_task(impact_evaluator.run_search_pass(db))
    await asyncio.wait_for(found.wait(), STUCK_S)
    await accept(db, resolved(ids["h1"], "down"))
    done = await asyncio.wait_for(impact_evaluator.run_cis_pass(db, RULE.window), STUCK_S)
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["RESOLVE"]
    release.set()
    search = await searching
    assert search is not None
    assert (search.kind.value, search.searched) == ("SUSPECTS", 1)
    [incident] = await db.run_raw(STATE_OF, id=ids["shop"])
    # the candidates of the incident as it was searched, kept on the resolved incident,
    # whose resolution came before them: its cause is recorded with them
    assert (incident["state"], sorted(incident["suspects"])) == ("RESOLVED", ["h1"])
    assert incident["cause"] == ["h1"]
    assert await queued(db) == 0


async def test_a_search_another_process_wrote_first_writes_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    await accept(db, alert(ids["h1"], "down"))
    await impact_evaluator.run_cis_pass(db, RULE.window)
    found, release = hold_first_search(monkeypatch)
    slow = asyncio.create_task(impact_evaluator.run_search_pass(db))
    await asyncio.wait_for(found.wait(), STUCK_S)
    fast = await impact_evaluator.run_search_pass(db)  # as another process would
    assert fast is not None
    assert fast.searched == 1
    release.set()
    late = await slow
    assert late is not None
    assert late.searched == 0  # its entries were gone: nothing written
    [incident] = await db.run_raw(OPEN_OF, id=ids["shop"])
    assert [name for _, name in incident["suspects"]] == ["h1"]
    assert await queued(db) == 0


async def test_a_search_waits_for_quiet_and_a_stop_ends_the_wait(db: Database) -> None:
    ids = await worked_example(db)
    hour = 3600.0  # payloads never quiet long enough, nor the wait over, within the test
    evaluator = Evaluator(db, RULE.window, poll_s=hour, tuning=Tuning(hour, hour))
    stop = asyncio.Event()
    running = asyncio.create_task(evaluator.run(stop))
    try:
        await accept(db, alert(ids["h1"], "down"))
        evaluator.wake()
        await until(lambda: evaluator.passes == 1, "the pass that opened the incident")
        assert await db.run_raw(OPEN_OF, id=ids["shop"]) != []
    finally:
        stop.set()
        await asyncio.wait_for(running, STUCK_S)  # the search's wait ended with the stop
    assert evaluator.passes == 1  # no search ran: it waited for quiet
    assert await queued(db) == 1  # the search is still queued, for the next evaluator


async def test_a_stop_cuts_a_search_short_and_leaves_it_queued(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    found, _ = hold_first_search(monkeypatch)  # held until released: never, here
    hour = 3600.0
    evaluator = Evaluator(db, RULE.window, poll_s=hour, tuning=Tuning(0.0, hour))
    stop = asyncio.Event()
    running = asyncio.create_task(evaluator.run(stop))
    try:
        await accept(db, alert(ids["h1"], "down"))
        evaluator.wake()
        await asyncio.wait_for(found.wait(), STUCK_S)  # the incident's search is under way
    finally:
        stop.set()
        await asyncio.wait_for(running, STUCK_S)  # the API stopping does not wait for it
    assert await queued(db) == 1  # the search is still queued, for the next start
    [incident] = await db.run_raw(STATE_OF, id=ids["shop"])
    assert (incident["state"], incident["suspects"]) == ("NEW", [])
