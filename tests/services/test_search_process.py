"""The root-cause search's child process: an answer comes back, a failure is a typed
error (the database's own when the child cannot read), a search cancelled (the API
stopping) leaves no process behind, and nothing to search starts none."""

from __future__ import annotations

import asyncio
import operator
import os
import time
from pathlib import Path

import pytest
from pydantic import SecretStr

from graphcmdb.config import Settings
from graphcmdb.errors import DatabaseUnavailable
from graphcmdb.services import auto_incident_suspects, search_process
from tests.api.slow_paths import until
from tests.conftest import free_port


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


async def test_a_search_with_nothing_open_starts_no_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def refused(*_: object) -> object:
        raise AssertionError("a process was started for nothing")

    monkeypatch.setattr(search_process, "run", refused)
    found = await auto_incident_suspects.search(Settings(), [])
    assert found.rows == []


async def test_a_search_that_cannot_reach_neo4j_is_that_typed_error(tmp_path: Path) -> None:
    """The child reads the region on its own connection: the API gets the database's
    error as such (logged as one warning by the evaluator's loop), not a crashed child."""
    closed = Settings(
        state_dir=tmp_path,
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",  # nothing listens there
        neo4j_password=SecretStr("unused"),
        neo4j_max_retry_time_s=0.2,
        neo4j_connection_timeout_s=1.0,
    )
    subject = auto_incident_suspects.Subject("incident-1", ("svc-1",), frozenset())
    with pytest.raises(DatabaseUnavailable):
        await auto_incident_suspects.search(closed, [subject])
    assert children() == []
