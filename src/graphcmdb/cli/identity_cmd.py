"""Identity work from the shell: the reconciliation tasks people decide, and the data
quality report (the same services as ``reconciliationTasks``, ``resolveReconciliation
Task`` and ``dataQuality``)."""

from __future__ import annotations

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.config import get_settings
from graphcmdb.db.database import Database
from graphcmdb.domain.system_records import ReconciliationTaskRecord
from graphcmdb.graph.enums import TaskResolution, TaskState
from graphcmdb.services import data_quality, reconciliation_tasks, staleness
from graphcmdb.services.actor import system_actor
from graphcmdb.services.paging import Page, PageRequest

tasks_app = typer.Typer(help="Reconciliation tasks: what identification would not guess.")
ACTOR = system_actor("cli")
#: the most tasks one listing prints
SHOWN = 200


@tasks_app.command("list")
def list_tasks(
    state: TaskState | None = typer.Option(TaskState.OPEN, help="OPEN or RESOLVED."),
    all_: bool = typer.Option(False, "--all", help="Every state."),
) -> None:
    """The tasks, newest first, with the candidates identification found."""
    wanted = None if all_ else state

    async def work(db: Database) -> tuple[Page[ReconciliationTaskRecord], int]:
        page = await reconciliation_tasks.list_tasks(db, wanted, PageRequest(SHOWN, None))
        return page, await reconciliation_tasks.count_tasks(db, wanted)

    page, total = with_db(work)
    rows = [
        (
            t.id,
            t.state.value,
            t.source,
            t.occurrences,
            ", ".join(t.candidateIds),
            t.resolution.value if t.resolution else None,
            t.reason,
        )
        for t in page.items
    ]
    columns = ("id", "state", "source", "seen", "candidates", "resolution", "reason")
    table(f"Reconciliation tasks ({total})", columns, rows)
    if total > len(rows):
        console.print(f"{total - len(rows)} more: see the reconciliationTasks query.")


@tasks_app.command("resolve")
def resolve_task(
    task_id: str = typer.Argument(..., help="The task's id (tasks list)."),
    merge_into: str | None = typer.Option(None, help="It is this candidate CI (its id)."),
    create_new: bool = typer.Option(False, help="It is none of them: a new CI."),
    ignore: bool = typer.Option(False, help="Leave it out of the CMDB."),
) -> None:
    """Decide a task; the decision sticks each time the thing is met again."""
    chosen = [
        r
        for r, given in (
            (TaskResolution.MERGE_INTO, merge_into is not None),
            (TaskResolution.CREATE_NEW, create_new),
            (TaskResolution.IGNORE, ignore),
        )
        if given
    ]
    if len(chosen) != 1:
        raise typer.BadParameter("Give exactly one of --merge-into, --create-new, --ignore.")

    async def work(db: Database) -> ReconciliationTaskRecord:
        return await reconciliation_tasks.resolve(db, ACTOR, task_id, chosen[0], merge_into)

    done = with_db(work)
    console.print(f"{done.id}: {done.resolution} {done.resolvedCiId or ''}".rstrip())


def quality_cmd() -> None:
    """Data quality per CI class: duplicate suspects, CIs without an asset, stale CIs
    and links, missing mandatory fields and completeness."""
    policy = staleness.policy_of(get_settings())

    async def work(db: Database) -> data_quality.DataQuality:
        return await data_quality.data_quality(db, policy)

    report = with_db(work)
    rows = [
        (
            c.ci_class.value,
            c.total,
            c.duplicate_suspects,
            "" if c.without_asset is None else c.without_asset,
            c.stale_cis,
            c.stale_links,
            ", ".join(f"{g.field} {g.missing}" for g in c.missing_fields if g.missing),
            _percent(c.completeness),
        )
        for c in report.classes
    ]
    columns = ("class", "CIs", "duplicate suspects", "no asset", "stale", "stale links",
               "missing fields", "complete")  # fmt: skip
    table("Data quality", columns, rows)
    console.print(
        f"overall complete: {_percent(report.completeness)}; stale links: "
        f"{report.stale_links}; assets in use without a CI: {report.assets_without_ci}"
    )


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"
