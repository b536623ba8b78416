"""The background workers' loop, without Neo4j: a failing turn is logged by kind and the
next one runs; a wake runs a turn at once, without waiting for the interval; a stop ends
the loop after the turn under way."""

from __future__ import annotations

import asyncio
import logging

import pytest

from graphcmdb.errors import DatabaseUnavailable, ValidationFailed
from graphcmdb.services.background_loop import run_turns

log = logging.getLogger("tests.background_loop")


async def test_faults_are_logged_and_the_next_turn_runs(caplog: pytest.LogCaptureFixture) -> None:
    stop = asyncio.Event()
    faults: list[Exception] = [
        DatabaseUnavailable("Neo4j away"), ValidationFailed("bad row"), RuntimeError("bug")
    ]  # fmt: skip
    turns = 0

    async def turn() -> None:
        nonlocal turns
        turns += 1
        if faults:
            raise faults.pop(0)
        stop.set()

    with caplog.at_level(logging.WARNING, logger=log.name):
        await asyncio.wait_for(run_turns(turn, stop, 0.01, log, "nothing done"), 10)
    assert turns == 4
    logged = [(r.levelno, r.getMessage()) for r in caplog.records]
    assert logged[:2] == [
        (logging.WARNING, "nothing done (next turn): Neo4j away"),
        (logging.ERROR, "nothing done: [VALIDATION_FAILED] bad row"),
    ]
    assert logged[2] == (logging.ERROR, "nothing done: the turn failed")
    assert caplog.records[2].exc_info is not None


async def test_a_wake_runs_a_turn_at_once_and_a_stop_ends_the_loop() -> None:
    stop, wake = asyncio.Event(), asyncio.Event()
    turned = asyncio.Queue[None]()

    async def turn() -> None:
        wake.clear()
        turned.put_nowait(None)

    running = asyncio.create_task(run_turns(turn, stop, 3600, log, "x", wake=wake))
    await asyncio.wait_for(turned.get(), 10)  # the first turn: at once
    wake.set()
    await asyncio.wait_for(turned.get(), 10)  # woken: not an hour later
    stop.set()
    await asyncio.wait_for(running, 10)  # stopped while waiting: ends at once
    assert turned.empty()
