"""The duplicate report: CIs sharing an identity key (device identifiers, a logical CI's
class and name) or, for logical CIs, a name but for blanks and punctuation; scored (see
``discovery/duplicates.py``), each with a remedy (``discovery/duplicate_remedy.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q, QueryName
from graphcmdb.discovery.duplicate_remedy import Remedy, suggest
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
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.keys import DEVICE_CLASSES
from graphcmdb.identity.normalise import name_fold
from graphcmdb.services import nodes

MAX_GROUPS = 10_000
#: CIs read per shared key (a key held by more is reported with these)
PER_KEY = 100
#: keys read per group asked for (groups held by a stronger one are left out)
KEYS_PER_GROUP = 4
LOGICAL = sorted(c.value for c in CIClass if c not in DEVICE_CLASSES)
#: what the report reads of a CI besides its fields
READ_ONLY = ("neighbours",)


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
    remedy: Remedy
    remedy_note: str


def _shared(row: Row) -> SharedKey:
    """A row of ``discovery/duplicates``."""
    return SharedKey(
        key=str(row["key"]),
        holders=tuple(KeyHolder(str(c["id"]), c) for c in row["cis"]),
    )


def name_like_groups(rows: list[Row]) -> dict[str, list[str]]:
    """Logical CIs of one class whose names fold alike (``normalise.name_fold``) but are
    not all one NAME key (those groups come from the keys): ``NAME_LIKE:<class>:<fold>``
    → their ids."""
    groups: dict[str, list[Row]] = {}
    for r in rows:
        if (fold := name_fold(str(r["name"]))) is not None:
            groups.setdefault(f"{DuplicateKind.NAME_LIKE}:{r['ciClass']}:{fold}", []).append(r)
    return {
        key: [str(r["id"]) for r in members]
        for key, members in sorted(groups.items())
        if len({str(r["name"]).strip().lower() for r in members}) > 1
    }


class Reader(Protocol):
    """How the report reads: ``Database.read`` (auto-committed), or ``Tx.run`` inside a
    caller's read transaction (``services/data_quality.py`` counts in its own)."""

    async def __call__(self, query: QueryName, **params: Any) -> list[Row]: ...


async def _name_like(read: Reader, limit: int) -> list[SharedKey]:
    groups = name_like_groups(await read(Q.DISCOVERY_LOGICAL_NAMES, classes=LOGICAL))
    groups = dict(list(groups.items())[:limit])
    ids = sorted({i for members in groups.values() for i in members})
    if not ids:
        return []
    oldest_first = [r["ci"] for r in await read(Q.DISCOVERY_DUPLICATE_CIS, ids=ids)]
    by_id = {str(c["id"]): c for c in oldest_first}
    rank = {ci_id: n for n, ci_id in enumerate(by_id)}
    out = []
    for key, members in groups.items():
        held = sorted((i for i in members if i in rank), key=rank.__getitem__)[:PER_KEY]
        out.append(SharedKey(key, tuple(KeyHolder(i, by_id[i]) for i in held)))
    return out


def _record(ci: Mapping[str, object]) -> dict[str, object]:
    return {k: v for k, v in ci.items() if k not in READ_ONLY}


async def _shared_keys(read: Reader, limit: int) -> list[SharedKey]:
    """The shared keys behind at most ``limit`` groups: identity keys several CIs claim,
    then the logical CIs named alike (``NAME_LIKE``)."""
    rows = await read(
        Q.DISCOVERY_DUPLICATES,
        kinds=[k.value for k in DuplicateKind],
        classes=[c.value for c in CIClass],
        logical=LOGICAL,
        perKey=PER_KEY,
        limit=limit * KEYS_PER_GROUP,
    )
    return [_shared(r) for r in rows] + await _name_like(read, limit * KEYS_PER_GROUP)


#: the groups ``dataQuality`` counts: those the health page lists next to its figure
SUSPECTED = Confidence.MEDIUM


async def suspected_cis(read: Reader, at_least: Confidence = SUSPECTED) -> dict[str, str]:
    """The CIs of the groups :func:`duplicate_cis` reports with ``at_least`` confidence
    (at most ``MAX_GROUPS`` of them), each with its class: what ``dataQuality`` counts,
    so its figure and the report agree."""
    shared = await _shared_keys(read, MAX_GROUPS)
    classes = {h.id: str(h.props.get("ciClass")) for sk in shared for h in sk.holders}
    return {i: classes[i] for s in suspects(shared, at_least)[:MAX_GROUPS] for i in s.ids}


async def duplicate_cis(
    db: Database, limit: int = 1000, at_least: Confidence = Confidence.LOW
) -> list[DuplicateGroup]:
    """Duplicate suspects of ``at_least`` the given confidence, strongest kind first."""
    if not 1 <= limit <= MAX_GROUPS:
        raise LimitExceeded(
            f"limit must be between 1 and {MAX_GROUPS}.", field="limit", limit=MAX_GROUPS
        )
    shared = await _shared_keys(db.read, limit)
    by_id = {h.id: h.props for sk in shared for h in sk.holders}
    found = suspects(shared, at_least)[:limit]
    groups = []
    for s in found:
        suggestion = suggest(s)
        groups.append(
            DuplicateGroup(
                kind=s.kind,
                value=s.value,
                cis=nodes.as_records(CI_SPEC, [_record(by_id[i]) for i in s.ids]),
                key=s.key,
                score=s.score,
                confidence=s.confidence,
                summary=s.summary,
                evidence=list(s.evidence),
                remedy=suggestion.remedy,
                remedy_note=suggestion.note,
            )
        )
    return groups
