"""The data-quality report: per CI class, what a CMDB manager should fix first.

Per class: duplicate suspects (the CIs of the groups ``duplicateCIs`` reports with
MEDIUM confidence or more — a serial of one maker, a MAC, an FQDN, a host name, a logical
CI's class and name, or its name but for blanks and punctuation — read and scored by the
same code, ``services/discovery_duplicates.py``, so the figure and the list agree), CIs
without an asset (hardware classes only), stale CIs and links (``services/staleness.py``),
the CIs missing each mandatory field (``domain/quality_rules.py``) and the completeness
score: the share of the class's CIs that have every mandatory field. The overall score is
the same share over all CIs (so a big class weighs more). Assets in use without a CI are
counted once, for the whole register. A bounded number of queries, one read transaction,
whatever the size of the graph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.quality_rules import ASSET_CLASSES, MANDATORY_FIELDS, StalenessPolicy
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.rel_specs import GENERIC_TYPES
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import CIClass, LifecycleState
from graphcmdb.services import discovery_duplicates, nodes
from graphcmdb.services.reconciliation import row_limit

#: Assets that should have a CI: the ones in use.
IN_USE: tuple[LifecycleState, ...] = (LifecycleState.DEPLOYED, LifecycleState.IN_MAINTENANCE)


@dataclass(frozen=True)
class FieldGap:
    field: str
    missing: int


@dataclass(frozen=True)
class ClassQuality:
    ci_class: CIClass
    total: int
    duplicate_suspects: int
    #: None: the class needs no asset (logical CIs, VMs)
    without_asset: int | None
    stale_cis: int
    stale_links: int
    stale_after_days: int
    mandatory_fields: tuple[str, ...]
    missing_fields: tuple[FieldGap, ...]
    complete: int

    @property
    def incomplete(self) -> int:
        return self.total - self.complete

    @property
    def completeness(self) -> float | None:
        """complete / total; None for an empty class."""
        return round(self.complete / self.total, 4) if self.total else None


@dataclass(frozen=True)
class DataQuality:
    as_of: datetime
    classes: tuple[ClassQuality, ...]
    #: distinct stale links (a link between two classes counts once here)
    stale_links: int
    assets_without_ci: int

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes)

    @property
    def complete(self) -> int:
        return sum(c.complete for c in self.classes)

    @property
    def completeness(self) -> float | None:
        return round(self.complete / self.total, 4) if self.total else None

    @property
    def duplicate_suspects(self) -> int:
        return sum(c.duplicate_suspects for c in self.classes)

    @property
    def without_asset(self) -> int:
        return sum(c.without_asset or 0 for c in self.classes)

    @property
    def stale_cis(self) -> int:
        return sum(c.stale_cis for c in self.classes)


def _class_params(policy: StalenessPolicy, now: datetime) -> list[dict[str, object]]:
    cutoffs = policy.cutoffs(now)
    return [
        {
            "ciClass": c.value,
            "fields": list(MANDATORY_FIELDS[c]),
            "assetExpected": c in ASSET_CLASSES,
            "cutoff": cutoffs[c.value],
        }
        for c in CIClass
    ]


@dataclass(frozen=True)
class _Counts:
    classes: list[Row]
    suspects: dict[str, int]
    links: Row
    assets_without_ci: int


def _class(
    row: Row, counts: _Counts, links: dict[str, int], policy: StalenessPolicy
) -> ClassQuality:
    ci_class = CIClass(row["ciClass"])
    return ClassQuality(
        ci_class=ci_class,
        total=int(row["total"]),
        duplicate_suspects=counts.suspects.get(ci_class.value, 0),
        without_asset=int(row["withoutAsset"]) if ci_class in ASSET_CLASSES else None,
        stale_cis=int(row["stale"]),
        stale_links=links.get(ci_class.value, 0),
        stale_after_days=policy.days(ci_class),
        mandatory_fields=MANDATORY_FIELDS[ci_class],
        missing_fields=tuple(FieldGap(str(m["field"]), int(m["missing"])) for m in row["missing"]),
        complete=int(row["complete"]),
    )


async def data_quality(
    db: Database, policy: StalenessPolicy, as_of: datetime | None = None
) -> DataQuality:
    """The report as of ``as_of`` (now): staleness is measured against that instant."""
    now = as_of or datetime.now(UTC)

    async def work(tx: Tx) -> _Counts:
        classes = await tx.run(Q.QUALITY_CLASS_COUNTS, classes=_class_params(policy, now))
        suspected = await discovery_duplicates.suspected_cis(tx.run)
        links = await tx.one(
            Q.QUALITY_STALE_LINK_COUNTS,
            cutoffs=policy.cutoffs(now),
            classes=[c.value for c in CIClass],
        )
        assets = await tx.one(Q.QUALITY_ASSETS_WITHOUT_CI, states=[s.value for s in IN_USE])
        assert links is not None
        assert assets is not None
        return _Counts(
            classes=classes,
            suspects=dict(Counter(suspected.values())),
            links=links,
            assets_without_ci=int(assets["count"]),
        )

    counts = await db.read_tx(work)
    by_class = {str(r["ciClass"]): int(r["stale"]) for r in counts.links["byClass"]}
    return DataQuality(
        as_of=now,
        classes=tuple(_class(r, counts, by_class, policy) for r in counts.classes),
        stale_links=int(counts.links["total"]),
        assets_without_ci=counts.assets_without_ci,
    )


async def orphan_cis(db: Database, limit: int = 1000) -> list[CIRecord]:
    """CIs with no relationship people or imports draw (``relationship_bulk.TYPES``):
    nothing depends on them and they depend on nothing, so no impact reaches them; the
    oldest first. Replaced CIs are history, not orphans."""
    rows = await db.read(
        Q.QUALITY_ORPHAN_CIS, types=[t.value for t in GENERIC_TYPES], limit=row_limit(limit)
    )
    return [nodes.as_record(CI_SPEC, r["ci"]) for r in rows]
