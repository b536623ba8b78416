"""What incidents and changes share: numbers, checked link targets, sane times, and one
impact graph for many records at once (so a page of them costs a bounded number of queries)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from graphcmdb.db import scoping
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.history import reading_as_of
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import Stored
from graphcmdb.domain.rel_specs import REL_SPECS, describe, endpoint_matches
from graphcmdb.errors import IllegalRelationship, NotFound, ValidationFailed
from graphcmdb.graph.enums import RelType
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.itsm.numbering import NumberSeries, format_number
from graphcmdb.services import impact_fetch, nodes, visible
from graphcmdb.services.actor import Actor
from graphcmdb.services.lifecycle import CLOCK_SKEW
from graphcmdb.services.relations import endpoint_labels


async def next_number(tx: Tx, series: NumberSeries) -> str:
    row = await tx.one(Q.ITSM_NEXT_NUMBER, series=series.name)
    assert row is not None
    return format_number(series, int(row["value"]))


async def reserve_numbers(tx: Tx, series: NumberSeries, count: int) -> list[str]:
    """The next ``count`` numbers of ``series``, in order (one counter update)."""
    if count == 0:
        return []
    row = await tx.one(Q.ITSM_RESERVE_NUMBERS, series=series.name, count=count)
    assert row is not None
    first = int(row["last"]) - count + 1
    return [format_number(series, first + n) for n in range(count)]


S = TypeVar("S", bound=Stored)


@dataclass(frozen=True)
class Numbered(Generic[S]):
    """How one kind of numbered record (incident, change) is created with its links."""

    series: NumberSeries
    spec: NodeSpec[S]
    #: links the new record to ``field``'s ids (``$id``, ``$<field>``)
    links: Q
    link: RelType
    #: the input field, and query parameter, holding the linked ids
    field: str
    operation: str


async def create_numbered(
    db: Database,
    actor: Actor,
    kind: Numbered[S],
    props: dict[str, Any],
    linked: list[str],
    then: Callable[[Tx, S], Awaitable[object]] | None = None,
) -> S:
    """Check the link targets, take the next number, create, audit, and ``then`` (what
    the creation implies, e.g. its notifications): one transaction."""

    async def work(tx: Tx) -> S:
        await check_targets(tx, kind.link, linked, kind.field)
        number = await next_number(tx, kind.series)
        record = await nodes.create_in(
            tx,
            actor,
            kind.spec,
            props | {"number": number, "name": number},
            operation=kind.operation,
            links={kind.field: linked},
        )
        await tx.run(kind.links, id=record.id, **{kind.field: linked})
        if then is not None:
            await then(tx, record)
        return record

    return await db.write(work)


@dataclass(frozen=True)
class _Target:
    id: str
    labels: tuple[str, ...]


async def check_targets(tx: Tx, rel: RelType, ids: list[str], field: str) -> None:
    """Unknown ids, and ids the caller's scopes hide, are ``NOT_FOUND``; nodes ``rel``
    may not point at are refused."""
    labels = await endpoint_labels(tx, ids)
    found = [_Target(i, tuple(labels[i])) for i in ids]
    seen = await visible.visible_nodes_in(tx, found)  # None (nothing run): not scoped
    if seen is not None and any(i not in seen for i in ids):
        raise NotFound("node", list(dict.fromkeys(i for i in ids if i not in seen)))
    allowed = REL_SPECS[rel].targets
    wrong = [i for i in ids if not endpoint_matches(labels[i], allowed)]
    if wrong:
        raise IllegalRelationship(
            f"'{field}' takes a {describe(allowed)}; {', '.join(wrong)} is not.",
            type=rel.value,
            field=field,
            ids=wrong,
        )


def check_not_future(at: datetime, field: str) -> None:
    if at > datetime.now(UTC) + CLOCK_SKEW:
        raise ValidationFailed(f"'{field}' ({at.isoformat()}) is in the future.", field=field)


async def shared_upstream(db: Database, groups: Mapping[str, Collection[str]]) -> NeedsGraph:
    """One upstream region for the union of ``groups``.

    Evaluating one group on the union's region gives the same answer as on its own:
    that region contains the group's, and the other nodes in it do not need any of
    the group's nodes, so they stay OK.
    """
    ids = sorted({i for group in groups.values() for i in group})
    return await impact_fetch.upstream(db, ids) if ids else NeedsGraph()


@dataclass(frozen=True)
class IncidentTimes:
    """What decides which graph an incident's reports read."""

    id: str
    opened_at: datetime
    created_at: datetime | None
    affects: tuple[str, ...]


async def topology_moments(
    db: Database, incidents: Collection[IncidentTimes]
) -> dict[str, datetime]:
    """Per incident, the moment whose graph its reports read: when it was opened, unless
    the history did not hold what it affects then (a record imported after the fact,
    older than the graph's history: before versioning, history says "as it is now since
    it was created", ``db/history.seed``); then when graphcmdb recorded it. One read."""
    late = [i for i in incidents if i.created_at is not None and i.created_at > i.opened_at]
    covered: set[str] = set()
    if late:
        rows = [{"key": i.id, "at": i.opened_at, "ids": list(i.affects)} for i in late]
        found = await db.read(Q.HISTORY_COVERED_AT, rows=rows)
        covered = {r["key"] for r in found if r["covered"]}
    return {
        i.id: i.opened_at
        if i.created_at is None or i.created_at <= i.opened_at or i.id in covered
        else i.created_at
        for i in incidents
    }


async def upstream_of_their_time(
    db: Database, groups: Mapping[str, Collection[str]], moments: Mapping[str, datetime]
) -> dict[str, NeedsGraph]:
    """Per group, the upstream region of its ids on the graph as of its moment; groups of
    one moment share one read. Ids absent then are left out, not an error. A caller with
    scopes reads today's graph as it may see it (the past has no visibility rules yet)."""
    if scoping.is_scoped():
        present = await shared_upstream(db, groups)
        return dict.fromkeys(groups, present)
    by_moment: dict[datetime, list[str]] = {}
    for key in groups:
        by_moment.setdefault(moments[key], []).append(key)

    async def work(tx: Tx) -> dict[str, NeedsGraph]:
        graphs: dict[str, NeedsGraph] = {}
        for moment, keys in sorted(by_moment.items()):
            ids = sorted({i for key in keys for i in groups[key]})
            with reading_as_of(moment):
                graph = await impact_fetch.upstream_in(tx, ids, known_only=True)
            graphs |= dict.fromkeys(keys, graph)
        return graphs

    return await db.read_tx(work)
