"""The garbage collector's settings: a server collects often (short pauses), bulk work
rarely, and overlapping bulk sections restore the server's setting only when the last
one ends."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from graphcmdb import collector


@pytest.fixture(autouse=True)
def _restored() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    collector.restore(before)


def first() -> int:
    return gc.get_threshold()[0]


def test_a_server_collects_more_often_than_bulk_work() -> None:
    collector.tune_server()
    assert first() == collector.SERVER_FIRST_GENERATION < collector.FIRST_GENERATION
    collector.tune()
    assert first() == collector.FIRST_GENERATION


def test_bulk_work_collects_its_second_generation_as_bulk_work_does() -> None:
    gc.set_threshold(700, 7, 3)
    collector.tune(20_000)
    with collector.bulk(collector.BULK_ROWS):
        assert gc.get_threshold() == (
            collector.FIRST_GENERATION,
            collector.BULK_SECOND_GENERATION,
            3,
        )
    assert gc.get_threshold() == (20_000, 7, 3)


def test_bulk_work_in_a_server_collects_as_bulk_work_does() -> None:
    gc.set_threshold(700, 10, 10)
    collector.tune_server()
    with collector.bulk(collector.BULK_ROWS):
        assert gc.get_threshold() == (
            collector.FIRST_GENERATION,
            collector.BULK_SECOND_GENERATION,
            10,
        )
    assert gc.get_threshold() == (
        collector.SERVER_FIRST_GENERATION,
        collector.SERVER_SECOND_GENERATION,
        10,
    )


def test_bulk_work_collects_as_bulk_work_and_restores_the_server_setting() -> None:
    collector.tune_server()
    with collector.bulk(collector.BULK_ROWS):
        assert first() == collector.FIRST_GENERATION
    assert first() == collector.SERVER_FIRST_GENERATION


def test_a_few_rows_are_not_bulk_work() -> None:
    collector.tune_server()
    with collector.bulk(collector.BULK_ROWS - 1):
        assert first() == collector.SERVER_FIRST_GENERATION
    assert first() == collector.SERVER_FIRST_GENERATION


def test_a_failed_bulk_section_restores_too() -> None:
    collector.tune_server()
    with pytest.raises(RuntimeError), collector.bulk(5_000):
        raise RuntimeError("the import failed")
    assert first() == collector.SERVER_FIRST_GENERATION


def test_overlapping_sections_restore_when_the_last_one_ends() -> None:
    collector.tune_server()
    seen: list[int] = []

    async def section(opened: asyncio.Event, close: asyncio.Event) -> None:
        with collector.bulk(2_000):
            opened.set()
            await close.wait()

    async def main() -> None:
        opened = [asyncio.Event(), asyncio.Event()]
        close = [asyncio.Event(), asyncio.Event()]
        tasks = [asyncio.create_task(section(o, c)) for o, c in zip(opened, close, strict=True)]
        for event in opened:
            await event.wait()
        close[0].set()
        await tasks[0]
        seen.append(first())  # the second import still runs
        close[1].set()
        await tasks[1]
        seen.append(first())

    asyncio.run(main())
    assert seen == [collector.FIRST_GENERATION, collector.SERVER_FIRST_GENERATION]


def test_a_setting_changed_during_bulk_work_applies_when_it_ends() -> None:
    collector.tune_server()
    with collector.bulk(collector.BULK_ROWS):
        collector.tune(12_000)
        assert first() == collector.FIRST_GENERATION
    assert first() == 12_000


def test_a_server_tells_the_setting_it_replaced() -> None:
    gc.set_threshold(12_000, 7, 5)
    assert collector.tune_server() == (12_000, 7, 5)
    server = (collector.SERVER_FIRST_GENERATION, collector.SERVER_SECOND_GENERATION, 5)
    assert gc.get_threshold() == server
    with collector.bulk(collector.BULK_ROWS):
        assert collector.tune_server() == server
    collector.restore((12_000, 7, 5))
    assert gc.get_threshold() == (12_000, 7, 5)


def test_a_server_collects_its_second_generation_more_often() -> None:
    gc.set_threshold(700, 10, 10)
    collector.tune_server()
    assert gc.get_threshold()[1] == collector.SERVER_SECOND_GENERATION < 10


def test_bulk_work_restores_the_setting_it_found() -> None:
    gc.set_threshold(700, 10, 10)  # as CPython starts, nothing tuned
    with collector.bulk(collector.BULK_ROWS):
        assert first() == collector.FIRST_GENERATION
    assert first() == 700
