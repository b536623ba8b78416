"""Incidents and changes from a file (``--kind incidents`` / ``--kind changes``).

A row is found again by its ``number`` (graphcmdb's own, e.g. from an export: kept, and
the counter raised past it) or else by ``externalKey`` (its key in the tool it comes
from: iTop's ``ref``, a ticket id); a new row without a number gets the next one. The
file states facts of another system, so the state and times are taken as given (no
state machine: it is history), ``state`` defaulting to NEW / DRAFT and an incident's
``reopenCount`` to 0 on creation. What it ``affects`` (CIs and services) or ``modifies``
(CIs) are references ``Class:Name`` (``node_refs``: CIs found by the identification
engine, nothing created), added to the record's links, never removed. Not imported: an
incident's cause and a change's stored risk (``liveRisk`` assesses it).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import field_validator

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q, fixed
from graphcmdb.domain.itam_models import LongText
from graphcmdb.domain.itsm_models import Title, as_utc
from graphcmdb.domain.models import ShortText, _Record
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState, Label, RelType
from graphcmdb.itsm.numbering import DIGITS, NumberSeries
from graphcmdb.services import audit, link_bulk, node_refs
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.itsm_common import reserve_numbers
from graphcmdb.services.link_bulk import Link
from graphcmdb.services.node_refs import NodeRef
from graphcmdb.services.row_checks import Prepared, Problem, RowProblem, RowsRefused, check_each


class _ItsmImport(_Record):
    number: ShortText | None = None
    externalKey: ShortText | None = None
    title: Title
    description: LongText | None = None


class IncidentImport(_ItsmImport):
    priority: IncidentPriority
    state: IncidentState | None = None
    openedAt: datetime
    resolvedAt: datetime | None = None
    closedAt: datetime | None = None
    resolvedAtFirstContact: bool | None = None
    affects: list[str] | None = None

    _utc = field_validator("openedAt", "resolvedAt", "closedAt")(as_utc)


class ChangeImport(_ItsmImport):
    state: ChangeState | None = None
    plannedStart: datetime
    plannedEnd: datetime
    modifies: list[str] | None = None

    _utc = field_validator("plannedStart", "plannedEnd")(as_utc)


@dataclass(frozen=True)
class ItsmKind:
    label: Label
    series: NumberSeries
    model: type[_ItsmImport]
    link: RelType
    column: str  # the references' column
    services: bool  # may a reference name a service
    defaults: dict[str, object]
    operation: str


INCIDENTS = ItsmKind(
    Label.INCIDENT,
    NumberSeries.INCIDENT,
    IncidentImport,
    RelType.AFFECTS,
    "affects",
    True,
    {"state": IncidentState.NEW.value, "reopenCount": 0, "resolvedAtFirstContact": False},
    "importIncidents",
)
CHANGES = ItsmKind(
    Label.CHANGE,
    NumberSeries.CHANGE,
    ChangeImport,
    RelType.MODIFIES,
    "modifies",
    False,
    {"state": ChangeState.DRAFT.value},
    "importChanges",
)


def _ref(kind: ItsmKind, text: str) -> NodeRef:
    ci_class, sep, name = text.partition(":")
    if not sep or not name.strip():
        raise RowProblem(kind.column, f"'{text}' is not Class:Name")
    ref = node_refs.node_ref(kind.column, ci_class.strip(), name.strip())
    if ref.ci_class == node_refs.SERVICE and not kind.services:
        raise RowProblem(kind.column, f"a change modifies CIs, not the service '{name}'")
    return ref


def _number(kind: ItsmKind, number: str) -> int:
    found = re.fullmatch(rf"{kind.series.value}(\d{{{DIGITS},}})", number)
    if found is None:
        raise RowProblem("number", f"'{number}' is no {kind.series.value} number; use externalKey")
    return int(found.group(1))


def prepare(kind: ItsmKind, raw: dict[str, Any]) -> Prepared:
    record = kind.model.model_validate(raw)
    if record.number is None and record.externalKey is None:
        raise RowProblem("number", "give the number or the externalKey")
    if record.number is not None:
        _number(kind, record.number)
    props = record.model_dump(exclude_none=True, exclude={"number", kind.column})
    props = {k: v for k, v in props.items() if k in raw}
    if isinstance(record, ChangeImport) and record.plannedEnd <= record.plannedStart:
        raise RowProblem("plannedEnd", "plannedEnd must be after plannedStart")
    refs = [_ref(kind, t) for t in (getattr(record, kind.column) or [])]
    key = ("number", record.number) if record.number else ("externalKey", record.externalKey)
    return {
        "key": key,
        "number": record.number,
        "externalKey": record.externalKey,
        "props": props,
        "refs": refs,
    }


def check_rows(
    kind: ItsmKind, rows: list[dict[str, Any]]
) -> tuple[list[Prepared | None], list[Problem]]:
    return check_each(rows, lambda raw: prepare(kind, raw), "number")


async def _targets(
    tx: Tx, kind: ItsmKind, rows: list[Prepared]
) -> tuple[dict[NodeRef, str], list[Problem]]:
    found = await node_refs.resolve(tx, [r for row in rows for r in row["refs"]])
    problems = [
        {"row": i, "field": kind.column, "reason": found.missing[r]}
        for i, row in enumerate(rows)
        for r in dict.fromkeys(row["refs"])
        if r in found.missing
    ]
    return found.ids, problems


async def problems(kind: ItsmKind, tx: Tx, rows: list[Prepared]) -> list[Problem]:
    return (await _targets(tx, kind, rows))[1]


async def _numbers(tx: Tx, kind: ItsmKind, rows: list[Prepared]) -> list[str]:
    """Each row's number: its own, its record's (found by externalKey) or a new one."""
    existing = await tx.run(
        fixed(Q.EXCHANGE_ITSM_EXISTING, label=kind.label),
        numbers=[r["number"] for r in rows if r["number"]],
        keys=[r["externalKey"] for r in rows if r["externalKey"]],
    )
    by_key = {str(e["externalKey"]): str(e["number"]) for e in existing if e["externalKey"]}
    numbers = [r["number"] or by_key.get(str(r["externalKey"])) for r in rows]
    kept = [_number(kind, n) for n in numbers if n]
    if kept:
        await tx.run(Q.EXCHANGE_RAISE_SEQUENCE, series=kind.series.name, value=max(kept))
    new = [i for i, n in enumerate(numbers) if n is None]
    for i, number in zip(new, await reserve_numbers(tx, kind.series, len(new)), strict=True):
        numbers[i] = number
    return [str(n) for n in numbers]


async def write(
    kind: ItsmKind,
    db: Database,
    actor: Actor,
    rows: list[Prepared],
    lines: list[int],
    source: ImportSource,
) -> UpsertResult:
    """One batch, one transaction, one audit entry (``importIncidents`` / ``importChanges``)."""
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        ids, found = await _targets(tx, kind, rows)
        if found:
            raise RowsRefused(found)
        numbers = await _numbers(tx, kind, rows)
        params = [
            {
                "idx": i,
                "number": n,
                "id": str(uuid.uuid4()),
                "props": r["props"],
                "defaults": kind.defaults,
            }
            for i, (r, n) in enumerate(zip(rows, numbers, strict=True))
        ]
        written = sorted(
            await tx.run(fixed(Q.EXCHANGE_ITSM_UPSERT, label=kind.label), rows=params, now=now),
            key=lambda w: int(w["idx"]),
        )
        links = [
            Link(kind.link, str(w["id"]), ids[ref])
            for w, r in zip(written, rows, strict=True)
            for ref in dict.fromkeys(r["refs"])
        ]
        linked = set(await link_bulk.merge_in(tx, links))
        changed = [w for w in written if w["changed"] or str(w["id"]) in linked]
        created = sum(1 for w in written if w["created"])
        if changed:
            after = {
                "created": created,
                "updated": len(changed) - created,
                "numbers": [w["number"] for w in changed],
            }
            targets = [str(w["id"]) for w in changed]
            await audit.record(
                tx, actor, kind.operation, targets, None, after | import_note(source)
            )
        return UpsertResult.counted([str(w["id"]) for w in written], created, len(changed))

    return await db.write(work)


#: a record as the export gives it (the importer's columns)
def export_row(kind: ItsmKind, row: dict[str, Any]) -> dict[str, Any]:
    return row | {kind.column: row.get("targets") or []}
