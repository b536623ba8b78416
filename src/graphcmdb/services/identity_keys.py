"""Identity keys in the graph: claimed by every CI write, locked by every identifying writer.

Every write of a CI, whoever makes it (the node service, discovery, imports, merges),
ends with ``db/identity_claims.claim`` so the ``IdentityKey`` index always says which
CIs carry which normalised identifier. A writer that is about to decide
which CI a thing is calls :func:`lock` on the thing's keys first: two writers of the
same thing then run one after the other, and the second sees what the first wrote.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q


async def lock(tx: Tx, keys: Iterable[str]) -> None:
    """Lock ``keys`` (creating the missing ones) until the transaction ends."""
    ordered = sorted(set(keys))
    if ordered:
        await tx.run(Q.IDENTITY_LOCK, keys=ordered)


async def drop_unclaimed(tx: Tx, keys: Iterable[str]) -> None:
    """Remove keys :func:`lock` created that no CI claimed in the end."""
    ordered = sorted(set(keys))
    if ordered:
        await tx.run(Q.IDENTITY_DROP_UNCLAIMED, keys=ordered)
