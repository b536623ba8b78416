"""Relationships between nodes, validated against the relationship specs."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.models import RelateInput
from graphcmdb.domain.records import AnyNodeRecord, NodeRecord, ServiceRecord
from graphcmdb.domain.rel_specs import REL_SPECS, describe, endpoint_matches
from graphcmdb.domain.specs import SERVICE_SPEC
from graphcmdb.errors import IllegalRelationship, NotFound
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor


def edge_props(data: RelateInput) -> dict[str, Any]:
    """Properties the relationship carries; DEPENDS_ON always has a kind (hard by default)."""
    spec = REL_SPECS[data.type]
    props: dict[str, Any] = {}
    if spec.has_kind:
        props["kind"] = (data.kind or DependencyKind.HARD).stored
    elif data.kind is not None:
        raise IllegalRelationship(
            f"'kind' applies to DEPENDS_ON only, not {data.type.value}.", field="kind"
        )
    for name in ("localPort", "remotePort"):
        value = getattr(data, name)
        if value is not None:
            if name not in spec.properties:
                raise IllegalRelationship(
                    f"'{name}' applies to CONNECTED_TO only, not {data.type.value}.", field=name
                )
            props[name] = value
    return props


async def endpoint_labels(tx: Tx, ids: list[str]) -> dict[str, list[str]]:
    rows = await tx.run(Q.NODE_LABELS_BY_IDS, ids=ids)
    found = {r["id"]: list(r["labels"]) for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound("node", missing)
    return found


def check_pair(data: RelateInput, labels: dict[str, list[str]]) -> None:
    spec = REL_SPECS[data.type]
    if not spec.generic:
        raise IllegalRelationship(
            f"{data.type.value} is managed by its own mutation, not by relate.",
            type=data.type.value,
        )
    if data.fromId == data.toId:
        raise IllegalRelationship("A node cannot be related to itself.", type=data.type.value)
    source, target = labels[data.fromId], labels[data.toId]
    if not endpoint_matches(source, spec.sources) or not endpoint_matches(target, spec.targets):
        raise IllegalRelationship(
            f"{data.type.value} goes from {describe(spec.sources)} to {describe(spec.targets)}; "
            f"got {_kind(source)} -> {_kind(target)}.",
            type=data.type.value,
            fromLabels=_public(source),
            toLabels=_public(target),
        )


def _public(labels: list[str]) -> list[str]:
    return [label for label in labels if label != "Entity"]


def _kind(labels: list[str]) -> str:
    public = [label for label in _public(labels) if label != "CI"]
    return public[0] if public else "/".join(_public(labels))


@dataclass(frozen=True)
class Relationship:
    """One relationship as ``relate`` wrote it (or found it already there)."""

    id: str | None
    type: RelType
    source: str
    target: str
    #: the stored dependency kind (DEPENDS_ON only), as stored
    kind: str | None = None
    localPort: int | None = None
    remotePort: int | None = None


async def relate(db: Database, actor: Actor, data: RelateInput) -> Relationship:
    props = edge_props(data)

    async def work(tx: Tx) -> Relationship:
        labels = await endpoint_labels(tx, [data.fromId, data.toId])
        check_pair(data, labels)
        row = await tx.one(
            Q.REL_RELATE,
            fromId=data.fromId,
            toId=data.toId,
            type=data.type.value,
            relId=str(uuid.uuid4()),
            props=props,
        )
        assert row is not None
        rel = dict(row["rel"]) | {"source": row["source"], "target": row["target"]}
        await audit.record(
            tx, actor, "relate", [data.fromId, data.toId], row["before"] or None, rel
        )
        return Relationship(
            id=rel.get("id"),
            type=RelType(rel["type"]),
            source=rel["source"],
            target=rel["target"],
            kind=rel.get("kind"),
            localPort=rel.get("localPort"),
            remotePort=rel.get("remotePort"),
        )

    return await db.write(work)


async def unrelate(db: Database, actor: Actor, from_id: str, rel_type: RelType, to_id: str) -> bool:
    async def work(tx: Tx) -> bool:
        await endpoint_labels(tx, [from_id, to_id])
        row = await tx.one(Q.REL_UNRELATE, fromId=from_id, toId=to_id, type=rel_type.value)
        if row is None:
            raise NotFound(f"{rel_type.value} relationship", [f"{from_id}->{to_id}"])
        await audit.record(tx, actor, "unrelate", [from_id, to_id], dict(row["before"]), None)
        return True

    return await db.write(work)


@dataclass(frozen=True)
class Edge:
    """One edge of the 'needs' graph seen from one end: the node at the other end."""

    rel_id: str | None
    type: RelType
    #: the stored dependency kind (DEPENDS_ON only), as stored
    kind: str | None
    node: AnyNodeRecord


def _edge(row: Row) -> Edge:
    return Edge(row.get("relId"), RelType(row["type"]), row.get("kind"), nodes.as_node(row["node"]))


EdgeMap = dict[str, list[Edge]]


async def both_ways(
    db: Database, needs_ids: list[str], needed_by_ids: list[str]
) -> tuple[EdgeMap, EdgeMap]:
    """In one read: what each of ``needs_ids`` needs (DEPENDS_ON/RUNS_ON/HOSTED_ON
    targets; for a cluster, its members), and what needs each of ``needed_by_ids``."""
    rows = await db.read(Q.REL_BOTH_WAYS_BY_IDS, needsIds=needs_ids, neededByIds=needed_by_ids)
    needs: EdgeMap = defaultdict(list)
    needed_by: EdgeMap = defaultdict(list)
    for r in rows:
        (needs if r["needs"] else needed_by)[r["id"]].append(_edge(r))
    return needs, needed_by


async def both_ways_names(
    db: Database, needs_ids: list[str], needed_by_ids: list[str]
) -> tuple[EdgeMap, EdgeMap]:
    """:func:`both_ways` with the far node a bare :class:`NodeRecord` (id, name, labels):
    one compact row per edge, no whole nodes decoded."""
    rows = await db.read(
        Q.REL_BOTH_WAYS_NAMES_BY_IDS, needsIds=needs_ids, neededByIds=needed_by_ids
    )
    needs: EdgeMap = defaultdict(list)
    needed_by: EdgeMap = defaultdict(list)
    for node_id, is_need, rel_id, rel_type, kind, far_id, name, labels in (
        rows[0]["rows"] if rows else ()
    ):
        far = NodeRecord.model_construct(id=far_id, name=name or "", labels=tuple(labels))
        (needs if is_need else needed_by)[node_id].append(
            Edge(rel_id, RelType(rel_type), kind, far)
        )
    return needs, needed_by


async def supported_services(db: Database, ids: list[str]) -> dict[str, list[ServiceRecord]]:
    """Services that need each node, directly or transitively (clusters included)."""
    rows = await db.read(Q.REL_SERVICES_BY_IDS, ids=ids)
    grouped: dict[str, list[ServiceRecord]] = defaultdict(list)
    for r in rows:
        grouped[r["id"]].append(nodes.as_record(SERVICE_SPEC, r["service"]))
    return grouped


async def relate_many(db: Database, actor: Actor, items: list[RelateInput]) -> int:
    """Many relationships in one transaction: all pairs validated first, one UNWIND, one audit."""
    ids = sorted({i.fromId for i in items} | {i.toId for i in items})
    rows = [
        {
            "fromId": i.fromId,
            "toId": i.toId,
            "type": i.type.value,
            "relId": str(uuid.uuid4()),
            "props": edge_props(i),
        }
        for i in items
    ]

    async def work(tx: Tx) -> int:
        found = {r["id"]: list(r["labels"]) for r in await tx.run(Q.NODE_LABELS_BY_IDS, ids=ids)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound("node", missing)
        for item in items:
            check_pair(item, found)
        row = await tx.one(Q.REL_RELATE_BATCH, rows=rows, now=datetime.now(UTC))
        written = int(row["written"]) if row else 0
        tx.touch(ids)  # every end is versioned, beyond the entry's first 1,000 (db/history.py)
        await audit.record(
            tx,
            actor,
            "relateMany",
            ids[:1000],
            None,
            {
                "count": written,
                "relationships": [
                    {k: r[k] for k in ("fromId", "type", "toId", "props")} for r in rows
                ],
            },
        )
        return written

    return await db.write(work)
