"""Helpers shared by the CLI commands: run async service calls, print errors and tables."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from graphcmdb import collector
from graphcmdb.config import Settings, get_settings
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.errors import CmdbError
from graphcmdb.services.credential_secrets import seal_plain_secrets

T = TypeVar("T")
console = Console()
err_console = Console(stderr=True)


def with_db(work: Callable[[Database], Awaitable[T]], settings: Settings | None = None) -> T:
    """Run ``work`` with a connected database; typed errors become a red line and exit 1."""

    collector.tune()

    async def main() -> T:
        db = Database(settings or get_settings())
        try:
            return await work(db)
        finally:
            await db.close()

    try:
        return asyncio.run(main())
    except CmdbError as exc:
        err_console.print(f"[red]error[/red] [{exc.code}] {exc.message}")
        raise typer.Exit(1) from exc


async def prepare_graph(db: Database) -> int:
    """What a command that sets the graph up runs first (the API does the same at
    start-up): the schema migrations, then sealing the credential secrets an older
    version stored in clear; both idempotent. Returns the schema version."""
    version = await migrate(db)
    await seal_plain_secrets(db)
    return version


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    t = Table(title=title)
    for column in columns:
        t.add_column(column)
    for row in rows:
        t.add_row(*["" if v is None else escape(str(v)) for v in row])  # data, not markup
    console.print(t)


def progress_bars(label_width: int = 14) -> Progress:
    """Rich progress bars as every long-running command shows them: stage, bar, n/m, time."""
    return Progress(
        TextColumn(f"{{task.description:<{label_width}}}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


@contextmanager
def stage_bars(label_width: int = 22) -> Iterator[Callable[[str, int, int], None]]:
    """One of :func:`progress_bars` per stage, added as the stage starts: yields
    ``step(stage, done, total)``, the services' progress callback."""
    with progress_bars(label_width) as bar:
        tasks: dict[str, TaskID] = {}

        def step(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield step
