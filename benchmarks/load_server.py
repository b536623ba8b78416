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
import sys
import time

import uvicorn

from graphcmdb.api.app import create_app
from graphcmdb.api.asgi import ASGIApp, Message, Receive, Scope, Send
from graphcmdb.config import Settings

PERIOD_S = 0.010


class StallMeter:
    """The loop's lateness every 10 ms, and the garbage collector's pauses (a full
    collection of a big heap stops the loop too). A tick's lateness is the loop's own
    work between two turns or the operating system running other processes meanwhile
    (two cores shared with Neo4j, the worker and the clients); ``own`` is the part the
    loop's thread spent on the CPU (its ``thread_time``), the loop's own stall."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self.own: list[float] = []
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
            start, cpu = loop.time(), time.thread_time()
            await asyncio.sleep(PERIOD_S)
            late = loop.time() - start - PERIOD_S
            self.late.append(late)
            self.own.append(min(late, time.thread_time() - cpu))

    def window(self) -> dict[str, float]:
        late, self.late = sorted(self.late), []
        own, self.own = sorted(self.own), []
        pauses, self.gc_pauses = self.gc_pauses, []
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
