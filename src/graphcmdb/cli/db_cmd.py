"""``graphcmdb db migrate|status``: the graph schema."""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, prepare_graph, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.db.schema import applied_version, latest_version
from graphcmdb.services import history_retention
from graphcmdb.services.history_retention import HistorySize

app = typer.Typer(help="Graph schema: constraints and indexes.")


@app.command("migrate")
def migrate_cmd() -> None:
    """Apply cypher/schema/*.cypher (idempotent) and record the version in the graph;
    credential secrets stored in clear by an older version are sealed."""
    version = with_db(prepare_graph)
    console.print(f"Schema at version {version}.")


@app.command()
def status() -> None:
    """Applied versus expected schema version."""

    async def work(db: Database) -> int | None:
        return await applied_version(db)

    applied = with_db(work)
    table("Schema", ["applied", "expected"], [[applied, latest_version()]])
    if applied != latest_version():
        raise typer.Exit(2)


@app.command("compact-history")
def compact_history(
    days: int | None = typer.Option(
        None,
        help="Keep history whole for this many days (default: GRAPHCMDB_HISTORY_RETENTION_DAYS).",
    ),
) -> None:
    """Drop versions that ended before the retention window, except those that held at
    a month end; prints what history holds before and after."""

    async def work(db: Database) -> tuple[HistorySize, HistorySize] | None:
        keep = days or db.settings.history_retention_days
        if keep is None:
            return None
        before = await history_retention.size(db)
        return before, await history_retention.compact_by_retention(db, keep, db.clock())

    sizes = with_db(work)
    if sizes is None:
        console.print(
            "No retention set (--days or GRAPHCMDB_HISTORY_RETENTION_DAYS): nothing dropped."
        )
        return
    table(
        "History",
        ["", "timelines", "versions", "relationship versions"],
        [
            [label, s.timelines, s.versions, s.edge_versions]
            for label, s in zip(("before", "after"), sizes, strict=True)
        ],
    )
