"""``graphcmdb graph export|import``: the whole graph as JSON lines, with progress bars."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from graphcmdb import neo4j_server
from graphcmdb.cli.common import console, err_console, stage_bars, table, with_db
from graphcmdb.config import get_settings
from graphcmdb.db.database import Database
from graphcmdb.errors import CmdbError
from graphcmdb.services import graph_dump, graph_offline

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
    offline: bool = typer.Option(
        False,
        "--offline",
        help="First load into the managed Neo4j with neo4j-admin's importer: the server "
        "is stopped while it writes the store, then started with the schema applied.",
    ),
) -> None:
    """Load a graph export into an empty database (after `graphcmdb db migrate`), in one
    transaction: every line is checked first, and nothing is written if one is bad."""
    if offline:
        _import_offline(path)
        return
    with stage_bars() as step:

        async def work(db: Database) -> graph_dump.DumpCounts:
            with path.open(encoding="utf-8") as lines:
                return await graph_dump.import_lines(db, lines, step)

        counts = with_db(work)
    console.print(f"{counts.nodes:,} nodes and {counts.relationships:,} relationships loaded.")


def _import_offline(path: Path) -> None:
    settings = get_settings()
    try:
        with stage_bars(36) as step:
            report = asyncio.run(graph_offline.import_offline(settings, path, step))
    except CmdbError as exc:
        err_console.print(f"[red]error[/red] [{exc.code}] {exc.message}")
        raise typer.Exit(1) from exc
    except neo4j_server.Neo4jProvisionError as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1) from exc
    table(
        "Offline import",
        ["step", "seconds"],
        [
            ("check and convert to CSV", f"{report.convert_s:.1f}"),
            ("neo4j-admin database import", f"{report.import_s:.1f}"),
            ("start Neo4j", f"{report.start_s:.1f}"),
            ("schema, indexes, fix-ups", f"{report.schema_s:.1f}"),
            ("total", f"{report.seconds:.1f}"),
        ],
    )
    console.print(
        f"{report.nodes:,} nodes and {report.relationships:,} relationships loaded"
        + (f" ({report.fixups:,} with values set after the import)." if report.fixups else ".")
    )
