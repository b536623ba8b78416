"""Debian's ``prometheus-alertmanager`` on loopback, its webhook pointed at a graphcmdb.

A temporary config (tiny group_wait and group_interval, so notifications leave at once;
clustering off), a temporary storage directory and a free port; the process is stopped
and its files removed when the context ends.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from tests.api.slow_paths import until
from tests.conftest import free_port

BINARY = Path("/usr/bin/prometheus-alertmanager")

CONFIG = """\
route:
  receiver: graphcmdb
  group_by: ['alertname', 'instance']
  group_wait: 100ms
  group_interval: 200ms
  repeat_interval: 1h
receivers:
  - name: graphcmdb
    webhook_configs:
      - url: {url}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: {token}
"""


@asynccontextmanager
async def alertmanager(webhook_url: str, token: str) -> AsyncIterator[str]:
    """The running Alertmanager's base URL."""
    workdir = Path(tempfile.mkdtemp(prefix="graphcmdb-am-"))
    port = free_port()
    (workdir / "alertmanager.yml").write_text(CONFIG.format(url=webhook_url, token=token))
    log = (workdir / "alertmanager.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        str(BINARY),
        f"--config.file={workdir / 'alertmanager.yml'}",
        f"--storage.path={workdir / 'data'}",
        f"--web.listen-address=127.0.0.1:{port}",
        "--cluster.listen-address=",
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as client:

            async def ready() -> bool:
                if process.returncode is not None:
                    text = (workdir / "alertmanager.log").read_text()
                    raise AssertionError(f"alertmanager exited: {text[-2000:]}")
                try:
                    return (await client.get("/-/ready")).status_code == 200
                except httpx.TransportError:
                    return False

            await until(ready, "alertmanager ready")
        yield base
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
