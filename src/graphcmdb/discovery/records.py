"""What discovery's pure logic reads from the graph, as typed records.

The discovery services (``services/discovery_*.py``) run the queries and turn each row
into one of these in one place (``services/discovery_records.py``); identification,
precedence, installations, links and merging never see a database row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graphcmdb.identity.candidates import AssetCandidate, CandidateCI


@dataclass(frozen=True)
class DeviceState:
    """What the graph holds about one observation when its transaction starts."""

    candidates: tuple[CandidateCI, ...]
    assets: tuple[AssetCandidate, ...]
    #: names a new CI of the observed class could not take
    taken_names: frozenset[str]


@dataclass(frozen=True)
class ResolvedLink:
    """An LLDP neighbour whose remote end is a known CI (``discovery/resolve_links``)."""

    from_id: str
    to_id: str
    local_port: str
    remote_port: str | None


@dataclass(frozen=True)
class CIRelationship:
    """One relationship of a CI taking part in a merge, as seen from that CI."""

    ci_id: str
    ci_key: str
    rel_key: str
    type: str
    outgoing: bool
    other_id: str
    other_key: str
    props: Mapping[str, object]
