"""The duplicate report: device CIs sharing an identity key, scored (see
``discovery/duplicates.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q
from graphcmdb.discovery.duplicates import (
    Confidence,
    DuplicateKind,
    Evidence,
    KeyHolder,
    SharedKey,
    suspects,
)
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import LimitExceeded
from graphcmdb.identity.keys import DEVICE_CLASSES
from graphcmdb.services import nodes

MAX_GROUPS = 10_000
#: CIs read per shared key (a key held by more is reported with these)
PER_KEY = 100
#: keys read per group asked for (groups held by a stronger one are left out)
KEYS_PER_GROUP = 4


@dataclass(frozen=True)
class DuplicateGroup:
    kind: DuplicateKind
    value: str
    #: oldest first: the natural one to keep
    cis: list[CIRecord]
    #: the normalised identity key they share (``HOST:web01``)
    key: str
    score: float
    confidence: Confidence
    summary: str
    evidence: list[Evidence]


def _shared(row: Row) -> SharedKey:
    """A row of ``discovery/duplicates``."""
    return SharedKey(
        key=str(row["key"]),
        holders=tuple(KeyHolder(str(c["id"]), c) for c in row["cis"]),
    )


async def duplicate_cis(
    db: Database, limit: int = 1000, at_least: Confidence = Confidence.LOW
) -> list[DuplicateGroup]:
    """Duplicate suspects of ``at_least`` the given confidence, strongest kind first."""
    if not 1 <= limit <= MAX_GROUPS:
        raise LimitExceeded(
            f"limit must be between 1 and {MAX_GROUPS}.", field="limit", limit=MAX_GROUPS
        )
    rows = await db.read(
        Q.DISCOVERY_DUPLICATES,
        kinds=[k.value for k in DuplicateKind],
        classes=sorted(DEVICE_CLASSES),
        perKey=PER_KEY,
        limit=limit * KEYS_PER_GROUP,
    )
    by_id = {str(ci["id"]): ci for row in rows for ci in row["cis"]}
    found = suspects([_shared(r) for r in rows], at_least)[:limit]
    return [
        DuplicateGroup(
            kind=s.kind,
            value=s.value,
            cis=nodes.as_records(CI_SPEC, [by_id[i] for i in s.ids]),
            key=s.key,
            score=s.score,
            confidence=s.confidence,
            summary=s.summary,
            evidence=list(s.evidence),
        )
        for s in found
    ]
