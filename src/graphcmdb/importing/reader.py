"""CSV and JSON to rows that remember where they came from (for line-numbered errors)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphcmdb.errors import ValidationFailed

#: Columns holding lists; in CSV their items are separated by ';'.
LIST_COLUMNS = frozenset(
    {"ipAddresses", "macAddresses", "sources", "assetTags", "affects", "modifies"}
)


class ImportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class SourceRow:
    line: int  # CSV: the file line the record ends on; JSON: the record's position (1-based)
    values: dict[str, Any]


def read_rows(content: str, fmt: ImportFormat, delimiter: str = ",") -> list[SourceRow]:
    return _read_csv(content, delimiter) if fmt is ImportFormat.CSV else _read_json(content)


def _read_csv(content: str, delimiter: str = ",") -> list[SourceRow]:
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    if not reader.fieldnames:
        raise ValidationFailed("The CSV file has no header line.", field="content")
    rows = []
    for record in reader:
        if None in record:
            raise ValidationFailed(
                f"Line {reader.line_num}: more cells than header columns.",
                field="content",
                line=reader.line_num,
            )
        values: dict[str, Any] = {}
        for column, cell in record.items():
            text = (cell or "").strip()
            if text:
                values[column.strip()] = (
                    [x.strip() for x in text.split(";") if x.strip()]
                    if column.strip() in LIST_COLUMNS
                    else text
                )
        if values:
            rows.append(SourceRow(reader.line_num, values))
    return rows


def _read_json(content: str) -> list[SourceRow]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ValidationFailed(
            f"Not JSON: {exc.msg} at line {exc.lineno}.", field="content", line=exc.lineno
        ) from exc
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValidationFailed("JSON import expects an array of objects.", field="content")
    return [
        SourceRow(i + 1, {k: v for k, v in r.items() if v not in (None, "")})
        for i, r in enumerate(data)
    ]
