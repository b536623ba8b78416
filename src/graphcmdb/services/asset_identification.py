"""An imported asset finds its CI through identification: the serial identifies hardware.

After an asset import batch is written, each asset that tracks no CI yet is linked to
the one untracked CI its serial number identifies (the same normalised ``SERIAL`` key and
a compatible manufacturer), in the batch's transaction — the mirror of discovery linking
a new CI to the one untracked asset with its serial. No CI, or several, links nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.identity import normalise
from graphcmdb.identity.keys import KeyKind


@dataclass(frozen=True)
class AssetSerial:
    asset_id: str
    serial: str | None
    manufacturer: str | None


@dataclass(frozen=True)
class Tracked:
    asset_id: str
    ci_id: str
    ci_name: str


async def link_by_serial(tx: Tx, assets: Sequence[AssetSerial]) -> list[Tracked]:
    """Link each untracked asset to the one untracked CI with its serial; returns them."""
    rows = [
        {"assetId": a.asset_id, "key": f"{KeyKind.SERIAL}:{serial}"}
        for a in assets
        if (serial := normalise.serial(a.serial))
    ]
    if not rows:
        return []
    makers = {a.asset_id: a.manufacturer for a in assets}
    linked: list[Tracked] = []
    taken: set[str] = set()
    for found in await tx.run(Q.IDENTITY_ASSET_CI_CANDIDATES, rows=rows):
        asset_id = str(found["assetId"])
        fitting = [
            c
            for c in found["cis"]
            if c["id"] not in taken
            and normalise.same_maker(makers[asset_id], c.get("manufacturer"))
        ]
        if len(fitting) == 1:
            ci = fitting[0]
            await tx.run(Q.ASSET_TRACK, assetId=asset_id, ciId=ci["id"])
            taken.add(str(ci["id"]))
            linked.append(Tracked(asset_id, str(ci["id"]), str(ci["name"])))
    return linked
