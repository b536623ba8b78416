"""Many relationships between nodes given by id in one statement, for the bulk writers
(asset placement, ITSM imports): merged one per pair and type, left alone when they
already match, so writing the same links again changes nothing.

The callers build the links from typed records, so the types and ends are legal by
construction (this module is not a way around ``relate``'s checks for clients).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import RelType


@dataclass(frozen=True)
class Link:
    type: RelType
    from_id: str
    to_id: str
    props: Mapping[str, Any] = field(default_factory=dict)
    #: the source keeps no other link of this type (a holder, a place, a cause)
    single: bool = False
    #: nor does the target: a target linked from another source is left alone (TRACKS)
    one_to_one: bool = False


async def merge_in(tx: Tx, links: list[Link]) -> list[str]:
    """Write ``links``; the source ids of those created or changed (with repeats)."""
    if not links:
        return []
    rows = await tx.run(
        Q.LINK_MERGE_BATCH,
        now=datetime.now(UTC),
        rows=[
            {
                "type": link.type.value,
                "fromId": link.from_id,
                "toId": link.to_id,
                "props": dict(link.props),
                "single": link.single,
                "oneToOne": link.one_to_one,
            }
            for link in links
        ],
    )
    return [str(r["fromId"]) for r in rows if r["changed"]]
