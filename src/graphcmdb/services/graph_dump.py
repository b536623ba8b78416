"""The whole graph as JSON lines, and back into an empty database (``graphcmdb graph
export|import``).

What is dumped is generated from the specs: every node of every label of ``NODE_SPECS``
(with all its labels: a CI's class, ``Entity``) and every relationship of every type of
``RelType`` and ``IndexRelType``, with every stored property, secrets as they are stored
(sealed: they open with the same key files, never in clear). Left out, and why, in :data:`EXCLUDED`.

The file: a header line, then one line per node (``n`` its number in the file, its
labels sorted, its properties), then one per relationship (its type, the numbers of its
ends, its properties). Nodes are ordered by their labels and properties, relationships
by type, ends and properties, and numbered in that order, so the same graph always gives
the same bytes: export, import into an empty database, export again → the same file.

The import refuses a database that already holds any dumped node, a label or type the
enums do not declare, or an excluded label (``VALIDATION_FAILED``, nothing written), and
writes everything in one transaction (all or nothing).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeGuard

from graphcmdb import collector
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.deadlines import writing
from graphcmdb.db.queries import Q, fixed
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import CIClass, IndexRelType, Label, RelType
from graphcmdb.services.graph_codec import decode_props, encode_props, line

FORMAT = "graphcmdb-graph"
VERSION = 1
#: Node types not dumped, and why.
EXCLUDED: dict[Label, str] = {
    Label.API_TOKEN: "credentials of this installation: a copy would let its tokens into "
    "the other one (only hashes are stored, but they are still keys); issue new tokens",
    Label.SCHEMA_MIGRATION: "each database records its own migrations (`db migrate` runs "
    "before the import)",
}
#: labels a dumped node may carry (the specs' labels, the CI classes, ``Entity``)
KNOWN_LABELS = frozenset({*(label.value for label in Label), *(c.value for c in CIClass), "Entity"})
DUMPED: tuple[Label, ...] = tuple(
    dict.fromkeys(s.label for s in NODE_SPECS if s.label not in EXCLUDED)
)
#: relationship types a dump holds: the data's and the identity index's
REL_TYPES = frozenset({*(t.value for t in RelType), *(t.value for t in IndexRelType)})
DUMPED_NAMES = frozenset(label.value for label in DUMPED)
BATCH = 1000

#: ``(stage, done, total)``
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class DumpCounts:
    nodes: int
    relationships: int


def _header(nodes: int, relationships: int) -> str:
    return line(
        {
            "format": FORMAT,
            "version": VERSION,
            "nodes": nodes,
            "relationships": relationships,
            "excluded": sorted(label.value for label in EXCLUDED),
        }
    )


async def export_lines(db: Database, progress: Progress = _quiet) -> list[str]:
    """The dump, one string per line (without newlines), read in one transaction: a
    consistent copy, with the long deadline of bulk work (``write_deadline_s``), not a
    request's read deadline."""

    async def work(tx: Tx) -> list[str]:
        nodes: dict[str, tuple[str, str]] = {}  # element id -> (labels, properties) as JSON
        for done, label in enumerate(DUMPED, 1):
            for r in await tx.raw(fixed(Q.EXCHANGE_DUMP_NODES, label=label)):
                if any(lab in EXCLUDED for lab in r["labels"]):
                    continue
                nodes[r["eid"]] = (line(sorted(r["labels"])), line(encode_props(r["props"])))
            progress("reading nodes", done, len(DUMPED))
        order = sorted(nodes, key=nodes.__getitem__)  # by labels, then properties
        number = {eid: n for n, eid in enumerate(order)}
        rels: list[tuple[str, int, int, str]] = []
        types = [*RelType, *IndexRelType]
        for done, rel_type in enumerate(types, 1):
            for r in await tx.raw(fixed(Q.EXCHANGE_DUMP_RELATIONSHIPS, type=rel_type)):
                if r["a"] in number and r["b"] in number:
                    props = line(encode_props(r["props"]))
                    rels.append((rel_type.value, number[r["a"]], number[r["b"]], props))
            progress("reading relationships", done, len(types))
        rels.sort()
        out = [_header(len(order), len(rels))]
        for eid in order:
            labels_text, props_text = nodes[eid]
            out.append(f'{{"labels":{labels_text},"n":{number[eid]},"props":{props_text}}}')
        out += [
            f'{{"from":{a},"props":{p},"to":{b},"type":{json.dumps(t)}}}' for t, a, b, p in rels
        ]
        return out

    with writing(), collector.bulk(collector.BULK_ROWS):  # the whole graph held in memory
        return await db.read_tx(work)


@dataclass(frozen=True)
class _Parsed:
    nodes: list[dict[str, object]]
    relationships: list[dict[str, object]]


def numbered(lines: Iterator[str]) -> Iterator[tuple[int, dict[str, object]]]:
    """Each non-blank line as a JSON object, with its line number."""
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationFailed(f"line {number}: not JSON ({exc.msg})", field="content") from exc
        if not isinstance(record, dict):
            raise ValidationFailed(f"line {number}: not a JSON object", field="content")
        yield number, record


def check_header(records: Iterator[tuple[int, dict[str, object]]]) -> dict[str, object]:
    """The first record, refused unless it is this format's header."""
    first = next(records, None)
    if first is None or first[1].get("format") != FORMAT or first[1].get("version") != VERSION:
        raise ValidationFailed(f"not a {FORMAT} version {VERSION} file", field="content")
    return first[1]


def _number(value: object) -> TypeGuard[int]:
    """A node number: an integer (not a boolean) that fits a long."""
    return type(value) is int and -(2**63) <= value < 2**63


def parse_node_head(
    number: int, record: dict[str, object], known: set[int]
) -> tuple[list[str], int]:
    """A node line's labels (each the enums', none excluded) and number, which is added
    to ``known`` (the numbers of the nodes above: each is given once)."""
    where = f"line {number}"
    labels, n = record.get("labels"), record.get("n")
    if not isinstance(labels, list) or not labels or not _number(n):
        raise ValidationFailed(f"{where}: a node needs labels and n", field="content")
    if not all(isinstance(lab, str) for lab in labels):
        raise ValidationFailed(f"{where}: labels must be texts", field="content")
    unknown = [lab for lab in labels if lab not in KNOWN_LABELS]
    if unknown:
        raise ValidationFailed(f"{where}: unknown label {unknown[0]!r}", field="content")
    excluded = [lab for lab in labels if lab in EXCLUDED]
    if excluded:
        raise ValidationFailed(f"{where}: {excluded[0]} is never imported", field="content")
    if not any(lab in DUMPED_NAMES for lab in labels):
        raise ValidationFailed(f"{where}: no label of a node spec", field="content")
    if n in known:
        raise ValidationFailed(f"{where}: node {n} is given twice", field="content")
    known.add(n)
    return [str(lab) for lab in labels], n


def parse_relationship_head(
    number: int, record: dict[str, object], known: set[int]
) -> tuple[str, int, int]:
    """A relationship line's type (the enums') and the numbers of its ends (nodes above)."""
    where = f"line {number}"
    rel_type, a, b = record.get("type"), record.get("from"), record.get("to")
    if not isinstance(rel_type, str) or rel_type not in REL_TYPES:
        raise ValidationFailed(f"{where}: unknown relationship type {rel_type!r}", field="content")
    if not _number(a) or not _number(b) or a not in known or b not in known:
        raise ValidationFailed(f"{where}: an end is no node of the file", field="content")
    return rel_type, a, b


def parse(lines: Iterator[str]) -> _Parsed:
    """Every line checked before anything is written (``VALIDATION_FAILED`` naming the
    line otherwise)."""
    records = numbered(lines)
    check_header(records)
    nodes: list[dict[str, object]] = []
    rels: list[dict[str, object]] = []
    known: set[int] = set()
    for number, record in records:
        where = f"line {number}"
        props = decode_props(record.get("props"), where)
        if "labels" in record:
            labels, n = parse_node_head(number, record, known)
            nodes.append({"n": n, "labels": labels, "props": props})
        else:
            rel_type, a, b = parse_relationship_head(number, record, known)
            rels.append({"type": rel_type, "a": a, "b": b, "props": props})
    return _Parsed(nodes, rels)


async def import_lines(
    db: Database, lines: Iterator[str], progress: Progress = _quiet
) -> DumpCounts:
    """No audit entry of its own: the dump carries the source's log, and an entry would
    make the copy differ from what was exported (the CLI says what it loaded)."""
    parsed = parse(lines)
    total_nodes, total_rels = len(parsed.nodes), len(parsed.relationships)

    async def work(tx: Tx) -> DumpCounts:
        held = await tx.one(Q.EXCHANGE_DUMPED_COUNT, labels=[label.value for label in DUMPED])
        if held is not None and int(held["n"]) > 0:
            raise ValidationFailed(
                f"The database already holds {held['n']} nodes; a graph import needs an "
                "empty one (after `graphcmdb db migrate`).",
                field="content",
            )
        eids: dict[int, str] = {}
        for start in range(0, total_nodes, BATCH):
            batch = parsed.nodes[start : start + BATCH]
            for r in await tx.raw(Q.EXCHANGE_LOAD_NODES, rows=batch):
                eids[int(r["n"])] = str(r["eid"])
            progress("nodes", start + len(batch), total_nodes)
        for start in range(0, total_rels, BATCH):
            batch = parsed.relationships[start : start + BATCH]
            rows = [r | {"a": eids[int(str(r["a"]))], "b": eids[int(str(r["b"]))]} for r in batch]
            await tx.raw(Q.EXCHANGE_LOAD_RELATIONSHIPS, rows=rows)
            progress("relationships", start + len(batch), total_rels)
        return DumpCounts(total_nodes, total_rels)

    return await db.write(work)
