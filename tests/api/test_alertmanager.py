"""End to end with the real Alertmanager (Debian's ``prometheus-alertmanager``): an
alert pushed into it through its API reaches graphcmdb through its webhook and takes the
CI DOWN, which opens one P1 incident on the service above it with the hypervisor as root
cause; the alert ended, its resolved notification brings the CI back OPERATIONAL and
resolves the incident, whose stored times give the MTTR the metrics report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType, Role
from graphcmdb.services import metrics
from tests.api.alertmanager_server import BINARY, alertmanager
from tests.api.slow_paths import until, uvicorn_serving
from tests.conftest import GQL, make_token
from tests.impact_fixtures import build

pytestmark = pytest.mark.skipif(
    not BINARY.exists(), reason="Debian's prometheus-alertmanager (make system-packages)"
)
LABELS = {"alertname": "HostDown", "instance": "hv01.example.org:9100", "severity": "critical"}


async def status_of(db: Database, ci_id: str) -> str:
    rows = await db.run_raw("MATCH (c:CI {id: $id}) RETURN c.status AS s", id=ci_id)
    return str(rows[0]["s"])


async def test_an_alert_from_alertmanager_takes_the_ci_down_and_its_resolution_back(
    settings: Settings, db: Database, gql: GQL
) -> None:
    ids = await build(
        db,
        cis={
            "hv01": (CIClass.SERVER, {"fqdn": "hv01.example.org"}),
            "vm01": (CIClass.VIRTUAL_MACHINE, {}),
        },
        services={"payroll": {"criticality": 4, "users": 300}},
        edges=[
            ("vm01", RelType.HOSTED_ON, "hv01", None),
            ("payroll", RelType.DEPENDS_ON, "vm01", DependencyKind.HARD),
        ],
    )
    ci = ids["hv01"]
    token = await make_token(db, Role.EVENTS)
    async with (
        uvicorn_serving(create_app(settings, db)) as port,
        alertmanager(f"http://127.0.0.1:{port}/events/alertmanager", token) as am,
        httpx.AsyncClient(base_url=am) as client,
    ):
        alert = {"labels": LABELS, "annotations": {"summary": "hv01 does not answer"}}
        pushed = await client.post("/api/v2/alerts", json=[alert])
        assert pushed.status_code == 200, pushed.text

        async def is_(status: str) -> bool:
            return await status_of(db, ci) == status

        await until(lambda: is_("DOWN"), "the CI DOWN after Alertmanager's notification")

        async def suspected() -> bool:  # the evaluator's passes: incident, then its causes
            rows = await db.run_raw("MATCH (:Incident)-[s:SUSPECTS]->(:CI) RETURN count(s) AS n")
            return bool(rows[0]["n"])

        await until(suspected, "an incident with its root-cause candidates")
        ended = {**alert, "endsAt": datetime.now(UTC).isoformat()}
        assert (await client.post("/api/v2/alerts", json=[ended])).status_code == 200
        await until(lambda: is_("OPERATIONAL"), "the CI OPERATIONAL after the resolution")
    [incident] = await db.run_raw(
        "MATCH (i:Incident)-[:SUSPECTS {rank: 1}]->(c:CI) RETURN i.priority AS priority, "
        "i.state AS state, i.autoServiceId AS service, i.openedAt AS opened, "
        "i.resolvedAt AS resolved, c.name AS suspect"
    )
    assert (incident["priority"], incident["state"]) == ("P1", "RESOLVED")
    assert (incident["service"], incident["suspect"]) == (ids["payroll"], "hv01")
    window = metrics.window_of(incident["opened"] - timedelta(hours=1), datetime.now(UTC))
    kpis = await metrics.itsm_kpis(db, window)
    assert kpis.by_priority["P1"].mttr == incident["resolved"] - incident["opened"]
    rows = await db.run_raw(
        "MATCH (e:Event) RETURN e.state AS state, e.source AS source, e.match AS match "
        "ORDER BY e.receivedAt"
    )
    assert [r["state"] for r in rows] == ["FIRING", "RESOLVED"]
    assert {(r["source"], r["match"]) for r in rows} == {("alertmanager", "MATCHED")}
    history = await gql("query($id: ID!) { ci(id: $id) { statusHistory { from to } } }", {"id": ci})
    moves = [(h["from"], h["to"]) for h in history["ci"]["statusHistory"]]
    assert moves == [("DOWN", "OPERATIONAL"), ("OPERATIONAL", "DOWN")]
