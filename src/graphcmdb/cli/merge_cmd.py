"""Duplicates and merges from the shell: the same services as ``duplicateCIs`` and
``mergeCIs``, printed as tables. A merge is previewed first (``--dry-run``, the default):
its plan says which value wins each field and why, and what happens to each
relationship; ``--apply --token T`` writes exactly that plan or refuses (``PLAN_STALE``).
"""

from __future__ import annotations

import json

import typer

from graphcmdb.cli.common import console, table, with_db
from graphcmdb.db.database import Database
from graphcmdb.discovery.duplicates import Confidence
from graphcmdb.services import discovery_duplicates, discovery_merge
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery_duplicates import DuplicateGroup
from graphcmdb.services.discovery_merge import MergeResult

ACTOR = system_actor("cli")


def _short(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def duplicates_cmd(
    at_least: Confidence = typer.Option(Confidence.LOW, help="The weakest confidence shown."),
    limit: int = typer.Option(100, help="Groups at most (1-1000)."),
) -> None:
    """CIs that look like one thing: the key they share, the confidence and the CIs
    (oldest first, the natural one to keep)."""

    async def work(db: Database) -> list[DuplicateGroup]:
        return await discovery_duplicates.duplicate_cis(db, limit, at_least)

    groups = with_db(work)
    rows = [
        (
            g.confidence.value,
            g.kind.value,
            g.value,
            ", ".join(f"{c.name} ({c.id})" for c in g.cis),
            g.summary,
            f"{g.remedy.value}: {g.remedy_note}",
        )
        for g in groups
    ]
    columns = ("confidence", "kind", "value", "CIs", "why", "remedy")
    table(f"Duplicate suspects ({len(rows)})", columns, rows)


def merge_cmd(
    keep: str = typer.Argument(..., help="The CI that stays (its id)."),
    merge: list[str] = typer.Argument(..., help="The CIs folded into it and deleted."),
    apply: bool = typer.Option(False, "--apply", help="Write it (default: preview only)."),
    token: str | None = typer.Option(None, help="The preview's plan token (with --apply)."),
    force: bool = typer.Option(False, help="Merge CIs of other classes or serials too."),
) -> None:
    """Preview a merge (the plan, nothing written) or, with --apply, perform it."""

    async def work(db: Database) -> MergeResult:
        return await discovery_merge.merge_cis(
            db, ACTOR, keep, merge, force, dry_run=not apply, expect=token
        )

    result = with_db(work)
    plan = result.plan
    fields = [
        (d.field, _short(d.kept), _short(d.value), d.winner, d.reason.value)
        for d in plan.fields
        if d.changed or d.incoming
    ]
    table("Fields", ("field", "kept CI's value", "after", "from", "why"), fields)
    rels = [
        (r.type, r.from_id, r.to_id, r.outcome.value, r.reason.value if r.reason else "")
        for r in plan.relationships
    ]
    table("Relationships", ("type", "from", "to", "outcome", "why"), rels)
    if result.dry_run:
        console.print(
            f"Preview: nothing written. Apply exactly this plan with --apply --token {plan.token}"
        )
    else:
        console.print(
            f"Merged {len(result.merged_ids)} CI(s) into {result.ci.name} ({result.ci.id}): "
            f"{result.moved} relationship(s) moved, {result.dropped} dropped; "
            f"audit entry {result.audit_id}."
        )
