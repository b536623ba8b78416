"""Every GraphQL enum, registered once on its domain enum so names never drift.

``strawberry.enum(cls)`` marks the domain class itself as a GraphQL enum, so types,
inputs and arguments annotate with the domain class directly (``ciClass: CIClass``).
``schema.py`` imports this module before the schema is built.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from graphcmdb.discovery.credential_sets import AuthProtocol, PrivProtocol, SnmpVersion
from graphcmdb.discovery.duplicate_remedy import Remedy
from graphcmdb.discovery.duplicates import Confidence, DuplicateKind, Verdict
from graphcmdb.discovery.merge import DropReason, RelOutcome
from graphcmdb.discovery.merge_policy import MergeReason
from graphcmdb.discovery.precedence import DiscoverableField
from graphcmdb.discovery.runs import Phase
from graphcmdb.domain.schedule_models import ScheduledReport, ScheduleKind, ScheduleOutcome
from graphcmdb.graph.enums import (
    ChangeState,
    CIClass,
    CIStatus,
    ContractKind,
    DependencyKind,
    DepreciationMethod,
    DiscoveryRunState,
    DisposalMethod,
    Environment,
    IncidentPriority,
    IncidentState,
    LicenseMetric,
    LifecycleState,
    LiveKind,
    Permission,
    RelType,
    Role,
    ScopeKind,
    TaskResolution,
    TaskState,
)
from graphcmdb.identity.plan import Action
from graphcmdb.itam.compliance import ComplianceStatus
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.itam.valuation import FleetGroupBy
from graphcmdb.itsm.failed_items import WarrantyStatus
from graphcmdb.notify.model import DeliveryState, NotificationChannel, NotificationKind
from graphcmdb.services.graph_collapse import AggregateKind

#: domain enum -> GraphQL name, where the two differ
_RENAMED: dict[type[Enum], str] = {
    RelType: "RelationshipType",
    Phase: "DiscoveryPhase",
    Action: "PlanAction",
    TaskState: "ReconciliationTaskState",
    AuthProtocol: "SnmpAuthProtocol",
    PrivProtocol: "SnmpPrivProtocol",
    Confidence: "DuplicateConfidence",
    Remedy: "DuplicateRemedy",
    Verdict: "EvidenceVerdict",
    RelOutcome: "MergeRelationshipOutcome",
    DropReason: "MergeDropReason",
    DeliveryState: "NotificationDeliveryState",
    AggregateKind: "GraphAggregateKind",
}

_SAME_NAME: tuple[type[Enum], ...] = (
    CIClass,
    CIStatus,
    Environment,
    DependencyKind,
    Role,
    Permission,
    ScopeKind,
    LifecycleState,
    DepreciationMethod,
    DisposalMethod,
    FleetGroupBy,
    ContractKind,
    ExpiringKind,
    LicenseMetric,
    ComplianceStatus,
    IncidentPriority,
    IncidentState,
    ChangeState,
    WarrantyStatus,
    DiscoveryRunState,
    SnmpVersion,
    DuplicateKind,
    TaskResolution,
    MergeReason,
    ScheduleKind,
    ScheduledReport,
    ScheduleOutcome,
    NotificationKind,
    NotificationChannel,
    LiveKind,
)

for _enum in _SAME_NAME:
    strawberry.enum(_enum)
for _enum, _name in _RENAMED.items():
    strawberry.enum(_enum, name=_name)
strawberry.enum(
    DiscoverableField,
    description="CI fields discovery may write (when empty or already discovery's).",
)

REGISTERED: tuple[type[Enum], ...] = (*_SAME_NAME, *_RENAMED, DiscoverableField)
