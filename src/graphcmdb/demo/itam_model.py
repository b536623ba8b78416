"""The demo's ITAM side as plain, immutable data: no database access here.

The records are what the services take: vendors, locations and people as their create
records; assets, contracts, licenses and installations as rows of their imports (each
refers to others by natural key: vendor name, asset tag, contract number, product name,
CI class and name); lifecycle histories as past events.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphcmdb.demo.model import CIRef
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate
from graphcmdb.graph.enums import LifecycleState
from graphcmdb.itam.history import PastEvent

#: the demo's money is in euros, stored with cents as the mutations store "1200.00"
CURRENCY = "EUR"
CENT = Decimal("0.01")

#: an import row: column -> value
Row = Mapping[str, Any]


def money(amount: str) -> Decimal:
    return Decimal(amount).quantize(CENT)


@dataclass(frozen=True)
class DemoAsset:
    #: the asset import's columns (no lifecycleState: the history sets it)
    row: Row
    events: tuple[PastEvent, ...]
    ci: CIRef | None = None
    location: str | None = None
    #: the holder's e-mail
    holder: str | None = None

    @property
    def tag(self) -> str:
        return str(self.row["assetTag"])

    @property
    def state(self) -> LifecycleState:
        return self.events[-1].to


@dataclass(frozen=True)
class ItamDataset:
    today: date
    vendors: tuple[VendorCreate, ...]
    locations: tuple[LocationCreate, ...]
    people: tuple[PersonCreate, ...]
    assets: tuple[DemoAsset, ...]
    #: contract import rows (vendorName, the assetTags each covers)
    contracts: tuple[Row, ...]
    #: license import rows (product by name, contractNumber)
    licenses: tuple[Row, ...]
    #: installation import rows
    installs: tuple[Row, ...]
    #: when the demo's discovery sweep last saw each CI on the network
    sightings: tuple[tuple[CIRef, datetime], ...]

    def asset(self, tag: str) -> DemoAsset:
        for asset in self.assets:
            if asset.tag == tag:
                return asset
        raise KeyError(tag)

    def asset_of(self, ci_name: str) -> DemoAsset:
        for asset in self.assets:
            if asset.ci is not None and asset.ci.name == ci_name:
                return asset
        raise KeyError(ci_name)
