"""Every label and relationship type that may reach Cypher text comes from these enums."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    CI = "CI"
    SERVICE = "Service"
    ASSET = "Asset"
    LIFECYCLE_EVENT = "LifecycleEvent"
    VENDOR = "Vendor"
    PERSON = "Person"
    TEAM = "Team"
    LOCATION = "Location"
    CONTRACT = "Contract"
    SOFTWARE_PRODUCT = "SoftwareProduct"
    LICENSE = "License"
    INCIDENT = "Incident"
    CHANGE = "Change"
    DISCOVERY_RUN = "DiscoveryRun"
    API_TOKEN = "ApiToken"
    AUDIT_ENTRY = "AuditEntry"
    SCHEMA_MIGRATION = "SchemaMigration"
    SEQUENCE = "Sequence"
    CREDENTIAL_SET = "CredentialSet"
    IDENTITY_KEY = "IdentityKey"
    RECONCILIATION_TASK = "ReconciliationTask"
    EVENT = "Event"
    ALERT = "Alert"
    STATUS_CHANGE = "StatusChange"
    INCIDENT_SUPPRESSION = "IncidentSuppression"
    SCHEDULE = "Schedule"
    #: the live status feed's counter (``services/live_feed.py``)
    CHANGE_FEED = "ChangeFeed"
    #: CIs whose alerts changed, waiting for the impact evaluator (``services/impact_evaluator.py``)
    IMPACT_WORK = "ImpactWork"
    REPORT_SNAPSHOT = "ReportSnapshot"
    NOTIFICATION_SUBSCRIPTION = "NotificationSubscription"
    NOTIFICATION = "Notification"
    #: a person who signs in with a password (``services/users.py``)
    USER = "User"
    #: a signed-in browser's server-side session (``services/sessions.py``)
    SESSION = "Session"


class WorkKind(StrEnum):
    """What an ``ImpactWork`` entry asks of the impact evaluator."""

    #: re-evaluate the services above these CIs (their alerts changed)
    CIS = "CIS"
    #: search the root-cause candidates of these incidents
    SUSPECTS = "SUSPECTS"


class CIClass(StrEnum):
    """A CI carries the ``CI`` label plus exactly one of these class labels."""

    SERVER = "Server"
    VIRTUAL_MACHINE = "VirtualMachine"
    NETWORK_DEVICE = "NetworkDevice"
    STORAGE_DEVICE = "StorageDevice"
    APPLICATION = "Application"
    DATABASE = "Database"
    LOAD_BALANCER = "LoadBalancer"
    CLUSTER = "Cluster"


class CIStatus(StrEnum):
    OPERATIONAL = "OPERATIONAL"
    DEGRADED = "DEGRADED"
    DOWN = "DOWN"
    MAINTENANCE = "MAINTENANCE"
    UNKNOWN = "UNKNOWN"
    #: new hardware took over its role (``REPLACED_BY`` the new CI); not live any more
    REPLACED = "REPLACED"


class Environment(StrEnum):
    PRODUCTION = "PRODUCTION"
    STAGING = "STAGING"
    TEST = "TEST"
    DEVELOPMENT = "DEVELOPMENT"
    DR = "DR"


class LifecycleState(StrEnum):
    """Where an asset is in its life; the allowed moves are in ``itam/lifecycle.py``."""

    PLANNED = "PLANNED"
    ORDERED = "ORDERED"
    RECEIVED = "RECEIVED"
    IN_STOCK = "IN_STOCK"
    DEPLOYED = "DEPLOYED"
    IN_MAINTENANCE = "IN_MAINTENANCE"
    RETIRED = "RETIRED"
    DISPOSED = "DISPOSED"
    LOST = "LOST"


class DepreciationMethod(StrEnum):
    STRAIGHT_LINE = "STRAIGHT_LINE"
    DECLINING_BALANCE = "DECLINING_BALANCE"


class DisposalMethod(StrEnum):
    """How an asset left the organisation (recorded on its DISPOSED event)."""

    RECYCLED = "RECYCLED"
    RESOLD = "RESOLD"
    DONATED = "DONATED"
    DESTROYED = "DESTROYED"
    RETURNED_TO_VENDOR = "RETURNED_TO_VENDOR"


class ContractKind(StrEnum):
    PURCHASE = "PURCHASE"
    LEASE = "LEASE"
    SUPPORT = "SUPPORT"
    MAINTENANCE = "MAINTENANCE"
    LICENSE = "LICENSE"
    SUBSCRIPTION = "SUBSCRIPTION"


class LicenseMetric(StrEnum):
    """What one unit of a license entitles (DESIGN "License compliance")."""

    PER_DEVICE = "PER_DEVICE"
    PER_USER = "PER_USER"
    PER_CORE = "PER_CORE"


class RelType(StrEnum):
    DEPENDS_ON = "DEPENDS_ON"
    RUNS_ON = "RUNS_ON"
    HOSTED_ON = "HOSTED_ON"
    MEMBER_OF = "MEMBER_OF"
    CONNECTED_TO = "CONNECTED_TO"
    TRACKS = "TRACKS"
    COVERED_BY = "COVERED_BY"
    WITH = "WITH"
    ASSIGNED_TO = "ASSIGNED_TO"
    LOCATED_AT = "LOCATED_AT"
    HAD = "HAD"
    HAS_INSTALLED = "HAS_INSTALLED"
    FOR = "FOR"
    UNDER = "UNDER"
    AFFECTS = "AFFECTS"
    CAUSED_BY = "CAUSED_BY"
    MODIFIES = "MODIFIES"
    OWNED_BY = "OWNED_BY"
    SUPPORTED_BY = "SUPPORTED_BY"
    REPLACED_BY = "REPLACED_BY"
    SUSPECTS = "SUSPECTS"


class IndexRelType(StrEnum):
    """Relationship types of the identity index (``IdentityKey`` nodes), written by the
    Cypher of ``cypher/identity/`` only: never drawn, related or imported as data, but
    part of the graph (the whole-graph export carries them)."""

    #: an identity key to the CI that claims it
    IDENTIFIES = "IDENTIFIES"
    #: an address's key to a CI, one per source that reported it (``address_facts.py``)
    SEEN_ON = "SEEN_ON"


class DependencyKind(StrEnum):
    HARD = "HARD"
    SOFT = "SOFT"

    @property
    def stored(self) -> str:
        """DESIGN stores the kind lower-case on the edge: ``{kind: "hard"}``."""
        return self.value.lower()


class Role(StrEnum):
    #: posts monitoring events to ``/events/*`` and nothing else (no GraphQL at all)
    EVENTS = "events"
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return {"events": 0, "viewer": 1, "editor": 2, "admin": 3}[self.value]

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class Permission(StrEnum):
    """What a token may do beyond its role (an admin may do all of it)."""

    #: start and cancel SNMP scans: they send stored credentials to the targets
    DISCOVERY = "discovery"
    #: read (and write) money: costs, book values, savings (``api/graphql/financials.py``)
    FINANCIALS = "financials"


class LiveKind(StrEnum):
    """What a live status move is about."""

    CI = "CI"
    SERVICE = "SERVICE"


class ScopeKind(StrEnum):
    """What a token's scope names (``graph/visibility.py`` says what is inside each)."""

    ENVIRONMENT = "environment"
    LOCATION = "location"
    #: a team, by name or id (a service's ``owner``, a team a CI is supported by)
    OWNER = "owner"
    SERVICE = "service"


#: Relationship types along which impact propagates ("x needs y").
NEEDS_TYPES: tuple[RelType, ...] = (RelType.DEPENDS_ON, RelType.RUNS_ON, RelType.HOSTED_ON)


class IncidentPriority(StrEnum):
    """P1 is the most urgent."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class IncidentState(StrEnum):
    """Where an incident is; the allowed moves are in ``itsm/states.py``."""

    NEW = "NEW"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class ChangeState(StrEnum):
    """Where a change is; the allowed moves are in ``itsm/states.py``."""

    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    IMPLEMENTING = "IMPLEMENTING"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class TaskState(StrEnum):
    """A reconciliation task is OPEN until a person resolves it."""

    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


class TaskResolution(StrEnum):
    """What a person decided about an ambiguous thing; the decision sticks (a pin)."""

    MERGE_INTO = "MERGE_INTO"  # it is this CI (one of the candidates)
    CREATE_NEW = "CREATE_NEW"  # it is none of them: a new CI
    IGNORE = "IGNORE"  # leave it out of the CMDB


class AlertState(StrEnum):
    """What a monitoring system says of one alert."""

    FIRING = "FIRING"
    RESOLVED = "RESOLVED"


class EventMatch(StrEnum):
    """How an event was bound to a CI (``services/event_binding.py``)."""

    MATCHED = "MATCHED"
    UNMATCHED = "UNMATCHED"  # no CI has its identifiers
    AMBIGUOUS = "AMBIGUOUS"  # several CIs do: not guessed, the candidates are kept


class DiscoveryRunState(StrEnum):
    """A discovery run is RUNNING until it ends DONE, or FAILED (killed, cancelled, crashed)."""

    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"
