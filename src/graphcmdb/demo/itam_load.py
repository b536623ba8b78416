"""Load the demo's ITAM side (:func:`~graphcmdb.demo.itam.build_itam`) through the
services, as an import from another register would: vendors, locations and people
upserted by natural key; assets, contracts, licenses and installations through the
import batch paths; where assets are and who holds them, their lifecycle histories and
the last discovery sweep through their bulk services. Each step is one transaction with
one audit entry by the ``demo`` actor when it changed something.

Idempotent, like the CI part: loading twice on the same day changes nothing. Loading
on a later day refreshes the demo to that day: dates move, and a demo asset's lifecycle
history is told again (moves made since are dropped), as the CI part restores changed
services. The CI part must be loaded first (:func:`load_full_demo` does both).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

from graphcmdb.db.database import Database
from graphcmdb.demo.enterprise import build_enterprise
from graphcmdb.demo.itam import build_itam
from graphcmdb.demo.itam_model import ItamDataset
from graphcmdb.demo.itsm_load import ItsmSummary, load_itsm, refuse_missing, stored_ci_ids
from graphcmdb.demo.load import DemoSummary, Progress, load_demo
from graphcmdb.demo.model import CIRef, DemoDataset
from graphcmdb.graph.enums import CIClass
from graphcmdb.importing.files import ImportKind, ImportReport, import_rows
from graphcmdb.services import asset_history, asset_placement, people_places, sightings
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.asset_history import AssetHistory
from graphcmdb.services.asset_placement import Placement
from graphcmdb.services.people_places import Kind
from graphcmdb.services.sightings import Sighting

#: ``sources`` entry of the CIs the demo's discovery sweep saw
SOURCE = "demo"


@dataclass(frozen=True)
class ItamSummary:
    assets: int
    events: int
    contracts: int
    licenses: int
    installs: int
    #: nodes created by this load
    created: int = 0
    #: nodes, relationships and histories this load created or changed
    written: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class FullDemoSummary:
    cmdb: DemoSummary
    itam: ItamSummary
    itsm: ItsmSummary

    def __str__(self) -> str:
        c, i, s = self.cmdb, self.itam, self.itsm
        return (
            f"{c.cis} CIs ({c.cis_created} new), {c.services} services, "
            f"{c.relationships} relationships; {i.assets} assets with {i.events} lifecycle "
            f"events, {i.contracts} contracts, {i.licenses} licenses, {i.installs} "
            f"installations ({i.created} ITAM records new, {i.written} writes); "
            f"{s.incidents} incidents and {s.changes} changes ({s.created} new); "
            f"{c.seconds + i.seconds + s.seconds:.1f} s"
        )


async def ci_ids(db: Database, refs: set[CIRef], needed_by: str) -> dict[CIRef, str]:
    """The ids of ``refs``; refused before anything is written when one is missing."""
    ids = await stored_ci_ids(db, refs)
    refuse_missing(refs, ids, f"{needed_by} need its CIs")
    return ids


def _referenced_cis(itam: ItamDataset) -> set[CIRef]:
    refs = {a.ci for a in itam.assets if a.ci} | {ref for ref, _ in itam.sightings}
    return refs | {CIRef(CIClass(i["ciClass"]), i["ciName"]) for i in itam.installs}


def _changed(report: ImportReport) -> int:
    return report.created + report.updated


async def load_itam(
    db: Database,
    *,
    today: date | None = None,
    dataset: DemoDataset | None = None,
    actor: Actor | None = None,
) -> ItamSummary:
    """Load (or refresh) the demo's assets, contracts and licenses as of ``today``
    (default: today, UTC) onto the CIs of ``dataset`` (default: the demo enterprise)."""
    started = time.perf_counter()
    day = today or datetime.now(UTC).date()
    itam = build_itam(dataset or build_enterprise(), day)
    who = actor or system_actor("demo")
    cis = await ci_ids(db, _referenced_cis(itam), "assets")

    vendors = await people_places.upsert(db, who, Kind.VENDOR, itam.vendors)
    places = await people_places.upsert(db, who, Kind.LOCATION, itam.locations)
    people = await people_places.upsert(db, who, Kind.PERSON, itam.people)
    place_ids = dict(zip((p.name for p in itam.locations), places.ids, strict=True))
    person_ids = dict(zip((p.email for p in itam.people), people.ids, strict=True))

    assets = await import_rows(db, who, ImportKind.ASSETS, [dict(a.row) for a in itam.assets])
    asset_ids = dict(zip((a.tag for a in itam.assets), assets.ids, strict=True))
    placed = await asset_placement.place(
        db,
        who,
        [
            Placement(
                asset_ids[a.tag],
                cis[a.ci] if a.ci else None,
                place_ids[a.location] if a.location else None,
                person_ids[a.holder] if a.holder else None,
            )
            for a in itam.assets
        ],
    )
    told = await asset_history.record_histories(
        db, who, [AssetHistory(asset_ids[a.tag], a.events) for a in itam.assets]
    )
    imports = [
        await import_rows(db, who, kind, [dict(r) for r in rows])
        for kind, rows in (
            (ImportKind.CONTRACTS, itam.contracts),
            (ImportKind.LICENSES, itam.licenses),
            (ImportKind.INSTALLATIONS, itam.installs),
        )
    ]
    seen = await sightings.record(
        db, who, SOURCE, [Sighting(cis[ref], at) for ref, at in itam.sightings]
    )
    nodes = (vendors, places, people)
    return ItamSummary(
        assets=len(itam.assets),
        events=sum(len(a.events) for a in itam.assets),
        contracts=len(itam.contracts),
        licenses=len(itam.licenses),
        installs=len(itam.installs),
        created=sum(n.created for n in nodes) + sum(r.created for r in (assets, *imports[:2])),
        written=sum(n.created + n.updated for n in nodes)
        + sum(_changed(r) for r in (assets, *imports))
        + placed
        + told
        + seen,
        seconds=round(time.perf_counter() - started, 3),
    )


async def load_full_demo(
    db: Database,
    progress: Progress | None = None,
    *,
    today: date | None = None,
    actor: Actor | None = None,
) -> FullDemoSummary:
    """The whole demo: CIs, services and relationships, then the ITAM side on them, then a
    year of incidents and changes."""
    data = build_enterprise()
    cmdb = await load_demo(db, progress, dataset=data, actor=actor)
    if progress is not None:
        progress("itam", 0, 1)
    itam = await load_itam(db, today=today, dataset=data, actor=actor)
    if progress is not None:
        progress("itam", 1, 1)
        progress("itsm", 0, 1)
    itsm = await load_itsm(db, today=today, dataset=data, actor=actor)
    if progress is not None:
        progress("itsm", 1, 1)
    return FullDemoSummary(cmdb, itam, itsm)
