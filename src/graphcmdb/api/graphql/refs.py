"""Lazy references to the object types of every domain.

A type module annotates fields of another module's types with these, so that no type
module needs another at import time; strawberry resolves them when the schema is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

if TYPE_CHECKING:
    from graphcmdb.api.graphql.core.types import CIType, ServiceType
    from graphcmdb.api.graphql.impact.resilience_types import MaintenanceRiskReport
    from graphcmdb.api.graphql.impact.types import ImpactReportType
    from graphcmdb.api.graphql.itam.asset_types import AssetType
    from graphcmdb.api.graphql.itam.contract_types import ContractType
    from graphcmdb.api.graphql.itam.cost_types import CostOfOwnershipType
    from graphcmdb.api.graphql.itam.directory_types import LocationType, PersonType, VendorType
    from graphcmdb.api.graphql.itam.license_types import (
        Installation,
        LicenseConsumption,
        LicenseType,
    )
    from graphcmdb.api.graphql.itsm.types import ChangeType, IncidentType

_CORE = "graphcmdb.api.graphql.core.types"
_ITAM = "graphcmdb.api.graphql.itam."

CIRef = Annotated["CIType", strawberry.lazy(_CORE)]
ServiceRef = Annotated["ServiceType", strawberry.lazy(_CORE)]
AssetRef = Annotated["AssetType", strawberry.lazy(_ITAM + "asset_types")]
VendorRef = Annotated["VendorType", strawberry.lazy(_ITAM + "directory_types")]
LocationRef = Annotated["LocationType", strawberry.lazy(_ITAM + "directory_types")]
PersonRef = Annotated["PersonType", strawberry.lazy(_ITAM + "directory_types")]
ContractRef = Annotated["ContractType", strawberry.lazy(_ITAM + "contract_types")]
CostRef = Annotated["CostOfOwnershipType", strawberry.lazy(_ITAM + "cost_types")]
LicenseRef = Annotated["LicenseType", strawberry.lazy(_ITAM + "license_types")]
InstallationRef = Annotated["Installation", strawberry.lazy(_ITAM + "license_types")]
ConsumptionRef = Annotated["LicenseConsumption", strawberry.lazy(_ITAM + "license_types")]
IncidentRef = Annotated["IncidentType", strawberry.lazy("graphcmdb.api.graphql.itsm.types")]
ChangeRef = Annotated["ChangeType", strawberry.lazy("graphcmdb.api.graphql.itsm.types")]
ImpactReportRef = Annotated[
    "ImpactReportType", strawberry.lazy("graphcmdb.api.graphql.impact.types")
]
MaintenanceRiskRef = Annotated[
    "MaintenanceRiskReport", strawberry.lazy("graphcmdb.api.graphql.impact.resilience_types")
]
