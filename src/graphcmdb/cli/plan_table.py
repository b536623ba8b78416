"""A CI plan as the CLI prints it: one line per row that does something, then totals."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from graphcmdb.cli.common import console
from graphcmdb.identity.plan import Action, FieldChange, RowPlan
from graphcmdb.services.ci_identification import CIPlan

#: rows listed at most; the totals always count every row
SHOWN = 200
STYLE = {
    Action.CREATE: "green",
    Action.UPDATE: "yellow",
    Action.UNCHANGED: "dim",
    Action.AMBIGUOUS: "magenta",
    Action.REFUSED: "red",
}


def _changes(changes: Sequence[FieldChange], limit: int = 4) -> str:
    shown = [f"{c.field}: {c.before!s} → {c.after!s}" for c in changes[:limit]]
    more = f" (+{len(changes) - limit} more)" if len(changes) > limit else ""
    return "; ".join(shown) + more


def _what(row: RowPlan) -> str:
    if row.action in (Action.AMBIGUOUS, Action.REFUSED):
        return row.reason or ""
    if row.action is Action.CREATE:
        return "new"
    text = _changes(row.changes) if row.changes else "nothing new"
    return "; ".join([text, *row.notes])


def print_plan(title: str, plan: CIPlan, lines: Sequence[int], show_unchanged: bool) -> None:
    """The rows (unchanged ones only when asked) and a totals line."""
    table = Table(title=title)
    for column in ("line", "action", "CI", "rule", "what"):
        table.add_column(column)
    listed = [r for r in plan.rows if show_unchanged or r.action is not Action.UNCHANGED]
    for row in listed[:SHOWN]:
        ci = f"{row.ci.name} ({row.ci.ci_class})" if row.ci else ""
        line = str(lines[row.index]) if row.index < len(lines) else str(row.index + 1)
        style = STYLE[row.action]
        table.add_row(line, f"[{style}]{row.action.value}[/]", ci, row.rule or "", _what(row))
    console.print(table)
    if len(listed) > SHOWN:
        console.print(f"… and {len(listed) - SHOWN:,} more rows.")
    totals = ", ".join(f"{n:,} {a.value.lower()}" for a, n in plan.totals.items())
    verb = "Written" if plan.applied else "Nothing written (preview)"
    console.print(f"{verb}: {totals}. Plan token: {plan.token}")
