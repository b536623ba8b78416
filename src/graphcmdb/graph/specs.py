"""One frozen spec per node and relationship type.

The specs are the single source of truth that tests check the schema DDL, the
pydantic models and the GraphQL types against, and that the relationship
validator reads its allowed endpoint pairs from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphcmdb.graph.enums import CIClass, Label, RelType

COMMON_PROPERTIES = ("id", "name", "createdAt", "updatedAt")


@dataclass(frozen=True)
class NodeSpec:
    label: Label
    properties: tuple[str, ...]
    #: properties with a uniqueness constraint (besides ``id``)
    unique: tuple[tuple[str, ...], ...] = ()
    #: properties with a range index
    indexed: tuple[str, ...] = ()
    #: properties in the full-text index (if any)
    fulltext: tuple[str, ...] = ()
    has_common: bool = True

    @property
    def all_properties(self) -> tuple[str, ...]:
        common = COMMON_PROPERTIES if self.has_common else ()
        return common + tuple(p for p in self.properties if p not in common)


CI_SPEC = NodeSpec(
    label=Label.CI,
    properties=(
        "ciClass",
        "status",
        "environment",
        "criticality",
        "hostname",
        "fqdn",
        "ipAddresses",
        "macAddresses",
        "serialNumber",
        "manufacturer",
        "model",
        "os",
        "cores",
        "minAvailable",
        "sysObjectId",
        "description",
        "sources",
        "firstSeen",
        "lastSeen",
    ),
    unique=(("ciClass", "name"),),
    indexed=("name", "ciClass", "status", "environment", "hostname", "fqdn", "serialNumber"),
    fulltext=("name", "hostname", "fqdn", "description", "serialNumber", "model", "manufacturer"),
)

SERVICE_SPEC = NodeSpec(
    label=Label.SERVICE,
    properties=("criticality", "users", "slaTarget", "owner", "description"),
    unique=(("name",),),
    indexed=("criticality",),
)

ASSET_SPEC = NodeSpec(
    label=Label.ASSET,
    properties=(
        "assetTag",
        "serialNumber",
        "manufacturer",
        "model",
        "category",
        "lifecycleState",
        "purchaseDate",
        "purchaseCost",
        "currency",
        "salvageValue",
        "usefulLifeMonths",
        "depreciationMethod",
        "inServiceDate",
        "warrantyEnd",
        "costCenter",
        "hasStorage",
        "writtenOffOn",
        "description",
    ),
    unique=(("assetTag",),),
    indexed=("name", "lifecycleState", "category", "costCenter", "serialNumber"),
)

#: One transition; no name or updatedAt (events are never edited), but an id like any node.
LIFECYCLE_EVENT_SPEC = NodeSpec(
    label=Label.LIFECYCLE_EVENT,
    properties=(
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
    indexed=("at",),
    has_common=False,
)

VENDOR_SPEC = NodeSpec(
    label=Label.VENDOR,
    properties=("website", "description"),
    unique=(("name",),),
)

LOCATION_SPEC = NodeSpec(
    label=Label.LOCATION,
    properties=("kind", "address", "description"),
    unique=(("name",),),
)

PERSON_SPEC = NodeSpec(
    label=Label.PERSON,
    properties=("email", "department"),
    unique=(("email",),),
    indexed=("name",),
)

CONTRACT_SPEC = NodeSpec(
    label=Label.CONTRACT,
    properties=(
        "number",
        "kind",
        "startDate",
        "endDate",
        "annualCost",
        "currency",
        "autoRenew",
        "noticeDays",
        "description",
    ),
    unique=(("number",),),
    indexed=("name", "kind", "endDate"),
)

#: ``key`` is the normalised publisher|product|version (see ``itam/versions.py``);
#: ``family`` the normalised publisher|product that version matching works within.
SOFTWARE_PRODUCT_SPEC = NodeSpec(
    label=Label.SOFTWARE_PRODUCT,
    properties=("publisher", "product", "version", "key", "family"),
    unique=(("key",),),
    indexed=("family", "name"),
)

#: ``reference`` (entitlement / PO number) is optional but unique: the import's natural key.
LICENSE_SPEC = NodeSpec(
    label=Label.LICENSE,
    properties=(
        "reference",
        "metric",
        "quantity",
        "unitCost",
        "currency",
        "downgradable",
        "description",
    ),
    unique=(("reference",),),
    indexed=("name", "metric"),
)

API_TOKEN_SPEC = NodeSpec(
    label=Label.API_TOKEN,
    properties=("role", "hash", "prefix", "revokedAt", "lastUsedAt"),
    unique=(("hash",),),
)

AUDIT_ENTRY_SPEC = NodeSpec(
    label=Label.AUDIT_ENTRY,
    properties=("at", "actor", "operation", "targetIds", "before", "after", "requestId"),
    indexed=("at",),
    has_common=False,
)

SCHEMA_MIGRATION_SPEC = NodeSpec(
    label=Label.SCHEMA_MIGRATION,
    properties=("version", "file", "checksum", "appliedAt"),
    unique=(("version",),),
    has_common=False,
)

#: ``name`` is the number; times are Neo4j datetimes (UTC) so reports can query by window.
INCIDENT_SPEC = NodeSpec(
    label=Label.INCIDENT,
    properties=(
        "number",
        "title",
        "description",
        "priority",
        "state",
        "openedAt",
        "resolvedAt",
        "resolvedAtFirstContact",
        "closedAt",
        "reopenCount",
    ),
    unique=(("number",),),
    indexed=("state", "priority", "openedAt", "resolvedAt"),
)

#: ``risk`` is the maintenance risk stored when the change was submitted.
CHANGE_SPEC = NodeSpec(
    label=Label.CHANGE,
    properties=(
        "number",
        "title",
        "description",
        "state",
        "plannedStart",
        "plannedEnd",
        "risk",
        "riskAssessedAt",
    ),
    unique=(("number",),),
    indexed=("state", "plannedStart", "plannedEnd"),
)

#: A named counter (server-generated incident and change numbers).
SEQUENCE_SPEC = NodeSpec(
    label=Label.SEQUENCE,
    properties=("name", "value"),
    unique=(("name",),),
    has_common=False,
)

#: One discovery job; ``failures`` are JSON {target, kind, reason} (capped, counts exact).
DISCOVERY_RUN_SPEC = NodeSpec(
    label=Label.DISCOVERY_RUN,
    properties=(
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
    ),
    indexed=("startedAt", "state"),
)

#: Named SNMP credentials; not an ``Entity``, and no query returns the secret fields.
CREDENTIAL_SET_SPEC = NodeSpec(
    label=Label.CREDENTIAL_SET,
    properties=(
        "version",
        "community",
        "v3User",
        "authProtocol",
        "authKey",
        "privProtocol",
        "privKey",
    ),
    unique=(("name",),),
)

NODE_SPECS: tuple[NodeSpec, ...] = (
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
    CREDENTIAL_SET_SPEC,
)

# --- relationships -------------------------------------------------------------

#: An endpoint is either a node label or a CI class label.
Endpoint = Label | CIClass

ANY_CI: tuple[Endpoint, ...] = (Label.CI,)
CI_OR_SERVICE: tuple[Endpoint, ...] = (Label.CI, Label.SERVICE)
HOSTS: tuple[Endpoint, ...] = (CIClass.SERVER, CIClass.VIRTUAL_MACHINE, CIClass.CLUSTER)
SOFTWARE: tuple[Endpoint, ...] = (CIClass.APPLICATION, CIClass.DATABASE, CIClass.LOAD_BALANCER)


@dataclass(frozen=True)
class RelSpec:
    type: RelType
    sources: tuple[Endpoint, ...]
    targets: tuple[Endpoint, ...]
    has_kind: bool = False
    properties: tuple[str, ...] = field(default=())
    #: set when the relationship is managed by a dedicated mutation instead of ``relate``
    generic: bool = True


REL_SPECS: dict[RelType, RelSpec] = {
    spec.type: spec
    for spec in (
        RelSpec(RelType.DEPENDS_ON, CI_OR_SERVICE, CI_OR_SERVICE, has_kind=True),
        RelSpec(RelType.RUNS_ON, SOFTWARE, HOSTS),
        RelSpec(RelType.HOSTED_ON, (CIClass.VIRTUAL_MACHINE,), (CIClass.SERVER,)),
        RelSpec(RelType.MEMBER_OF, ANY_CI, (CIClass.CLUSTER,)),
        RelSpec(RelType.CONNECTED_TO, ANY_CI, ANY_CI, properties=("localPort", "remotePort")),
        # ITAM links have their own mutations (one CI per asset, one holder, one place)
        RelSpec(RelType.TRACKS, (Label.ASSET,), ANY_CI, generic=False),
        RelSpec(RelType.COVERED_BY, (Label.ASSET,), (Label.CONTRACT,), generic=False),
        RelSpec(RelType.WITH, (Label.CONTRACT,), (Label.VENDOR,), generic=False),
        RelSpec(RelType.ASSIGNED_TO, (Label.ASSET,), (Label.PERSON,), generic=False),
        RelSpec(RelType.LOCATED_AT, (Label.ASSET,), (Label.LOCATION,), generic=False),
        RelSpec(RelType.HAD, (Label.ASSET,), (Label.LIFECYCLE_EVENT,), generic=False),
        RelSpec(
            RelType.HAS_INSTALLED,
            ANY_CI,
            (Label.SOFTWARE_PRODUCT,),
            properties=("version", "installedAt"),
            generic=False,
        ),
        RelSpec(RelType.FOR, (Label.LICENSE,), (Label.SOFTWARE_PRODUCT,), generic=False),
        RelSpec(RelType.UNDER, (Label.LICENSE,), (Label.CONTRACT,), generic=False),
        # ITSM links are written by the incident and change mutations
        RelSpec(RelType.AFFECTS, (Label.INCIDENT,), CI_OR_SERVICE, generic=False),
        RelSpec(RelType.CAUSED_BY, (Label.INCIDENT,), (Label.CI, Label.CHANGE), generic=False),
        RelSpec(RelType.MODIFIES, (Label.CHANGE,), ANY_CI, generic=False),
        RelSpec(RelType.OWNED_BY, (Label.SERVICE,), (Label.TEAM,)),
        RelSpec(RelType.SUPPORTED_BY, ANY_CI, (Label.TEAM,)),
    )
}


def endpoint_matches(labels: list[str], allowed: tuple[Endpoint, ...]) -> bool:
    """True when a node with ``labels`` may stand at an end that allows ``allowed``."""
    return any(e.value in labels for e in allowed)


def describe(endpoints: tuple[Endpoint, ...]) -> str:
    return " or ".join(e.value for e in endpoints)
