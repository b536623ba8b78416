"""Change logging as a write path: the entry is written inside the caller's transaction."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.services.actor import Actor


def _json_default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def snapshot(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=_json_default, sort_keys=True)


async def record(
    tx: Tx,
    actor: Actor,
    operation: str,
    target_ids: list[str],
    before: Any = None,
    after: Any = None,
) -> str:
    row = await tx.one(
        Q.AUDIT_WRITE,
        id=str(uuid.uuid4()),
        actor=actor.label,
        operation=operation,
        targetIds=target_ids,
        before=snapshot(before),
        after=snapshot(after),
        requestId=actor.request_id,
        tokenId=actor.token_id,
        clientRequestId=actor.client_request_id,
    )
    assert row is not None
    return str(row["id"])
