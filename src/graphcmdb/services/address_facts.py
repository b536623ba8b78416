"""Address facts: the IPs and MACs each source reported for a CI, with first and last seen.

A CI's ``ipAddresses`` and ``macAddresses`` accumulate (no source's scan erases what
another said); the facts say who reported each address and when it was last confirmed,
so a person (or a staleness rule) can tell a current address from an old one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.identity.keys import Identity, KeyKind

#: the key kinds whose facts are kept (multi-valued facts of a device)
ADDRESS_KINDS = (KeyKind.IP, KeyKind.MAC)


@dataclass(frozen=True)
class AddressFact:
    kind: KeyKind
    address: str
    source: str
    first_seen: datetime
    last_seen: datetime
    #: runs in a row the source reached the CI without seeing the address
    missed: int = 0
    #: when the address left the CI (moved or aged out: ``identity/ageing.py``)
    dropped_at: datetime | None = None


def address_keys(identity: Identity) -> list[str]:
    """The identity's address keys (``IP:…``, ``MAC:…``)."""
    prefixes = tuple(f"{k}:" for k in ADDRESS_KINDS)
    return [k for k in identity.key_texts() if k.startswith(prefixes)]


async def record(tx: Tx, source: str, sightings: Sequence[tuple[str, Identity, datetime]]) -> None:
    """Record, in one statement, that ``source`` saw each CI's addresses:
    ``(ci id, identity, when)``."""
    rows = [
        {"id": ci_id, "source": source, "at": at.isoformat(), "keys": keys}
        for ci_id, identity, at in sightings
        if (keys := address_keys(identity))
    ]
    if rows:
        await tx.run(Q.IDENTITY_RECORD_FACTS, rows=rows)


async def restate(
    tx: Tx,
    source: str,
    ci_id: str,
    at: datetime,
    stated: Identity,
    before: Identity | None = None,
) -> None:
    """``source`` states a CI's addresses (a person's ``createCI`` or ``updateCI``): its
    facts of them are recorded or confirmed. An address of ``before`` the statement
    leaves out has left the CI: every source's fact of it is marked dropped, as when
    ageing takes one off (seen or stated again, it is current again)."""
    await record(tx, source, [(ci_id, stated, at)])
    gone = sorted(set(address_keys(before)) - set(address_keys(stated))) if before else []
    if gone:
        await tx.run(Q.IDENTITY_DROP_FACTS, id=ci_id, keys=gone, now=at)


async def facts_of(db: Database, ci_ids: list[str]) -> dict[str, list[AddressFact]]:
    """Per CI id, its address facts by address and source."""
    out: dict[str, list[AddressFact]] = {}
    for row in await db.read(Q.IDENTITY_FACTS_BY_CI, ids=ci_ids):
        kind, _, address = str(row["key"]).partition(":")
        fact = AddressFact(
            KeyKind(kind),
            address,
            str(row["source"]),
            row["firstSeen"],
            row["lastSeen"],
            int(row["missed"]),
            row["droppedAt"],
        )
        out.setdefault(str(row["id"]), []).append(fact)
    return out
