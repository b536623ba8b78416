"""GraphQL types for discovery runs and credential sets (public fields only)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.discovery import credential_sets as c
from graphcmdb.discovery.credential_policy import weaknesses
from graphcmdb.discovery.credential_sets import SnmpVersion
from graphcmdb.discovery.runs import Phase
from graphcmdb.domain.system_records import CredentialSetRecord, DiscoveryRunRecord
from graphcmdb.graph.enums import DiscoveryRunState


@strawberry.type
class DiscoveryProgress:
    phase: Phase
    done: int
    total: int = strawberry.field(description="Targets while scanning, devices after.")


@strawberry.type
class DiscoveryCounts:
    new: int
    updated: int
    unchanged: int
    unreachable: int
    errors: int


@strawberry.type(description="A target that gave no written device, and why.")
class DiscoveryFailure:
    target: str
    kind: str = strawberry.field(description="UNREACHABLE, AUTH_FAILED, ERROR, RECONCILE_FAILED")
    reason: str


@strawberry.type(name="DiscoveryRun", description="One discovery job and what it found.")
class DiscoveryRunType:
    id: strawberry.ID
    name: str
    source: str
    targets: list[str]
    state: DiscoveryRunState
    startedAt: datetime
    finishedAt: datetime | None
    startedBy: str | None
    credentialSet: str | None
    concurrency: int | None
    progress: DiscoveryProgress
    counts: DiscoveryCounts
    failures: list[DiscoveryFailure] = strawberry.field(
        description="Every failed target with its reason (the first 1000)."
    )
    message: str | None = strawberry.field(description="Why a FAILED run stopped.")
    dryRun: bool = strawberry.field(description="A preview: nothing was written.")


def to_run(run: DiscoveryRunRecord) -> DiscoveryRunType:
    return from_record(
        DiscoveryRunType,
        run,
        id=strawberry.ID(run.id),
        targets=list(run.targets),
        progress=DiscoveryProgress(phase=Phase(run.phase), done=run.done, total=run.total),
        counts=DiscoveryCounts(
            new=run.countNew,
            updated=run.countUpdated,
            unchanged=run.countUnchanged,
            unreachable=run.countUnreachable,
            errors=run.countErrors,
        ),
        failures=[from_record(DiscoveryFailure, f) for f in run.failures],
    )


@strawberry.type(
    name="CredentialSet",
    description="Named SNMP credentials. Secrets (community, keys) are write-only.",
)
class CredentialSetType:
    id: strawberry.ID
    name: str
    version: SnmpVersion
    user: str | None = strawberry.field(description="The SNMPv3 user (null for V2C).")
    targetRanges: list[str] = strawberry.field(
        description="The CIDR ranges a scan with this set may reach."
    )
    insecure: bool = strawberry.field(
        description="Its SNMP settings are weak (an admin allowed it)."
    )
    insecureReasons: list[str]


def to_credential_set(credential_set: CredentialSetRecord) -> CredentialSetType:
    reasons = credential_set.insecureReasons or weaknesses(
        credential_set.version, None, credential_set.authProtocol, credential_set.privProtocol
    )  # a set stored before the reasons were: what its public fields tell
    return CredentialSetType(
        id=strawberry.ID(credential_set.id),
        name=credential_set.name,
        version=c.SnmpVersion(credential_set.version),
        user=credential_set.v3User,
        targetRanges=list(credential_set.targetRanges),
        insecure=bool(reasons),
        insecureReasons=list(reasons),
    )
