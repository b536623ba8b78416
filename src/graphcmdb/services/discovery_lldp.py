"""The LLDP links of a discovery run: ``CONNECTED_TO`` between the CIs it wrote, in one
transaction after every device (see ``discovery_reconcile``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.links import link_requests, resolve_params, unique_links
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.runs import SOURCE_SNMP
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
from graphcmdb.services.discovery_records import link_param, resolved_link


async def link_neighbours(
    db: Database,
    actor: Actor,
    run_id: str,
    devices: list[tuple[str, Observation]],
    source: str = SOURCE_SNMP,
) -> list[str]:
    """``CONNECTED_TO`` for the LLDP neighbours of written devices that are known CIs;
    a link already recorded is confirmed (``lastSeen``). Returns the element ids of every
    link the run saw, for ``services/staleness.flag_unseen_links``."""
    requests = link_requests(devices)
    if not requests:
        return []
    seen_at = {ci_id: obs.observed_at for ci_id, obs in devices}

    async def work(tx: Tx) -> list[str]:
        found = await tx.run(Q.DISCOVERY_RESOLVE_LINKS, rows=requests, **resolve_params())
        resolved = [resolved_link(r) for r in found]
        rows = [
            link_param(link, str(uuid.uuid4())) | {"at": seen_at[link.from_id]}
            for link in unique_links(resolved)
        ]
        linked = await tx.run(Q.DISCOVERY_LINK, rows=rows, source=source, now=datetime.now(UTC))
        moved = [r for r in linked if r["moved"]]
        if moved:
            ids = sorted({r["fromId"] for r in moved} | {r["toId"] for r in moved})
            after = {
                "runId": run_id,
                "relationships": [_link_fields(r) for r in moved if r["created"]],
                "confirmed": [_link_fields(r) | {"lastSeen": r["lastSeen"]}
                              for r in moved if not r["created"]],
            }  # fmt: skip
            await audit.record(tx, actor, "discoveryLinks", ids, None, after)
        return [str(r["elementId"]) for r in linked]

    return await db.write(work)


def _link_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in ("fromId", "toId", "localPort", "remotePort")}
