"""A server process run for a test (Alertmanager, Prometheus, ``graphcmdb serve``):
started on a free loopback port with its files in a temporary directory, awaited until
its readiness path answers, stopped and its files removed when the context ends."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.api.slow_paths import until
from tests.conftest import free_port


@asynccontextmanager
async def daemon(
    name: str,
    prepare: Callable[[Path, int], Sequence[str]],
    *,
    ready_path: str = "/-/ready",
    env: Mapping[str, str] | None = None,
    stop_s: float = 10.0,
) -> AsyncIterator[str]:
    """The command ``prepare(workdir, port)`` returns (having written its configuration
    files there) run with ``env``; its base URL once ``ready_path`` answers 200."""
    workdir = Path(tempfile.mkdtemp(prefix=f"graphcmdb-{name}-"))
    port = free_port()
    logged = workdir / f"{name}.log"
    log = logged.open("wb")
    process: asyncio.subprocess.Process | None = None
    base = f"http://127.0.0.1:{port}"
    try:
        process = await asyncio.create_subprocess_exec(
            *prepare(workdir, port), env=env, stdout=log, stderr=subprocess.STDOUT
        )
        running = process
        async with httpx.AsyncClient(base_url=base) as client:

            async def ready() -> bool:
                if running.returncode is not None:
                    raise AssertionError(f"{name} exited: {logged.read_text()[-2000:]}")
                try:
                    return (await client.get(ready_path)).status_code == 200
                except httpx.TransportError:
                    return False

            await until(ready, f"{name} ready")
        yield base
    finally:
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), stop_s)
            except TimeoutError:
                process.kill()
                await process.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
