"""Debian's ``prometheus-alertmanager`` on loopback, its webhook pointed at a graphcmdb.

A temporary config (tiny group_wait and group_interval, so notifications leave at once;
clustering off), a temporary storage directory and a free port; the process is stopped
and its files removed when the context ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.api.loopback_daemon import daemon

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

    def prepare(workdir: Path, port: int) -> list[str]:
        (workdir / "alertmanager.yml").write_text(CONFIG.format(url=webhook_url, token=token))
        return [
            str(BINARY),
            f"--config.file={workdir / 'alertmanager.yml'}",
            f"--storage.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
        ]

    async with daemon("alertmanager", prepare) as base:
        yield base
