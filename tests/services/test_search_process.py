"""The root-cause search's child process: an answer comes back, a failure is a typed
error, and a search cancelled (the API stopping) leaves no process behind."""

from __future__ import annotations

import asyncio
import operator
import os
import time
from pathlib import Path

import pytest

from graphcmdb.services import search_process
from tests.api.slow_paths import until


def children() -> list[int]:
    """This process's children running a search."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and b"graphcmdb.services.search_process" in cmdline:
            found.append(int(entry.name))
    return found


async def test_the_answer_comes_back_from_the_child() -> None:
    assert await search_process.run(operator.add, [1, 2], [3]) == [1, 2, 3]
    assert children() == []


async def test_a_failed_search_is_a_typed_error() -> None:
    with pytest.raises(search_process.SearchFailed, match="ended with 1: ZeroDivisionError"):
        await search_process.run(operator.truediv, 1, 0)


async def test_a_cancelled_search_leaves_no_process() -> None:
    searching = asyncio.create_task(search_process.run(time.sleep, 600))
    await until(lambda: bool(children()), "the search's process started")
    searching.cancel()
    with pytest.raises(asyncio.CancelledError):
        await searching
    assert children() == []
