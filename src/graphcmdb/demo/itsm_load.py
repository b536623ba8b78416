"""Load the demo's year of incidents and changes (:mod:`graphcmdb.demo.itsm`) through the
ITSM import service, which finds the records again by their key (loading twice the same
day changes nothing), numbers new ones from the mutations' counters and stores the risk
an approver saw. The CIs and services must be loaded first.
"""

from __future__ import annotations

import time
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graphcmdb.db.database import Database
from graphcmdb.demo.enterprise import build_enterprise
from graphcmdb.demo.itsm import DemoChange, DemoIncident, ItsmDataset, build_itsm
from graphcmdb.demo.load import existing_services
from graphcmdb.demo.model import CIRef, DemoDataset, NodeRef
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import ChangeState
from graphcmdb.services import itsm_import, lookup
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.itsm_import import PastChange, PastIncident

#: the approver saw the risk this long before the window
ASSESSED_BEFORE = timedelta(days=3)


@dataclass(frozen=True)
class ItsmSummary:
    incidents: int
    changes: int
    created: int
    written: int
    seconds: float


async def _ids(db: Database, data: ItsmDataset) -> dict[NodeRef, str]:
    """Ids of the CIs and services the records touch; refused when one is missing."""
    refs = {r for i in data.incidents for r in i.affects} | {
        r for c in data.changes for r in c.modifies
    }
    refs |= {i.cause for i in data.incidents if isinstance(i.cause, CIRef)}
    cis = await stored_ci_ids(db, {r for r in refs if isinstance(r, CIRef)})
    ids: dict[NodeRef, str] = {r: cis[r] for r in refs if isinstance(r, CIRef) and r in cis}
    services = await existing_services(db, {r.name for r in refs if not isinstance(r, CIRef)})
    ids |= {r: services[r.name].id for r in refs if r not in ids and r.name in services}
    refuse_missing(refs, ids, "incidents need its CIs and services")
    return ids


async def stored_ci_ids(db: Database, refs: set[CIRef]) -> dict[CIRef, str]:
    """The ids of the CIs of ``refs`` that are stored."""
    found = await lookup.ci_ids(db, [(r.ciClass.value, r.name) for r in sorted(refs)])
    return {r: found[(r.ciClass.value, r.name)] for r in refs if (r.ciClass.value, r.name) in found}


def refuse_missing(refs: Iterable[NodeRef], ids: Container[NodeRef], needs: str) -> None:
    """Refused before anything is written when one of ``refs`` has no id: the demo's
    ``needs`` (what it needs, e.g. "assets need its CIs")."""
    missing = sorted(str(r) for r in refs if r not in ids)
    if missing:
        raise ValidationFailed(
            f"The demo's {needs}, and {len(missing)} are missing "
            f"({', '.join(missing[:5])} ...): load the whole demo (`graphcmdb demo load`).",
            missing=missing[:100],
        )


def _incident(i: DemoIncident, ids: dict[NodeRef, str]) -> PastIncident:
    cause = ids[i.cause] if isinstance(i.cause, CIRef) else i.cause
    return PastIncident(**vars(i) | {"affects": tuple(ids[r] for r in i.affects), "cause": cause})


def _change(c: DemoChange, ids: dict[NodeRef, str]) -> PastChange:
    assessed = c.state is not ChangeState.DRAFT
    risk_assessed_at = c.planned_start - ASSESSED_BEFORE if assessed else None
    modifies = tuple(ids[r] for r in c.modifies)
    return PastChange(**vars(c) | {"modifies": modifies, "risk_assessed_at": risk_assessed_at})


async def load_itsm(
    db: Database,
    *,
    today: date | None = None,
    dataset: DemoDataset | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> ItsmSummary:
    """Load (or refresh) a year of the demo's incidents and changes up to ``today``."""
    started = time.perf_counter()
    day = today or (now.date() if now else date.today())
    data = build_itsm(dataset or build_enterprise(), day, now)
    ids = await _ids(db, data)
    counts = await itsm_import.import_records(
        db,
        actor or system_actor("demo"),
        [_incident(i, ids) for i in data.incidents],
        [_change(c, ids) for c in data.changes],
    )
    return ItsmSummary(
        incidents=len(data.incidents),
        changes=len(data.changes),
        created=counts.created,
        written=counts.written,
        seconds=round(time.perf_counter() - started, 3),
    )
