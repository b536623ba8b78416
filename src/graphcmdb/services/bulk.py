"""Bulk create-or-update of CIs, each row identified by the identification engine.

Validation runs over every row first; one bad row (invalid, ambiguous, refused) means
nothing is written. The write is one managed transaction with one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.db.database import Database, Row
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import BulkValidationFailed, LimitExceeded, ValidationFailed
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.plan import Action, CIRow
from graphcmdb.services import ci_identification, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.ci_identification import CIPlan
from graphcmdb.services.row_checks import RowProblem, check_unique

#: rows one call may carry: they are identified and written in one transaction
MAX_ROWS = 100_000
#: Applied only when a row creates a CI, so an update never resets these fields.
CREATE_DEFAULTS = ("status", "criticality", "minAvailable")


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    ids: list[str]
    unchanged: int = 0

    @classmethod
    def of_plan(cls, plan: CIPlan) -> UpsertResult:
        return cls(
            plan.count(Action.CREATE),
            plan.count(Action.UPDATE),
            plan.ids,
            plan.count(Action.UNCHANGED),
        )

    @classmethod
    def counted(cls, ids: list[str], created: int, changed: int) -> UpsertResult:
        """The upsert that wrote ``ids``: ``changed`` of them created or updated, of
        which ``created`` new."""
        return cls(created, changed - created, ids, len(ids) - changed)

    @classmethod
    def of_written(cls, written: list[Row]) -> UpsertResult:
        """What a generated upsert answered (``{id, created, changed}`` per row)."""
        created = sum(1 for w in written if w["created"])
        changed = sum(1 for w in written if w["changed"])
        return cls.counted([str(w["id"]) for w in written], created, changed)


def validate_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row to a write row, or one error listing every bad row (nothing written)."""
    prepared, problems = check_rows(rows)
    if problems:
        raise BulkValidationFailed(problems[:100])
    return [p for p in prepared if p is not None]


#: identifiers a row may carry that are not CI fields (they identify; nothing stores them)
IDENTIFYING_COLUMNS = ("assetTag",)


def _prepare_checked(raw: dict[str, Any]) -> dict[str, Any]:
    try:
        return prepare_row(raw)
    except ValidationFailed as exc:
        raise RowProblem(exc.details.get("field", "row"), exc.message) from exc


def check_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[dict[str, Any] | None], list[dict[str, Any]]]:
    """Each row prepared (None where invalid) and the problems with their row index."""
    return check_unique(rows, _prepare_checked, "ciClass", "name")


def prepare_row(raw: dict[str, Any]) -> dict[str, Any]:
    """One validated row: the upsert's shape plus ``assetTags`` (identification only)."""
    fields = {k: v for k, v in raw.items() if k not in IDENTIFYING_COLUMNS}
    tags = [str(raw[c]) for c in IDENTIFYING_COLUMNS if raw.get(c) not in (None, "")]
    return nodes.upsert_row(CI_SPEC, fields, CREATE_DEFAULTS) | {"assetTags": tags}


def ci_row(prepared: dict[str, Any]) -> CIRow:
    """A prepared row as the identification engine takes it."""
    return CIRow(
        ci_class=CIClass(prepared["ciClass"]),
        name=str(prepared["name"]),
        #: the natural key is the CMDB's: a matched CI keeps its class and name
        props={k: v for k, v in prepared["props"].items() if k not in CI_SPEC.key},
        defaults=dict(prepared["defaults"]),
        asset_tags=tuple(prepared.get("assetTags") or ()),
    )


async def upsert_cis(db: Database, actor: Actor, rows: list[dict[str, Any]]) -> UpsertResult:
    return UpsertResult.of_plan(await plan_cis(db, actor, rows))


async def plan_cis(
    db: Database,
    actor: Actor,
    rows: list[dict[str, Any]],
    *,
    dry_run: bool = False,
    expect: str | None = None,
) -> CIPlan:
    """Identify every row (``services/ci_identification.py``) and write them in one
    transaction, or only plan them (``dry_run``). A row that is ambiguous or refused
    refuses the whole call: nothing is written, every such row is named."""
    if len(rows) > MAX_ROWS:
        raise LimitExceeded(
            f"At most {MAX_ROWS:,} rows per call (one transaction); import a file for more.",
            field="input",
            limit=MAX_ROWS,
        )
    prepared = [ci_row(p) for p in validate_rows(rows)]
    batch = max(1, len(prepared))
    if dry_run:
        return await ci_identification.preview(db, prepared, batch)
    promised = None
    if expect is not None:
        promised = await ci_identification.preview(db, prepared, batch)
        if promised.token != expect:
            raise ci_identification.stale(expect, promised.token)
    return await ci_identification.reconcile_rows(
        db,
        actor,
        prepared,
        operation="upsertCIs",
        promised=promised,
        batch=batch,
        all_or_nothing=True,
    )
