"""Lifecycle histories told after the fact (an import from another register, the demo):
each asset's events replaced by the given ones, backdated and numbered as transitions
number them, and the asset put in the story's end state. One transaction, one audit
entry; a history that already matches is left alone, so telling it again is a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.errors import ValidationFailed
from graphcmdb.itam.history import PastEvent, history_problem
from graphcmdb.itam.lifecycle import WRITTEN_OFF
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor


@dataclass(frozen=True)
class AssetHistory:
    asset_id: str
    events: tuple[PastEvent, ...]


def _event_row(seq: int, event: PastEvent, previous: PastEvent | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "to": event.to.value,
        "at": event.at,
        "actor": event.actor,
        "note": event.note,
    }
    if previous is not None:  # the fields a transition writes
        props |= {
            "from": previous.to.value,
            "disposalMethod": event.disposal_method.value if event.disposal_method else None,
            "dataWipeReference": event.data_wipe_reference,
        }
    return {"seq": seq, "props": props, "linksCi": event.links_ci, "forced": event.forced}


def _row(history: AssetHistory) -> dict[str, Any]:
    events = history.events
    last = events[-1]
    return {
        "assetId": history.asset_id,
        "events": [
            _event_row(seq, e, events[seq - 2] if seq > 1 else None)
            for seq, e in enumerate(events, start=1)
        ],
        "asset": {
            "lifecycleState": last.to.value,
            "writtenOffOn": last.at.date() if last.to in WRITTEN_OFF else None,
        },
    }


async def record_histories(db: Database, actor: Actor, histories: list[AssetHistory]) -> int:
    """The number of assets whose history or state changed."""
    now = datetime.now(UTC)
    for h in histories:
        problem = history_problem(h.events, now)
        if problem:
            raise ValidationFailed(f"Asset {h.asset_id}: {problem}.", assetId=h.asset_id)

    async def work(tx: Tx) -> int:
        rows = await tx.run(Q.ASSET_REPLACE_HISTORIES, now=now, rows=[_row(h) for h in histories])
        changed = [str(r["id"]) for r in rows if r["changed"]]
        if changed:
            await audit.record(
                tx, actor, "recordAssetHistories", changed, None, {"assets": len(changed)}
            )
        return len(changed)

    return await db.write(work)
