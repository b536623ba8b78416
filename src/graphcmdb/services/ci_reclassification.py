"""A CI's class corrected by a person or by discovery (``identity/class_precedence.py``
says who may); imports correct classes in their own batch write (``identity/write_cis``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.class_precedence import ClassSource, overridable
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor


async def reclassify(
    tx: Tx, actor: Actor, ci_id: str, to: CIClass, source: ClassSource
) -> CIClass | None:
    """Move the CI to class ``to``, re-claim its keys and audit it; returns the class it
    had, or None when another CI of class ``to`` has its name or ``source`` may not
    override who set the class (nothing changed)."""
    row = await tx.one(
        Q.CI_RECLASSIFY,
        id=ci_id,
        to=to.value,
        source=source.value,
        overridable=overridable(source),
        classes=[c.value for c in CIClass],
        now=datetime.now(UTC),
    )
    if row is None:
        return None
    previous = CIClass(str(row["previous"]))
    if previous is not to:
        await identity_claims.claim_ids(tx, [ci_id])
        before = {"ciClass": previous.value}
        after = {"ciClass": to.value, "classSource": source.value}
        await audit.record(tx, actor, "reclassifyCI", [ci_id], before, after)
    return previous
