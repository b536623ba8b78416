"""The lane that queues a transaction's statements while the caller plans: in order, one
at a time, nothing run after a failure, the running one waited for on leaving. Plain
coroutines stand in for statements here (the lane never looks inside them); the identity
tests run it against Neo4j."""

from __future__ import annotations

import asyncio

import pytest

from graphcmdb.db.lane import Lane


class Recorder:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.running = 0

    async def statement(self, name: str, fail: bool = False) -> str:
        self.running += 1
        assert self.running == 1, "two statements at once"
        self.events.append(f"start {name}")
        await asyncio.sleep(0.01)  # the database at work: the caller gets the loop
        self.events.append(f"end {name}")
        self.running -= 1
        if fail:
            raise ValueError(name)
        return name


async def test_statements_run_one_at_a_time_in_submission_order_while_the_caller_works() -> None:
    rec = Recorder()
    async with Lane() as lane:
        tasks = [lane.submit(lambda n=n: rec.statement(n)) for n in ("r1", "r2", "w1")]
        rec.events.append("caller plans")  # before any statement has started
        assert [await t for t in tasks] == ["r1", "r2", "w1"]
    assert rec.events == [
        "caller plans",
        "start r1",
        "end r1",
        "start r2",
        "end r2",
        "start w1",
        "end w1",
    ]


async def test_the_next_statement_is_sent_before_the_caller_resumes_with_an_answer() -> None:
    """The point of the lane: the database works on the next statement while the
    caller works on the last answer."""
    rec = Recorder()
    async with Lane() as lane:
        first = lane.submit(lambda: rec.statement("r1"))
        second = lane.submit(lambda: rec.statement("r2"))
        await first
        rec.events.append("caller plans r1")
        await second
    assert rec.events == ["start r1", "end r1", "start r2", "caller plans r1", "end r2"]


async def test_nothing_runs_after_a_failed_statement_and_its_error_reaches_every_awaiter() -> None:
    rec = Recorder()
    async with Lane() as lane:
        failing = lane.submit(lambda: rec.statement("r1", fail=True))
        after = lane.submit(lambda: rec.statement("w1"))
        with pytest.raises(ValueError, match="r1"):
            await failing
        with pytest.raises(ValueError, match="r1"):  # its error, not a new one
            await after
    assert rec.events == ["start r1", "end r1"]


async def test_leaving_waits_for_the_running_statement_and_drops_the_queued_ones() -> None:
    rec = Recorder()
    tasks: list[asyncio.Future[str]] = []

    async def give_up() -> None:
        async with Lane() as lane:
            tasks.append(lane.submit(lambda: rec.statement("r1")))
            tasks.append(lane.submit(lambda: rec.statement("r2")))
            await asyncio.sleep(0)  # r1 starts
            raise KeyError("the caller gives up")

    with pytest.raises(KeyError):
        await give_up()
    running, queued = tasks
    assert rec.events == ["start r1", "end r1"]  # r1 ended before the lane was left
    assert running.result() == "r1"
    assert queued.cancelled()
