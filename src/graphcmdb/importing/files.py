"""Import and export of CIs (key: ciClass + name) and assets (key: assetTag).

Validation runs over every row first and reports each bad row by line and column;
nothing is written if any row is bad unless ``skip_invalid``. The write is one
transaction through the bulk upserts, which leave unchanged rows alone, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from graphcmdb.db.database import Database, Row
from graphcmdb.domain.itam_models import AssetCreate
from graphcmdb.domain.models import CICreate
from graphcmdb.errors import ImportValidationFailed
from graphcmdb.graph.enums import CIClass
from graphcmdb.importing.reader import ImportFormat, SourceRow, read_rows
from graphcmdb.services import asset_bulk, assets, bulk, cis
from graphcmdb.services.actor import Actor
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.paging import Page, PageRequest

Progress = Callable[[str, int, int], None]


class ImportKind(StrEnum):
    CIS = "cis"
    ASSETS = "assets"


def _columns(model: type[BaseModel], *keys: str) -> tuple[str, ...]:
    """The natural key first, then every field the Create record accepts, in its order."""
    return (*keys, *(f for f in model.model_fields if f not in keys))


#: Derived from the Create records, so a field added there is imported and exported too.
COLUMNS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.CIS: _columns(CICreate, "name", "ciClass"),
    ImportKind.ASSETS: _columns(AssetCreate, "assetTag", "name", "lifecycleState"),
}


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)


def _class_name(value: Any) -> Any:
    """Accept the GraphQL spelling (VIRTUAL_MACHINE) as well as the label (VirtualMachine)."""
    if isinstance(value, str) and value.upper() in CIClass.__members__:
        return CIClass[value.upper()].value
    return value


def _raw(kind: ImportKind, row: SourceRow) -> dict[str, Any]:
    if kind is ImportKind.CIS and "ciClass" in row.values:
        return row.values | {"ciClass": _class_name(row.values["ciClass"])}
    return row.values


async def _write(
    db: Database,
    actor: Actor,
    kind: ImportKind,
    good: list[dict[str, Any]],
    lines: dict[str, int],
    step: Progress,
) -> UpsertResult:
    """Batches of ``bulk_batch_size`` rows, one transaction and one audit entry each.

    Every row was validated before the first batch, so a bad row never leaves a partial
    import; a batch that fails on the database side can be re-run (imports are idempotent).
    """
    if kind is ImportKind.ASSETS:
        await asset_bulk.check_states(db, good, lines)
    size = max(1, db.settings.bulk_batch_size)
    created = updated = unchanged = 0
    ids: list[str] = []
    for start in range(0, len(good), size):
        batch = good[start : start + size]
        if kind is ImportKind.CIS:
            result = await bulk.write_prepared(db, actor, batch)
        else:
            result = await asset_bulk.write_assets(db, actor, batch, lines)
        created, updated = created + result.created, updated + result.updated
        unchanged += result.unchanged
        ids += result.ids
        step("writing", start + len(batch), len(good))
    return UpsertResult(created=created, updated=updated, ids=ids, unchanged=unchanged)


async def import_file(
    db: Database,
    actor: Actor,
    kind: ImportKind,
    content: str,
    fmt: ImportFormat,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    step = progress or (lambda stage, done, total: None)
    rows = read_rows(content, fmt)
    step("validating", 0, len(rows))
    check = bulk.check_rows if kind is ImportKind.CIS else asset_bulk.check_asset_rows
    prepared, found = check([_raw(kind, r) for r in rows])
    step("validating", len(rows), len(rows))
    problems = [
        {"line": rows[p["row"]].line, "column": p["field"], "reason": p["reason"]} for p in found
    ]
    report = ImportReport(rows=len(rows), problems=problems)
    if problems and not skip_invalid:
        raise ImportValidationFailed(problems[:100], len(problems))
    good = [p for p in prepared if p is not None]
    lines = {p.get("assetTag", ""): rows[i].line for i, p in enumerate(prepared) if p}
    report.skipped = len(rows) - len(good)
    step("writing", 0, len(good))
    if good:
        result = await _write(db, actor, kind, good, lines, step)
        report.created, report.updated, report.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
    return report


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, (date, Decimal)):
        return str(value)
    return "" if value is None else str(value)


async def export_file(db: Database, kind: ImportKind, page_size: int = 5000) -> str:
    """Every CI or asset as CSV in the importer's columns (a round trip changes nothing)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = COLUMNS[kind]
    writer.writerow(columns)
    after: tuple[Any, str] | None = None
    key = "name" if kind is ImportKind.CIS else "assetTag"
    while True:
        page = await _page(db, kind, PageRequest(page_size, after))
        for row in page.items:
            writer.writerow([_cell(row.get(c)) for c in columns])
        if not page.has_next:
            return out.getvalue()
        last: Row = page.items[-1]
        after = (last[key], str(last["id"]))


def _page(db: Database, kind: ImportKind, req: PageRequest) -> Awaitable[Page[Row]]:
    if kind is ImportKind.CIS:
        return cis.list_cis(db, cis.CIFilter(), req)
    return assets.list_assets(db, assets.AssetFilter(), req)
