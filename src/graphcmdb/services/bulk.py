"""Bulk create-or-update of CIs by their natural key (ciClass, name).

Validation runs over every row first; one bad row means nothing is written. The
write is one managed transaction with one ``UNWIND`` and one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import BulkValidationFailed, ValidationFailed
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.row_checks import RowProblem, check_unique

#: Applied only when a row creates a CI, so an update never resets these fields.
CREATE_DEFAULTS = ("status", "criticality", "minAvailable")


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    ids: list[str]
    unchanged: int = 0

    @classmethod
    def counted(cls, ids: list[str], created: int, changed: int) -> UpsertResult:
        """The upsert that wrote ``ids``: ``changed`` of them created or updated, of
        which ``created`` new."""
        return cls(created, changed - created, ids, len(ids) - changed)


def validate_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row to a write row, or one error listing every bad row (nothing written)."""
    prepared, problems = check_rows(rows)
    if problems:
        raise BulkValidationFailed(problems[:100])
    return [p for p in prepared if p is not None]


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
    """One validated row as the upsert query takes it."""
    return nodes.upsert_row(CI_SPEC, raw, CREATE_DEFAULTS)


async def upsert_cis(db: Database, actor: Actor, rows: list[dict[str, Any]]) -> UpsertResult:
    return await write_prepared(db, actor, validate_rows(rows))


async def write_prepared(
    db: Database, actor: Actor, prepared: list[dict[str, Any]]
) -> UpsertResult:
    """Write rows from :func:`check_rows` in one transaction with one audit entry."""
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        written = await nodes.upsert_in(tx, CI_SPEC, prepared, now)
        created = sum(1 for w in written if w["created"])
        changed = [(w, p) for w, p in zip(written, prepared, strict=True) if w["changed"]]
        if changed:
            await audit.record(
                tx,
                actor,
                "upsertCIs",
                [str(w["id"]) for w, _ in changed],
                None,
                {
                    "created": created,
                    "updated": len(changed) - created,
                    "rows": [
                        {"id": w["id"], "ciClass": p["ciClass"], "name": p["name"], **p["props"]}
                        for w, p in changed
                    ],
                },
            )
        return UpsertResult.counted([str(w["id"]) for w in written], created, len(changed))

    return await db.write(work)
