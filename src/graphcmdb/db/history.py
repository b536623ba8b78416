"""The versioned graph: every write transaction versions what it touched, at commit.

Present nodes and relationships stay as they are (present-time reads are untouched);
beside them each entity has a ``(:Timeline {id})`` that outlives it, with one
``-[:STATE {validFrom, validTo}]->(:State)`` per version of its properties and labels,
and each relationship between entities has a history twin between the two Timelines,
``-[:WAS_<TYPE> {…its properties, validFrom, validTo}]->`` (``validTo`` absent while it
holds). The ids a transaction versions are the ones its audit entries name
(:meth:`Tx.touch`, called by ``services/audit.record``): every writer already has to
name what it changed there (DESIGN), and the version is written by the same
transaction, just before it commits. Its time is :attr:`Database.clock` (tests set it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import TYPE_CHECKING

from graphcmdb.db.queries import Crud, Q, QueryName
from graphcmdb.domain.specs import CRUD_SPECS, NODE_SPECS
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.as_of_gen import AS_OF, TWINNED

if TYPE_CHECKING:
    from graphcmdb.db.database import Database, Tx

#: properties that change on every write or sighting and make no version of their own
#: (their value at the time of the next real change is kept with it)
VOLATILE: tuple[str, ...] = ("updatedAt", "lastSeen")

#: secrets: never copied into a version (from the specs' ``hidden``)
HIDDEN: tuple[str, ...] = tuple(sorted({h for s in NODE_SPECS if s.entity for h in s.hidden}))

STATE_SKIP = [*VOLATILE, *HIDDEN]
EDGE_SKIP = [*VOLATILE, "validFrom", "validTo"]


async def capture(tx: Tx, ids: Collection[str], nodes: Collection[str], at: datetime) -> None:
    """Version the nodes ``ids`` and the relationships at them, and the nodes ``nodes``
    alone (the transaction changed only their properties: ``Tx.touch``), as of ``at``:
    one statement for each list that is not empty, on every write transaction that
    names something. A node of ``nodes`` with no version yet, or also in ``ids``, is
    captured with ``ids``, relationships and all."""
    full = list(ids)
    alone = [i for i in nodes if i not in ids]
    if alone:
        rows = await tx.raw(
            Q.HISTORY_CAPTURE_NODES, ids=alone, at=at, stateSkip=STATE_SKIP, hidden=list(HIDDEN)
        )
        full += [str(r["id"]) for r in rows]
    if full:
        await tx.raw(
            Q.HISTORY_CAPTURE,
            ids=full,
            at=at,
            stateSkip=STATE_SKIP,
            edgeSkip=EDGE_SKIP,
            hidden=list(HIDDEN),
        )


async def seed(db: Database, at: datetime) -> None:
    """Version one of every entity with no history yet (the graph before versioning, or
    entities created while ``history_enabled`` was off) and of the relationships at
    them; run by ``migrate`` when history is on. Idempotent, and a seed cut short is
    finished by the next. What was changed while history was off at entities that had
    a history already (properties, deletions, relationships) is not caught up: their
    versions stay as they were when it was switched off."""
    if not await db.read(Q.HISTORY_SEED_NEEDED):
        return
    await db.run_raw(db.catalogue[Q.HISTORY_SEED_STATES], at=at, hidden=list(HIDDEN))
    await db.run_raw(db.catalogue[Q.HISTORY_SEED_EDGES], at=at, edgeSkip=EDGE_SKIP)
    await db.run_raw(db.catalogue[Q.HISTORY_SEED_DONE])


# --- reading the past ----------------------------------------------------------------

_as_of: ContextVar[datetime | None] = ContextVar("graphcmdb_as_of", default=None)

#: every read that can be answered as of a past time: its history twin (same rows,
#: read from the Timelines with ``$asOf``)
TWINS: dict[str, Q | Crud] = {
    Q.GRAPH_NODES_BY_IDS.value: Q.HISTORY_GRAPH_NODES_BY_IDS,
    Q.GRAPH_NEIGHBOURS.value: Q.HISTORY_GRAPH_NEIGHBOURS,
    Q.IMPACT_NODES_BY_IDS.value: Q.HISTORY_IMPACT_NODES_BY_IDS,
    Q.IMPACT_DEPENDENCIES_OF.value: Q.HISTORY_IMPACT_DEPENDENCIES_OF,
    Q.IMPACT_DEPENDENTS_OF.value: Q.HISTORY_IMPACT_DEPENDENTS_OF,
    Q.IMPACT_DEPENDENTS_IDS_OF.value: Q.HISTORY_IMPACT_DEPENDENTS_IDS_OF,
    Q.IMPACT_DEPENDENTS_CLOSURE.value: Q.HISTORY_IMPACT_DEPENDENTS_CLOSURE,
    Q.NODE_GET_BY_IDS.value: Q.HISTORY_NODE_GET_BY_IDS,
    Q.GRAPH_SHORTEST_PATH.value: Q.HISTORY_GRAPH_SHORTEST_PATH,
    Q.REL_BOTH_WAYS_BY_IDS.value: Q.HISTORY_REL_BOTH_WAYS_BY_IDS,
    Q.REL_BOTH_WAYS_NAMES_BY_IDS.value: Q.HISTORY_REL_BOTH_WAYS_NAMES_BY_IDS,
    Q.COMPLIANCE_PRODUCTS.value: Q.HISTORY_COMPLIANCE_PRODUCTS,
    Q.REL_SERVICES_BY_IDS.value: Q.HISTORY_REL_SERVICES_BY_IDS,
    Q.ASSET_BY_CI_IDS.value: Q.HISTORY_ASSET_BY_CI_IDS,
    Q.ASSET_LINKS_BY_IDS.value: Q.HISTORY_ASSET_LINKS_BY_IDS,
    Q.CONTRACT_BY_ASSET_IDS.value: Q.HISTORY_CONTRACT_BY_ASSET_IDS,
    Q.CONTRACT_LINKS_BY_IDS.value: Q.HISTORY_CONTRACT_LINKS_BY_IDS,
    Q.INSTALL_BY_CI_IDS.value: Q.HISTORY_INSTALL_BY_CI_IDS,
    Q.GRAPH_COLLAPSED_COUNTS.value: Q.HISTORY_GRAPH_COLLAPSED_COUNTS,
} | {
    f"{s.area}/{op}": Crud(s.area, f"{op}{AS_OF}") for s in CRUD_SPECS if s.entity for op in TWINNED
}


def as_of() -> datetime | None:
    """The past moment the current read is of (None: the present)."""
    return _as_of.get()


@contextmanager
def reading_as_of(at: datetime | None) -> Iterator[None]:
    """Every catalogue read in this block (and the tasks it starts) is answered as of
    ``at`` by its history twin; a read without one is refused, never answered with the
    present. ``None``: the present, unchanged."""
    token = _as_of.set(at)
    try:
        yield
    finally:
        _as_of.reset(token)


def pin_as_of(at: datetime) -> None:
    """Reads as of ``at`` for the rest of the current context: only in a context copied
    for the purpose (``contextvars.copy_context``), which is dropped when done."""
    _as_of.set(at)


def twin(query: QueryName, scoped: bool) -> QueryName:
    if scoped:
        raise ValidationFailed(
            "asOf is not available to tokens with scopes yet: the past graph has no "
            "visibility rules.",
            field="asOf",
        )
    found = TWINS.get(query.value)
    if found is None:
        raise ValidationFailed(
            f"This read cannot be answered as of a past time yet ({query.value}).",
            field="asOf",
        )
    return found
