"""Root-cause candidates of automatic incidents, in a pass of their own.

The search (``impact/rootcause.py``) reads everything the symptoms need and everything
that needs that, and tries sets of CIs: most of the time an incident took to open when
it ran in the opening transaction (``benchmarks/README.md``, "events"). So the pass that
opens, attaches to or reopens incidents only queues them (``ImpactWork`` of kind
``SUSPECTS``), and the evaluator (``impact_evaluator``) searches them here, in a read
transaction of their own, from what is stored then: the service, the CIs the incident
AFFECTS that are failed now (DOWN ones observed down) and the service itself when
monitoring last saw it DOWN.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from typing import TypedDict

from graphcmdb.config import Settings
from graphcmdb.db import deadlines
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.errors import CmdbError
from graphcmdb.graph.enums import CIStatus, IncidentState
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.impact.rootcause import Candidate, Upstream, root_cause_candidates
from graphcmdb.itsm.states import OPEN_INCIDENT_STATES
from graphcmdb.services import impact_fetch, search_process

#: root-cause candidate sets kept on an incident
SUSPECT_SETS = 3
#: symptoms handed to the root-cause search (the service and its failed CIs)
MAX_SYMPTOMS = 200
FAILED = (CIStatus.DOWN.value, CIStatus.DEGRADED.value)


@dataclass(frozen=True)
class Subject:
    """One incident's symptoms: its service first, then its failed CIs."""

    incident_id: str
    symptoms: tuple[str, ...]
    observed_down: frozenset[str]


class Ranked(TypedDict):
    """A candidate CI and the rank of the best set it is in (1: the best)."""

    ciId: str
    rank: int


class SuspectsRow(TypedDict):
    """One incident's candidates, as ``set_suspects`` takes them."""

    id: str
    suspects: list[Ranked]


def ranked(candidates: list[Candidate]) -> list[Ranked]:
    """Each candidate CI once, with the rank of the best set it is in (1: the best)."""
    best: dict[str, int] = {}
    for rank, candidate in enumerate(candidates, start=1):
        for ci_id in candidate.ids:
            best.setdefault(ci_id, rank)
    return [Ranked(ciId=c, rank=r) for c, r in best.items()]


async def subjects(tx: Tx, incident_ids: Collection[str]) -> list[Subject]:
    """The symptoms of those of these incidents still open (a cheap read: the search's
    process is started only when there are some)."""
    rows = await tx.run(
        Q.AUTO_INCIDENT_SUSPECT_SUBJECTS,
        ids=sorted(incident_ids),
        openStates=[s.value for s in OPEN_INCIDENT_STATES],
        failed=list(FAILED),
    )
    found = []
    for r in rows:
        service = str(r["serviceId"])
        failed = sorted(r["failed"], key=lambda f: str(f["id"]))
        down = {str(f["id"]) for f in failed if f["status"] == CIStatus.DOWN.value}
        if r["status"] == [CIStatus.DOWN.value]:
            down.add(service)
        symptoms = (service, *(str(f["id"]) for f in failed))[:MAX_SYMPTOMS]
        found.append(Subject(str(r["id"]), symptoms, frozenset(down)))
    return found


@dataclass(frozen=True)
class Found:
    """The candidates found for some incidents, to be written (``write``)."""

    rows: list[SuspectsRow]


def _candidates(graph: NeedsGraph, subjects: list[Subject]) -> list[SuspectsRow]:
    rows: list[SuspectsRow] = []
    upstream = Upstream(graph)  # the incidents of one failure share most candidates
    for subject in subjects:
        mine = [s for s in subject.symptoms if s in graph.nodes]
        down = [s for s in mine if s in subject.observed_down]
        candidates = root_cause_candidates(graph, mine, down, limit=SUSPECT_SETS, upstream=upstream)
        rows.append(SuspectsRow(id=subject.incident_id, suspects=ranked(candidates)))
    return rows


async def _region(tx: Tx, found: list[Subject]) -> NeedsGraph:
    """One region for them all: what their symptoms need and what needs that."""
    wanted = sorted({s for subject in found for s in subject.symptoms})
    return await impact_fetch.downstream_in(tx, wanted, then_upstream=True, known_only=True)


def _read_and_rank(settings: Settings, found: list[Subject]) -> list[SuspectsRow] | CmdbError:
    """In the search's process: the region read on a connection of its own, in a read
    transaction with a write's deadline (a region of minutes at 100,000 CIs), then
    searched; a typed error (the database unavailable, the deadline) is answered, so
    the API logs it as such."""

    async def read_and_rank() -> list[SuspectsRow]:
        db = Database(settings)
        try:
            with deadlines.writing():
                graph = await db.read_tx(lambda tx: _region(tx, found))
        finally:
            await db.close()
        return _candidates(graph, found)

    try:
        return asyncio.run(read_and_rank())
    except CmdbError as exc:
        return exc


async def search(settings: Settings, found: list[Subject]) -> Found:
    """The candidates of these incidents (``found``: their symptoms), their region read
    and searched in the search's own process (``search_process``): at 100,000 CIs the
    region is ~50,000 nodes, whose reading cost the API ~5.6 s of CPU on its event loop
    when it was read there, every request waiting meanwhile; no transaction of the API
    is held open either. Nothing to search, no process."""
    if not found:
        return Found([])
    answer = await search_process.run(_read_and_rank, settings, found)
    if isinstance(answer, CmdbError):
        raise answer
    return Found(answer)


async def write(tx: Tx, found: Found) -> int:
    """Replace the candidates of the incidents ``found`` names; how many."""
    if found.rows:
        # the CIs it links and unlinks, locked in id order first, as payloads and passes
        # lock theirs (deleting a link locks its CI at commit, out of order otherwise)
        linked = {s["ciId"] for row in found.rows for s in row["suspects"]}
        ids = [row["id"] for row in found.rows]
        unlinked = {str(r["id"]) for r in await tx.run(Q.AUTO_INCIDENT_SUSPECTED_IDS, ids=ids)}
        await tx.run(Q.AUTO_INCIDENT_LOCK, ids=sorted(linked | unlinked))
        await tx.run(
            Q.AUTO_INCIDENT_SET_SUSPECTS, rows=found.rows, resolved=IncidentState.RESOLVED.value
        )
    return len(found.rows)
