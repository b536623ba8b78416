"""GraphQL inputs for discovery, credential sets and merges."""

from __future__ import annotations

import strawberry

from graphcmdb.discovery.credential_sets import AuthProtocol, PrivProtocol, SnmpVersion


@strawberry.input
class StartDiscoveryInput:
    targets: list[str] = strawberry.field(
        description="Addresses, host names or CIDR ranges, optionally with ':port'."
    )
    credentialSet: str = strawberry.field(description="The name of a credential set.")
    concurrency: int | None = strawberry.field(
        default=None, description="Targets scanned at once (1-256, default 16)."
    )
    dryRun: bool = strawberry.field(
        default=False,
        description="Scan and identify, write nothing: the run's counts are the plan.",
    )


@strawberry.input(description="V2C needs community; V3 needs v3User (+ auth, + privacy).")
class CredentialSetInput:
    name: str
    version: SnmpVersion
    community: str | None = strawberry.UNSET
    v3User: str | None = strawberry.UNSET
    authProtocol: AuthProtocol | None = strawberry.UNSET
    authKey: str | None = strawberry.UNSET
    privProtocol: PrivProtocol | None = strawberry.UNSET
    privKey: str | None = strawberry.UNSET
    targetRanges: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="CIDR ranges a scan with this set may reach (at most 64); a set with "
        "none cannot be used.",
    )
    allowInsecure: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Store weak settings anyway (V2C, V3 without authentication, MD5, "
        "DES); the set is then listed as insecure.",
    )


@strawberry.input
class MergeCIsInput:
    keepId: strawberry.ID
    mergeIds: list[strawberry.ID]
    force: bool = strawberry.field(
        default=False,
        description="Merge anyway: CIs of different classes, or whose serials differ.",
    )
    dryRun: bool = strawberry.field(
        default=False,
        description="Preview: run the merge in a transaction that is rolled back and "
        "answer its plan; nothing is written.",
    )
    planToken: str | None = strawberry.field(
        default=None,
        description="A preview's plan.token: the merge is applied only if its plan is "
        "still that one (PLAN_STALE otherwise, nothing written).",
    )
