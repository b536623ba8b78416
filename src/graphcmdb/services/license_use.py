"""What a CI draws on licenses: each installation of a license-managed product (one whose
family has at least one license, as in the positions) and the licenses that cover it.

Coverage is ``itam.versions.covers``, the rule the positions use; an installation no
license covers is still listed (``license_ids`` empty): that is where a shortfall comes
from. Which license a unit is finally charged to is a fleet-wide allocation
(``itam/compliance.py``), so this lists every license that could carry it.
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
class LicenseUse:
    product: SoftwareProductRecord
    #: the build reported on HAS_INSTALLED (coverage uses the product's version)
    version: str | None
    installed_at: datetime | None
    metric: LicenseMetric
    license_ids: list[str]


def _use(row: Row) -> LicenseUse:
    product, family_licenses = row["product"], row["licenses"]
    covering = [
        lic["id"]
        for lic in family_licenses
        if covers(lic.get("version"), product.get("version"), bool(lic.get("downgradable")))
    ]
    return LicenseUse(
        product=nodes.as_record(SOFTWARE_PRODUCT_SPEC, product),
        version=row["installation"].get("version"),
        installed_at=row["installation"].get("installedAt"),
        metric=LicenseMetric(family_licenses[0]["metric"]),  # one metric per family
        license_ids=covering,
    )


async def by_ci(db: Database, ci_ids: list[str]) -> dict[str, list[LicenseUse]]:
    grouped: dict[str, list[LicenseUse]] = defaultdict(list)
    for row in await db.read(Q.INSTALL_LICENSING_BY_CI_IDS, ids=ci_ids):
        grouped[row["id"]].append(_use(row))
    return grouped
