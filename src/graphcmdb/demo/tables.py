"""Reading the demo's data files (``data/<folder>/*.toml``) into typed records.

The landscape (:mod:`~graphcmdb.demo.landscape`), the asset register (``data/itam``) and
the ITSM generator's settings (``data/itsm``) are TOML shipped with the package. A
table becomes frozen dataclass records with :func:`records`: keys are the field names,
strings become the field's enum, tables the field's dataclass and lists tuples (of
enums or records as the field says), and an unknown or missing key is
refused with the record's name, so a typo fails at build time, not as a quiet default.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

#: the data shipped with the package
DATA: Traversable = resources.files("graphcmdb.demo").joinpath("data")

T = TypeVar("T")


def toml_texts(folder: Traversable) -> list[str]:
    """The texts of a folder's ``*.toml`` files, in file-name order."""
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [f.read_text(encoding="utf-8") for f in files]


@cache
def read(folder: str, name: str) -> dict[str, Any]:
    """``data/<folder>/<name>.toml``, parsed (read once per process)."""
    return tomllib.loads(DATA.joinpath(folder, f"{name}.toml").read_text(encoding="utf-8"))


def _coerce(hint: Any, value: Any, what: str) -> Any:
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
        return record(hint, value, what)
    if isinstance(value, list):
        item = get_args(hint)[0] if get_origin(hint) is tuple else None
        return tuple(_coerce(item, v, f"{what} #{n}") for n, v in enumerate(value, start=1))
    return value


def record(cls: type[T], row: Mapping[str, Any], what: str) -> T:
    """One ``cls`` from a TOML table whose keys are its field names."""
    assert dataclasses.is_dataclass(cls)
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(row) - names)
    if unknown:
        raise ValueError(f"{what}: unknown fields {unknown}")
    try:
        return cls(**{k: _coerce(hints[k], v, f"{what}.{k}") for k, v in row.items()})
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{what}: {exc}") from exc


def records(cls: type[T], rows: Iterable[Mapping[str, Any]], what: str) -> tuple[T, ...]:
    """A ``cls`` per TOML table of ``rows`` (an array of tables)."""
    return tuple(record(cls, row, f"{what} #{n}") for n, row in enumerate(rows, start=1))


def keyed(cls: type[T], table: Mapping[str, Mapping[str, Any]], what: str) -> dict[str, T]:
    """A ``cls`` per entry of a TOML table of tables, by its key (in file order)."""
    return {key: record(cls, row, f"{what} {key!r}") for key, row in table.items()}
