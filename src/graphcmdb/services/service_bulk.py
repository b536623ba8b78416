"""Business services from an import (``--kind services``), by name: the generated upsert
of the service spec in one transaction with one ``importServices`` audit entry per batch
(``nodes.upsert_audited``, as for vendors, locations and people). ``criticality`` and
``users`` default (3, 0) on creation only, so a file that leaves them out never resets
them. A service's dependencies travel as relationship rows (``--kind relationships``,
``fromClass`` Service)."""

from __future__ import annotations

from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.domain.specs import SERVICE_SPEC
from graphcmdb.services import nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.row_checks import Prepared, Problem, check_each, refuse_columns

CREATE_DEFAULTS = ("criticality", "users")


def prepare_service(raw: dict[str, Any]) -> Prepared:
    refuse_columns(raw, {"id": "name"})
    row = nodes.upsert_row(SERVICE_SPEC, raw, CREATE_DEFAULTS)
    return row | {"key": row["name"]}


def check_service_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[Prepared | None], list[Problem]]:
    return check_each(rows, prepare_service, "name")


async def write_services(
    db: Database, actor: Actor, rows: list[Prepared], lines: list[int], source: ImportSource
) -> UpsertResult:
    params = [{k: v for k, v in r.items() if k != "key"} for r in rows]
    note = import_note(source)
    written = await nodes.upsert_audited(db, actor, SERVICE_SPEC, params, "importServices", note)
    return UpsertResult.of_written(written)
