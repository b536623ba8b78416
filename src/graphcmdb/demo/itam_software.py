"""The demo's software: products, licenses and where each product is installed, read
from ``data/itam/software.toml`` (which also lists the license positions they show)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from graphcmdb.demo.itam_model import CURRENCY, Row, money
from graphcmdb.demo.model import DemoDataset
from graphcmdb.demo.tables import keyed, read, records
from graphcmdb.graph.enums import CIClass, LicenseMetric

HOSTS = (CIClass.SERVER, CIClass.VIRTUAL_MACHINE)


@dataclass(frozen=True)
class Product:
    publisher: str
    product: str
    version: str


@dataclass(frozen=True)
class License:
    name: str
    #: a product handle
    product: str
    metric: LicenseMetric
    quantity: int
    #: EUR a year
    unit_cost: str
    contract: str


@dataclass(frozen=True)
class InstallRule:
    product: str
    #: the CI attribute matched: "name" or "os"
    attribute: str
    pattern: str
    version: str
    days_ago: int


@dataclass(frozen=True)
class Software:
    installed_at: time
    products: dict[str, Product]
    licenses: tuple[License, ...]
    installs: tuple[InstallRule, ...]

    def columns(self, handle: str) -> dict[str, str]:
        """A product as the imports name it: publisher, product, version."""
        p = self.products[handle]
        return {"publisher": p.publisher, "product": p.product, "version": p.version}


@cache
def read_software() -> Software:
    doc = read("itam", "software")
    software = Software(
        installed_at=doc["installed_at"],
        products=keyed(Product, doc["products"], "product"),
        licenses=records(License, doc["licenses"], "license"),
        installs=records(InstallRule, doc["installs"], "installation"),
    )
    used = {x.product for x in software.licenses} | {x.product for x in software.installs}
    unknown = used - set(software.products)
    if unknown:
        raise ValueError(f"software.toml: unknown products {sorted(unknown)}")
    return software


def licenses() -> list[Row]:
    """The license import rows; a license's reference is its contract and product."""
    software = read_software()
    return [
        {
            "reference": f"{lic.contract}-{lic.product.upper()}",
            "name": lic.name,
            **software.columns(lic.product),
            "metric": lic.metric.value,
            "quantity": lic.quantity,
            "unitCost": money(lic.unit_cost),
            "currency": CURRENCY,
            "contractNumber": lic.contract,
        }
        for lic in software.licenses
    ]


def installs(data: DemoDataset, today: date) -> list[Row]:
    """The installation import rows: each product on the hosts its pattern matches."""
    software = read_software()
    found: list[Row] = []
    for rule in software.installs:
        when = datetime.combine(today - timedelta(days=rule.days_ago), software.installed_at, UTC)
        wanted = re.compile(rule.pattern)
        found.extend(
            {
                "ciClass": ci.ciClass.value,
                "ciName": ci.name,
                **software.columns(rule.product),
                "installedVersion": rule.version,
                "installedAt": when,
            }
            for ci in data.cis
            if ci.ciClass in HOSTS and wanted.fullmatch(getattr(ci, rule.attribute) or "")
        )
    return found
