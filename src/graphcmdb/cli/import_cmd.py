"""``graphcmdb import`` and ``graphcmdb export``: files in and out, with progress bars."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.importing import files
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor


def import_cmd(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .csv or .json file."),
    kind: files.ImportKind = typer.Option(..., help="What the file holds."),
    skip_invalid: bool = typer.Option(False, help="Write the good rows, report the others."),
) -> None:
    """Import a file; every bad row is reported with its line and column.

    Rows are matched by natural key (cis: ciClass + name; assets: assetTag; contracts:
    number; licenses: reference; installations: ciClass + ciName + publisher + product +
    version) and refer to other nodes by theirs (vendorName, assetTags separated by ';',
    contractNumber, publisher + product + version), so re-importing a file changes nothing.
    """
    fmt = ImportFormat.JSON if path.suffix.lower() == ".json" else ImportFormat.CSV
    content = path.read_text(encoding="utf-8-sig")
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=console,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def step(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        async def work(db: Database) -> files.ImportReport:
            return await files.import_file(
                db, system_actor("import"), kind, content, fmt, skip_invalid, step
            )

        report = with_db(work)
    table(
        f"Import of {path.name}",
        ["rows", "created", "updated", "unchanged", "skipped"],
        [[report.rows, report.created, report.updated, report.unchanged, report.skipped]],
    )
    if report.problems:
        table(
            "Skipped rows",
            ["line", "column", "reason"],
            [[p["line"], p["column"], p["reason"]] for p in report.problems[:50]],
        )


def export_cmd(
    path: Path = typer.Argument(..., dir_okay=False, help="CSV file to write."),
    kind: files.ImportKind = typer.Option(..., help="What to export."),
) -> None:
    """Export to CSV in the importer's columns (re-importing it changes nothing)."""

    async def work(db: Database) -> str:
        return await files.export_file(db, kind)

    text = with_db(work)
    path.write_text(text, encoding="utf-8")
    console.print(f"{text.count(chr(10)) - 1:,} {kind.value} written to {path}.")
