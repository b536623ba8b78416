"""Write the demo's ITAM side (:func:`~graphcmdb.demo.itam.build_itam`) in one transaction.

Batched ``UNWIND`` writes (``cypher/demo/*``) that leave the graph as the mutations
would (labels, ids, timestamps, lifecycle events numbered as transitions number them),
because a few hundred service calls would make the demo slow to load. The CI part must
be loaded first (:func:`load_full_demo` does both).

Idempotent, like the CI part: nodes are found by natural key (asset tag, contract
number, product key, e-mail, name), links merged one per pair and type, and records
whose stored values already match are left alone, so loading twice on the same day
changes nothing. Loading on a later day refreshes the demo to that day: dates move,
and a demo asset's lifecycle history is told again (moves made since are dropped), as
the CI part restores changed services. Every load that changes something writes one
audit entry listing what it wrote.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.demo.enterprise import build_enterprise
from graphcmdb.demo.itam import build_itam
from graphcmdb.demo.itam_model import ItamDataset, NodeKey, ci_key
from graphcmdb.demo.itsm_load import ItsmSummary, load_itsm
from graphcmdb.demo.load import DemoSummary, Progress, load_demo
from graphcmdb.demo.model import CIRef, DemoDataset
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import Label
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor, system_actor

#: ``sources`` entry of the CIs the demo's discovery sweep saw
SOURCE = "demo"

#: lookup parameter of ``demo/ids_by_key`` per label
KEY_PARAMS = {
    Label.VENDOR: "vendors",
    Label.LOCATION: "locations",
    Label.PERSON: "people",
    Label.ASSET: "assets",
    Label.CONTRACT: "contracts",
    Label.SOFTWARE_PRODUCT: "products",
    Label.LICENSE: "licenses",
}


@dataclass(frozen=True)
class ItamSummary:
    assets: int
    events: int
    contracts: int
    licences: int
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
            f"events, {i.contracts} contracts, {i.licences} licences, {i.installs} "
            f"installations ({i.created} ITAM records new, {i.written} writes); "
            f"{s.incidents} incidents and {s.changes} changes ({s.created} new); "
            f"{c.seconds + i.seconds + s.seconds:.1f} s"
        )


def _referenced_cis(itam: ItamDataset) -> list[CIRef]:
    refs = {a.ci for a in itam.assets if a.ci} | {i.ci for i in itam.installs}
    refs |= {ref for ref, _ in itam.sightings}
    return sorted(refs)


async def _resolve(tx: Tx, itam: ItamDataset) -> dict[NodeKey, str]:
    """Ids of every node the demo writes or links: stored ones, else new ones."""
    keys: dict[str, list[str]] = {param: [] for param in KEY_PARAMS.values()}
    for node in itam.all_nodes():
        keys[KEY_PARAMS[node.label]].append(node.key)
    cis = _referenced_cis(itam)
    rows = await tx.run(
        Q.DEMO_IDS_BY_KEY,
        cis=[{"ciClass": ref.ciClass.value, "name": ref.name} for ref in cis],
        **keys,
    )
    ids: dict[NodeKey, str] = {(r["label"], r["key"]): r["id"] for r in rows}
    missing = [str(ref) for ref in cis if ci_key(ref) not in ids]
    if missing:
        raise ValidationFailed(
            f"The demo's assets need its CIs, and {len(missing)} are missing "
            f"({', '.join(missing[:5])} ...): load the whole demo (`graphcmdb demo load`).",
            missing=missing[:100],
        )
    for node in itam.all_nodes():
        ids.setdefault(node.node_key, str(uuid.uuid4()))
    return ids


@dataclass(frozen=True)
class _Written:
    created: int
    #: keys of the nodes written by label, and counts of the other writes
    changes: dict[str, Any]
    #: ids of the nodes written
    ids: list[str]

    @property
    def count(self) -> int:
        return sum(len(v) if isinstance(v, list) else int(v) for v in self.changes.values())


async def _write(tx: Tx, itam: ItamDataset, now: datetime) -> _Written:
    """Every write of the load, and what it changed (for the summary and the audit)."""
    ids = await _resolve(tx, itam)
    nodes = await tx.run(
        Q.DEMO_UPSERT_NODES,
        now=now,
        rows=[
            {"id": ids[n.node_key], "label": n.label.value, "key": n.key, "props": dict(n.props)}
            for n in itam.all_nodes()
        ],
    )
    links = await tx.run(
        Q.DEMO_LINKS,
        now=now,
        rows=[
            {
                "type": link.type.value,
                "fromId": ids[link.source],
                "toId": ids[link.target],
                "props": dict(link.props),
                "single": link.single,
                "oneToOne": link.one_to_one,
            }
            for link in itam.all_links()
        ],
    )
    histories = await tx.run(
        Q.DEMO_HISTORIES,
        rows=[
            {"assetId": ids[a.node.node_key], "events": [e.row() for e in a.events]}
            for a in itam.assets
        ],
    )
    seen = await tx.run(
        Q.DEMO_SIGHTINGS,
        source=SOURCE,
        rows=[{"id": ids[ci_key(ref)], "lastSeen": at} for ref, at in itam.sightings],
    )
    changed: dict[str, Any] = defaultdict(list)
    for r in nodes:
        if r["changed"]:
            changed[r["label"]].append(r["key"])
    changed["relationships"] = sum(1 for r in links if r["changed"])
    changed["histories"] = sum(1 for r in histories if r["changed"])
    changed["sightings"] = len(seen)
    created = sum(1 for r in nodes if r["created"])
    return _Written(created, dict(changed), sorted(r["id"] for r in nodes if r["changed"]))


async def load_itam(
    db: Database,
    *,
    today: date | None = None,
    dataset: DemoDataset | None = None,
    actor: Actor | None = None,
) -> ItamSummary:
    """Load (or refresh) the demo's assets, contracts and licences as of ``today``
    (default: today, UTC) onto the CIs of ``dataset`` (default: the demo enterprise)."""
    started = time.perf_counter()
    day = today or datetime.now(UTC).date()
    itam = build_itam(dataset or build_enterprise(), day)
    who = actor or system_actor("demo")

    async def work(tx: Tx) -> _Written:
        written = await _write(tx, itam, datetime.now(UTC))
        if written.count:
            after = {"asOf": day, **written.changes}
            await audit.record(tx, who, "loadDemoItam", written.ids[:1000], None, after)
        return written

    written = await db.write(work)
    return ItamSummary(
        assets=len(itam.assets),
        events=sum(len(a.events) for a in itam.assets),
        contracts=len(itam.of_label(Label.CONTRACT)),
        licences=len(itam.of_label(Label.LICENSE)),
        installs=len(itam.installs),
        created=written.created,
        written=written.count,
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
