"""The impact evaluator against the real Neo4j: payloads only queue their CIs; one pass
takes everything queued and evaluates it at once (a burst makes one evaluation, not one
per payload), a bounded pass leaves the rest to the next, an id that names no CI any
more is skipped, and the background loop, woken by a payload, opens the incident."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graphcmdb.db.database import Database
from graphcmdb.events import generic
from graphcmdb.graph.enums import WorkKind
from graphcmdb.services import events, impact_evaluator
from graphcmdb.services.impact_evaluator import Evaluator
from tests.api.slow_paths import until
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import ACTOR, RULE

CIS = WorkKind.CIS
T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
OPEN_OF = (
    "MATCH (i:Incident {autoServiceId: $id}) WHERE i.state IN ['NEW', 'IN_PROGRESS'] "
    "RETURN i.number AS number, i.alertFingerprints AS alerts, "
    "[(i)-[:AFFECTS]->(n) | n.name] AS affects, "
    "[(i)-[s:SUSPECTS]->(n) | [s.rank, n.name]] AS suspects"
)


def alert(ci_id: str, name: str) -> dict[str, Any]:
    return {"source": "prom", "alertName": name, "status": "firing", "severity": "critical",
            "ciId": ci_id}  # fmt: skip


async def accept(db: Database, body: object, at: datetime = T0) -> events.IngestReport:
    return await events.ingest(db, ACTOR, generic.read(body, 100), RULE, at)


async def queued(db: Database) -> int:
    return int((await db.run_raw("MATCH (w:ImpactWork) RETURN count(w) AS n"))[0]["n"])


async def test_a_burst_of_payloads_is_one_evaluation(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = await worked_example(db)
    run = impact_evaluator.run_pass
    ran: list[impact_evaluator.Pass | None] = []

    async def counted(*args: Any, **kwargs: Any) -> impact_evaluator.Pass | None:
        ran.append(await run(*args, **kwargs))
        return ran[-1]

    monkeypatch.setattr(impact_evaluator, "run_pass", counted)
    for n in range(12):  # twelve payloads, concurrently, about the shop's CIs
        await asyncio.gather(
            accept(db, alert(ids["web1"], f"a{n}")), accept(db, alert(ids["h2"], f"b{n}"))
        )
    assert await queued(db) == 24
    assert await db.run_raw(OPEN_OF, id=ids["shop"]) == []  # nothing evaluated yet
    one, search = await impact_evaluator.drain(db, RULE.window)
    assert ran == [one, search]  # the search took the rest: no pass to find nothing
    assert (one.kind, one.entries, set(one.ci_ids)) == (CIS, 24, {ids["web1"], ids["h2"]})
    # the incident opened; its root-cause candidates were searched by the next pass
    assert (search.kind, search.searched) == (WorkKind.SUSPECTS, 1)
    [opened] = one.follow_up.incidents
    assert (opened.service_id, opened.move.value) == (ids["shop"], "OPEN")
    [incident] = await db.run_raw(OPEN_OF, id=ids["shop"])
    assert len(incident["alerts"]) == 24  # every alert of the burst is linked
    assert sorted(incident["affects"]) == ["h2", "shop", "web1"]
    best = sorted(name for rank, name in incident["suspects"] if rank == 1)
    assert best == ["h2", "web1"]  # the best explanation: both at once
    assert await queued(db) == 0
    assert await impact_evaluator.drain(db, RULE.window) == []  # nothing left: no pass


async def test_a_bounded_pass_leaves_the_rest_to_the_next(db: Database) -> None:
    ids = await worked_example(db)
    for n in range(5):
        await accept(db, alert(ids["web3"], f"a{n}"), T0 + timedelta(seconds=n))
    passes = await impact_evaluator.drain(db, RULE.window, limit=2)
    assert [(p.kind, p.entries) for p in passes] == [(CIS, 2), (CIS, 2), (CIS, 1),
                                                     (WorkKind.SUSPECTS, 1)]  # fmt: skip
    passes = passes[:3]
    # each pass evaluates at its newest payload's time and reads what is committed: the
    # first opened the incident with every alert holding web3 down, the others add nothing
    assert [p.at for p in passes] == [T0 + timedelta(seconds=s) for s in (1, 3, 4)]
    moves = [[m.move.value for m in p.follow_up.incidents] for p in passes]
    assert moves == [["OPEN"], [], []]
    [incident] = await db.run_raw(OPEN_OF, id=ids["shop"])
    assert len(incident["alerts"]) == 5


async def test_a_queued_ci_deleted_since_is_skipped(db: Database) -> None:
    ids = await worked_example(db)
    await accept(db, alert(ids["web1"], "a"))
    await db.run_raw(
        "CREATE (:ImpactWork {id: 'gone', kind: 'CIS', ids: ['no-such-ci'], at: $at})", at=T0
    )
    one, _ = await impact_evaluator.drain(db, RULE.window)
    assert one.entries == 2
    assert [m.move.value for m in one.follow_up.incidents] == ["OPEN"]


async def test_the_background_evaluator_opens_the_incident_when_woken(db: Database) -> None:
    ids = await worked_example(db)
    evaluator = Evaluator(db, RULE.window, poll_s=3600)  # no idle look: only the wake
    stop = asyncio.Event()
    running = asyncio.create_task(evaluator.run(stop))
    try:
        report = await accept(db, alert(ids["h1"], "down"))
        assert report.queued == (ids["h1"],)
        evaluator.wake()

        async def opened() -> bool:
            return bool(await db.run_raw(OPEN_OF, id=ids["shop"]))

        await until(opened, "the woken evaluator opened the shop's incident")
        await until(lambda: evaluator.passes == 2, "its pass and the root-cause search's")
        assert await queued(db) == 0
    finally:
        stop.set()
        await running
