"""Debian's ``prometheus`` on loopback: scraping one graphcmdb, one alerting rule, sending
to one Alertmanager.

A temporary config (scrape and evaluation every 200 ms, the metrics token as the
scrape's bearer credentials), a temporary TSDB directory and a free port; the process
is stopped and its files removed when the context ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.api.loopback_daemon import daemon

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

    def prepare(workdir: Path, port: int) -> list[str]:
        (workdir / "rules.yml").write_text(rules)
        config = CONFIG.format(
            rules=workdir / "rules.yml", alertmanager=alertmanager, token=token, target=target
        )
        (workdir / "prometheus.yml").write_text(config)
        return [
            str(BINARY),
            f"--config.file={workdir / 'prometheus.yml'}",
            f"--storage.tsdb.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ]

    async with daemon("prometheus", prepare) as base:
        yield base
