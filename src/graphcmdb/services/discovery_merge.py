"""Merging duplicate CIs into one, in one transaction, or previewing it.

What moves and what is dropped is ``discovery/merge.py``; which value each field keeps is
the field-level merge policy of ``discovery/merge_policy.py``. A preview (``dry_run``)
runs this same code in a transaction that is rolled back (``db.database.Rehearsal``), so
it answers exactly what the merge would do. The audit entry keeps the merged CIs'
snapshots, every field decision (kept value, merged values, winner, reason) and every
moved or dropped relationship: the merge can be understood, and the graph before it
rebuilt, from the log alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Rehearsal, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.merge import plan_edges
from graphcmdb.discovery.merge_policy import MergeCI, MergePlan, differing_serials, merge_fields
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import AlreadyLinked, IllegalMerge, NotFound, PlanStale
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.enums import RelType
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.discovery_records import relationships

#: CIs merged into one at once
MAX_MERGED = 100


@dataclass(frozen=True)
class MergeResult:
    ci: CIRecord
    merged_ids: list[str]
    moved: int
    dropped: int
    plan: MergePlan
    #: a preview: nothing was written
    dry_run: bool = False
    #: the audit entry of the merge (None for a preview)
    audit_id: str | None = None


def _check_request(keep_id: str, merge_ids: list[str]) -> list[str]:
    unique = list(dict.fromkeys(merge_ids))
    if not unique:
        raise IllegalMerge("Name at least one CI to merge into the kept one.", field="mergeIds")
    if len(unique) > MAX_MERGED:
        raise IllegalMerge(f"Merge at most {MAX_MERGED} CIs at once.", field="mergeIds")
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
    if force:
        return keep, others
    classes = sorted({c["ciClass"] for c in [keep, *others]})
    if len(classes) > 1:
        raise IllegalMerge(
            f"The CIs are of different classes ({', '.join(classes)}); merging moves "
            "relationships that may not fit the kept class. Pass force: true to merge anyway.",
            classes=classes,
        )
    serials = differing_serials([MergeCI(str(c["id"]), c) for c in [keep, *others]])
    if serials:
        raise IllegalMerge(
            f"The CIs have different serial numbers ({', '.join(serials)}): they are "
            "different boxes (a serial identifies hardware), not duplicates. Pass "
            "force: true to merge anyway.",
            serials=serials,
        )
    return keep, others


async def merge_cis(
    db: Database,
    actor: Actor,
    keep_id: str,
    merge_ids: list[str],
    force: bool = False,
    *,
    dry_run: bool = False,
    expect: str | None = None,
) -> MergeResult:
    """Fold ``merge_ids`` into ``keep_id`` and delete them; ``dry_run`` does all of it in
    a transaction that is rolled back. Given ``expect`` (a preview's plan token), a
    merge whose plan differs from the preview's is refused before anything is written."""
    merge_ids = _check_request(keep_id, merge_ids)

    async def work(tx: Tx) -> MergeResult:
        keep, others = await _load(tx, keep_id, merge_ids, force)
        edges = await tx.run(Q.DISCOVERY_MERGE_EDGES, ids=[keep_id, *merge_ids])
        keep_key = next(e["ciKey"] for e in edges if e["ciId"] == keep_id)
        rels = plan_edges(keep_id, keep_key, merge_ids, relationships(edges))
        if len(rels.trackers) > 1:
            raise AlreadyLinked(
                "More than one asset tracks these CIs; a CI has one asset. Untrack all but "
                "one first.",
                assetIds=sorted(rels.trackers),
            )
        fields = merge_fields(MergeCI(keep_id, keep), [MergeCI(str(o["id"]), o) for o in others])
        plan = MergePlan(keep_id, tuple(merge_ids), fields.decisions, tuple(rels.changes))
        if expect is not None and plan.token != expect:
            raise PlanStale(
                "The graph changed since the preview: the merge plan differs. Preview again.",
                expected=expect,
                now=plan.token,
            )
        for move in rels.moves:
            RelType(str(move["type"]))  # only known relationship types are ever recreated
        if rels.moves:
            await tx.run(Q.DISCOVERY_MERGE_MOVE, rows=rels.moves)
        await tx.run(Q.DISCOVERY_MERGE_DELETE, ids=merge_ids)
        row = await tx.one(nodes.crud(CI_SPEC, Op.UPDATE), id=keep_id, props=dict(fields.changes))
        assert row is not None
        await identity_claims.claim(tx, [row["node"]])
        after = {
            "kept": row["node"],
            "mergedIds": merge_ids,
            "changed": sorted(fields.changes),
            "fields": plan.describe()["fields"],
            "moved": rels.moved,
            "dropped": rels.dropped,
            "planToken": plan.token,
        }
        before = {"kept": keep, "merged": others}
        entry = await audit.record(tx, actor, "mergeCIs", [keep_id, *merge_ids], before, after)
        kept = nodes.as_record(CI_SPEC, row["node"])
        moved = len(rels.moves)
        dropped = len(rels.changes) - moved
        return MergeResult(
            kept, merge_ids, moved, dropped, plan, dry_run, None if dry_run else entry
        )

    return await (Rehearsal(db) if dry_run else db).write(work)
