"""Lifecycle transitions of an asset: checked, recorded as events, audited, in one go.

Side effects of a move (all in the transition's transaction):

* DEPLOYED with ``ciId`` links the asset to that CI (same rules as ``trackCI``), and
  the first deployment sets ``inServiceDate`` when it is empty, because depreciation
  starts when an asset goes into service.
* RETIRED while the tracked CI still has dependents is refused (``HAS_DEPENDENTS``,
  listing them) unless ``force``; a forced retirement keeps their ids on the event.
* DISPOSED and LOST write the asset off the books: ``writtenOffOn`` is that date.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itam_models import TransitionInput
from graphcmdb.domain.records import AssetRecord, LifecycleEventRecord
from graphcmdb.domain.specs import ASSET_SPEC, LIFECYCLE_EVENT_SPEC
from graphcmdb.errors import DisposalIncomplete, HasDependents, ValidationFailed
from graphcmdb.graph.enums import LifecycleState
from graphcmdb.itam.lifecycle import ASSET_LIFECYCLE, LEAVES_SERVICE, WRITTEN_OFF
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.assets import link_ci

#: How far ahead of the server clock ``at`` may be (clients' clocks drift).
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class Dependent:
    """A node that needs the retired asset's CI, and how (``DEPENDS_ON``, ``RUNS_ON``, ...)."""

    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Transition:
    asset: AssetRecord
    event: LifecycleEventRecord
    #: dependents of the tracked CI that a forced retirement went past
    dependents: list[Dependent]


def check_move(asset: AssetRecord, data: TransitionInput) -> None:
    """Refuse a move the state machine does not allow, naming the allowed ones."""
    ASSET_LIFECYCLE.check(f"Asset {asset.assetTag}", asset.lifecycleState, data.to)
    if data.ciId is not None and data.to is not LifecycleState.DEPLOYED:
        raise ValidationFailed("ciId links a CI on deployment only (to: DEPLOYED).", field="ciId")


def check_disposal(asset: AssetRecord, data: TransitionInput) -> None:
    """DISPOSED needs a method, and a data-wipe reference when the asset has storage.

    "Has storage" is the asset's ``hasStorage`` flag, true unless set otherwise
    (see ``AssetCreate.graph_props``): an explicit, auditable fact per asset rather
    than a guess from its category.
    """
    if data.to is not LifecycleState.DISPOSED:
        if data.disposal is not None:
            raise ValidationFailed("'disposal' applies to DISPOSED only.", field="disposal")
        return
    if data.disposal is None:
        raise DisposalIncomplete(
            "Disposing of an asset needs disposal: {method} (and dataWipeReference "
            "for assets with storage).",
            missing=["method"],
        )
    if asset.hasStorage is not False and not data.disposal.dataWipeReference:
        raise DisposalIncomplete(
            f"Asset {asset.assetTag} has storage: disposal needs a dataWipeReference "
            "(the certificate or ticket proving the data was wiped).",
            missing=["dataWipeReference"],
        )


def _when(data: TransitionInput, history: list[Row]) -> datetime:
    """The event time: given or now; never before the previous event nor in the future."""
    now = datetime.now(UTC)
    at = data.at or now
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    if at > now + CLOCK_SKEW:
        raise ValidationFailed("'at' is in the future.", field="at")
    last = history[-1]["at"] if history else None
    if last is not None and at < last:
        raise ValidationFailed(
            f"'at' ({at.isoformat()}) is before the asset's last event ({last.isoformat()}).",
            field="at",
        )
    return at


async def _dependents_blocking(tx: Tx, asset_id: str, force: bool) -> list[Dependent]:
    ci = (await tx.run(Q.ASSET_LINKS_BY_IDS, ids=[asset_id]))[0]["ci"]
    if ci is None:
        return []
    rows = await tx.run(Q.NODE_DEPENDENTS_BLOCKING_DELETE, id=ci["id"])
    dependents = [Dependent(id=r["id"], name=r["name"], type=r["type"]) for r in rows]
    if dependents and not force:
        names = ", ".join(f"{d.name} ({d.type})" for d in dependents[:10])
        more = f" and {len(dependents) - 10} more" if len(dependents) > 10 else ""
        raise HasDependents(
            f"CI '{ci['name']}' tracked by this asset still has {len(dependents)} "
            f"dependent(s): {names}{more}. Move them first or pass force: true.",
            ciId=ci["id"],
            dependents=[d.id for d in dependents],
        )
    return dependents


def _asset_props(asset: AssetRecord, data: TransitionInput, at: datetime) -> dict[str, Any]:
    props: dict[str, Any] = {"lifecycleState": data.to.value}
    if data.to is LifecycleState.DEPLOYED and asset.inServiceDate is None:
        props["inServiceDate"] = at.date()
    if data.to in WRITTEN_OFF:
        props["writtenOffOn"] = at.date()
    return props


async def transition_in(tx: Tx, actor: Actor, asset_id: str, data: TransitionInput) -> Transition:
    """Move an asset through its lifecycle inside the caller's transaction."""
    asset = await nodes.require(tx, ASSET_SPEC, asset_id)
    check_move(asset, data)
    check_disposal(asset, data)
    history = [r["event"] for r in await tx.run(Q.ASSET_HISTORY_BY_IDS, ids=[asset_id])]
    at = _when(data, history)
    if data.ciId is not None:
        await link_ci(tx, asset, data.ciId)
    dependents: list[Dependent] = []
    if data.to in LEAVES_SERVICE:
        dependents = await _dependents_blocking(tx, asset_id, data.force)
    event = {
        "from": asset.lifecycleState.value,
        "to": data.to.value,
        "at": at,
        "actor": actor.label,
        "note": data.note,
        "disposalMethod": data.disposal.method.value if data.disposal else None,
        "dataWipeReference": data.disposal.dataWipeReference if data.disposal else None,
        "ciId": data.ciId,
        "dependentIds": [d.id for d in dependents] or None,
    }
    row = await tx.one(
        Q.ASSET_TRANSITION,
        id=asset_id,
        eventId=str(uuid.uuid4()),
        event=event,
        props=_asset_props(asset, data, at),
    )
    assert row is not None
    after = dict(row["asset"]) | {"event": row["event"]}
    await audit.record(tx, actor, "transitionAsset", [asset_id], row["before"], after)
    return Transition(
        nodes.as_record(ASSET_SPEC, row["asset"]),
        nodes.as_record(LIFECYCLE_EVENT_SPEC, row["event"]),
        dependents,
    )


async def transition(
    db: Database, actor: Actor, asset_id: str, data: TransitionInput
) -> Transition:
    async def work(tx: Tx) -> Transition:
        return await transition_in(tx, actor, asset_id, data)

    return await db.write(work)
