"""``graphcmdb events list|prune|evaluate``: monitoring events from the shell."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.config import get_settings
from graphcmdb.db.database import Database
from graphcmdb.services import event_reads, impact_evaluator
from graphcmdb.services.event_reads import EventView, Pruned
from graphcmdb.services.impact_evaluator import Pass

app = typer.Typer(help="Monitoring events: the newest, retention, the impact evaluator.")


def _row(e: EventView) -> list[str]:
    bound = e.ci_name or e.ci_id or ""
    return [
        e.received_at.isoformat(timespec="seconds"),
        e.source,
        e.alert_name or "",
        e.state.value + (" (flapping)" if e.suppressed else ""),
        e.severity or "",
        e.match.value if e.match else "",
        bound,
        e.fingerprint,
    ]


@app.command("list")
def list_cmd(
    limit: int = typer.Option(50, min=1, max=10_000, help="How many, newest first."),
    source: str | None = typer.Option(None, help="Only this source (alertmanager, zabbix …)."),
    ci: str | None = typer.Option(None, help="Only events bound to this CI id."),
) -> None:
    """The newest events, newest first."""

    async def work(db: Database) -> list[EventView]:
        return await event_reads.recent(db, limit, source, ci)

    found = with_db(work)
    columns = ["received", "source", "alert", "state", "severity", "match", "CI", "fingerprint"]
    table(f"Events ({len(found)})", columns, [_row(e) for e in found])


@app.command()
def prune(
    days: int | None = typer.Option(
        None, min=1, help="Keep this many days (default: GRAPHCMDB_EVENT_RETENTION_DAYS)."
    ),
) -> None:
    """Delete events older than the retention and resolved alerts last heard of before
    it (open alerts stay whatever their age). Idempotent."""
    keep = days if days is not None else get_settings().event_retention_days

    async def work(db: Database) -> Pruned:
        return await event_reads.prune(db, datetime.now(UTC), timedelta(days=keep))

    pruned = with_db(work)
    table(
        f"Pruned (older than {keep} days)",
        ["events", "resolved alerts"],
        [[f"{pruned.events:,}", f"{pruned.alerts:,}"]],
    )


@app.command()
def evaluate() -> None:
    """Run the impact evaluator until nothing is queued (what the API's evaluator does
    after each payload; for when no API process runs)."""
    window = timedelta(seconds=get_settings().event_flap_window_s)

    async def work(db: Database) -> list[Pass]:
        return await impact_evaluator.drain(db, window)

    passes = with_db(work)
    table(
        "Impact evaluator passes",
        ["kind", "queued entries", "ids", "incident moves", "root causes searched"],
        [
            [p.kind.value, p.entries, len(p.ids), len(p.follow_up.incidents), p.searched]
            for p in passes
        ],
    )
    if not passes:
        console.print("nothing was queued")
