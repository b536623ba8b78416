"""``graphcmdb demo load``: a small realistic enterprise CMDB."""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, with_db
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate

app = typer.Typer(help="Demo data.")


@app.command()
def load() -> None:
    """Load (or refresh; idempotent) the demo enterprise into the graph."""
    from graphcmdb.demo.load import load_demo

    async def work(db: Database) -> object:
        await migrate(db)
        return await load_demo(db)

    console.print(f"Demo CMDB loaded: {with_db(work)}")
