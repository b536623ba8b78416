"""Installations (``HAS_INSTALLED``) from an import, by CI (ciClass + ciName, which must
exist) and product (publisher + product + version, created when missing).

``installedVersion`` is the reported build (it defaults to the product's version, as
``installSoftware`` does) and ``installedAt`` defaults to the import time; both defaults
apply only when the installation is new, so a re-import never moves them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import field_validator

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.models import Name, ShortText
from graphcmdb.graph.enums import CIClass
from graphcmdb.services.import_batch import BatchPlan
from graphcmdb.services.product_refs import ProductColumns, resolve_products
from graphcmdb.services.row_checks import Prepared, Problem, check_each, refuse_columns


class InstallImport(ProductColumns):
    ciClass: CIClass
    ciName: Name
    installedVersion: ShortText | None = None
    installedAt: datetime | None = None

    @field_validator("installedAt")
    @classmethod
    def _utc(cls, v: datetime | None) -> datetime | None:
        """A time without a zone is taken as UTC, so re-importing it compares equal."""
        return v.replace(tzinfo=UTC) if v is not None and v.tzinfo is None else v


def prepare_install(raw: dict[str, Any]) -> Prepared:
    refuse_columns(raw, {"ciId": "ciClass and ciName", "productId": "publisher and product"})
    record = InstallImport.model_validate(raw)
    product = record.product_ref()
    props: dict[str, Any] = {}
    if record.installedVersion is not None:
        props["version"] = record.installedVersion
    if record.installedAt is not None:
        props["installedAt"] = record.installedAt
    return {
        "key": (record.ciClass.value, record.ciName, product["props"]["key"]),
        "ciClass": record.ciClass.value,
        "ciName": record.ciName,
        "product": product,
        "productKey": product["props"]["key"],
        "props": props,
    }


def check_install_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[Prepared | None], list[Problem]]:
    return check_each(rows, prepare_install, "ciName")


async def ci_problems(tx: Tx, rows: list[Prepared]) -> list[Problem]:
    """Rows naming a CI that does not exist (CI identity is ciClass + name)."""
    keys = [{"ciClass": r["ciClass"], "name": r["ciName"]} for r in rows]
    found = {(r["ciClass"], r["name"]) for r in await tx.run(Q.CI_BY_KEYS, keys=keys)}
    return [
        {"row": i, "field": "ciName", "reason": f"no {r['ciClass']} CI named '{r['ciName']}'"}
        for i, r in enumerate(rows)
        if (r["ciClass"], r["ciName"]) not in found
    ]


PLAN = BatchPlan(
    operation="importInstallations",
    upsert=Q.INSTALL_UPSERT_BATCH,
    refs=ci_problems,
    resolve=resolve_products,
    resolved_as="productsCreated",
)
