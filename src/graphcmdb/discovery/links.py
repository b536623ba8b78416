"""LLDP neighbours to ``CONNECTED_TO`` links between CIs (pure parts).

A link is resolved after every device of a run is written, so the order of devices does
not matter; a neighbour that is not (yet) a CI is skipped and linked by a later run. The
remote end is found by its chassis MAC, else by its sysName (FQDN, hostname or name).

One cable is one relationship: A reporting B on port X and B reporting A on port Y are
the same link, stored once as ``(A)-[:CONNECTED_TO {localPort: X, remotePort: Y}]->(B)``.
Two cables between the same devices (different ports) are two links.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.records import ResolvedLink
from graphcmdb.identity import normalise
from graphcmdb.identity.keys import DEVICE_CLASSES
from graphcmdb.identity.normalise import host_names


def link_requests(devices: list[tuple[str, Observation]]) -> list[dict[str, object]]:
    """One row per reported neighbour of each written device, for ``discovery/resolve_links``."""
    rows: list[dict[str, object]] = []
    for ci_id, obs in devices:
        for n in obs.neighbours:
            fqdn, names = host_names(n.remote_sys_name)
            mac = normalise.mac(n.remote_chassis_id)
            if not n.local_port or (mac is None and not names):
                continue
            rows.append(
                {
                    "fromId": ci_id,
                    "localPort": n.local_port,
                    "remotePort": n.remote_port or None,
                    "mac": mac,
                    "fqdn": fqdn,
                    "names": list(names),
                }
            )
    return rows


def resolve_params() -> dict[str, object]:
    return {"classes": sorted(DEVICE_CLASSES)}


def _ends(link: ResolvedLink) -> frozenset[tuple[str, str | None]]:
    return frozenset({(link.from_id, link.local_port), (link.to_id, link.remote_port)})


def unique_links(resolved: Sequence[ResolvedLink]) -> list[ResolvedLink]:
    """Resolved links without self-links and without the same cable reported twice."""
    seen: set[frozenset[tuple[str, str | None]]] = set()
    out = []
    for link in resolved:
        ends = _ends(link)
        if link.to_id == link.from_id or ends in seen:
            continue
        seen.add(ends)
        out.append(link)
    return out
