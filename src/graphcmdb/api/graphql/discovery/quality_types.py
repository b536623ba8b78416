"""GraphQL types of the data-quality report and the stale CIs and links."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.graph.enums import CIClass
from graphcmdb.services.data_quality import ClassQuality, DataQuality
from graphcmdb.services.staleness import LinkEnd, StaleCI, StaleLink


@strawberry.type(description="How many CIs of a class lack one mandatory field.")
class MissingField:
    field: str
    missing: int


@strawberry.type(description="The data quality of one CI class.")
class ClassDataQuality:
    ciClass: CIClass
    total: int
    duplicateSuspects: int = strawberry.field(
        description="CIs of this class in a duplicateCIs group of MEDIUM confidence or more "
        "(a serial of one maker, a MAC, an FQDN, a host name; for logical CIs class and "
        "name, or a name that differs only in blanks and punctuation)."
    )
    withoutAsset: int | None = strawberry.field(
        description="CIs no asset tracks; null for classes that need no asset."
    )
    staleCIs: int
    staleLinks: int = strawberry.field(description="Stale discovered links with an end here.")
    staleAfterDays: int
    mandatoryFields: list[str]
    missingFields: list[MissingField]
    incomplete: int = strawberry.field(description="CIs missing a mandatory field.")
    completeness: float | None = strawberry.field(
        description="Share (0..1) of the class's CIs that have every mandatory field."
    )


@strawberry.type(description="Per class and in all: duplicates, asset gaps, stale items, "
                 "missing mandatory fields and completeness.")  # fmt: skip
class DataQualityReport:
    asOf: datetime
    totalCIs: int
    completeCIs: int
    completeness: float | None = strawberry.field(
        description="Share (0..1) of all CIs that have every mandatory field of their class."
    )
    duplicateSuspects: int = strawberry.field(
        description="CIs in a duplicateCIs group of MEDIUM confidence or more (each once)."
    )
    cisWithoutAsset: int
    assetsWithoutCI: int = strawberry.field(
        description="Assets in use (DEPLOYED, IN_MAINTENANCE) that track no CI."
    )
    staleCIs: int
    staleLinks: int
    classes: list[ClassDataQuality]


@strawberry.enum
class StaleReason(Enum):
    NOT_SEEN_BY_COVERING_RUN = "NOT_SEEN_BY_COVERING_RUN"
    NOT_CONFIRMED = "NOT_CONFIRMED"


@strawberry.type(description="A CI nobody confirmed within its class's period.")
class StaleCIEntry:
    ci: CIType
    confirmedAt: datetime = strawberry.field(
        description="Last seen by a source, else last edited, else created."
    )
    staleAfterDays: int


@strawberry.type
class LinkEndRef:
    id: strawberry.ID
    name: str
    ciClass: CIClass


@strawberry.type(description="A discovered CONNECTED_TO link that is stale; never deleted.")
class StaleLinkEntry:
    id: strawberry.ID | None
    fromCI: LinkEndRef
    toCI: LinkEndRef
    localPort: str | None
    remotePort: str | None
    source: str
    confirmedAt: datetime = strawberry.field(description="Last seen, else created.")
    staleSince: datetime | None = strawberry.field(
        description="When a run that covered both ends did not see it."
    )
    staleRun: strawberry.ID | None
    reason: StaleReason


def _class(c: ClassQuality) -> ClassDataQuality:
    return ClassDataQuality(
        ciClass=c.ci_class,
        total=c.total,
        duplicateSuspects=c.duplicate_suspects,
        withoutAsset=c.without_asset,
        staleCIs=c.stale_cis,
        staleLinks=c.stale_links,
        staleAfterDays=c.stale_after_days,
        mandatoryFields=list(c.mandatory_fields),
        missingFields=[MissingField(field=g.field, missing=g.missing) for g in c.missing_fields],
        incomplete=c.incomplete,
        completeness=c.completeness,
    )


def to_report(q: DataQuality) -> DataQualityReport:
    return DataQualityReport(
        asOf=q.as_of,
        totalCIs=q.total,
        completeCIs=q.complete,
        completeness=q.completeness,
        duplicateSuspects=q.duplicate_suspects,
        cisWithoutAsset=q.without_asset,
        assetsWithoutCI=q.assets_without_ci,
        staleCIs=q.stale_cis,
        staleLinks=q.stale_links,
        classes=[_class(c) for c in q.classes],
    )


def to_stale_ci(s: StaleCI) -> StaleCIEntry:
    return StaleCIEntry(
        ci=to_ci(s.ci), confirmedAt=s.confirmed_at, staleAfterDays=s.stale_after_days
    )


def _end(e: LinkEnd) -> LinkEndRef:
    return LinkEndRef(id=strawberry.ID(e.id), name=e.name, ciClass=e.ci_class)


def to_stale_link(s: StaleLink) -> StaleLinkEntry:
    return StaleLinkEntry(
        id=strawberry.ID(s.id) if s.id else None,
        fromCI=_end(s.from_ci),
        toCI=_end(s.to_ci),
        localPort=s.local_port,
        remotePort=s.remote_port,
        source=s.source,
        confirmedAt=s.confirmed_at,
        staleSince=s.stale_since,
        staleRun=strawberry.ID(s.stale_run) if s.stale_run else None,
        reason=StaleReason.NOT_SEEN_BY_COVERING_RUN if s.stale_since else StaleReason.NOT_CONFIRMED,
    )
