"""Per-request DataLoaders for incidents and changes (attached to the context as ``itsm``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import NoReturn, TypeVar

from strawberry.dataloader import DataLoader

from graphcmdb.api.graphql.core.affectable import RECENT_INCIDENTS
from graphcmdb.db.database import Database, Row
from graphcmdb.impact.maintenance import MaintenanceRisk
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.itsm.states import OPEN_INCIDENT_STATES
from graphcmdb.services import changes, incident_reads
from graphcmdb.services.impact import ImpactReport
from graphcmdb.services.incident_reads import FailedItem

V = TypeVar("V")


def _loader(
    fetch: Callable[[list[str]], Awaitable[Mapping[str, V]]], missing: Callable[[], V]
) -> DataLoader[str, V]:
    """A loader over a batch read returning a mapping; absent keys get ``missing()``."""

    async def load(keys: list[str]) -> list[V]:
        found = await fetch(keys)
        return [found[k] if k in found else missing() for k in keys]

    return DataLoader(load_fn=load)


def _none() -> Row | None:
    return None


@dataclass
class ItsmLoaders:
    db: Database
    incident: DataLoader[str, Row | None] = field(init=False)
    change: DataLoader[str, Row | None] = field(init=False)
    affects: DataLoader[str, list[Row]] = field(init=False)
    cause: DataLoader[str, Row | None] = field(init=False)
    impact: DataLoader[str, ImpactReport] = field(init=False)
    failed: DataLoader[str, list[FailedItem]] = field(init=False)
    recent_by_node: DataLoader[str, list[Row]] = field(init=False)
    open_by_node: DataLoader[str, list[Row]] = field(init=False)
    modifies: DataLoader[str, list[Row]] = field(init=False)
    risk: DataLoader[str, tuple[NeedsGraph, MaintenanceRisk]] = field(init=False)
    caused: DataLoader[str, list[Row]] = field(init=False)

    def __post_init__(self) -> None:
        db = self.db
        self.incident = _loader(lambda k: incident_reads.get_incidents(db, k), _none)
        self.change = _loader(lambda k: changes.get_changes(db, k), _none)
        self.affects = _loader(lambda k: incident_reads.affects(db, k), list)
        self.cause = _loader(lambda k: incident_reads.causes(db, k), _none)
        self.impact = _loader(lambda k: incident_reads.impacts(db, k), _unreachable)
        self.failed = _loader(lambda k: incident_reads.failed_items(db, k), list)
        self.recent_by_node = _loader(
            lambda k: incident_reads.by_node(db, k, limit=RECENT_INCIDENTS), list
        )
        self.open_by_node = _loader(
            lambda k: incident_reads.by_node(db, k, OPEN_INCIDENT_STATES), list
        )
        self.modifies = _loader(lambda k: changes.modifies(db, k), list)
        self.risk = _loader(lambda k: changes.live_risks(db, k), _unreachable)
        self.caused = _loader(lambda k: changes.caused_incidents(db, k), list)


def _unreachable() -> NoReturn:
    raise AssertionError("the batch function answers every key")
