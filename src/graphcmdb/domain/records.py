"""Read records: what the services answer for a stored node, one frozen model per type.

Each record inherits the type's writable-field model (``CIFields``, ``AssetFields``, ...)
so a field added there is read back with no second edit, and adds what only the server
writes: ``id``, ``createdAt``, ``updatedAt``, the spec's ``system`` fields, and the keys
its field model leaves optional. ``tests/graph/test_records.py`` checks each record's
fields against its spec. Unknown stored properties are ignored (a record is a view, and
an old database may carry properties a later release dropped).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graphcmdb.domain.contract_models import ContractProps, LicenseProps, SoftwareProductCreate
from graphcmdb.domain.itam_models import AssetFields, LocationCreate, PersonCreate, VendorCreate
from graphcmdb.domain.itsm_models import ChangeFields, IncidentFields
from graphcmdb.domain.models import CIFields, ServiceFields
from graphcmdb.graph.enums import (
    ChangeState,
    CIClass,
    ContractKind,
    DisposalMethod,
    IncidentState,
    LicenseMetric,
    LifecycleState,
)

#: frozen, and lenient about properties no field names
READ = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

#: Fields of a record that are not properties of the node (the read adds them).
READ_ONLY_EXTRAS = frozenset({"labels"})


class Stored(BaseModel):
    """What every entity node carries, written by the server."""

    model_config = READ

    id: str
    name: str
    createdAt: datetime
    updatedAt: datetime
    #: the node's labels as the read found them (not a property)
    labels: tuple[str, ...] = ()


class CIRecord(CIFields, Stored):
    model_config = READ

    ciClass: CIClass
    #: who set the class (``identity/class_precedence.py``)
    classSource: str | None = None
    sources: list[str] | None = None
    firstSeen: datetime | None = None
    lastSeen: datetime | None = None
    discoveredFields: list[str] | None = None


class ServiceRecord(ServiceFields, Stored):
    model_config = READ


class AssetRecord(AssetFields, Stored):
    model_config = READ

    name: str
    assetTag: str
    lifecycleState: LifecycleState
    writtenOffOn: date | None = None


class LifecycleEventRecord(BaseModel):
    """One asset transition; ``from`` is None for the creation event."""

    model_config = READ

    id: str
    seq: int
    from_: LifecycleState | None = Field(default=None, alias="from")
    to: LifecycleState
    at: datetime
    actor: str | None = None
    note: str | None = None
    disposalMethod: DisposalMethod | None = None
    dataWipeReference: str | None = None
    ciId: str | None = None
    dependentIds: list[str] | None = None


class VendorRecord(VendorCreate, Stored):
    model_config = READ


class LocationRecord(LocationCreate, Stored):
    model_config = READ


class PersonRecord(PersonCreate, Stored):
    model_config = READ


class ContractRecord(ContractProps, Stored):
    model_config = READ

    name: str
    number: str
    kind: ContractKind


class SoftwareProductRecord(SoftwareProductCreate, Stored):
    model_config = READ

    key: str
    family: str


class LicenseRecord(LicenseProps, Stored):
    model_config = READ

    name: str
    metric: LicenseMetric
    quantity: int


class IncidentRecord(IncidentFields, Stored):
    """``name`` is the number."""

    model_config = READ

    openedAt: datetime
    number: str
    state: IncidentState
    resolvedAt: datetime | None = None
    resolvedAtFirstContact: bool | None = None
    closedAt: datetime | None = None
    reopenCount: int | None = None
    #: the key a feed (the demo, a monitoring source) finds its incident again by
    externalKey: str | None = None
    #: opened by monitoring for this business service (``services/auto_incidents``)
    autoServiceId: str | None = None
    #: the alerts that held its failed CIs
    alertFingerprints: tuple[str, ...] | None = None


class ChangeRecord(ChangeFields, Stored):
    model_config = READ

    number: str
    state: ChangeState
    risk: str | None = None
    riskAssessedAt: datetime | None = None
    externalKey: str | None = None


DirectoryRecord = VendorRecord | LocationRecord | PersonRecord


class NodeRecord(BaseModel):
    """A node of a type without a record of its own: what every node shows."""

    model_config = READ

    id: str
    name: str = ""
    labels: tuple[str, ...] = ()


#: Any node read by id whatever its label: its type's record, or a plain NodeRecord.
AnyNodeRecord = Stored | NodeRecord


@dataclass(frozen=True)
class Installation:
    """A CI's ``HAS_INSTALLED`` relationship to a software product."""

    ciId: str
    productId: str
    version: str | None = None
    installedAt: datetime | None = None
    createdAt: datetime | None = None

    @classmethod
    def of(cls, props: Mapping[str, Any], ci_id: str, product_id: str) -> Installation:
        """From the relationship's stored properties (unknown ones are ignored)."""
        return cls(
            ciId=ci_id,
            productId=product_id,
            version=props.get("version"),
            installedAt=props.get("installedAt"),
            createdAt=props.get("createdAt"),
        )
