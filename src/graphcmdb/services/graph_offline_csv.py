"""A graph dump written as the CSV files of ``neo4j-admin database import full``.

Streams the dump once: every line is checked as the online import checks it (the
same :func:`graph_dump.parse_node` and :func:`graph_dump.parse_relationship`), plus
what only CSV needs (property keys that can stand in a header, numbers that fit a
long, node numbers given once), before any file is handed to the importer.

Nodes of one shape (the same labels and the same property keys and types) share a
file, so every column of every row is set: a missing value never has to be told from
an empty one. Labels and types are the enums' (checked) and go on the command line,
never into the data.

CSV cannot say everything a property can be: an empty list, or a list of texts
``[""]`` reads back as no value. Such properties are left out of the file and kept
as *fix-ups*; the node or relationship gets the marker property :data:`MARK` (its
number in the dump) and the import sets them afterwards (``exchange/offline_fixup_*``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from graphcmdb.errors import ValidationFailed
from graphcmdb.services import graph_dump
from graphcmdb.services.graph_codec import Decoded, decode_props
from graphcmdb.services.graph_offline_history import HistoryRows
from graphcmdb.services.graph_offline_values import column, quoted

#: property holding a dump number on what has fix-ups; removed once they are applied
MARK = "graphcmdbOfflineN"
#: shapes (files) of nodes, and of relationships, at most: all stay open while writing
MAX_SHAPES = 400
KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
#: ``(stage, done, total)``
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CsvFile:
    """One file of the import: its labels (``A:B``) or type, and whether a field spans lines."""

    path: Path
    names: str
    multiline: bool


@dataclass
class Fixups:
    """Properties set after the import, by dump number, per spec label or type."""

    nodes: dict[str, dict[str, dict[str, Decoded]]] = field(default_factory=dict)
    relationships: dict[str, dict[str, dict[str, Decoded]]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(v) for v in (*self.nodes.values(), *self.relationships.values()))


@dataclass(frozen=True)
class CsvDump:
    nodes: list[CsvFile]
    relationships: list[CsvFile]
    node_count: int
    relationship_count: int
    fixups: Fixups
    #: bytes of the longest row (an audit entry naming 10,000 CIs is megabytes)
    longest_row: int = 0
    #: version one of the entities, when it is in the files: what it left to do
    history: HistoryRows | None = None


def _row(
    raw: dict[str, object], where: str
) -> tuple[tuple[tuple[str, str], ...], list[str], dict[str, object]]:
    """The shape (keys and CSV types, sorted), the fields, and the values left over."""
    columns: list[tuple[str, str, str]] = []
    left: dict[str, object] = {}
    for key in sorted(raw):
        if not _importable(key):
            raise ValidationFailed(f"{where}: property name {key!r} cannot be imported offline",
                                   field="content")  # fmt: skip
        value = raw[key]
        if value is None:
            continue
        if type(value) is str:  # most values: the text quoted, no more to check
            columns.append((key, "string", quoted(value)))
            continue
        cell = column(value, where)
        if cell is None:
            left[key] = value
        else:
            columns.append((key, *cell))
    shape = tuple((k, t) for k, t, _ in columns)
    return shape, [text for _, _, text in columns], left


@functools.lru_cache(maxsize=4096)
def _importable(key: str) -> bool:
    """A property name that can stand in a CSV header (a dump repeats a few hundred)."""
    return KEY.fullmatch(key) is not None and key != MARK


class _Files:
    """One open CSV file per shape, its header written first."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder, self.prefix = folder, prefix
        self.open: dict[tuple[object, ...], tuple[IO[str], CsvFile]] = {}
        self.multiline: set[tuple[object, ...]] = set()
        self.longest = 0  # bytes of the longest row: the importer's buffer must hold it

    def write(
        self,
        names: str,
        ids: tuple[str, ...],
        columns: tuple[tuple[str, str], ...],
        marked: bool,
        fields: list[str],
    ) -> None:
        """One row into the file of its shape: labels or type, id columns, property
        columns and whether it carries the fix-up mark (the header written once)."""
        shape = (names, columns, marked)
        entry = self.open.get(shape)
        if entry is None:
            if len(self.open) >= MAX_SHAPES:
                raise ValidationFailed(
                    f"the dump has more than {MAX_SHAPES} shapes of {self.prefix}s (labels "
                    "and property types); import it without --offline",
                    field="content",
                )
            path = self.folder / f"{self.prefix}-{len(self.open):04d}.csv"
            out = path.open("w", encoding="utf-8", newline="")
            out.write(_header(ids, columns, marked) + "\n")
            entry = self.open[shape] = (out, CsvFile(path, names, False))
        text = ",".join(fields)
        if "\n" in text or "\r" in text:
            self.multiline.add(shape)
        self.longest = max(self.longest, len(text) if text.isascii() else len(text) * 4)
        entry[0].write(text + "\n")

    def unmarked(
        self, names: str, ids: tuple[str, ...], columns: tuple[tuple[str, str], ...],
        fields: list[str],
    ) -> None:  # fmt: skip
        self.write(names, ids, columns, False, fields)

    def close(self) -> list[CsvFile]:
        files = []
        for shape, (out, info) in self.open.items():
            out.close()
            files.append(CsvFile(info.path, info.names, shape in self.multiline))
        return files


def _header(ids: tuple[str, ...], columns: tuple[tuple[str, str], ...], marked: bool) -> str:
    extra = [f"{MARK}:long"] if marked else []
    return ",".join([*ids, *extra, *(f"{k}:{t}" for k, t in columns)])


def _spec_name(labels: list[str]) -> str:
    """The node's spec label (every dumped node has one): where its fix-ups are matched."""
    return next(lab for lab in labels if lab in graph_dump.DUMPED_NAMES)


def write_csv(
    lines: Iterator[str], folder: Path, progress: Progress, at: datetime | None = None
) -> CsvDump:
    """Check every line and write the import's files into ``folder``; nothing else is
    touched, so a refused dump (``VALIDATION_FAILED`` naming the line) changed nothing.
    With ``at``, version one of every entity is written too, as of ``at``
    (``graph_offline_history``)."""
    records = graph_dump.numbered(lines)
    header = graph_dump.check_header(records)
    counts = [header.get("nodes", 0), header.get("relationships", 0)]
    total = sum(c for c in counts if type(c) is int)
    nodes, rels = _Files(folder, "nodes"), _Files(folder, "relationships")
    # version one in files of its own: the data's shapes alone count against MAX_SHAPES
    versions = _Files(folder, "history-nodes"), _Files(folder, "history-relationships")
    history = None if at is None else HistoryRows(at, versions[0].unmarked, versions[1].unmarked)
    known: set[int] = set()
    fixups = Fixups()
    done = 0
    try:
        for number, record in records:
            where = f"line {number}"
            if "labels" in record:
                labels, n = graph_dump.parse_node_head(number, record, known)
                props = _props(record, where)
                shape, fields, left = _row(props, where)
                decoded = decode_props(left, where) if left else {}
                if left:
                    fixups.nodes.setdefault(_spec_name(labels), {})[str(n)] = decoded
                nodes.write(":".join(labels), (":ID",), shape, bool(left),
                            [str(n), *([str(n)] if left else []), *fields])  # fmt: skip
                if history is not None:
                    history.node(n, labels, props.get("id"), shape, fields, decoded)
            else:
                rel_type, a, b = graph_dump.parse_relationship_head(number, record, known)
                shape, fields, left = _row(_props(record, where), where)
                twinned = history is None or history.relationship(
                    rel_type, a, b, shape, fields, bool(left)
                )
                marked = [str(number)] if left or not twinned else []
                if marked:  # fix-ups, or a version left to the seed: the start is marked
                    fixups.relationships.setdefault(rel_type, {})[str(number)] = decode_props(
                        left, where
                    )
                rels.write(rel_type, (":START_ID", ":END_ID"), shape, bool(marked),
                           [str(a), str(b), *marked, *fields])  # fmt: skip
            done += 1
            if done % 50_000 == 0:
                progress("checking and converting", done, total)
    finally:
        node_files, rel_files = nodes.close(), rels.close()
        node_files += versions[0].close()
        rel_files += versions[1].close()
    progress("checking and converting", done, max(total, done))
    count_rels = done - len(known)
    longest = max(nodes.longest, rels.longest, *(v.longest for v in versions))
    return CsvDump(node_files, rel_files, len(known), count_rels, fixups, longest, history)


def _props(record: dict[str, object], where: str) -> dict[str, object]:
    props = record.get("props")
    if not isinstance(props, dict):
        raise ValidationFailed(f"{where}: props must be an object", field="content")
    return props
