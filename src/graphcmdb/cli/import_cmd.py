"""``graphcmdb import`` and ``graphcmdb export``: files in and out, with progress bars."""

from __future__ import annotations

from pathlib import Path

import typer

from graphcmdb.cli.common import console, stage_bars, table, with_db
from graphcmdb.cli.plan_table import print_plan
from graphcmdb.db.database import Database
from graphcmdb.importing import files
from graphcmdb.importing.mapping import read_mapping
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services.actor import system_actor


def import_cmd(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .csv or .json file."),
    kind: files.ImportKind = typer.Option(..., help="What the file holds."),
    skip_invalid: bool = typer.Option(False, help="Write the good rows, report the others."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what the import would do, row by row; write nothing."
    ),
    show_unchanged: bool = typer.Option(False, help="List unchanged rows in the plan too."),
    mapping: Path | None = typer.Option(
        None,
        exists=True,
        dir_okay=False,
        help="A TOML column mapping for another tool's export (docs/examples/).",
    ),
) -> None:
    """Import a file; every bad row is reported with its line and column.

    CI rows are identified like every other source (serial, asset tag, MAC, FQDN, host
    name, address; see the README's "How identity works"); --dry-run prints the plan.
    Other rows are matched by natural key (assets: assetTag; contracts:
    number; licenses: reference; installations: ciClass + ciName + publisher + product +
    version) and refer to other nodes by theirs (vendorName, assetTags separated by ';',
    contractNumber, publisher + product + version), so re-importing a file changes nothing.
    """
    fmt = ImportFormat.JSON if path.suffix.lower() == ".json" else ImportFormat.CSV
    content = path.read_text(encoding="utf-8-sig")
    columns = read_mapping(mapping.read_text(encoding="utf-8")) if mapping else None
    with stage_bars() as step:

        async def work(db: Database) -> files.ImportReport:
            return await files.import_file(
                db,
                system_actor("import"),
                kind,
                content,
                fmt,
                skip_invalid,
                step,
                dry_run,
                file_name=path.name,
                mapping=columns,
            )

        report = with_db(work)
    if report.plan is not None:
        title = f"{'Preview' if dry_run else 'Plan'} of {path.name}"
        print_plan(title, report.plan, report.plan_lines, show_unchanged)
    table(
        f"{'Preview of the import' if dry_run else 'Import'} of {path.name}",
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
    path: Path = typer.Argument(..., dir_okay=False, help="The file to write."),
    kind: files.ImportKind = typer.Option(..., help="What to export."),
    fmt: ImportFormat = typer.Option(ImportFormat.CSV, "--format", help="csv or json."),
) -> None:
    """Export in the importer's columns, as CSV or JSON (re-importing it changes nothing).
    The whole graph at once: `graphcmdb graph export`."""

    async def work(db: Database) -> str:
        return await files.export_file(db, kind, fmt=fmt)

    text = with_db(work)
    path.write_text(text, encoding="utf-8")
    console.print(f"{kind.value} written to {path} ({fmt.value}).")
