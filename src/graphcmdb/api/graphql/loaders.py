"""Per-request DataLoaders, each built by ``keyed`` from one batch read of the services.

A batch read takes ids and answers a mapping id -> value; ``keyed`` turns it into a
strawberry DataLoader that answers ids absent from the mapping with a default. The
context builds a fresh ``Loaders`` per request, so nothing is cached across principals.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import NoReturn, TypeVar

from strawberry.dataloader import DataLoader

from graphcmdb.db.database import Database
from graphcmdb.domain.records import (
    AnyNodeRecord,
    AssetRecord,
    ChangeRecord,
    CIRecord,
    ContractRecord,
    DirectoryRecord,
    IncidentRecord,
    Installation,
    LifecycleEventRecord,
    ServiceRecord,
    SoftwareProductRecord,
)
from graphcmdb.impact.maintenance import MaintenanceRisk
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.itam.tco import ContractShare
from graphcmdb.itsm.states import OPEN_INCIDENT_STATES
from graphcmdb.services import (
    assets,
    business_services,
    changes,
    cis,
    contracts,
    costs,
    incident_reads,
    license_use,
    licenses,
    people_places,
    relations,
)
from graphcmdb.services.assets import AssetLinks
from graphcmdb.services.contracts import ContractLinks
from graphcmdb.services.impact import ImpactReport
from graphcmdb.services.incident_reads import FailedItem
from graphcmdb.services.license_use import LicenseUse
from graphcmdb.services.licenses import LicenseView
from graphcmdb.services.people_places import Kind, Referring
from graphcmdb.services.relations import Edge

V = TypeVar("V")

BatchRead = Callable[[list[str]], Awaitable[Mapping[str, V]]]

#: ``incidents`` on a node lists this many, newest first (page with incidents(filter)).
RECENT_INCIDENTS = 100


def keyed(read: BatchRead[V], default: Callable[[], V]) -> DataLoader[str, V]:
    """A loader over ``read``; ids the read does not answer get ``default()``."""

    async def load(keys: list[str]) -> list[V]:
        found = await read(keys)
        return [found[k] if k in found else default() for k in keys]

    return DataLoader(load_fn=load)


def absent() -> None:
    """The default of a loader by id: no such node."""
    return


def unreachable() -> NoReturn:
    """The default of a loader whose batch read answers every id."""
    raise AssertionError("the batch read answers every key")


@dataclass(frozen=True)
class Loaders:
    ci: DataLoader[str, CIRecord | None]
    service: DataLoader[str, ServiceRecord | None]
    depends_on: DataLoader[str, list[Edge]]
    dependents: DataLoader[str, list[Edge]]
    #: per CI id: the business services that need it
    supported_services: DataLoader[str, list[ServiceRecord]]
    asset: DataLoader[str, AssetRecord | None]
    asset_by_ci: DataLoader[str, AssetRecord | None]
    #: per asset id: its CI, person and location
    asset_links: DataLoader[str, AssetLinks | None]
    asset_history: DataLoader[str, list[LifecycleEventRecord]]
    #: vendors, locations and people by id
    directory: dict[Kind, DataLoader[str, DirectoryRecord | None]]
    #: what points at a vendor, location or person (contracts, assets)
    referrers: dict[Kind, DataLoader[str, Referring]]
    #: per CI id: its installations of license-managed products
    license_use: DataLoader[str, list[LicenseUse]]
    contract: DataLoader[str, ContractRecord | None]
    #: per contract id: its vendor, assets and licenses
    contract_links: DataLoader[str, ContractLinks | None]
    license: DataLoader[str, LicenseView | None]
    product: DataLoader[str, SoftwareProductRecord | None]
    contracts_by_asset: DataLoader[str, list[ContractRecord]]
    #: per CI id: its installations
    installed: DataLoader[str, list[Installation]]
    contract_shares: DataLoader[str, list[ContractShare]]
    incident: DataLoader[str, IncidentRecord | None]
    change: DataLoader[str, ChangeRecord | None]
    incident_affects: DataLoader[str, list[AnyNodeRecord]]
    incident_cause: DataLoader[str, AnyNodeRecord | None]
    incident_impact: DataLoader[str, ImpactReport]
    failed_items: DataLoader[str, list[FailedItem]]
    #: per node id: the newest incidents hitting it (at most RECENT_INCIDENTS)
    recent_incidents: DataLoader[str, list[IncidentRecord]]
    open_incidents: DataLoader[str, list[IncidentRecord]]
    change_modifies: DataLoader[str, list[CIRecord]]
    change_risk: DataLoader[str, tuple[NeedsGraph, MaintenanceRisk]]
    caused_incidents: DataLoader[str, list[IncidentRecord]]

    @classmethod
    def for_request(cls, db: Database) -> Loaders:
        return cls(
            ci=keyed(lambda k: cis.get_cis(db, k), absent),
            service=keyed(lambda k: business_services.get_services(db, k), absent),
            depends_on=keyed(lambda k: relations.depends_on(db, k), list),
            dependents=keyed(lambda k: relations.dependents(db, k), list),
            supported_services=keyed(lambda k: relations.supported_services(db, k), list),
            asset=keyed(lambda k: assets.get_assets(db, k), absent),
            asset_by_ci=keyed(lambda k: assets.assets_by_ci(db, k), absent),
            asset_links=keyed(lambda k: assets.links(db, k), absent),
            asset_history=keyed(lambda k: assets.histories(db, k), list),
            directory={kind: _directory(db, kind) for kind in Kind},
            referrers={kind: _referrers(db, kind) for kind in Kind},
            license_use=keyed(lambda k: license_use.by_ci(db, k), list),
            contract=keyed(lambda k: contracts.get_contracts(db, k), absent),
            contract_links=keyed(lambda k: contracts.links(db, k), absent),
            license=keyed(lambda k: licenses.get_licenses(db, k), absent),
            product=keyed(lambda k: licenses.get_products(db, k), absent),
            contracts_by_asset=keyed(lambda k: contracts.contracts_by_asset(db, k), list),
            installed=keyed(lambda k: licenses.installations_by_ci(db, k), list),
            contract_shares=keyed(lambda k: costs.contract_shares(db, k), list),
            incident=keyed(lambda k: incident_reads.get_incidents(db, k), absent),
            change=keyed(lambda k: changes.get_changes(db, k), absent),
            incident_affects=keyed(lambda k: incident_reads.affects(db, k), list),
            incident_cause=keyed(lambda k: incident_reads.causes(db, k), absent),
            incident_impact=keyed(lambda k: incident_reads.impacts(db, k), unreachable),
            failed_items=keyed(lambda k: incident_reads.failed_items(db, k), list),
            recent_incidents=keyed(
                lambda k: incident_reads.by_node(db, k, limit=RECENT_INCIDENTS), list
            ),
            open_incidents=keyed(
                lambda k: incident_reads.by_node(db, k, OPEN_INCIDENT_STATES), list
            ),
            change_modifies=keyed(lambda k: changes.modifies(db, k), list),
            change_risk=keyed(lambda k: changes.live_risks(db, k), unreachable),
            caused_incidents=keyed(lambda k: changes.caused_incidents(db, k), list),
        )


def _directory(db: Database, kind: Kind) -> DataLoader[str, DirectoryRecord | None]:
    return keyed(lambda k: people_places.get_many(db, kind, k), absent)


def _referrers(db: Database, kind: Kind) -> DataLoader[str, Referring]:
    return keyed(lambda k: people_places.referrers(db, kind, k), people_places.nothing_refers)
