"""Identity keys in the graph: claimed by every CI write, locked by every identifying writer.

Every write of a CI, whoever makes it (the node service, discovery, imports, merges),
ends with ``db/identity_claims.claim`` so the ``IdentityKey`` index always says which
CIs carry which normalised identifier. A writer that is about to decide
which CI a thing is calls :func:`lock` on the thing's keys first: two writers of the
same thing then run one after the other, and the second sees what the first wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.identity.plan import CIRow


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


def lock_keys(rows: Sequence[CIRow]) -> set[str]:
    """What a writer of ``rows`` locks: their identity keys, and the (class, name) of a
    row whose name gives no key (an address, "switch"), so that it is written alone."""
    keys = {k for r in rows for k in r.identity.key_texts()}
    named = {f"CINAME:{r.ci_class.value}:{r.name}" for r in rows if not _named_by_key(r)}
    return keys | named


def _named_by_key(row: CIRow) -> bool:
    """Whether the row's name is one of its keys already (a host name, a logical name)."""
    return any(k.startswith(("HOST:", "NAME:")) for k in row.identity.key_texts())
