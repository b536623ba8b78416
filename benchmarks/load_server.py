"""The API for the load benchmark, in its own process: the real app (settings from the
GRAPHCMDB_* environment) under uvicorn, plus a ticker task in its event loop that wakes
every 10 ms and records how late it woke. ``GET /_bench/stalls`` answers the stalls
since the last call and starts a new window.

    python -m benchmarks.load_server PORT
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import time
from pathlib import Path

import uvicorn

from graphcmdb.api.app import create_app
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.config import Settings

PERIOD_S = 0.010
#: the calling thread's scheduler statistics (Linux): nanoseconds on the CPU, nanoseconds
#: runnable but waiting for a CPU, time slices
SCHEDSTAT = Path("/proc/thread-self/schedstat")


def queued_s() -> float:
    """Seconds this thread has waited, runnable, for a CPU (0 where the kernel does not
    say)."""
    try:
        return int(SCHEDSTAT.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def steal_s() -> float:
    """Seconds the hypervisor ran something else on this machine's CPUs, all summed."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class StallMeter:
    """The loop's lateness every 10 ms, and the garbage collector's pauses (a full
    collection of a big heap stops the loop too). A tick's lateness is the loop's own
    work between two turns or the operating system running other processes meanwhile
    (two cores shared with Neo4j, the worker and the clients); ``own`` is the part the
    loop's thread spent on the CPU (its ``thread_time``), the loop's own stall;
    ``queued`` the part it waited, runnable, for a CPU (its ``schedstat``). The rest of
    a late tick is neither: the machine's CPUs taken by the hypervisor (``steal``, over
    the window) or the thread blocked."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self.own: list[float] = []
        #: the worst tick of the window: late, own, queued
        self.worst = (0.0, 0.0, 0.0)
        self.steal_since = steal_s()
        self.task: asyncio.Task[None] | None = None
        self.gc_pauses: list[tuple[int, float]] = []
        self._gc_started = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_pauses.append((info["generation"], time.perf_counter() - self._gc_started))

    async def tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            start, cpu, waited = loop.time(), time.thread_time(), queued_s()
            await asyncio.sleep(PERIOD_S)
            late = loop.time() - start - PERIOD_S
            own = min(late, time.thread_time() - cpu)
            self.late.append(late)
            self.own.append(own)
            if late > self.worst[0]:
                self.worst = (late, own, min(late, queued_s() - waited))

    def window(self) -> dict[str, float]:
        late, self.late = sorted(self.late), []
        own, self.own = sorted(self.own), []
        pauses, self.gc_pauses = self.gc_pauses, []
        (_, worst_own, worst_queued), self.worst = self.worst, (0.0, 0.0, 0.0)
        steal, self.steal_since = steal_s() - self.steal_since, steal_s()
        full = [seconds for generation, seconds in pauses if generation == 2]
        collector = {
            "gc_full": len(full),
            "gc_full_worst_ms": max(full, default=0.0) * 1000,
            "gc_seconds": sum(seconds for _, seconds in pauses),
        }
        if not late:
            return {"ticks": 0, "worst_ms": 0.0, "p99_ms": 0.0, "over_100ms": 0} | collector
        return {
            "ticks": len(late),
            "worst_ms": late[-1] * 1000,
            "p99_ms": late[min(len(late) - 1, round(0.99 * (len(late) - 1)))] * 1000,
            "over_100ms": sum(x > 0.1 for x in late),
            "own_worst_ms": own[-1] * 1000,
            "own_over_100ms": sum(x > 0.1 for x in own),
            "worst_own_ms": worst_own * 1000,
            "worst_queued_ms": worst_queued * 1000,
            "steal_s": steal,
        } | collector


def metered(meter: StallMeter, settings: Settings) -> ASGIApp:
    app = create_app(settings)

    async def asgi(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan" and meter.task is None:
            meter.task = asyncio.get_running_loop().create_task(meter.tick())
        if scope["type"] == "http" and scope["path"] == "/_bench/stalls":
            body = json.dumps(meter.window()).encode()
            start: Message = {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return asgi


if __name__ == "__main__":
    uvicorn.run(
        metered(StallMeter(), Settings()),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
    )
