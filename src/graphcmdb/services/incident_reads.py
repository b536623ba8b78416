"""Reading incidents: pages, what they affect and why, their impact and failed items.

Every function takes many ids and runs a bounded number of queries, so the GraphQL
loaders answer a page of incidents without one query per incident.

"Incidents of a node" (``by_node``, the ``ciId``/``serviceId`` filters, a service's
``openIncidents``) are the incidents AFFECTing the node itself or anything it needs,
transitively: the shop's incidents include the one opened on hypervisor h1.

An incident's impact is computed on read from its stored ``AFFECTS`` set, every target
(CI or service) taken as DOWN: it is always current, and a page of incidents shares one
upstream graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graphcmdb.db import scoping
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.history import reading_as_of
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import (
    AnyNodeRecord,
    AssetRecord,
    CIRecord,
    ContractRecord,
    IncidentRecord,
    VendorRecord,
)
from graphcmdb.domain.specs import ASSET_SPEC, CI_SPEC, CONTRACT_SPEC, INCIDENT_SPEC, VENDOR_SPEC
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import IncidentPriority, IncidentState, Label
from graphcmdb.impact.engine import evaluate
from graphcmdb.itsm.failed_items import SUPPORT_KINDS, WarrantyStatus, support_contract
from graphcmdb.itsm.failed_items import warranty_status as warranty_on
from graphcmdb.services import impact_fetch, nodes, visible
from graphcmdb.services.impact import ImpactReport, build_report, redacted
from graphcmdb.services.itsm_common import IncidentTimes, shared_upstream, topology_moments
from graphcmdb.services.listing import Listing
from graphcmdb.services.paging import Page, PageRequest


@dataclass(frozen=True)
class IncidentFilter:
    state: IncidentState | None = None
    priority: IncidentPriority | None = None
    #: incidents hitting this CI / service (both given: hitting both)
    ciId: str | None = None
    serviceId: str | None = None

    def params(self) -> dict[str, object]:
        return {"state": self.state, "priority": self.priority}

    @property
    def node_ids(self) -> list[str]:
        return [i for i in (self.ciId, self.serviceId) if i]


@dataclass(frozen=True)
class FailedItem:
    ci: CIRecord
    asset: AssetRecord | None
    contract: ContractRecord | None
    vendor: VendorRecord | None
    warranty: WarrantyStatus


def _grouped(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        grouped[r["id"]].append(r[key])
    return grouped


async def get_incidents(db: Database, ids: list[str]) -> dict[str, IncidentRecord]:
    return await nodes.get_many(db, INCIDENT_SPEC, ids)


async def by_numbers(db: Database, numbers: list[str]) -> dict[str, AnyNodeRecord]:
    """Incidents and changes by number (what people type on the command line), as their
    records (``IncidentRecord``, ``ChangeRecord``)."""
    rows = await db.read(Q.ITSM_BY_NUMBERS, numbers=numbers)
    return {r["number"]: nodes.as_node(r["node"]) for r in rows}


async def _by_node(
    tx: Tx, node_ids: list[str], states: Iterable[IncidentState] | None, limit: int | None
) -> dict[str, list[Row]]:
    rows = await tx.run(
        Q.INCIDENT_BY_NODE_IDS,
        ids=node_ids,
        states=[s.value for s in states] if states is not None else None,
        limit=limit,
    )
    return {r["id"]: r["incidents"] for r in rows}


async def by_node(
    db: Database,
    node_ids: list[str],
    states: Iterable[IncidentState] | None = None,
    limit: int | None = None,
) -> dict[str, list[IncidentRecord]]:
    """Per node, the incidents hitting it (see the module doc), newest first."""

    async def work(tx: Tx) -> dict[str, list[Row]]:
        return await _by_node(tx, node_ids, states, limit)

    found = await db.read_tx(work)
    return {node_id: nodes.as_records(INCIDENT_SPEC, rows) for node_id, rows in found.items()}


async def _matching_ids(tx: Tx, flt: IncidentFilter) -> list[str] | None:
    """Ids hitting every node of the filter; None when the filter names no node."""
    if not flt.node_ids:
        return None
    # a hidden node: as if missing
    seen = await visible.visible_in(tx, flt.node_ids, (Label.CI, Label.SERVICE))
    found = await _by_node(tx, [n for n in flt.node_ids if seen is None or n in seen], None, None)
    sets = [{i["id"] for i in found.get(n, [])} for n in flt.node_ids]
    return sorted(set.intersection(*sets))


async def list_incidents(
    db: Database, flt: IncidentFilter, req: PageRequest
) -> Page[IncidentRecord]:
    async def work(tx: Tx) -> Page[IncidentRecord]:
        ids = await _matching_ids(tx, flt)
        return await nodes.list_in(tx, INCIDENT_SPEC, flt.params() | {"ids": ids}, req)

    return await db.read_tx(work)


async def count_incidents(db: Database, flt: IncidentFilter) -> int:
    async def work(tx: Tx) -> int:
        ids = await _matching_ids(tx, flt)
        return await nodes.count_in(tx, INCIDENT_SPEC, flt.params() | {"ids": ids})

    return await db.read_tx(work)


LISTING = Listing(list_incidents, count_incidents)


async def affects(db: Database, ids: list[str]) -> dict[str, list[AnyNodeRecord]]:
    """What each incident AFFECTS (CIs and services), by name."""
    found = _grouped(await db.read(Q.INCIDENT_AFFECTS_BY_IDS, ids=ids), "node")
    return {k: [nodes.as_node(n) for n in v] for k, v in found.items()}


async def causes(db: Database, ids: list[str]) -> dict[str, AnyNodeRecord]:
    """Each resolved incident's recorded cause: a CI or a change."""
    rows = await db.read(Q.INCIDENT_CAUSE_BY_IDS, ids=ids)
    return {r["id"]: nodes.as_node(r["cause"]) for r in rows}


async def impacts(db: Database, ids: list[str]) -> dict[str, ImpactReport]:
    """Each incident's impact: its AFFECTS targets DOWN, on one shared upstream graph."""
    targets = {k: [n.id for n in v] for k, v in (await affects(db, ids)).items()}
    graph = await shared_upstream(db, targets)
    reports = {i: build_report(graph, evaluate(graph, set(targets.get(i, ())))) for i in ids}
    return await redacted(db, reports)


async def impact_when_opened(db: Database, incident_id: str) -> ImpactReport:
    """The incident's impact (its AFFECTS targets DOWN, as recorded) on the graph as it
    stood when it was opened (``itsm_common.topology_moments``): what an incident review
    asks. A target that did not exist then is left out."""
    times = await incident_times(db, [incident_id])
    if not times:
        raise NotFound("incident", [incident_id])
    targets = list(times[0].affects)
    moment = (await topology_moments(db, times))[incident_id]
    with reading_as_of(moment):
        graph = await impact_fetch.upstream(db, targets, known_only=True)
        report = build_report(graph, evaluate(graph, set(targets)))
        return (await redacted(db, {incident_id: report}))[incident_id]


async def incident_times(db: Database, ids: list[str]) -> list[IncidentTimes]:
    rows = await db.read(Q.INCIDENT_TIMES_BY_IDS, ids=ids)
    return [
        IncidentTimes(r["id"], r["openedAt"], r["createdAt"], tuple(r["affects"])) for r in rows
    ]


async def failed_items(db: Database, ids: list[str]) -> dict[str, list[FailedItem]]:
    """Per incident and affected CI: asset, covering support contract, its vendor and the
    warranty, all judged on the day the incident was opened from the records of then
    (history, ``itsm_common.topology_moments``); a caller with scopes judges today's
    records (the past has no visibility rules yet)."""
    kinds = [k.value for k in SUPPORT_KINDS]
    if scoping.is_scoped():
        rows = await db.read(Q.INCIDENT_FAILED_ITEMS, ids=ids, kinds=kinds)
    else:
        moments = await topology_moments(db, await incident_times(db, ids))
        at = [{"id": i, "at": moment} for i, moment in moments.items()]
        rows = await db.read(Q.HISTORY_INCIDENT_FAILED_ITEMS, rows=at, kinds=kinds)
    grouped: dict[str, list[FailedItem]] = defaultdict(list)
    for r in rows:
        day = r["openedAt"].date()
        contract = support_contract(r["contracts"], day)
        vendor = contract.get("vendor") if contract else None
        grouped[r["id"]].append(
            FailedItem(
                ci=nodes.as_record(CI_SPEC, r["ci"]),
                asset=nodes.as_record(ASSET_SPEC, r["asset"]) if r["asset"] else None,
                contract=nodes.as_record(CONTRACT_SPEC, contract) if contract else None,
                vendor=nodes.as_record(VENDOR_SPEC, vendor) if vendor else None,
                warranty=warranty_on(r["asset"], day),
            )
        )
    return grouped
