"""Assets (the ITAM record): CRUD, listing, and their links to a CI, a person, a place.

An asset tracks at most one CI and a CI is tracked by at most one asset: finance and
operations must agree on which record is "the" asset of a host, so a second link is
refused (``ALREADY_LINKED``) rather than silently replacing the first. Holder and
location, by contrast, simply move: assigning replaces the previous holder.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itam_models import AssetCreate, AssetUpdate, money_problem
from graphcmdb.domain.records import (
    AssetRecord,
    CIRecord,
    LifecycleEventRecord,
    LocationRecord,
    PersonRecord,
)
from graphcmdb.domain.specs import (
    ASSET_SPEC,
    CI_SPEC,
    LIFECYCLE_EVENT_SPEC,
    LOCATION_SPEC,
    PERSON_SPEC,
)
from graphcmdb.errors import AlreadyLinked, Duplicate, NotFound, refuse_problem
from graphcmdb.graph.enums import Label, LifecycleState
from graphcmdb.services import audit, listing, nodes, visible
from graphcmdb.services.actor import Actor

N = TypeVar("N", CIRecord, PersonRecord, LocationRecord)


@dataclass(frozen=True)
class AssetFilter:
    lifecycleState: LifecycleState | None = None
    category: str | None = None
    costCenter: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class AssetLinks:
    """The CI an asset tracks, who holds it and where it is (each may be None)."""

    ci: CIRecord | None
    person: PersonRecord | None
    location: LocationRecord | None


def _duplicate(props: dict[str, Any]) -> Duplicate:
    tag = props.get("assetTag")
    return Duplicate(f"An asset tagged '{tag}' already exists.", field="assetTag", assetTag=tag)


async def get_assets(db: Database, ids: list[str]) -> dict[str, AssetRecord]:
    return await nodes.get_many(db, ASSET_SPEC, ids)


async def record_first_events(tx: Tx, actor: Actor, asset_ids: list[str], note: str) -> None:
    """Every asset's history starts with the state it was recorded in (event 1)."""
    if asset_ids:
        new = [{"id": i, "eventId": str(uuid.uuid4())} for i in asset_ids]
        await tx.run(Q.ASSET_FIRST_EVENTS, assets=new, actor=actor.label, note=note)


async def create_asset(db: Database, actor: Actor, data: AssetCreate) -> AssetRecord:
    props = data.graph_props()
    refuse_problem(money_problem(props))

    async def work(tx: Tx) -> AssetRecord:
        asset = await nodes.create_in(tx, actor, ASSET_SPEC, props)
        await record_first_events(tx, actor, [asset.id], "recorded")
        return asset

    return await nodes.write_unique(db, work, lambda: _duplicate(props))


async def update_asset(db: Database, actor: Actor, asset_id: str, data: AssetUpdate) -> AssetRecord:
    props = data.graph_props()

    async def work(tx: Tx) -> AssetRecord:
        current = await nodes.require(tx, ASSET_SPEC, asset_id)
        refuse_problem(money_problem(current.model_dump() | props))
        return await nodes.update_in(tx, actor, ASSET_SPEC, asset_id, props)

    return await nodes.write_unique(db, work, lambda: _duplicate(props))


async def delete_asset(db: Database, actor: Actor, asset_id: str) -> AssetRecord:
    """Deletes the asset with its lifecycle events (the audit entry keeps the snapshot)."""
    return await nodes.delete(db, actor, ASSET_SPEC, asset_id)


LISTING = listing.of_spec(ASSET_SPEC, AssetFilter)


# --- reads for the GraphQL loaders ---------------------------------------------------


async def histories(db: Database, ids: list[str]) -> dict[str, list[LifecycleEventRecord]]:
    grouped: dict[str, list[LifecycleEventRecord]] = defaultdict(list)
    for r in await db.read(Q.ASSET_HISTORY_BY_IDS, ids=ids):
        grouped[r["id"]].append(nodes.as_record(LIFECYCLE_EVENT_SPEC, r["event"]))
    return grouped


def _links(row: Row) -> AssetLinks:
    ci, person, location = row["ci"], row["person"], row["location"]
    return AssetLinks(
        ci=nodes.as_record(CI_SPEC, ci) if ci else None,
        person=nodes.as_record(PERSON_SPEC, person) if person else None,
        location=nodes.as_record(LOCATION_SPEC, location) if location else None,
    )


async def links(db: Database, ids: list[str]) -> dict[str, AssetLinks]:
    """Per asset: its CI, person and location (each may be None)."""
    return {r["id"]: _links(r) for r in await db.read(Q.ASSET_LINKS_BY_IDS, ids=ids)}


async def visible_links(db: Database, ids: list[str]) -> dict[str, AssetLinks]:
    """:func:`links` without what the caller's scopes hide (each hidden one is None)."""
    found = await links(db, ids)
    ends = (n for li in found.values() for n in (li.ci, li.person, li.location) if n)
    seen = await visible.visible_nodes(db, ends)
    if seen is None:
        return found
    shown = seen

    def keep(node: N | None) -> N | None:
        return node if node is not None and node.id in shown else None

    return {
        k: AssetLinks(keep(li.ci), keep(li.person), keep(li.location)) for k, li in found.items()
    }


async def assets_by_ci(db: Database, ci_ids: list[str]) -> dict[str, AssetRecord]:
    rows = await db.read(Q.ASSET_BY_CI_IDS, ids=ci_ids)
    return {r["id"]: nodes.as_record(ASSET_SPEC, r["asset"]) for r in rows}


# --- links ---------------------------------------------------------------------------


async def link_ci(tx: Tx, asset: AssetRecord, ci_id: str) -> bool:
    """Link ``asset`` to a CI in ``tx``; True when a new link was made. Refuses doubles."""
    await nodes.require(tx, CI_SPEC, ci_id)
    current = (await tx.run(Q.ASSET_LINKS_BY_IDS, ids=[asset.id]))[0]["ci"]
    if current is not None and current["id"] != ci_id:
        raise AlreadyLinked(
            f"Asset {asset.assetTag} already tracks CI '{current['name']}'; "
            "untrack it first (one CI per asset).",
            assetId=asset.id,
            ciId=current["id"],
        )
    holder = await tx.one(Q.ASSET_BY_CI_IDS, ids=[ci_id])
    if holder is not None and holder["asset"]["id"] != asset.id:
        raise AlreadyLinked(
            f"CI {ci_id} is already tracked by asset {holder['asset']['assetTag']} "
            "(one asset per CI).",
            assetId=holder["asset"]["id"],
            ciId=ci_id,
        )
    if current is not None:
        return False
    await tx.run(Q.ASSET_TRACK, assetId=asset.id, ciId=ci_id)
    return True


async def track_ci(db: Database, actor: Actor, asset_id: str, ci_id: str) -> AssetRecord:
    async def work(tx: Tx) -> AssetRecord:
        asset = await nodes.require(tx, ASSET_SPEC, asset_id)
        if await link_ci(tx, asset, ci_id):
            await audit.record(tx, actor, "trackCI", [asset_id, ci_id], None, {"ciId": ci_id})
        return asset

    return await db.write(work)


async def untrack_ci(db: Database, actor: Actor, asset_id: str) -> AssetRecord:
    async def work(tx: Tx) -> AssetRecord:
        asset = await nodes.require(tx, ASSET_SPEC, asset_id)
        row = await tx.one(Q.ASSET_UNTRACK, assetId=asset_id)
        if row is None:
            raise NotFound("TRACKS relationship from asset", [asset_id])
        await audit.record(
            tx, actor, "untrackCI", [asset_id, row["ciId"]], {"ciId": row["ciId"]}, None
        )
        return asset

    return await db.write(work)


_MOVES = {
    Label.PERSON: (Q.ASSET_SET_PERSON, "assignAsset", "person"),
    Label.LOCATION: (Q.ASSET_SET_LOCATION, "locateAsset", "location"),
}


async def move(
    db: Database, actor: Actor, asset_id: str, label: Label, target_id: str | None
) -> AssetRecord:
    """Assign to a person or locate at a place, replacing the previous one (None: clear)."""
    query, operation, key = _MOVES[label]

    async def work(tx: Tx) -> AssetRecord:
        asset = await nodes.require(tx, ASSET_SPEC, asset_id)
        before = (await tx.run(Q.ASSET_LINKS_BY_IDS, ids=[asset_id]))[0][key]
        row = await tx.one(query, assetId=asset_id, targetId=target_id)
        if target_id is not None and (row is None or row["targetId"] is None):
            raise NotFound(label.value, [target_id])
        await audit.record(
            tx,
            actor,
            operation,
            [asset_id] + ([target_id] if target_id else []),
            {f"{key}Id": before["id"] if before else None},
            {f"{key}Id": target_id},
        )
        return asset

    return await db.write(work)
