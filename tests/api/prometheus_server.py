"""Debian's ``prometheus`` on loopback: scraping one graphcmdb, one alerting rule, sending
to one Alertmanager.

A temporary config (scrape and evaluation every 200 ms, the metrics token as the
scrape's bearer credentials), a temporary TSDB directory and a free port; the process
is stopped and its files removed when the context ends.
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

BINARY = Path("/usr/bin/prometheus")

CONFIG = """\
global:
  scrape_interval: 200ms
  scrape_timeout: 200ms
  evaluation_interval: 200ms
rule_files: [{rules}]
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['{alertmanager}']
scrape_configs:
  - job_name: graphcmdb
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials: {token}
    static_configs:
      - targets: ['{target}']
"""


@asynccontextmanager
async def prometheus(target: str, token: str, alertmanager: str, rules: str) -> AsyncIterator[str]:
    """The running Prometheus' base URL; ``target`` and ``alertmanager`` are host:port,
    ``rules`` a rule file's YAML."""
    workdir = Path(tempfile.mkdtemp(prefix="graphcmdb-prom-"))
    port = free_port()
    (workdir / "rules.yml").write_text(rules)
    config = CONFIG.format(
        rules=workdir / "rules.yml", alertmanager=alertmanager, token=token, target=target
    )
    (workdir / "prometheus.yml").write_text(config)
    log = (workdir / "prometheus.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        str(BINARY),
        f"--config.file={workdir / 'prometheus.yml'}",
        f"--storage.tsdb.path={workdir / 'data'}",
        f"--web.listen-address=127.0.0.1:{port}",
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as client:

            async def ready() -> bool:
                if process.returncode is not None:
                    text = (workdir / "prometheus.log").read_text()
                    raise AssertionError(f"prometheus exited: {text[-2000:]}")
                try:
                    return (await client.get("/-/ready")).status_code == 200
                except httpx.TransportError:
                    return False

            await until(ready, "prometheus ready")
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
