"""One frozen spec per node type (relationship types: ``domain/rel_specs.py``).

The specs are the single source of truth that tests check the schema DDL, the
pydantic models and the GraphQL types against, and that generates the node layer.
"""

from __future__ import annotations

from functools import partial
from typing import TypeVar

from pydantic import BaseModel

from graphcmdb.domain.contract_models import ContractCreate, LicenseCreate, SoftwareProductCreate
from graphcmdb.domain.identity_rules import CI_IDENTITY
from graphcmdb.domain.itam_models import AssetCreate, LocationCreate, PersonCreate, VendorCreate
from graphcmdb.domain.itsm_models import ChangeCreate, IncidentOpen
from graphcmdb.domain.models import CICreate, ServiceCreate
from graphcmdb.domain.operations_specs import OPERATIONS_SPECS
from graphcmdb.domain.records import (
    AssetRecord,
    ChangeRecord,
    CIRecord,
    ContractRecord,
    IncidentRecord,
    LicenseRecord,
    LifecycleEventRecord,
    LocationRecord,
    PersonRecord,
    ServiceRecord,
    SoftwareProductRecord,
    VendorRecord,
)
from graphcmdb.domain.system_records import (
    ApiTokenRecord,
    AuditEntryRecord,
    CredentialSetRecord,
    DiscoveryRunRecord,
    ReconciliationTaskRecord,
)
from graphcmdb.graph.enums import Label, RelType
from graphcmdb.graph.node_spec import (
    COMMON_PROPERTIES,
    AnySpec,
    Cascade,
    NodeSpec,
    Order,
    any_contains,
    at_least,
    contains,
    equals,
    id_in,
    linked_to,
)

__all__ = ["COMMON_PROPERTIES", "CRUD_SPECS", "NODE_SPECS", "NodeSpec"]

R = TypeVar("R")


def _directory(
    label: Label, area: str, record: type[R], fields: type[BaseModel], key: str = "name"
) -> NodeSpec[R]:
    """A directory entry (vendor, location, person): one natural key, listed and found by
    name (which the key's constraint indexes, or an index of its own)."""
    return NodeSpec(
        label=label,
        area=area,
        record=record,
        fields=fields,
        key=(key,),
        indexed=() if key == "name" else ("name",),
        filters=(contains("nameContains", "name"),),
    )


#: A node type only the server writes, through hand-written Cypher (no generated CRUD): not
#: an ``Entity``, and without the common four properties unless its spec says otherwise.
_internal = partial(NodeSpec, entity=False, common=False, crud=False)


CI_SPEC = NodeSpec(
    label=Label.CI,
    area="ci",
    record=CIRecord,
    fields=CICreate,
    #: ``discoveredFields``: the fields discovery still owns (``discovery/precedence.py``);
    #: ``classSource``: who set the class (``identity/class_precedence.py``)
    system=("sources", "firstSeen", "lastSeen", "discoveredFields", "classSource"),
    key=("ciClass", "name"),
    indexed=("name", "ciClass", "status", "environment", "hostname", "fqdn", "serialNumber"),
    fulltext=(
        "ciText",
        ("name", "hostname", "fqdn", "description", "serialNumber", "model", "manufacturer"),
    ),
    discoverable=(
        "hostname",
        "fqdn",
        "ipAddresses",
        "macAddresses",
        "serialNumber",
        "manufacturer",
        "model",
        "os",
        "cores",
        "sysObjectId",
    ),
    class_label="ciClass",
    identity=CI_IDENTITY,
    filters=(
        equals("ciClass"),
        equals("status"),
        equals("environment"),
        contains("nameContains", "name"),
    ),
)

SERVICE_SPEC = NodeSpec(
    label=Label.SERVICE,
    area="service",
    record=ServiceRecord,
    fields=ServiceCreate,
    key=("name",),
    indexed=("criticality",),
    filters=(contains("nameContains", "name"), at_least("minCriticality", "criticality")),
)

ASSET_SPEC = NodeSpec(
    label=Label.ASSET,
    area="asset",
    record=AssetRecord,
    fields=AssetCreate,
    system=("writtenOffOn",),
    key=("assetTag",),
    indexed=("name", "lifecycleState", "category", "costCenter", "serialNumber"),
    filters=(
        equals("lifecycleState"),
        equals("category"),
        equals("costCenter"),
        any_contains("text", "name", "assetTag", "serialNumber", "model", "manufacturer"),
    ),
    order=Order("assetTag"),
    cascade=(Cascade(RelType.HAD, Label.LIFECYCLE_EVENT),),
)

#: One transition; no name or updatedAt (events are never edited), but an id like any node.
LIFECYCLE_EVENT_SPEC = _internal(
    label=Label.LIFECYCLE_EVENT,
    area="asset",
    record=LifecycleEventRecord,
    system=(
        "id",
        "seq",
        "from",
        "to",
        "at",
        "actor",
        "note",
        "disposalMethod",
        "dataWipeReference",
        "ciId",
        "dependentIds",
    ),
    unique=(("id",),),
    indexed=("at",),
    entity=True,
)

VENDOR_SPEC = _directory(Label.VENDOR, "vendor", VendorRecord, VendorCreate)
LOCATION_SPEC = _directory(Label.LOCATION, "location", LocationRecord, LocationCreate)
PERSON_SPEC = _directory(Label.PERSON, "person", PersonRecord, PersonCreate, key="email")

CONTRACT_SPEC = NodeSpec(
    label=Label.CONTRACT,
    area="contract",
    record=ContractRecord,
    fields=ContractCreate,
    links=("vendorId",),
    key=("number",),
    indexed=("name", "kind", "endDate"),
    filters=(
        equals("kind"),
        any_contains("text", "number", "name"),
        linked_to("vendorId", RelType.WITH, Label.VENDOR),
    ),
    order=Order("number"),
)

#: ``key`` is the normalised publisher|product|version (see ``itam/versions.py``);
#: ``family`` the normalised publisher|product that version matching works within.
#: A license is FOR exactly one product and cannot outlive it (a forced delete takes them).
SOFTWARE_PRODUCT_SPEC = NodeSpec(
    label=Label.SOFTWARE_PRODUCT,
    area="product",
    record=SoftwareProductRecord,
    fields=SoftwareProductCreate,
    system=("key", "family"),
    unique=(("key",),),
    indexed=("family", "name"),
    filters=(contains("text", "name"),),
    order=Order("key"),
    cascade=(Cascade(RelType.FOR, Label.LICENSE, incoming=True),),
)

#: ``reference`` (entitlement / PO number) is optional but unique: the import's natural key.
LICENSE_SPEC = NodeSpec(
    label=Label.LICENSE,
    area="license",
    record=LicenseRecord,
    fields=LicenseCreate,
    links=("productId", "contractId"),
    unique=(("reference",),),
    indexed=("name", "metric"),
    filters=(linked_to("productId", RelType.FOR, Label.SOFTWARE_PRODUCT),),
)

_TOKEN_GRANTS = ("role", "permissions", "scopes")
API_TOKEN_SPEC = _internal(
    label=Label.API_TOKEN,
    area="token",
    record=ApiTokenRecord,
    #: ``activeName``: the name while live (unique; a revoked token gives it up)
    system=(*_TOKEN_GRANTS, "hash", "prefix", "revokedAt", "lastUsedAt", "activeName"),
    unique=(("hash",), ("activeName",)),
    #: only its hash is stored, and no read returns even that
    hidden=("hash", "activeName"),
    common=True,
)

#: who asked, besides the actor's name: the request, the token, the client's own request id
_ATTRIBUTION = ("requestId", "tokenId", "clientRequestId")

AUDIT_ENTRY_SPEC = _internal(
    label=Label.AUDIT_ENTRY,
    area="audit",
    record=AuditEntryRecord,
    system=("id", "at", "actor", "operation", "targetIds", "before", "after", *_ATTRIBUTION),
    indexed=("at",),
)

SCHEMA_MIGRATION_SPEC = _internal(
    label=Label.SCHEMA_MIGRATION,
    area="system",
    record=dict,
    system=("version", "file", "checksum", "appliedAt"),
    unique=(("version",),),
)

#: ``name`` is the number; times are Neo4j datetimes (UTC) so reports can query by window.
#: Newest first: numbers are zero-padded, so text order is creation order. ``externalKey``
#: (incidents and changes): the record's key in the system it was imported from (the
#: demo, later monitoring alerts), which a re-import finds it again by; server-written.
INCIDENT_SPEC = NodeSpec(
    label=Label.INCIDENT,
    area="incident",
    record=IncidentRecord,
    fields=IncidentOpen,
    links=("affects",),
    system=(
        "number",
        "state",
        "resolvedAt",
        "resolvedAtFirstContact",
        "closedAt",
        "reopenCount",
        "externalKey",
        "autoServiceId",
        "alertFingerprints",
    ),
    unique=(("number",),),
    indexed=("state", "priority", "openedAt", "resolvedAt", "externalKey", "autoServiceId"),
    filters=(equals("state"), equals("priority"), id_in("ids")),
    order=Order("number", descending=True),
)

#: ``risk`` is the maintenance risk stored when the change was submitted.
CHANGE_SPEC = NodeSpec(
    label=Label.CHANGE,
    area="change",
    record=ChangeRecord,
    fields=ChangeCreate,
    links=("modifies",),
    system=("number", "state", "risk", "riskAssessedAt", "externalKey"),
    unique=(("number",),),
    indexed=("state", "plannedStart", "plannedEnd", "externalKey"),
    filters=(equals("state"),),
    order=Order("number", descending=True),
)

#: A named counter (server-generated incident and change numbers).
SEQUENCE_SPEC = _internal(
    label=Label.SEQUENCE, area="itsm", record=dict, system=("name", "value"), unique=(("name",),)
)

#: One discovery job; ``failures`` are JSON {target, kind, reason} (capped, counts exact).
#: Newest first.
DISCOVERY_RUN_SPEC = NodeSpec(
    label=Label.DISCOVERY_RUN,
    area="discovery_run",
    record=DiscoveryRunRecord,
    system=(
        "source",
        "targets",
        "state",
        "startedAt",
        "finishedAt",
        "startedBy",
        "credentialSet",
        "concurrency",
        "phase",
        "done",
        "total",
        "countNew",
        "countUpdated",
        "countUnchanged",
        "countUnreachable",
        "countErrors",
        "failures",
        "message",
        "dryRun",
    ),
    indexed=("startedAt", "state"),
    order=Order("startedAt", descending=True, temporal=True),
)

#: Something identification could not place (``services/reconciliation_tasks.py``): one
#: per subject (``key``), reopened never, resolved by a person. Newest first.
RECONCILIATION_TASK_SPEC = NodeSpec(
    label=Label.RECONCILIATION_TASK,
    area="reconciliation_task",
    record=ReconciliationTaskRecord,
    system=(
        "key",
        "state",
        "source",
        "reason",
        "candidateIds",
        "subject",
        "occurrences",
        "lastSeen",
        "resolution",
        "resolvedCiId",
        "resolvedBy",
        "resolvedAt",
    ),
    unique=(("key",),),
    indexed=("state",),
    filters=(equals("state"),),
    order=Order("createdAt", descending=True, temporal=True),
)


def _own(record: type[BaseModel]) -> tuple[str, ...]:
    return tuple(f for f in record.model_fields if f not in COMMON_PROPERTIES)


#: Named SNMP credentials; not an ``Entity``, and no query returns the secret fields.
CREDENTIAL_SET_SPEC = _internal(
    label=Label.CREDENTIAL_SET,
    area="credential",
    record=CredentialSetRecord,
    # its record's fields and the secrets no record holds (never generated Cypher)
    system=(*_own(CredentialSetRecord), "community", "authKey", "privKey"),
    key=("name",),
    hidden=("community", "authKey", "privKey"),
    common=True,
)

#: The graph's index of identities (``identity/keys.py``): one node per normalised
#: identifier, ``IDENTIFIES`` the CIs that carry it; its unique key is the lock two
#: concurrent writers of one thing meet on.
IDENTITY_KEY_SPEC = _internal(label=Label.IDENTITY_KEY, area="identity", record=dict, key=("key",))

NODE_SPECS: tuple[AnySpec, ...] = (
    CI_SPEC,
    SERVICE_SPEC,
    ASSET_SPEC,
    LIFECYCLE_EVENT_SPEC,
    VENDOR_SPEC,
    LOCATION_SPEC,
    PERSON_SPEC,
    CONTRACT_SPEC,
    SOFTWARE_PRODUCT_SPEC,
    LICENSE_SPEC,
    API_TOKEN_SPEC,
    AUDIT_ENTRY_SPEC,
    SCHEMA_MIGRATION_SPEC,
    INCIDENT_SPEC,
    CHANGE_SPEC,
    SEQUENCE_SPEC,
    DISCOVERY_RUN_SPEC,
    RECONCILIATION_TASK_SPEC,
    CREDENTIAL_SET_SPEC,
    IDENTITY_KEY_SPEC,
    *OPERATIONS_SPECS,
)

#: Node types with generated CRUD: the ones the generic node service serves.
CRUD_SPECS: tuple[AnySpec, ...] = tuple(s for s in NODE_SPECS if s.crud)
