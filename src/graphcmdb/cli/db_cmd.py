"""``graphcmdb db migrate|status``: the graph schema."""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, prepare_graph, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.db.schema import applied_version, latest_version

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
