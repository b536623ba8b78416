"""Bulk create-or-update of CIs by their natural key (ciClass, name).

Validation runs over every row first; one bad row means nothing is written. The
write is one managed transaction with one ``UNWIND`` and one audit entry.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.models import CICreate
from graphcmdb.errors import BulkValidationFailed, ValidationFailed
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor

#: Applied only when a row creates a CI, so an update never resets these fields.
CREATE_DEFAULTS = ("status", "criticality", "minAvailable")


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    ids: list[str]


def validate_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row to a write row; all problems collected with their row index."""
    problems: list[dict[str, Any]] = []
    prepared: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(rows):
        try:
            record = CICreate.model_validate(raw)
            given = record.graph_props()
        except PydanticValidationError as exc:
            problems.extend(
                {
                    "row": index,
                    "field": ".".join(str(p) for p in e["loc"]) or "row",
                    "reason": e["msg"].removeprefix("Value error, "),
                }
                for e in exc.errors()
            )
            continue
        except ValidationFailed as exc:
            problems.append(
                {"row": index, "field": exc.details.get("field", "row"), "reason": exc.message}
            )
            continue
        key = (record.ciClass.value, record.name)
        if key in seen:
            problems.append(
                {
                    "row": index,
                    "field": "name",
                    "reason": f"same ciClass and name as row {seen[key]}",
                }
            )
            continue
        seen[key] = index
        explicit = set(raw)
        prepared.append(
            {
                "id": str(uuid.uuid4()),
                "ciClass": record.ciClass.value,
                "name": record.name,
                "defaults": {
                    k: v for k, v in given.items() if k in CREATE_DEFAULTS and k not in explicit
                },
                "props": {
                    k: v for k, v in given.items() if k not in CREATE_DEFAULTS or k in explicit
                },
            }
        )
    if problems:
        raise BulkValidationFailed(problems[:100])
    return prepared


async def upsert_cis(db: Database, actor: Actor, rows: list[dict[str, Any]]) -> UpsertResult:
    prepared = validate_rows(rows)
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        written = await tx.run(Q.CI_UPSERT_BATCH, rows=prepared, now=now)
        created = sum(1 for w in written if w["created"])
        ids = [str(w["id"]) for w in written]
        await audit.record(
            tx,
            actor,
            "upsertCIs",
            ids,
            None,
            {
                "created": created,
                "updated": len(written) - created,
                "rows": [
                    {"id": i, "ciClass": p["ciClass"], "name": p["name"], **p["props"]}
                    for i, p in zip(ids, prepared, strict=True)
                ],
            },
        )
        return UpsertResult(created=created, updated=len(written) - created, ids=ids)

    return await db.write(work)
