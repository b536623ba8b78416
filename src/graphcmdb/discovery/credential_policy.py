"""What a credential set may be used for, and how safe its SNMP settings are.

A set is bound to the target ranges an admin gave it: a scan with it may reach those
addresses and no others, so an editor who may start scans cannot send the set's
community or keys to a listener of their choice. Host names and targets files are
refused where ranges apply: what they name is only known when resolved or read, by
which time the check is over (and a file would be read on the server).

Weak settings are refused unless an admin allows them explicitly; the set then says
why it is insecure wherever it is listed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from graphcmdb.discovery.targets import Network, TargetError, network_of

MAX_RANGES = 64
#: communities every scanner tries first
WELL_KNOWN_COMMUNITIES = frozenset({"public", "private"})
INSECURE_HINT = "set allowInsecure: true to store it anyway (it is then listed as insecure)"


def parse_ranges(values: Sequence[str]) -> tuple[str, ...]:
    """The ranges in their canonical spelling (``10.1.0.0/16``), each once, in order.
    Raises ``ValueError`` naming the first one that is not a CIDR range or address."""
    if len(values) > MAX_RANGES:
        raise ValueError(f"at most {MAX_RANGES} targetRanges")
    out: dict[str, None] = {}
    for value in values:
        try:
            out.setdefault(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError:
            raise ValueError(f"targetRanges: '{value[:50]}' is not a CIDR range") from None
    return tuple(out)


def weaknesses(
    version: str,
    community: str | None,
    auth_protocol: str | None,
    priv_protocol: str | None,
) -> tuple[str, ...]:
    """Why these SNMP settings are weak (empty when they are not)."""
    if version == "V2C":
        out = ["V2C sends the community in clear text on every request"]
        if community is not None and community.strip().lower() in WELL_KNOWN_COMMUNITIES:
            out.append(f"'{community.strip().lower()}' is a well-known default community")
        return tuple(out)
    if auth_protocol is None:
        return ("V3 without authentication (noAuthNoPriv): anyone can answer or forge",)
    out = []
    if auth_protocol == "MD5":
        out.append("MD5 authentication is broken")
    if priv_protocol == "DES":
        out.append("DES privacy is broken")
    return tuple(out)


def _inside(network: Network, ranges: Sequence[Network]) -> bool:
    v4 = isinstance(network, ipaddress.IPv4Network)
    for bound in ranges:
        if v4 and isinstance(bound, ipaddress.IPv4Network):
            inside = ipaddress.IPv4Network(network).subnet_of(bound)
        elif not v4 and isinstance(bound, ipaddress.IPv6Network):
            inside = ipaddress.IPv6Network(network).subnet_of(bound)
        else:
            continue  # another IP version
        if inside:
            return True
    return False


def outside_ranges(targets: Sequence[str], ranges: Sequence[str]) -> list[str]:
    """The targets that do not lie wholly in one of ``ranges``: host names and targets
    files count as outside (see the module's docstring)."""
    bound = [ipaddress.ip_network(r, strict=False) for r in ranges]
    out = []
    for spec in targets:
        try:
            network = network_of(spec)
        except TargetError:
            network = None
        if network is None or not _inside(network, bound):
            out.append(spec)
    return out
