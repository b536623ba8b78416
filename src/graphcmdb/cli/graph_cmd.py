"""``graphcmdb graph export|import``: the whole graph as JSON lines, with progress bars."""

from __future__ import annotations

from pathlib import Path

import typer

from graphcmdb.cli.common import console, stage_bars, with_db
from graphcmdb.db.database import Database
from graphcmdb.services import graph_dump

app = typer.Typer(help="The whole graph as JSON lines (moving a CMDB between databases).")


@app.command("export")
def export_graph(
    path: Path = typer.Argument(..., dir_okay=False, help="The .jsonl file to write."),
) -> None:
    """Every node and relationship (but API tokens and migration records), one JSON
    object a line, in a canonical order: the same graph always gives the same file."""
    with stage_bars() as step:

        async def work(db: Database) -> list[str]:
            return await graph_dump.export_lines(db, step)

        lines = with_db(work)
        with path.open("w", encoding="utf-8") as out:
            for n, text in enumerate(lines, 1):
                out.write(text + "\n")
                if n % 10_000 == 0 or n == len(lines):
                    step("writing", n, len(lines))
    console.print(f"{len(lines) - 1:,} lines written to {path}.")


@app.command("import")
def import_graph(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A graph export."),
) -> None:
    """Load a graph export into an empty database (after `graphcmdb db migrate`), in one
    transaction: every line is checked first, and nothing is written if one is bad."""
    with stage_bars() as step:

        async def work(db: Database) -> graph_dump.DumpCounts:
            with path.open(encoding="utf-8") as lines:
                return await graph_dump.import_lines(db, lines, step)

        counts = with_db(work)
    console.print(f"{counts.nodes:,} nodes and {counts.relationships:,} relationships loaded.")
