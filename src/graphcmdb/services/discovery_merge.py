"""Duplicate CIs (sharing a strong identifier) and merging them into one, in one transaction.

The rules for what moves and what is dropped are in ``discovery/merge.py``. The audit
entry keeps the merged CIs' snapshots and every moved or dropped relationship, so the
graph before the merge can be reconstructed from the log.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.merge import DuplicateKind, duplicate_groups, merged_props, plan_edges
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import AlreadyLinked, IllegalMerge, LimitExceeded, NotFound
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.enums import RelType
from graphcmdb.identity.keys import DEVICE_CLASSES
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.discovery_records import (
    discovered_props,
    relationships,
    shared_identifier,
)

MAX_GROUPS = 10_000


@dataclass(frozen=True)
class DuplicateGroup:
    kind: DuplicateKind
    value: str
    #: oldest first: the natural one to keep
    cis: list[CIRecord]


@dataclass(frozen=True)
class MergeResult:
    ci: CIRecord
    merged_ids: list[str]
    moved: int
    dropped: int


async def duplicate_cis(db: Database, limit: int = 1000) -> list[DuplicateGroup]:
    if not 1 <= limit <= MAX_GROUPS:
        raise LimitExceeded(
            f"limit must be between 1 and {MAX_GROUPS}.", field="limit", limit=MAX_GROUPS
        )
    rows = await db.read(Q.DISCOVERY_DUPLICATES, classes=sorted(DEVICE_CLASSES), limit=limit)
    by_id = {str(ci["id"]): ci for row in rows for ci in row["cis"]}
    groups = duplicate_groups([shared_identifier(row) for row in rows])
    return [
        DuplicateGroup(g.kind, g.value, nodes.as_records(CI_SPEC, [by_id[i] for i in g.ids]))
        for g in groups
    ]


def _check_request(keep_id: str, merge_ids: list[str]) -> list[str]:
    unique = list(dict.fromkeys(merge_ids))
    if not unique:
        raise IllegalMerge("Name at least one CI to merge into the kept one.", field="mergeIds")
    if keep_id in unique:
        raise IllegalMerge("A CI cannot be merged with itself.", field="mergeIds", id=keep_id)
    return unique


async def _load(tx: Tx, keep_id: str, merge_ids: list[str], force: bool) -> tuple[Row, list[Row]]:
    found = await tx.run(nodes.crud(CI_SPEC, Op.GET_BY_IDS), ids=[keep_id, *merge_ids])
    rows = {r["node"]["id"]: r["node"] for r in found}  # stored rows: the merge writes them
    missing = [i for i in [keep_id, *merge_ids] if i not in rows]
    if missing:
        raise NotFound("CI", missing)
    keep, others = rows[keep_id], [rows[i] for i in merge_ids]
    classes = sorted({c["ciClass"] for c in [keep, *others]})
    if len(classes) > 1 and not force:
        raise IllegalMerge(
            f"The CIs are of different classes ({', '.join(classes)}); merging moves "
            "relationships that may not fit the kept class. Pass force: true to merge anyway.",
            classes=classes,
        )
    return keep, others


async def merge_cis(
    db: Database, actor: Actor, keep_id: str, merge_ids: list[str], force: bool = False
) -> MergeResult:
    """Fold ``merge_ids`` into ``keep_id`` (see ``discovery/merge.py``) and delete them."""
    merge_ids = _check_request(keep_id, merge_ids)

    async def work(tx: Tx) -> MergeResult:
        keep, others = await _load(tx, keep_id, merge_ids, force)
        edges = await tx.run(Q.DISCOVERY_MERGE_EDGES, ids=[keep_id, *merge_ids])
        keep_key = next(e["ciKey"] for e in edges if e["ciId"] == keep_id)
        plan = plan_edges(keep_id, keep_key, merge_ids, relationships(edges))
        if len(plan.trackers) > 1:
            raise AlreadyLinked(
                "More than one asset tracks these CIs; a CI has one asset. Untrack all but "
                "one first.",
                assetIds=sorted(plan.trackers),
            )
        for move in plan.moves:
            RelType(str(move["type"]))  # only known relationship types are ever recreated
        if plan.moves:
            await tx.run(Q.DISCOVERY_MERGE_MOVE, rows=plan.moves)
        await tx.run(Q.DISCOVERY_MERGE_DELETE, ids=merge_ids)
        changes = merged_props(discovered_props(keep), [discovered_props(o) for o in others])
        row = await tx.one(nodes.crud(CI_SPEC, Op.UPDATE), id=keep_id, props=changes)
        assert row is not None
        await identity_claims.claim(tx, [row["node"]])
        before = {"kept": keep, "merged": others}
        after = {
            "kept": row["node"],
            "mergedIds": merge_ids,
            "changed": sorted(changes),
            "moved": plan.moved,
            "dropped": plan.dropped,
        }
        await audit.record(tx, actor, "mergeCIs", [keep_id, *merge_ids], before, after)
        kept = nodes.as_record(CI_SPEC, row["node"])
        return MergeResult(kept, merge_ids, len(plan.moves), len(plan.dropped))

    return await db.write(work)
