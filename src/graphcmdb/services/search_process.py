"""A process of its own, at a lower CPU priority, for the root-cause search's Python.

The search (``impact/rootcause.py``) is pure Python over a region that at 100,000 CIs
holds most of a site (~50,000 nodes) and took minutes: in a thread of the API it held
the interpreter's lock against the event loop, and every await of the alerts' passes
waited its turn (``benchmarks/README.md``, "events"). So each search runs in a child
process (``python -m graphcmdb.services.search_process``, ``nice`` 10): the function and
its arguments go to its stdin pickled, the answer comes back on its stdout. A search
cancelled (the API stopping, a deadline) kills its process: nothing outlives the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")

#: how much the search's process lowers its CPU priority
NICE = 10


class SearchFailed(RuntimeError):
    """The search's process ended without an answer."""


async def run(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)`` in a child process (``fn`` a module-level function; both picklable:
    they are this process's own values, and the answer is the child's)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await child.communicate(pickle.dumps((fn, args)))
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
        await child.wait()
        raise
    if child.returncode != 0:
        last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise SearchFailed(f"the search's process ended with {child.returncode}: {last[0]}")
    return cast(T, pickle.loads(out))  # our own child wrote it, just now


def main() -> None:
    os.nice(NICE)
    answer_to = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever else prints must not mix with the answer
    fn, args = pickle.load(sys.stdin.buffer)  # the parent API process sent it
    pickle.dump(fn(*args), answer_to)


if __name__ == "__main__":
    main()
