"""End to end on loopback with Debian's ``prometheus`` and ``prometheus-alertmanager``:
Prometheus scrapes graphcmdb's ``/metrics`` (with the metrics token: loopback is not
trusted here), a rule on a counter the test bumps fires, Alertmanager posts the alert to
graphcmdb's own ``/events/alertmanager`` and it is stored there as an event."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from tests.api import alertmanager_server, prometheus_server
from tests.api.slow_paths import until, uvicorn_serving
from tests.api.test_metrics import sample
from tests.conftest import make_token

pytestmark = pytest.mark.skipif(
    not (prometheus_server.BINARY.exists() and alertmanager_server.BINARY.exists()),
    reason="Debian's prometheus and prometheus-alertmanager (make system-packages)",
)
TOKEN = "scrape-token-for-the-test"
COUNTER = 'graphcmdb_events_dropped_total{source="prtg",reason="malformed_payload"}'
RULES = """\
groups:
  - name: graphcmdb-self
    rules:
      - alert: GraphcmdbPayloadsRefused
        expr: {counter} > {floor}
        labels: {{severity: warning}}
        annotations: {{summary: "graphcmdb refused a PRTG payload"}}
"""


async def stored_alerts(db: Database) -> list[dict[str, Any]]:
    return await db.run_raw(
        "MATCH (e:Event {alertName: 'GraphcmdbPayloadsRefused'}) "
        "RETURN e.source AS source, e.state AS state, e.match AS match"
    )


async def test_a_rule_on_graphcmdb_metrics_fires_back_into_graphcmdb(
    settings: Settings, db: Database
) -> None:
    served = settings.model_copy(
        update={"metrics_token": SecretStr(TOKEN), "metrics_from_loopback": False}
    )
    events_token = await make_token(db, Role.EVENTS)
    async with uvicorn_serving(create_app(served, db)) as port:
        api = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=api) as graphcmdb:
            assert (await graphcmdb.get("/metrics")).status_code == 401  # loopback untrusted
            auth = {"Authorization": f"Bearer {TOKEN}"}
            text = (await graphcmdb.get("/metrics", headers=auth)).text
            floor = sample(
                text, "graphcmdb_events_dropped_total", source="prtg", reason="malformed_payload"
            )
            async with (
                alertmanager_server.alertmanager(f"{api}/events/alertmanager", events_token) as am,
                prometheus_server.prometheus(
                    f"127.0.0.1:{port}",
                    TOKEN,
                    am.removeprefix("http://"),
                    RULES.format(counter=COUNTER, floor=floor),
                ) as prom,
                httpx.AsyncClient(base_url=prom) as prometheus,
            ):

                async def scraped_and_evaluated() -> bool:
                    up = (await prometheus.get("/api/v1/query", params={"query": "up"})).json()
                    values = [r["value"][1] for r in up["data"]["result"]]
                    rules = (await prometheus.get("/api/v1/rules")).json()["data"]["groups"]
                    evaluated = rules and rules[0]["rules"][0]["health"] == "ok"
                    return values == ["1"] and bool(evaluated)

                await until(scraped_and_evaluated, "graphcmdb scraped and the rule evaluated")
                alerts = (await prometheus.get("/api/v1/alerts")).json()["data"]["alerts"]
                assert alerts == []  # nothing refused yet: the rule holds its fire
                assert await stored_alerts(db) == []

                bumped = await graphcmdb.post(
                    "/events/prtg",
                    content=b"{not json",
                    headers={
                        "Authorization": f"Bearer {events_token}",
                        "Content-Type": "application/json",
                    },
                )
                assert bumped.status_code == 400

                await until(lambda: stored_alerts(db), "the alert stored by graphcmdb")
    [event] = await stored_alerts(db)
    # its instance is graphcmdb's own address, which no CI has: an unknown source
    assert event == {"source": "alertmanager", "state": "FIRING", "match": "UNMATCHED"}
