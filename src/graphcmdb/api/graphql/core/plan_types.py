"""What identification decided, per row, as GraphQL answers it (``identity/plan.py``).

``upsertCIs`` and ``importData`` answer their plan: with ``dryRun: true`` it is a preview
(nothing written), and its ``token`` passed back as ``planToken`` makes the write refuse
(``PLAN_STALE``) when the graph changed so that the plan would differ.
"""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry.scalars import JSON

from graphcmdb.identity.match import Evidence
from graphcmdb.identity.plan import Action, CIRef, FieldChange, RowPlan
from graphcmdb.identity.replacement import Replaced
from graphcmdb.services.ci_identification import CIPlan

#: rows a plan answers at most (totals always count every row)
MAX_ROWS = 1000


@strawberry.type(name="PlanCI")
class PlanCIType:
    id: strawberry.ID
    name: str | None
    ciClass: str


@strawberry.type
class PlanFieldChange:
    field: str
    before: JSON | None
    after: JSON | None


@strawberry.type
class PlanEvidence:
    rule: str
    ciId: strawberry.ID
    value: str


@strawberry.type
class PlanRow:
    index: int = strawberry.field(description="The row's position in the input, from 0.")
    line: int | None = strawberry.field(description="The file line (imports).")
    action: Action
    ci: PlanCIType | None = strawberry.field(description="The CI written, matched or new.")
    rule: str | None = strawberry.field(description="The rule that found the CI.")
    changes: list[PlanFieldChange]
    candidates: list[PlanCIType] = strawberry.field(description="AMBIGUOUS/REFUSED: the CIs.")
    reason: str | None
    notes: list[str]
    evidence: list[PlanEvidence]
    replaces: PlanCIType | None = strawberry.field(
        default=None,
        description="CREATE: new hardware in this CI's role (same name and address, a new "
        "serial): it becomes REPLACED and its role moves to the new CI.",
    )


@strawberry.type
class PlanTotals:
    create: int
    update: int
    unchanged: int
    ambiguous: int
    refused: int


@strawberry.type(description="Per row: CREATE / UPDATE / UNCHANGED / AMBIGUOUS / REFUSED.")
class IdentityPlan:
    applied: bool = strawberry.field(description="False for a preview: nothing was written.")
    token: str = strawberry.field(description="Pass as planToken to write exactly this plan.")
    totals: PlanTotals
    rows: list[PlanRow] = strawberry.field(description=f"The first {MAX_ROWS} rows.")


def _ci(ref: CIRef) -> PlanCIType:
    return PlanCIType(id=strawberry.ID(ref.id), name=ref.name, ciClass=ref.ci_class)


def _json(value: object) -> JSON:
    """A stored value as JSON: dates and the like as their text."""
    plain = value is None or isinstance(value, str | int | float | bool | list | dict)
    return JSON(value if plain else str(value))


def _change(change: FieldChange) -> PlanFieldChange:
    return PlanFieldChange(
        field=change.field, before=_json(change.before), after=_json(change.after)
    )


def _evidence(e: Evidence) -> PlanEvidence:
    return PlanEvidence(rule=e.rule, ciId=strawberry.ID(e.ci_id), value=e.value)


def _row(row: RowPlan, lines: Sequence[int]) -> PlanRow:
    return PlanRow(
        index=row.index,
        line=lines[row.index] if row.index < len(lines) else None,
        action=row.action,
        ci=_ci(row.ci) if row.ci else None,
        rule=row.rule,
        changes=[_change(c) for c in row.changes],
        candidates=[_ci(c) for c in row.candidates],
        reason=row.reason,
        notes=list(row.notes),
        evidence=[_evidence(e) for e in row.evidence],
        replaces=_swapped(row.replaces) if row.replaces else None,
    )


def _swapped(old: Replaced) -> PlanCIType:
    return PlanCIType(id=strawberry.ID(old.id), name=old.name, ciClass=old.ci_class)


def to_plan(plan: CIPlan, lines: Sequence[int] = ()) -> IdentityPlan:
    totals = plan.totals
    return IdentityPlan(
        applied=plan.applied,
        token=plan.token,
        totals=PlanTotals(
            create=totals[Action.CREATE],
            update=totals[Action.UPDATE],
            unchanged=totals[Action.UNCHANGED],
            ambiguous=totals[Action.AMBIGUOUS],
            refused=totals[Action.REFUSED],
        ),
        rows=[_row(r, lines) for r in plan.rows[:MAX_ROWS]],
    )
