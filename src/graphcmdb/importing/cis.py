"""Import and export of CIs (natural key: ciClass + name), through the bulk upsert."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.db.database import Database, Row
from graphcmdb.errors import ImportValidationFailed
from graphcmdb.graph.enums import CIClass
from graphcmdb.importing.reader import ImportFormat, SourceRow, read_rows
from graphcmdb.services import bulk, cis
from graphcmdb.services.actor import Actor
from graphcmdb.services.paging import PageRequest

COLUMNS = (
    "name",
    "ciClass",
    "status",
    "environment",
    "criticality",
    "hostname",
    "fqdn",
    "ipAddresses",
    "macAddresses",
    "serialNumber",
    "manufacturer",
    "model",
    "os",
    "cores",
    "minAvailable",
    "description",
)
Progress = Callable[[str, int, int], None]


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


def _problems(rows: list[SourceRow], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"line": rows[p["row"]].line, "column": p["field"], "reason": p["reason"]} for p in found
    ]


async def import_cis(
    db: Database,
    actor: Actor,
    content: str,
    fmt: ImportFormat,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every row first; write nothing if one is bad, unless ``skip_invalid``."""
    step = progress or (lambda stage, done, total: None)
    rows = read_rows(content, fmt)
    step("validating", 0, len(rows))
    raw = [r.values | {"ciClass": _class_name(r.values.get("ciClass"))} for r in rows]
    prepared, found = bulk.check_rows(raw)
    step("validating", len(rows), len(rows))
    report = ImportReport(rows=len(rows), problems=_problems(rows, found))
    if found and not skip_invalid:
        raise ImportValidationFailed(report.problems[:100], len(report.problems))
    good = [p for p in prepared if p is not None]
    report.skipped = len(rows) - len(good)
    step("writing", 0, len(good))
    if good:
        result = await bulk.write_prepared(db, actor, good)
        report.created, report.updated, report.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
    step("writing", len(good), len(good))
    return report


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value)


async def export_cis(db: Database, page_size: int = 5000) -> str:
    """All CIs as CSV with the columns the importer reads (a round trip changes nothing)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    after: tuple[Any, str] | None = None
    while True:
        page = await cis.list_cis(db, cis.CIFilter(), PageRequest(page_size, after))
        for row in page.items:
            writer.writerow([_cell(row.get(c)) for c in COLUMNS])
        if not page.has_next:
            return out.getvalue()
        last: Row = page.items[-1]
        after = (last["name"], str(last["id"]))
