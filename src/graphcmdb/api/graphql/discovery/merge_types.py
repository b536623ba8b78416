"""GraphQL types of the duplicate report and of merges (and their previews)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.discovery.duplicate_remedy import Remedy
from graphcmdb.discovery.duplicates import Confidence, DuplicateKind, Evidence, Verdict
from graphcmdb.discovery.merge import DropReason, RelationshipChange, RelOutcome
from graphcmdb.discovery.merge_policy import FieldDecision, MergePlan, MergeReason
from graphcmdb.services.discovery_duplicates import DuplicateGroup
from graphcmdb.services.discovery_merge import MergeResult


def _plain(value: object) -> object:
    """A stored value as JSON (moments as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@strawberry.type(description="One identifier the CIs of a duplicate group share or not.")
class DuplicateEvidence:
    identifier: str = strawberry.field(
        description="SERIAL, MANUFACTURER, MAC, FQDN, HOST, IP, CLASS or ENVIRONMENT; for "
        "logical CIs also SPELLING (the names as typed) and NEIGHBOURS (what both are "
        "related to)."
    )
    verdict: Verdict
    values: list[str] = strawberry.field(
        description="The shared value(s) when they agree; the differing ones otherwise."
    )
    note: str | None


def to_evidence(e: Evidence) -> DuplicateEvidence:
    return DuplicateEvidence(
        identifier=e.identifier, verdict=e.verdict, values=list(e.values), note=e.note
    )


@strawberry.type(description="CIs sharing one identifier, oldest first.")
class DuplicateCIGroup:
    kind: DuplicateKind
    value: str
    cis: list[CIType]
    key: str = strawberry.field(description="The normalised identity key they share.")
    confidence: Confidence = strawberry.field(
        description="HIGH: merge; MEDIUM: check; LOW: probably not; NONE: not a duplicate "
        "(the serials differ: two boxes)."
    )
    score: float = strawberry.field(description="0 (not a duplicate) to 1.")
    summary: str = strawberry.field(description="What agrees and what differs, in words.")
    evidence: list[DuplicateEvidence]
    remedy: Remedy = strawberry.field(
        description="MERGE (HIGH and nothing differs: mergeCIs, keeping the oldest), "
        "RENAME (logical CIs in different environments: two instances), REVIEW (a person "
        "checks first) or KEEP_APART (not a duplicate). Never a merge of things that differ."
    )
    remedyNote: str = strawberry.field(description="The remedy in words (the merge to run).")


def to_group(group: DuplicateGroup) -> DuplicateCIGroup:
    return DuplicateCIGroup(
        kind=group.kind,
        value=group.value,
        cis=[to_ci(r) for r in group.cis],
        key=group.key,
        confidence=group.confidence,
        score=group.score,
        summary=group.summary,
        evidence=[to_evidence(e) for e in group.evidence],
        remedy=group.remedy,
        remedyNote=group.remedy_note,
    )


@strawberry.type(description="A merged CI's value of one field.")
class MergeIncomingValue:
    ciId: strawberry.ID
    value: JSON
    discovered: bool = strawberry.field(description="Discovery's value, not a person's.")


@strawberry.type(description="What a merge does to one field of the kept CI, and why.")
class MergeFieldDecision:
    field: str
    kept: JSON | None = strawberry.field(description="The kept CI's value before the merge.")
    incoming: list[MergeIncomingValue]
    value: JSON | None = strawberry.field(description="The value after the merge.")
    winner: str = strawberry.field(description="The id of the CI whose value won, or '*'.")
    reason: MergeReason
    changed: bool
    discovered: bool = strawberry.field(description="Discovery owns the field after the merge.")


def to_decision(d: FieldDecision) -> MergeFieldDecision:
    return MergeFieldDecision(
        field=d.field,
        kept=JSON(_plain(d.kept)),
        incoming=[
            MergeIncomingValue(
                ciId=strawberry.ID(i.ci_id), value=JSON(_plain(i.value)), discovered=i.discovered
            )
            for i in d.incoming
        ],
        value=JSON(_plain(d.value)),
        winner=d.winner,
        reason=d.reason,
        changed=d.changed,
        discovered=d.discovered,
    )


@strawberry.type(description="A relationship of a merged CI: moved to the kept CI, or dropped.")
class MergeRelationshipChange:
    type: str
    fromId: strawberry.ID
    toId: strawberry.ID
    outcome: RelOutcome
    newFromId: strawberry.ID
    newToId: strawberry.ID
    reason: DropReason | None
    properties: JSON


def to_rel_change(c: RelationshipChange) -> MergeRelationshipChange:
    return MergeRelationshipChange(
        type=c.type,
        fromId=strawberry.ID(c.from_id),
        toId=strawberry.ID(c.to_id),
        outcome=c.outcome,
        newFromId=strawberry.ID(c.new_from_id),
        newToId=strawberry.ID(c.new_to_id),
        reason=c.reason,
        properties=JSON(_plain(dict(c.props))),
    )


@strawberry.type(name="MergePlan", description="Everything a merge does, field by field.")
class MergePlanType:
    token: str = strawberry.field(
        description="Pass it as planToken to apply exactly this plan (PLAN_STALE otherwise)."
    )
    fields: list[MergeFieldDecision]
    relationships: list[MergeRelationshipChange]


def to_plan(plan: MergePlan) -> MergePlanType:
    return MergePlanType(
        token=plan.token,
        fields=[to_decision(d) for d in plan.fields],
        relationships=[to_rel_change(r) for r in plan.relationships],
    )


@strawberry.type
class MergeCIsResult:
    ci: CIType = strawberry.field(description="The kept CI after the merge (as it would be).")
    mergedIds: list[strawberry.ID]
    movedRelationships: int
    droppedRelationships: int = strawberry.field(
        description="Relationships the kept CI already had, or between the merged CIs."
    )
    dryRun: bool = strawberry.field(description="A preview: nothing was written.")
    plan: MergePlanType
    auditEntryId: strawberry.ID | None = strawberry.field(
        description="The audit entry of the merge (null for a preview)."
    )


def to_merge_result(result: MergeResult) -> MergeCIsResult:
    return MergeCIsResult(
        ci=to_ci(result.ci),
        mergedIds=[strawberry.ID(i) for i in result.merged_ids],
        movedRelationships=result.moved,
        droppedRelationships=result.dropped,
        dryRun=result.dry_run,
        plan=to_plan(result.plan),
        auditEntryId=strawberry.ID(result.audit_id) if result.audit_id else None,
    )
