"""Import and export of every kind in ``kinds.py`` (CIs, assets, contracts, licenses,
installations), each by its natural key.

Validation runs over every row first (the row check, then one read of the references
every row makes) and reports each bad row by line and column; nothing is written if any
row is bad unless ``skip_invalid``. The writes go in batches of ``bulk_batch_size``, one
transaction and one audit entry each, through upserts that leave unchanged rows alone,
so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphcmdb import collector
from graphcmdb.db.database import Database, Rehearsal, Row, Tx
from graphcmdb.errors import ImportValidationFailed, ValidationFailed
from graphcmdb.identity.classes import ci_class
from graphcmdb.identity.plan import Action
from graphcmdb.importing.kinds import COLUMNS, SPECS, Identified, ImportKind, KindSpec, Write
from graphcmdb.importing.mapping import ColumnMap
from graphcmdb.importing.reader import ImportFormat, read_rows
from graphcmdb.services import bulk, reconciliation_tasks
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.ci_identification import CIPlan, stale, unwritable
from graphcmdb.services.paging import PageRequest
from graphcmdb.services.row_checks import Prepared, Problem, RowsRefused

__all__ = [
    "COLUMNS",
    "ImportKind",
    "ImportReport",
    "Progress",
    "export_file",
    "import_file",
    "import_rows",
]

#: ``(stage, done, total)``: the CLI draws one progress bar per stage.
Progress = Callable[[str, int, int], None]
#: the longest file name an import records
MAX_FILE_NAME = 255


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    #: the ids of the rows written, in row order (CIs, assets, contracts, licenses; an
    #: installation's CI)
    ids: list[str] = field(default_factory=list)
    #: a preview: nothing was written, the counts say what the import would do
    dry_run: bool = False
    #: per row, what identification decided (kinds that go through it: CIs)
    plan: CIPlan | None = None
    #: the line of each planned row, by its index in ``plan``
    plan_lines: list[int] = field(default_factory=list)


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def _class_name(values: dict[str, Any]) -> dict[str, Any]:
    """Accept the label (VirtualMachine), the GraphQL spelling (VIRTUAL_MACHINE) and the
    names other tools use ("VM", "Switch"; ``identity/classes.py``)."""
    value = values.get("ciClass")
    known = ci_class(value) if isinstance(value, str) else None
    return values | {"ciClass": known.value} if known is not None else values


def _located(found: list[Problem], lines: list[int]) -> list[dict[str, Any]]:
    """Row-indexed problems as ``{line, column, reason}``, in file order."""
    located = []
    for p in sorted(found, key=lambda p: int(p["row"])):
        reason = str(p["reason"])
        if "sameAs" in p:
            reason += f" (line {lines[p['sameAs']]})"
        located.append({"line": lines[p["row"]], "column": p["field"], "reason": reason})
    return located


def _refused(found: list[Problem], lines: list[int]) -> ImportValidationFailed:
    problems = _located(found, lines)
    return ImportValidationFailed(problems[:100], len(problems))


async def _reference_problems(
    db: Database, spec: KindSpec, prepared: list[Prepared | None]
) -> list[Problem]:
    """One read for the references of every valid row (unknown CI, contract, asset…)."""
    index = [i for i, p in enumerate(prepared) if p is not None]
    if spec.refs is None or not index:
        return []
    check = spec.refs

    async def work(tx: Tx) -> list[Problem]:
        return await check(tx, [p for p in prepared if p is not None])

    return [p | {"row": index[p["row"]]} for p in await db.read_tx(work)]


def _sum(a: UpsertResult, b: UpsertResult) -> UpsertResult:
    return UpsertResult(
        created=a.created + b.created,
        updated=a.updated + b.updated,
        ids=a.ids + b.ids,
        unchanged=a.unchanged + b.unchanged,
    )


async def _write(
    db: Database,
    actor: Actor,
    spec: KindSpec,
    write: Write,
    good: list[Prepared],
    lines: list[int],
    step: Progress,
    source: ImportSource,
) -> UpsertResult:
    """Batches of ``bulk_batch_size`` rows, one transaction and one audit entry each.

    Every row was validated before the first batch, so a bad row never leaves a partial
    import; a batch that fails on the database side can be re-run (imports are idempotent).
    """
    if spec.prewrite is not None:
        await spec.prewrite(db, good, lines)
    size = max(1, db.settings.bulk_batch_size)
    total = UpsertResult(created=0, updated=0, ids=[])
    for start in range(0, len(good), size):
        batch, batch_lines = good[start : start + size], lines[start : start + size]
        try:
            total = _sum(total, await write(db, actor, batch, batch_lines, source))
        except RowsRefused as exc:  # a reference went away since validation
            raise _refused(exc.problems, batch_lines) from exc
        step("writing", start + len(batch), len(good))
    return total


async def import_file(
    db: Database,
    actor: Actor,
    kind: ImportKind,
    content: str,
    fmt: ImportFormat,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    dry_run: bool = False,
    expect: str | None = None,
    file_name: str | None = None,
    check_rows: Callable[[Sequence[Mapping[str, Any]]], None] | None = None,
    mapping: ColumnMap | None = None,
) -> ImportReport:
    """Import a file; ``dry_run`` answers what it would do; ``expect`` (a preview's plan
    token) refuses the import when the plan changed since (CI rows only). The audit
    entries name the kind, the format and ``file_name`` (``audit.ImportSource``).
    ``check_rows``: the caller's own refusal of the rows read (a permission), raised
    before anything is checked, planned or written. ``mapping``: another tool's columns
    and values read as the importer's (``mapping.py``)."""
    origin = ImportSource(kind.value, fmt.value, _file_name(file_name))
    rows = read_rows(content, fmt, mapping.delimiter if mapping else ",")
    if mapping is not None:
        rows = mapping.apply(rows)
    values = [_class_name(r.values) for r in rows]
    if check_rows is not None:
        check_rows(values)
    lines = [r.line for r in rows]
    with collector.bulk(len(values)):  # the checks keep every row alive too
        return await _import(
            db, actor, kind, values, lines, skip_invalid, progress, dry_run, expect, origin
        )


def _file_name(name: str | None) -> str | None:
    """A file name fit for the audit log: at most 255 printable characters."""
    if name is None or not name.strip():
        return None
    if len(name) > MAX_FILE_NAME or not name.isprintable():
        raise ValidationFailed(
            f"A file name is at most {MAX_FILE_NAME} printable characters.", field="fileName"
        )
    return name.strip()


async def import_rows(
    db: Database,
    actor: Actor,
    kind: ImportKind,
    rows: list[dict[str, Any]],
    progress: Progress | None = None,
    skip_invalid: bool = False,
) -> ImportReport:
    """Rows already read (the demo's data), checked and written as a file's are; a
    problem's line is the row's position from 1. Nothing is written if any row is bad
    (unless ``skip_invalid``)."""
    lines = list(range(1, len(rows) + 1))
    with collector.bulk(len(rows)):
        return await _import(db, actor, kind, rows, lines, skip_invalid, progress)


async def _import(
    db: Database,
    actor: Actor,
    kind: ImportKind,
    rows: list[dict[str, Any]],
    lines: list[int],
    skip_invalid: bool,
    progress: Progress | None,
    dry_run: bool = False,
    expect: str | None = None,
    origin: ImportSource | None = None,
) -> ImportReport:
    spec = SPECS[kind]
    step = progress or _quiet
    step("validating", 0, len(rows))
    prepared, found = spec.check(rows)
    found += await _reference_problems(db, spec, prepared)
    step("validating", len(rows), len(rows))
    report = ImportReport(rows=len(rows), problems=_located(found, lines), dry_run=dry_run)
    if found and not skip_invalid:
        raise ImportValidationFailed(report.problems[:100], len(report.problems))
    bad = {p["row"] for p in found}
    kept = [(p, lines[i]) for i, p in enumerate(prepared) if p is not None and i not in bad]
    good, good_lines = [p for p, _ in kept], [line for _, line in kept]
    report.skipped = len(rows) - len(good)
    origin = origin or ImportSource(kind.value)
    source = replace(origin, rows=len(rows), refused=report.skipped)
    if spec.identified is not None:
        await _identified(
            db, actor, spec.identified, good, good_lines, report, skip_invalid, step, expect, source
        )
        return report
    if spec.write is None:  # a kind is written by its batch writer or by identification
        raise TypeError(f"the {kind} import has no batch writer")
    step("writing", 0, len(good))
    if good:
        target = Rehearsal(db) if dry_run else db
        result = await _write(target, actor, spec, spec.write, good, good_lines, step, source)
        report.created, report.updated = result.created, result.updated
        report.unchanged, report.ids = result.unchanged, result.ids
    return report


async def _identified(
    db: Database,
    actor: Actor,
    kind: Identified,
    good: list[Prepared],
    lines: list[int],
    report: ImportReport,
    skip_invalid: bool,
    step: Progress,
    expect: str | None,
    source: ImportSource,
) -> None:
    """Preview every good row; refuse ambiguous or refused rows like invalid ones (or skip
    them); then write, unless this is the preview. The write identifies every row again
    under its locks (another writer may have come first); only with ``expect`` does a
    changed plan refuse it."""
    size = max(1, db.settings.bulk_batch_size)
    step("identifying", 0, len(good))
    plan = await kind.preview(db, good, size)
    step("identifying", len(good), len(good))
    refused = [_located([r.problem()], lines)[0] for r in unwritable(plan.rows)]
    report.problems = sorted(report.problems + refused, key=lambda p: int(p["line"]))
    if refused and not skip_invalid:
        raise ImportValidationFailed(report.problems[:100], len(report.problems))
    report.skipped += len(refused)
    if expect is not None and plan.token != expect:
        raise stale(expect, plan.token)
    if not report.dry_run:
        step("writing", 0, len(good))
        promised = plan if expect is not None else None
        previewed = {r.index for r in unwritable(plan.rows)}
        plan = await kind.apply(
            db,
            actor,
            good,
            promised,
            size,
            lambda done, total: step("writing", done, total),
            replace(source, refused=report.skipped),
        )
        # rows another writer made ambiguous since the preview were not written: said so
        late = [r for r in unwritable(plan.rows) if r.index not in previewed]
        report.problems += [_located([r.problem()], lines)[0] for r in late]
        report.skipped += len(late)
        if skip_invalid:  # the ambiguous rows wait for a person
            rows = [bulk.ci_row(p) for p in good]
            await reconciliation_tasks.open_for(db, actor, "import", rows, plan)
    report.plan, report.plan_lines = plan, lines
    report.created, report.updated = plan.count(Action.CREATE), plan.count(Action.UPDATE)
    report.unchanged, report.ids = plan.count(Action.UNCHANGED), plan.ids


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, Decimal)):
        return str(value)
    return "" if value is None else str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, (bool, int, float, str)):
        return value
    return _cell(value)


async def _export_rows(db: Database, spec: KindSpec, page_size: int) -> list[Row]:
    rows: list[Row] = []
    after: tuple[Any, str] | None = None
    while True:
        page = await spec.page(db, PageRequest(page_size, after))
        rows += page.items
        if not page.has_next:
            return rows
        last: Row = page.items[-1]
        after = (last[spec.sort_field], str(last["id"]))


async def export_file(
    db: Database, kind: ImportKind, page_size: int = 5000, fmt: ImportFormat = ImportFormat.CSV
) -> str:
    """Every node (or installation, relationship) of the kind in the importer's columns,
    as CSV or as a JSON array (empty cells left out), so re-importing the export changes
    nothing."""
    spec = SPECS[kind]
    rows = await _export_rows(db, spec, page_size)
    if fmt is ImportFormat.JSON:
        records = [
            {c: _json_value(row[c]) for c in spec.columns if row.get(c) not in (None, "", [])}
            for row in rows
        ]
        return json.dumps(records, indent=1, ensure_ascii=False) + "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in spec.columns])
    return out.getvalue()
