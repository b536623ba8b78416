"""A column mapping: another tool's export (iTop, GLPI, a spreadsheet) read in the
importer's columns without editing the file.

A mapping is a small TOML document (examples in ``docs/examples/``)::

    delimiter = ";"                      # the file's CSV delimiter (default ",")
    [columns]                            # the file's header -> the importer's column
    "Name" = "name"
    "Type" = "ciClass"
    [values.ciClass]                     # per importer column: the file's value -> ours
    "Computer" = "Server"                # (compared without case; others pass through)
    [constants]                          # columns every row gets (a fixed type, a class)
    type = "DEPENDS_ON"

Columns the mapping does not name are left out (an export carries many the CMDB has no
use for); a value mapped to "" leaves the cell empty. A list column (``ipAddresses``…)
given as one text is split at ``;`` and ``,``. Values then go through the kind's own row
checks, so a mapped file is checked, previewed and refused exactly like a native one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.errors import ValidationFailed
from graphcmdb.importing.reader import LIST_COLUMNS, SourceRow

_LIST_SPLIT = re.compile(r"\s*[;,]\s*")


@dataclass(frozen=True)
class ColumnMap:
    columns: dict[str, str]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    delimiter: str = ","

    def _value(self, column: str, value: Any) -> Any:
        if isinstance(value, str):
            value = self.values.get(column, {}).get(value.strip().casefold(), value)
            if column in LIST_COLUMNS:
                return [v for v in _LIST_SPLIT.split(value) if v]
        return value

    def apply(self, rows: list[SourceRow]) -> list[SourceRow]:
        mapped = []
        for row in rows:
            values: dict[str, Any] = dict(self.constants)
            for source, value in row.values.items():
                target = self.columns.get(source.strip())
                if target is None:
                    continue
                cell = self._value(target, value)
                if cell not in ("", [], None):
                    values[target] = cell
            mapped.append(SourceRow(row.line, values))
        return mapped


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ValidationFailed(f"mapping: [{name}] must be a table", field="mapping")
    return table


def _texts(table: dict[str, Any], where: str) -> dict[str, str]:
    if not all(isinstance(v, str) for v in table.values()):
        raise ValidationFailed(f"mapping: every value of [{where}] must be text", field="mapping")
    return {str(k): str(v) for k, v in table.items()}


def read_mapping(text: str) -> ColumnMap:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationFailed(f"mapping: not TOML ({exc})", field="mapping") from exc
    columns = _texts(_table(data, "columns"), "columns")
    if not columns:
        raise ValidationFailed("mapping: [columns] names no column", field="mapping")
    values = {
        column: {k.casefold(): v for k, v in _texts(table, f"values.{column}").items()}
        for column, table in _table(data, "values").items()
        if isinstance(table, dict)
    }
    delimiter = data.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ValidationFailed("mapping: delimiter must be one character", field="mapping")
    constants = _texts(_table(data, "constants"), "constants")
    return ColumnMap(columns, values, constants, delimiter)
