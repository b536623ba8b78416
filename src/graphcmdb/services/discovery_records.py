"""Database rows to the records of ``discovery/records.py``: the one place they are read.

Each function takes a row of one named query (or a CI as the node service returns it);
the discovery services call them right after the query, so identification, precedence,
links and merging never see a row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from graphcmdb.db.database import Row
from graphcmdb.discovery.precedence import STORED_KEYS
from graphcmdb.discovery.records import (
    CIRelationship,
    DeviceState,
    ResolvedLink,
)
from graphcmdb.identity.candidates import (
    AssetCandidate,
    CandidateCI,
    DiscoveredProps,
    InstalledProduct,
)


def discovered_props(ci: Mapping[str, object]) -> DiscoveredProps:
    """The properties discovery reads and writes of a CI's properties."""
    return DiscoveredProps({k: ci[k] for k in STORED_KEYS if k in ci})


def _installed(row: Row) -> InstalledProduct:
    return InstalledProduct(
        product_key=str(row["productKey"]),
        version=row.get("version"),
        installed_at=row.get("installedAt"),
        source=row.get("source"),
    )


def _moment(value: object) -> datetime | None:
    """A stored time, or its ISO text (the identity candidates read it as text)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value if isinstance(value, datetime) else None


#: what the candidates queries add to a CI's own properties
_PROJECTED = frozenset({"labels", "installs", "tracked", "assetTags", "namesakes"})


def candidate(row: Row) -> CandidateCI:
    """A candidate of ``discovery/candidates`` or ``identity/candidates``: the CI's stored
    properties, installations, whether an asset tracks it and with which tags."""
    return CandidateCI(
        id=str(row["id"]),
        ci_class=str(row["ciClass"]),
        name=row.get("name"),
        created_at=_moment(row.get("createdAt")),
        stored=DiscoveredProps({k: v for k, v in row.items() if k not in _PROJECTED}),
        installs=tuple(_installed(i) for i in row.get("installs") or ()),
        tracked=bool(row.get("tracked")),
        asset_tags=tuple(str(t) for t in row.get("assetTags") or ()),
        namesake_classes=tuple(str(c) for c in row.get("namesakes") or ()),
    )


def identity_candidate(row: Row) -> CandidateCI:
    """A candidate of ``identity/candidates``: the CI's stored properties as read
    (``props``), the tags of the assets tracking it and the classes of its namesakes."""
    props: dict[str, object] = row["props"]
    return CandidateCI(
        id=str(props["id"]),
        ci_class=str(props["ciClass"]),
        name=_text(props.get("name")),
        created_at=_moment(props.get("createdAt")),
        stored=DiscoveredProps(props),
        asset_tags=tuple(str(t) for t in row["assetTags"]),
        namesake_classes=tuple(str(c) for c in row["namesakes"]),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def device_state(row: Row) -> DeviceState:
    """The one row of ``discovery/candidates``."""
    return DeviceState(
        candidates=tuple(candidate(c) for c in row["candidates"]),
        assets=tuple(
            AssetCandidate(id=str(a["id"]), manufacturer=a.get("manufacturer"))
            for a in row["assets"]
        ),
        taken_names=frozenset(row["takenNames"]),
    )


def resolved_link(row: Row) -> ResolvedLink:
    """A row of ``discovery/resolve_links``."""
    return ResolvedLink(
        from_id=str(row["fromId"]),
        to_id=str(row["toId"]),
        local_port=str(row["localPort"]),
        remote_port=row.get("remotePort"),
    )


def link_param(link: ResolvedLink, rel_id: str) -> dict[str, object]:
    """A row for ``discovery/link``."""
    return {
        "fromId": link.from_id,
        "toId": link.to_id,
        "localPort": link.local_port,
        "remotePort": link.remote_port,
        "relId": rel_id,
    }


def relationships(rows: list[Row]) -> list[CIRelationship]:
    """The relationships among the rows of ``discovery/merge_edges`` (a CI without any
    gives one row without a relationship, only for its element id)."""
    return [
        CIRelationship(
            ci_id=str(r["ciId"]),
            ci_key=str(r["ciKey"]),
            rel_key=str(r["relKey"]),
            type=str(r["type"]),
            outgoing=bool(r["outgoing"]),
            other_id=str(r["otherId"]),
            other_key=str(r["otherKey"]),
            props=dict(r["props"]),
        )
        for r in rows
        if r["relKey"] is not None
    ]
