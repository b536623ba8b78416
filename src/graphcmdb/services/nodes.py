"""The generic node service: get, require, list, count, create, update and delete for
every node type, driven by its spec and its generated Cypher.

Reads and writes answer the spec's typed record (``NodeSpec[CIRecord]`` -> ``CIRecord``);
:func:`as_record` is the one place a stored row becomes one, so the dict stays here.

Each write runs in one transaction with its audit entry (``create<Label>``, ...);
entity services add only what is theirs (lifecycle rules, numbering, links) around
these calls, inside the same transaction through the ``*_in`` variants.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from pydantic import ValidationError

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Crud, Q
from graphcmdb.domain.records import AnyNodeRecord, NodeRecord, Stored
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.errors import Duplicate, NotFound, ValidationFailed
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.node_spec import AnySpec, Filter, FilterKind, NodeSpec, Writable
from graphcmdb.services import audit, lenient, visible
from graphcmdb.services.actor import Actor
from graphcmdb.services.paging import Page, PageRequest, make_page
from graphcmdb.services.row_checks import split_defaults

#: Turns the constraint error of a write into the message its caller wants.
DuplicateMessage = Callable[[dict[str, Any]], Duplicate]

R = TypeVar("R")

LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')


#: a search text's limits: Lucene refuses long terms and too many clauses (a 5,000-
#: character text used to surface as an internal error)
MAX_SEARCH_CHARS = 200
MAX_SEARCH_WORDS = 16


def lucene_terms(text: str) -> str:
    """User text to a safe full-text query: each word escaped, matched as a prefix."""
    if len(text) > MAX_SEARCH_CHARS or len(text.split()) > MAX_SEARCH_WORDS:
        raise ValidationFailed(
            f"A search text is at most {MAX_SEARCH_CHARS} characters and {MAX_SEARCH_WORDS} words.",
            field="text",
        )
    words = []
    for word in text.split():
        escaped = "".join(f"\\{ch}" if ch in LUCENE_SPECIAL else ch for ch in word)
        words.append(f"{escaped}*")
    return " AND ".join(words)


def crud(spec: AnySpec, op: Op) -> Crud:
    return Crud(spec.area, op.value)


def duplicate_of(spec: AnySpec, props: Mapping[str, Any]) -> Duplicate:
    """The default refusal: names the first key the write gave a value for."""
    keys = [k for key in (spec.key, *spec.unique) for k in key]
    given = [k for k in keys if props.get(k) is not None] or keys[:1]
    field = given[0] if given else "id"
    value = props.get(field)
    return Duplicate(
        f"A {spec.title} with {field} '{value}' already exists.", field=field, **{field: value}
    )


def as_record(spec: NodeSpec[R], row: Mapping[str, Any]) -> R:
    """A stored node (a generated read's ``node`` map, or a hand-written read's) as its
    record, validated: enums, dates and money come back as their types. A stored value
    that breaks a write rule does not fail the read (see ``services.lenient``)."""
    try:
        return spec.record(**row)
    except ValidationError as exc:
        return lenient.read(spec.record, row, spec.label.value, exc)


def as_records(spec: NodeSpec[R], rows: list[Row]) -> list[R]:
    return [as_record(spec, row) for row in rows]


async def get_in(tx: Tx, spec: NodeSpec[R], ids: list[str]) -> dict[str, R]:
    rows = await tx.run(crud(spec, Op.GET_BY_IDS), ids=ids)
    return {r["node"]["id"]: as_record(spec, r["node"]) for r in rows}


async def get_many(db: Database, spec: NodeSpec[R], ids: list[str]) -> dict[str, R]:
    rows = await db.read(crud(spec, Op.GET_BY_IDS), ids=ids)
    return {r["node"]["id"]: as_record(spec, r["node"]) for r in rows}


async def require(tx: Tx, spec: NodeSpec[R], node_id: str) -> R:
    row = await tx.one(crud(spec, Op.GET_BY_IDS), ids=[node_id])
    if row is None:
        raise NotFound(spec.label.value, [node_id])
    return as_record(spec, row["node"])


def _filter_params(spec: AnySpec, given: Mapping[str, object]) -> dict[str, object]:
    unknown = set(given) - {f.param for f in spec.filters}
    if unknown:
        raise TypeError(f"{spec.label.value} has no list filter {sorted(unknown)}")
    return {f.param: _filter_value(f, given.get(f.param)) for f in spec.filters}


def _filter_value(flt: Filter, value: object) -> object:
    """A free text over several fields is trimmed; an empty text is no filter (as a
    client leaving the box empty means). Enums go as they are (``StrEnum``: strings)."""
    if isinstance(value, str) and flt.kind is FilterKind.ANY_CONTAINS:
        value = value.strip()
    return None if value == "" else value


def _page_params(spec: AnySpec, filters: Mapping[str, object], req: PageRequest) -> Row:
    after_key, after_id = req.after if req.after else (None, None)
    return _filter_params(spec, filters) | {
        "afterKey": after_key,
        "afterId": after_id,
        "limit": req.fetch,
    }


#: runs one named statement: a transaction's ``run`` or the auto-committed ``Database.read``
Run = Callable[..., Awaitable[list[Row]]]


async def _searching(
    run: Run, spec: AnySpec, ops: tuple[Op, Op], text: str | None, params: Row
) -> list[Row]:
    """The first query of ``ops``, or the second (full-text) when ``text`` is given and
    the spec has a full-text index."""
    plain, searching = ops
    if text and spec.fulltext is not None:
        return await run(crud(spec, searching), text=lucene_terms(text), **params)
    return await run(crud(spec, plain), **params)


async def _listed(
    run: Run, spec: NodeSpec[R], filters: Mapping[str, object], req: PageRequest, text: str | None
) -> Page[R]:
    params = _page_params(spec, filters, req)
    rows = await _searching(run, spec, (Op.LIST, Op.LIST_TEXT), text, params)
    page = make_page([r["node"] for r in rows], req, spec.order.prop)
    return page.map(partial(as_record, spec))


async def _counted(run: Run, spec: AnySpec, filters: Mapping[str, object], text: str | None) -> int:
    params = _filter_params(spec, filters)
    rows = await _searching(run, spec, (Op.COUNT, Op.COUNT_TEXT), text, params)
    return int(rows[0]["total"])


async def list_in(
    tx: Tx,
    spec: NodeSpec[R],
    filters: Mapping[str, object],
    req: PageRequest,
    text: str | None = None,
) -> Page[R]:
    """One page in the spec's order; ``text`` uses the spec's full-text index."""
    return await _listed(tx.run, spec, filters, req, text)


async def count_in(
    tx: Tx, spec: AnySpec, filters: Mapping[str, object], text: str | None = None
) -> int:
    return await _counted(tx.run, spec, filters, text)


async def list_page(
    db: Database,
    spec: NodeSpec[R],
    filters: Mapping[str, object],
    req: PageRequest,
    text: str | None = None,
) -> Page[R]:
    """:func:`list_in` as one auto-committed statement (no BEGIN and COMMIT round trips:
    a search box asks for four listings at once)."""
    return await _listed(db.read, spec, filters, req, text)


async def count(
    db: Database, spec: AnySpec, filters: Mapping[str, object], text: str | None = None
) -> int:
    return await _counted(db.read, spec, filters, text)


async def create_in(
    tx: Tx,
    actor: Actor,
    spec: NodeSpec[R],
    props: Mapping[str, Any],
    operation: str | None = None,
    links: Mapping[str, Any] | None = None,
) -> R:
    """Create the node; ``links`` (what the caller links it to in the same transaction)
    are recorded in the audit entry beside the node's properties."""
    row = await tx.one(crud(spec, Op.CREATE), id=str(uuid.uuid4()), props=dict(props))
    if row is None:
        raise RuntimeError(f"{spec.label.value} create returned no row")
    node = dict(row["node"])
    tx.created.append((node["id"], spec.label))  # checked against the scopes before commit
    if spec.identity:
        await identity_claims.claim(tx, [node])
    op = operation or f"create{spec.operation}"
    await audit.record(tx, actor, op, [node["id"]], None, node | dict(links or {}))
    return as_record(spec, node)


async def update_in(
    tx: Tx,
    actor: Actor,
    spec: NodeSpec[R],
    node_id: str,
    props: Mapping[str, Any],
    operation: str | None = None,
    links: Mapping[str, Any] | None = None,
) -> R:
    """Set ``props`` on an existing node (``None`` clears a property)."""
    row = await tx.one(crud(spec, Op.UPDATE), id=node_id, props=dict(props))
    if row is None:
        raise NotFound(spec.label.value, [node_id])
    node = dict(row["node"])
    if spec.identity:
        await identity_claims.claim(tx, [node])
    op = operation or f"update{spec.operation}"
    await audit.record(tx, actor, op, [node_id], row["before"], node | dict(links or {}))
    return as_record(spec, node)


async def delete_in(
    tx: Tx,
    actor: Actor,
    spec: NodeSpec[R],
    node_id: str,
    after: Mapping[str, Any] | None = None,
    operation: str | None = None,
) -> R:
    """Delete the node (and what it owns); the nodes it was linked to are audit targets
    too, so their own history shows the lost link."""
    row = await tx.one(crud(spec, Op.DELETE), id=node_id)
    if row is None:
        raise NotFound(spec.label.value, [node_id])
    targets = [node_id, *sorted(set(row["detachedIds"]) - {node_id})]
    record = {"deleted": True, **(after or {})}
    op = operation or f"delete{spec.operation}"
    await audit.record(tx, actor, op, targets, row["before"], record)
    return as_record(spec, row["before"])


def upsert_row(
    spec: AnySpec, raw: Mapping[str, Any], create_only: tuple[str, ...] = ()
) -> dict[str, Any]:
    """One client row validated by the spec's model, as the generated upsert takes it:
    the natural key on top, ``defaults`` (``create_only`` fields the row did not give)
    and ``props``. Raises pydantic's ValidationError for a bad row."""
    if spec.fields is None:
        raise TypeError(f"{spec.label.value} has no writable fields")
    record = spec.fields.model_validate(dict(raw))
    if not isinstance(record, Writable):
        raise TypeError(f"{spec.fields.__name__} does not give graph properties")
    props = record.graph_props()
    return {
        "id": str(uuid.uuid4()),
        **{k: props[k] for k in spec.key},
        **split_defaults(props, set(raw), create_only),
    }


async def upsert_in(tx: Tx, spec: AnySpec, rows: list[dict[str, Any]], now: datetime) -> list[Row]:
    """Create-or-update by natural key: each row is ``{id, <key>..., props, defaults}``;
    answers ``{id, created, changed, <key>...}`` per row, in order."""
    [answer] = await tx.run(crud(spec, Op.UPSERT_BATCH), rows=rows, now=now)
    written: list[Row] = answer["rows"]
    if spec.identity:
        await identity_claims.claim_ids(tx, [str(w["id"]) for w in written if w["changed"]])
    return written


async def upsert_audited(
    db: Database,
    actor: Actor,
    spec: AnySpec,
    rows: list[dict[str, Any]],
    operation: str,
    note: Mapping[str, Any] | None = None,
) -> list[Row]:
    """:func:`upsert_in` in one transaction with one ``operation`` audit entry for what
    changed (counts, plus ``note``); rows that already match are left alone and a batch
    that changes nothing records nothing."""

    async def work(tx: Tx) -> list[Row]:
        written = await upsert_in(tx, spec, rows, datetime.now(UTC))
        changed = [str(w["id"]) for w in written if w["changed"]]
        if changed:
            created = sum(1 for w in written if w["created"])
            after = {"created": created, "updated": len(changed) - created, **(note or {})}
            await audit.record(tx, actor, operation, changed, None, after)
        return written

    return await db.write(work)


async def write_unique(
    db: Database, work: Callable[[Tx], Awaitable[R]], duplicate: Callable[[], Duplicate]
) -> R:
    """``db.write(work)``, a uniqueness constraint it breaks answered as ``duplicate()``
    (called only then, so it may name what ``work`` tried)."""
    try:
        return await db.write(work)
    except Duplicate as exc:
        raise duplicate() from exc


async def create(
    db: Database,
    actor: Actor,
    spec: NodeSpec[R],
    props: Mapping[str, Any],
    duplicate: DuplicateMessage | None = None,
) -> R:
    refuse = duplicate or partial(duplicate_of, spec)
    return await write_unique(
        db, lambda tx: create_in(tx, actor, spec, props), lambda: refuse(dict(props))
    )


async def update(
    db: Database,
    actor: Actor,
    spec: NodeSpec[R],
    node_id: str,
    props: Mapping[str, Any],
    duplicate: DuplicateMessage | None = None,
) -> R:
    refuse = duplicate or partial(duplicate_of, spec)
    return await write_unique(
        db, lambda tx: update_in(tx, actor, spec, node_id, props), lambda: refuse(dict(props))
    )


async def delete(db: Database, actor: Actor, spec: NodeSpec[R], node_id: str) -> R:
    async def work(tx: Tx) -> R:
        return await delete_in(tx, actor, spec, node_id)

    return await db.write(work)


def as_node(row: Mapping[str, Any]) -> AnyNodeRecord:
    """A node of any label as the record of its type (by its labels), else a NodeRecord."""
    labels = tuple(row.get("labels") or ())
    for spec in NODE_SPECS:
        if spec.label.value in labels and issubclass(spec.record, Stored):
            record: Stored = as_record(spec, row)
            return record
    return NodeRecord(id=row["id"], name=row.get("name") or "", labels=labels)


async def get_node(db: Database, node_id: str) -> AnyNodeRecord | None:
    """Any entity by id, whatever its label (``node(id)``)."""
    rows = await db.read(Q.NODE_GET_BY_IDS, ids=[node_id])
    if not rows:
        return None
    node = as_node(rows[0]["node"])
    seen = await visible.visible_nodes(db, [node])  # a scoped caller: hidden is missing
    return node if seen is None or node.id in seen else None
