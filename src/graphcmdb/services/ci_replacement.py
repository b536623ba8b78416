"""Hardware replacement, written in the transaction of the device that replaced it.

``identity/replacement.py`` decides that new hardware took over a live CI's role; here,
in the new device's own transaction: the old CI steps out (renamed, REPLACED, its
addresses, FQDN and host name cleared) before the new CI takes the name; once the new CI
exists, the role's relationships move to it, ``REPLACED_BY`` links the two, and the old
box's asset goes back to stock (DEPLOYED → IN_STOCK) to be returned or redeployed.
One ``replaceCI`` audit entry says what moved; README "How identity works" says how a
person undoes a detected swap.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itam_models import TransitionInput
from graphcmdb.domain.specs import ASSET_SPEC
from graphcmdb.graph.enums import LifecycleState, RelType
from graphcmdb.identity.replacement import Replaced
from graphcmdb.services import audit, lifecycle, nodes
from graphcmdb.services.actor import Actor

#: relationships that belong to the box, not to its role: they stay with the old CI (its
#: asset, software, lifecycle, and its history: the incidents and changes it had)
KEPT = (
    RelType.TRACKS,
    RelType.HAS_INSTALLED,
    RelType.HAD,
    RelType.REPLACED_BY,
    RelType.AFFECTS,
    RelType.CAUSED_BY,
    RelType.MODIFIES,
)


async def retire(tx: Tx, old: Replaced, now: datetime | None = None) -> None:
    """Step 1, before the new CI is written: the old CI gives up its name and role."""
    await tx.run(
        Q.IDENTITY_RETIRE_REPLACED, id=old.id, name=old.retired_name, now=now or datetime.now(UTC)
    )


async def hand_over(
    tx: Tx, actor: Actor, old: Replaced, new_id: str, source: str, run_id: str | None
) -> None:
    """Step 2, once the new CI exists: move the role, link, return the asset, audit."""
    now = datetime.now(UTC)
    kept = [k.value for k in KEPT]
    row = await tx.one(
        Q.IDENTITY_MOVE_ROLE, oldId=old.id, newId=new_id, kept=kept, now=now, source=source
    )
    await identity_claims.claim_ids(tx, [old.id])
    returned = None
    for found in await tx.run(Q.ASSET_BY_CI_IDS, ids=[old.id]):
        asset = nodes.as_record(ASSET_SPEC, found["asset"])
        if asset.lifecycleState is LifecycleState.DEPLOYED:
            note = f"hardware replaced: its CI's role moved to {new_id}"
            move = TransitionInput(to=LifecycleState.IN_STOCK, note=note)
            await lifecycle.transition_in(tx, actor, asset.id, move)
            returned = asset.id
    before = {"name": old.name, "status": old.status}
    after = {
        "runId": run_id,
        "replacedBy": new_id,
        "name": old.retired_name,
        "movedRelationships": row["moved"] if row else 0,
        "assetReturned": returned,
    }
    await audit.record(tx, actor, "replaceCI", [old.id, new_id], before, after)
