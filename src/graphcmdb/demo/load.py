"""Write the demo dataset through the service layer (audit entries included).

Idempotent: CIs are upserted by natural key, services are looked up by name and
updated only when they differ, and relationships are merged (one per pair and
type), so loading twice leaves the same graph as loading once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from graphcmdb.db.database import Database
from graphcmdb.demo.enterprise import build_enterprise
from graphcmdb.demo.model import DemoDataset, DemoService, NodeRef, ServiceRef
from graphcmdb.domain.models import RelateInput
from graphcmdb.domain.records import ServiceRecord
from graphcmdb.errors import Duplicate
from graphcmdb.services import bulk, business_services, relations
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.business_services import ServiceFilter
from graphcmdb.services.paging import PageRequest, decode_cursor

#: ``progress(stage, done, total)``; stages are "cis", "services", "relationships"
Progress = Callable[[str, int, int], None]
PAGE = 500


@dataclass(frozen=True)
class DemoSummary:
    cis: int
    services: int
    relationships: int
    cis_created: int = 0
    services_created: int = 0
    services_updated: int = 0
    seconds: float = 0.0


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback."""


async def load_demo(
    db: Database,
    progress: Progress | None = None,
    *,
    dataset: DemoDataset | None = None,
    actor: Actor | None = None,
) -> DemoSummary:
    """Load :func:`build_enterprise` (or ``dataset``) into the graph; safe to repeat."""
    data = dataset if dataset is not None else build_enterprise()
    who = actor or system_actor("demo")
    report = progress or _silent
    started = time.perf_counter()

    rows = [ci.row() for ci in data.cis]
    report("cis", 0, len(rows))
    upserted = await bulk.upsert_cis(db, who, rows)
    ids: dict[NodeRef, str] = {
        ci.ref: ci_id for ci, ci_id in zip(data.cis, upserted.ids, strict=True)
    }
    report("cis", len(rows), len(rows))

    created, updated = await _load_services(db, who, data.services, ids, report)
    written = await _load_relationships(db, who, data, ids, report)
    return DemoSummary(
        cis=len(upserted.ids),
        services=len(data.services),
        relationships=written,
        cis_created=upserted.created,
        services_created=created,
        services_updated=updated,
        seconds=round(time.perf_counter() - started, 3),
    )


async def existing_services(db: Database, names: set[str]) -> dict[str, ServiceRecord]:
    """Stored services with one of ``names``, keyed by name (pages through all services)."""
    found: dict[str, ServiceRecord] = {}
    req = PageRequest(PAGE, None)
    while True:
        page = await business_services.LISTING.page(db, ServiceFilter(), req)
        found.update({s.name: s for s in page.items if s.name in names})
        if not page.has_next:
            return found
        req = PageRequest(PAGE, decode_cursor(page.cursors[-1]))


async def _load_services(
    db: Database,
    who: Actor,
    services: tuple[DemoService, ...],
    ids: dict[NodeRef, str],
    report: Progress,
) -> tuple[int, int]:
    """Create missing services and bring changed ones back to the demo values."""
    stored = await existing_services(db, {s.name for s in services})
    created = updated = 0
    report("services", 0, len(services))
    for done, svc in enumerate(services, start=1):
        ids[ServiceRef(svc.name)], new, changed = await ensure_service(
            db, who, svc, stored.get(svc.name)
        )
        created += new
        updated += changed
        report("services", done, len(services))
    return created, updated


async def ensure_service(
    db: Database, actor: Actor, svc: DemoService, current: ServiceRecord | None
) -> tuple[str, bool, bool]:
    """The service's id, whether it had to be created and whether it was brought back
    to the demo values."""
    created = False
    if current is None:
        try:
            current = await business_services.create_service(db, actor, svc.create_input())
            created = True
        except Duplicate:  # created meanwhile by someone else: treat as existing
            current = (await existing_services(db, {svc.name}))[svc.name]
    updated = svc.differs_from(current)
    if updated:
        await business_services.update_service(db, actor, current.id, svc.update_input())
    return current.id, created, updated


async def _load_relationships(
    db: Database,
    who: Actor,
    data: DemoDataset,
    ids: dict[NodeRef, str],
    report: Progress,
) -> int:
    items = [
        RelateInput(
            fromId=ids[r.source],
            type=r.type,
            toId=ids[r.target],
            kind=r.kind,
            localPort=r.localPort,
            remotePort=r.remotePort,
        )
        for r in data.relationships
    ]
    report("relationships", 0, len(items))
    written = await relations.relate_many(db, who, items)
    report("relationships", len(items), len(items))
    return written
