"""A calmer neighbourhood: lifecycle events and installed software left out, as counts.

An asset's ``HAD`` events and a CI's ``HAS_INSTALLED`` packages are the two relationship
types that swamp a drawing (one package reaches every CI it is installed on, and
through them their neighbourhoods). A collapsed neighbourhood does not walk them; each
drawn node that has some gets a :class:`GraphAggregate` instead, which the explorer
draws as one badge and expands on demand (``graph`` with ``types: [HAD]`` or
``[HAS_INSTALLED]`` around the node). Counts are degrees: no node behind them is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import Label, RelType

#: relationship types a collapsed neighbourhood does not walk
COLLAPSED = frozenset({RelType.HAD, RelType.HAS_INSTALLED})
#: a centre of these kinds was asked for itself: its own collapsed relationships are walked
HUBS = frozenset({Label.LIFECYCLE_EVENT.value, Label.SOFTWARE_PRODUCT.value})


class AggregateKind(StrEnum):
    #: an asset's lifecycle events (``HAD``)
    LIFECYCLE_EVENTS = "LIFECYCLE_EVENTS"
    #: the packages installed on a CI (``HAS_INSTALLED``, outgoing)
    SOFTWARE = "SOFTWARE"
    #: the CIs a package is installed on (``HAS_INSTALLED``, incoming)
    INSTALLATIONS = "INSTALLATIONS"


@dataclass(frozen=True)
class GraphAggregate:
    """``count`` relationships of ``type`` at ``node_id`` that were not drawn."""

    node_id: str
    kind: AggregateKind
    type: RelType
    count: int
    #: SOFTWARE only: how many other CIs the most widely installed of the packages is on
    shared_with: int | None = None


def walked_types(types: Iterable[RelType], collapse: bool) -> list[RelType]:
    """The relationship types a level of the breadth-first walk follows."""
    return [t for t in types if not (collapse and t in COLLAPSED)]


def is_hub(labels: Iterable[str]) -> bool:
    return not HUBS.isdisjoint(labels)


def aggregates_of(row: Mapping[str, Any], walked_around: bool) -> list[GraphAggregate]:
    """One ``graph/collapsed_counts`` row as aggregates (none for what is zero, and no
    INSTALLATIONS for a package whose installations were walked: they are drawn)."""
    if walked_around:
        return []
    node_id = str(row["id"])
    out: list[GraphAggregate] = []
    if row["events"]:
        out.append(
            GraphAggregate(node_id, AggregateKind.LIFECYCLE_EVENTS, RelType.HAD, row["events"])
        )
    if row["packages"]:
        shared = max(int(row["widest"]) - 1, 0)
        out.append(
            GraphAggregate(
                node_id, AggregateKind.SOFTWARE, RelType.HAS_INSTALLED, row["packages"], shared
            )
        )
    if row["installedOn"]:
        out.append(
            GraphAggregate(
                node_id, AggregateKind.INSTALLATIONS, RelType.HAS_INSTALLED, row["installedOn"]
            )
        )
    return out


async def collapsed_counts(
    db: Database, ids: list[str], walked_around: str | None = None
) -> list[GraphAggregate]:
    """The aggregates of the drawn nodes ``ids`` (one statement); ``walked_around`` is a
    hub centre whose collapsed relationships were walked (it gets none)."""
    if not ids:
        return []
    rows = await db.read(Q.GRAPH_COLLAPSED_COUNTS, ids=ids)
    out: list[GraphAggregate] = []
    for row in rows:
        out.extend(aggregates_of(row, row["id"] == walked_around))
    return out
