"""Identity keys of stored CIs: the claim statement, and the back-fill ``migrate`` runs.

The keys are computed by the pure identity package (``identity/keys.py``), so a CI
stored before keys existed gets exactly the keys a new write would give it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.identity.keys import Identity

PAGE = 2000


async def claim(tx: Tx, cis: Iterable[Mapping[str, object]]) -> None:
    """Make each CI (its stored properties, with ``id``) claim exactly its keys."""
    claims = [{"id": str(ci["id"]), "keys": list(Identity.of_ci(ci).key_texts())} for ci in cis]
    if claims:
        await tx.run(Q.IDENTITY_CLAIM, claims=claims)


async def claim_ids(tx: Tx, ids: Iterable[str]) -> None:
    """:func:`claim` for CIs known by id (read back in the same transaction)."""
    wanted = sorted(set(ids))
    if wanted:
        rows = await tx.run(Q.IDENTITY_CI_PROPS, ids=wanted)
        await claim(tx, [r["ci"] for r in rows])


async def backfill(db: Database) -> int:
    """Give every CI that claims no key its keys; returns how many were looked at.
    Idempotent, and one query when there is nothing to do."""
    done, after = 0, ""
    while True:
        rows = await db.read(Q.IDENTITY_UNCLAIMED_CIS, after=after, limit=PAGE)
        ids = [str(r["id"]) for r in rows]
        if not ids:
            return done

        async def work(tx: Tx, page: list[str] = ids) -> None:
            await claim_ids(tx, page)

        await db.write(work)
        done, after = done + len(ids), ids[-1]
