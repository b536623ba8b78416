"""Per-request DataLoaders, each built by ``keyed`` from one batch read of the services.

A batch read takes ids and answers a mapping id -> value; ``keyed`` turns it into a
strawberry DataLoader that answers ids absent from the mapping with a default. ``Loaders``
is the table of them, one line each (``ci = Keyed(cis.get_cis, absent)``), built on first
use. The context builds a fresh ``Loaders`` per request, so nothing is cached across
principals.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Generic, NoReturn, TypeVar, overload

from strawberry.dataloader import DataLoader

from graphcmdb.api.graphql.both_ways import BothWays
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
from graphcmdb.graph.enums import CIStatus
from graphcmdb.impact.maintenance import MaintenanceRisk
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.itam.tco import ContractShare
from graphcmdb.itsm.states import OPEN_INCIDENT_STATES
from graphcmdb.services import (
    address_facts,
    assets,
    auto_incident_reads,
    business_services,
    changes,
    cis,
    contracts,
    costs,
    event_reads,
    incident_reads,
    license_use,
    licenses,
    people_places,
    relations,
)
from graphcmdb.services.address_facts import AddressFact
from graphcmdb.services.assets import AssetLinks
from graphcmdb.services.auto_incident_reads import (
    AlertView,
    ServiceStatusChange,
    Suppression,
    Suspect,
)
from graphcmdb.services.contracts import ContractLinks
from graphcmdb.services.event_reads import StatusChangeRecord
from graphcmdb.services.impact import ImpactReport
from graphcmdb.services.incident_reads import FailedItem
from graphcmdb.services.license_use import LicenseUse
from graphcmdb.services.licenses import LicenseView
from graphcmdb.services.people_places import Kind, Referring
from graphcmdb.services.relations import Edge
from graphcmdb.services.visible import among_visible, if_visible

V = TypeVar("V")

#: The reads of neighbours (what a CI needs, its services, asset, incidents …) go through
#: ``services.visible``: what the caller's scopes hide is left out (one statement more,
#: for a scoped caller only).
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


def _operational() -> CIStatus:
    return CIStatus.OPERATIONAL


def unreachable() -> NoReturn:
    """The default of a loader whose batch read answers every id."""
    raise AssertionError("the batch read answers every key")


def _itself(record: AnyNodeRecord) -> AnyNodeRecord:
    return record


def _suspect_ci(suspect: Suspect) -> CIRecord:
    return suspect.ci


def _end(edge: Edge) -> AnyNodeRecord:
    """The node at the other end of an edge."""
    return edge.node


class Keyed(Generic[V]):
    """A loader of ``Loaders`` by its batch read ``read(db, ids)`` and ``default``.

    The request's DataLoader is built on first use and then kept on the ``Loaders``
    instance under the same name (a non-data descriptor: the instance attribute wins).
    """

    def __init__(
        self,
        read: Callable[[Database, list[str]], Awaitable[Mapping[str, V]]],
        default: Callable[[], V],
    ) -> None:
        self.read = read
        self.default = default
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, loaders: None, owner: type) -> Keyed[V]: ...

    @overload
    def __get__(self, loaders: Loaders, owner: type) -> DataLoader[str, V]: ...

    def __get__(self, loaders: Loaders | None, owner: type) -> Keyed[V] | DataLoader[str, V]:
        if loaders is None:
            return self
        db = loaders.db
        loader = keyed(lambda ids: self.read(db, ids), self.default)
        setattr(loaders, self.name, loader)
        return loader

    def of(self, loaders: Loaders) -> DataLoader[str, V]:
        """This loader of the request's ``loaders``."""
        return self.__get__(loaders, Loaders)


class Loaders:
    """The DataLoaders of one request, each written once: its batch read and default."""

    ci: Keyed[CIRecord | None] = Keyed(cis.get_cis, absent)
    service: Keyed[ServiceRecord | None] = Keyed(business_services.get_services, absent)
    #: per CI id: the business services that need it
    supported_services: Keyed[list[ServiceRecord]] = Keyed(
        among_visible(relations.supported_services, _itself), list
    )
    asset: Keyed[AssetRecord | None] = Keyed(assets.get_assets, absent)
    asset_by_ci: Keyed[AssetRecord | None] = Keyed(if_visible(assets.assets_by_ci), absent)
    #: per asset id: its CI, person and location
    asset_links: Keyed[AssetLinks | None] = Keyed(assets.visible_links, absent)
    asset_history: Keyed[list[LifecycleEventRecord]] = Keyed(assets.histories, list)
    #: per CI id: its installations of license-managed products
    license_use: Keyed[list[LicenseUse]] = Keyed(license_use.by_ci, list)
    contract: Keyed[ContractRecord | None] = Keyed(contracts.get_contracts, absent)
    #: per contract id: its vendor, assets and licenses
    contract_links: Keyed[ContractLinks | None] = Keyed(contracts.links, absent)
    license: Keyed[LicenseView | None] = Keyed(licenses.get_licenses, absent)
    product: Keyed[SoftwareProductRecord | None] = Keyed(licenses.get_products, absent)
    contracts_by_asset: Keyed[list[ContractRecord]] = Keyed(contracts.contracts_by_asset, list)
    #: per CI id: the addresses each source reported, with first and last seen
    address_facts: Keyed[list[AddressFact]] = Keyed(address_facts.facts_of, list)
    #: per CI id: its status changes made by events, newest first
    status_history: Keyed[list[StatusChangeRecord]] = Keyed(event_reads.status_history, list)
    #: per service id: the moves monitoring made to its status, newest first
    service_status_history: Keyed[list[ServiceStatusChange]] = Keyed(
        auto_incident_reads.service_history, list
    )
    #: per service id: its status as monitoring last set it (OPERATIONAL if never)
    service_status: Keyed[CIStatus] = Keyed(auto_incident_reads.service_statuses, _operational)
    #: per incident id: its root-cause candidates (automatic incidents), best first
    suspects: Keyed[list[Suspect]] = Keyed(
        among_visible(auto_incident_reads.suspects, _suspect_ci), list
    )
    incident_alerts: Keyed[list[AlertView]] = Keyed(auto_incident_reads.alerts, list)
    #: per change id: the automatic incidents its open window suppressed
    suppressions: Keyed[list[Suppression]] = Keyed(auto_incident_reads.suppressions, list)
    #: per CI id: its installations
    installed: Keyed[list[Installation]] = Keyed(licenses.installations_by_ci, list)
    contract_shares: Keyed[list[ContractShare]] = Keyed(costs.contract_shares, list)
    incident: Keyed[IncidentRecord | None] = Keyed(incident_reads.get_incidents, absent)
    change: Keyed[ChangeRecord | None] = Keyed(changes.get_changes, absent)
    incident_affects: Keyed[list[AnyNodeRecord]] = Keyed(
        among_visible(incident_reads.affects, _itself), list
    )
    incident_cause: Keyed[AnyNodeRecord | None] = Keyed(if_visible(incident_reads.causes), absent)
    incident_impact: Keyed[ImpactReport] = Keyed(incident_reads.impacts, unreachable)
    failed_items: Keyed[list[FailedItem]] = Keyed(incident_reads.failed_items, list)
    #: per node id: the newest incidents hitting it (at most RECENT_INCIDENTS)
    recent_incidents: Keyed[list[IncidentRecord]] = Keyed(
        among_visible(partial(incident_reads.by_node, limit=RECENT_INCIDENTS), _itself), list
    )
    open_incidents: Keyed[list[IncidentRecord]] = Keyed(
        among_visible(partial(incident_reads.by_node, states=OPEN_INCIDENT_STATES), _itself), list
    )
    change_modifies: Keyed[list[CIRecord]] = Keyed(among_visible(changes.modifies, _itself), list)
    change_risk: Keyed[tuple[NeedsGraph, MaintenanceRisk]] = Keyed(changes.live_risks, unreachable)
    caused_incidents: Keyed[list[IncidentRecord]] = Keyed(
        among_visible(changes.caused_incidents, _itself), list
    )

    def __init__(self, db: Database) -> None:
        self.db = db
        #: what nodes need and what needs them: both asked in one read (``both_ways.py``)
        both = BothWays()
        self.depends_on = keyed(partial(among_visible(both.needs, _end), db), list)
        self.dependents = keyed(partial(among_visible(both.needed_by, _end), db), list)
        #: the same edges, the far node as its id, name and labels only (``core.named``)
        named = BothWays(relations.both_ways_names)
        self.depends_on_names = keyed(partial(among_visible(named.needs, _end), db), list)
        self.dependents_names = keyed(partial(among_visible(named.needed_by, _end), db), list)
        #: vendors, locations and people by id
        self.directory = {kind: _directory(db, kind) for kind in Kind}
        #: what points at a vendor, location or person (contracts, assets)
        self.referrers = {kind: _referrers(db, kind) for kind in Kind}

    @classmethod
    def for_request(cls, db: Database) -> Loaders:
        return cls(db)


def _directory(db: Database, kind: Kind) -> DataLoader[str, DirectoryRecord | None]:
    return keyed(lambda k: people_places.get_many(db, kind, k), absent)


def _referrers(db: Database, kind: Kind) -> DataLoader[str, Referring]:
    return keyed(lambda k: people_places.referrers(db, kind, k), people_places.nothing_refers)
