"""ENTITY-MIB: the chassis' serial number, manufacturer and model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.discovery import oids, values
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Table

#: walked: which rows are chassis (a modular switch has hundreds of rows, one chassis)
CLASS_COLUMNS: tuple[Oid, ...] = (oids.ENT_PHYSICAL_CLASS,)
#: read for the chassis row only
DETAIL_COLUMNS: tuple[Oid, ...] = (
    oids.ENT_PHYSICAL_SERIAL,
    oids.ENT_PHYSICAL_MFG_NAME,
    oids.ENT_PHYSICAL_MODEL_NAME,
)


@dataclass(frozen=True)
class Chassis:
    serial_number: str | None = None
    manufacturer: str | None = None
    model: str | None = None


def chassis_row(table: Table) -> Oid | None:
    """The first chassis row (entPhysicalClass 3), else the first row of all."""
    classes = sorted(table.get(oids.ENT_PHYSICAL_CLASS, {}).items())
    chassis = [i for i, c in classes if values.integer(c) == oids.ENT_CLASS_CHASSIS]
    rows = chassis or [i for i, _ in classes]
    return rows[0] if rows else None


def detail_names(row: Oid | None) -> list[Oid]:
    return [] if row is None else [column + row for column in DETAIL_COLUMNS]


def parse(row: Oid | None, details: dict[Oid, Any]) -> Chassis:
    if row is None:
        return Chassis()
    serial, manufacturer, model = (values.text(details.get(c + row)) for c in DETAIL_COLUMNS)
    return Chassis(serial_number=serial, manufacturer=manufacturer, model=model)
