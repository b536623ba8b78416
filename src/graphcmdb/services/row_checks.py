"""Row-by-row validation shared by the ITAM bulk writers (contracts, licenses, installations).

Problems are plain ``{"row": index, "field": column, "reason": text}`` records, indexed
into the list that was checked; the importer turns indexes into file lines. A problem
may carry ``sameAs`` (the index of an earlier row with the same natural key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from pydantic import ValidationError as PydanticValidationError

Problem = dict[str, Any]
Prepared = dict[str, Any]


class RowProblem(ValueError):
    """One row cannot be written: ``field`` names the column at fault."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class GraphRecord(Protocol):
    def graph_props(self) -> dict[str, Any]: ...


def checked_props(
    record: GraphRecord, problem: Callable[[dict[str, Any]], tuple[str, str] | None]
) -> dict[str, Any]:
    """The row's graph properties; ``problem`` ((field, reason) when its fields contradict
    each other) refuses the row."""
    props = record.graph_props()
    found = problem(props)
    if found:
        raise RowProblem(*found)
    return props


class RowsRefused(Exception):
    """Raised inside a batch transaction when rows went bad after validation (e.g. a
    referenced asset was deleted meanwhile); the batch is rolled back."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} row(s) refused")
        self.problems = problems


def refuse_columns(raw: dict[str, Any], instead: dict[str, str]) -> None:
    """Ids are server-side; a file names what it refers to by natural key."""
    for column, replacement in instead.items():
        if column in raw:
            raise RowProblem(column, f"not an import column; use {replacement}")


def _natural_key(row: Prepared) -> Any:
    return row["key"]


def _earlier(index: int) -> str:
    return "same natural key as an earlier row"


def check_each(
    rows: list[dict[str, Any]],
    prepare: Callable[[dict[str, Any]], Prepared],
    key_field: str,
    key_of: Callable[[Prepared], Any] = _natural_key,
    duplicate: Callable[[int], str] = _earlier,
) -> tuple[list[Prepared | None], list[Problem]]:
    """Each row prepared (None where invalid) and every problem; a row whose natural key
    (``key_of``) an earlier row had is reported at ``key_field`` with ``duplicate(earlier)``
    and ``sameAs``. ``prepare`` raises pydantic errors or :class:`RowProblem`."""
    prepared: list[Prepared | None] = []
    problems: list[Problem] = []
    seen: dict[Any, int] = {}
    for index, raw in enumerate(rows):
        row: Prepared | None = None
        try:
            row = prepare(raw)
        except PydanticValidationError as exc:
            problems.extend(
                {
                    "row": index,
                    "field": ".".join(str(p) for p in e["loc"]) or "row",
                    "reason": e["msg"].removeprefix("Value error, "),
                }
                for e in exc.errors()
            )
        except RowProblem as exc:
            problems.append({"row": index, "field": exc.field, "reason": exc.reason})
        if row is not None and key_of(row) in seen:
            earlier = seen[key_of(row)]
            reason = duplicate(earlier)
            problems.append({"row": index, "field": key_field, "reason": reason, "sameAs": earlier})
            row = None
        if row is not None:
            seen[key_of(row)] = index
        prepared.append(row)
    return prepared, problems


def split_defaults(
    props: dict[str, Any], explicit: set[str], create_only: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    """``defaults`` (filled in only when a node is created, so a re-import never resets
    them) and ``props`` (compared with the node and set when they differ)."""
    return {
        "defaults": {k: v for k, v in props.items() if k in create_only and k not in explicit},
        "props": {k: v for k, v in props.items() if k not in create_only or k in explicit},
    }


def check_unique(
    rows: list[dict[str, Any]], prepare: Callable[[dict[str, Any]], Prepared], *columns: str
) -> tuple[list[Prepared | None], list[Problem]]:
    """As :func:`check_each`, the natural key being ``columns`` (a repeat is reported at
    the last one, "same <columns> as row <n>")."""
    return check_each(
        rows,
        prepare,
        columns[-1],
        key_of=lambda row: tuple(row[c] for c in columns),
        duplicate=lambda earlier: f"same {' and '.join(columns)} as row {earlier}",
    )


def unknown(values: list[str], known: set[str]) -> list[str]:
    """The values that are not in ``known``, in their order, once each."""
    return list(dict.fromkeys(v for v in values if v not in known))
