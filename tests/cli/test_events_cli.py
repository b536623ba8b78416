"""``graphcmdb events list|evaluate|prune`` against the real graph: the newest events in
a table (filtered by source), the impact evaluator run to completion from the shell, and
retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.events import generic
from graphcmdb.services import events
from tests.cli.test_cli import run_cli
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import ACTOR, RULE


async def test_list_evaluate_and_prune(settings: Settings, db: Database) -> None:
    ids = await worked_example(db)
    old = datetime.now(UTC) - timedelta(days=40)
    for source, at in (("nagios", old), ("prom", datetime.now(UTC))):
        body = {"source": source, "alertName": f"{source}Down", "status": "firing",
                "severity": "critical", "ciId": ids["h1"]}  # fmt: skip
        await events.ingest(db, ACTOR, generic.read(body, 10), RULE, at)

    listed = run_cli(settings, "events", "list", "--source", "generic:prom")
    assert listed.returncode == 0, listed.stderr
    assert "promDown" in listed.stdout
    assert "h1" in listed.stdout
    assert "nagiosDown" not in listed.stdout

    evaluated = run_cli(settings, "events", "evaluate")
    assert evaluated.returncode == 0, evaluated.stderr
    assert "SUSPECTS" in evaluated.stdout  # its incident's root causes were searched too
    opened = await db.run_raw("MATCH (i:Incident {autoServiceId: $id}) RETURN i.state AS s",
                              id=ids["shop"])  # fmt: skip
    assert opened == [{"s": "NEW"}]
    again = run_cli(settings, "events", "evaluate")
    assert "nothing was queued" in again.stdout

    pruned = run_cli(settings, "events", "prune", "--days", "30")
    assert pruned.returncode == 0, pruned.stderr
    left = await db.run_raw("MATCH (e:Event) RETURN e.source AS source")
    assert left == [{"source": "generic:prom"}]  # the old one is gone
