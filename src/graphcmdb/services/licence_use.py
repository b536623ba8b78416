"""What a CI draws on licences: each installation of a licence-managed product (one whose
family has at least one licence, as in the positions) and the licences that cover it.

Coverage is ``itam.versions.covers``, the rule the positions use; an installation no
licence covers is still listed (``licence_ids`` empty): that is where a shortfall comes
from. Which licence a unit is finally charged to is a fleet-wide allocation
(``itam/compliance.py``), so this lists every licence that could carry it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import SoftwareProductRecord
from graphcmdb.domain.specs import SOFTWARE_PRODUCT_SPEC
from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.itam.versions import covers
from graphcmdb.services import nodes


@dataclass(frozen=True)
class LicenceUse:
    product: SoftwareProductRecord
    #: the build reported on HAS_INSTALLED (coverage uses the product's version)
    version: str | None
    installed_at: datetime | None
    metric: LicenseMetric
    licence_ids: list[str]


def _use(row: Row) -> LicenceUse:
    product, family_licences = row["product"], row["licenses"]
    covering = [
        lic["id"]
        for lic in family_licences
        if covers(lic.get("version"), product.get("version"), bool(lic.get("downgradable")))
    ]
    return LicenceUse(
        product=nodes.as_record(SOFTWARE_PRODUCT_SPEC, product),
        version=row["installation"].get("version"),
        installed_at=row["installation"].get("installedAt"),
        metric=LicenseMetric(family_licences[0]["metric"]),  # one metric per family
        licence_ids=covering,
    )


async def by_ci(db: Database, ci_ids: list[str]) -> dict[str, list[LicenceUse]]:
    grouped: dict[str, list[LicenceUse]] = defaultdict(list)
    for row in await db.read(Q.INSTALL_LICENSING_BY_CI_IDS, ids=ci_ids):
        grouped[row["id"]].append(_use(row))
    return grouped
