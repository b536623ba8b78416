"""IP-MIB ipAddressTable (IPv4 and IPv6) and the legacy ipAddrTable, walked together: an
agent answers one or both. Loopback, link-local and unspecified addresses are left out, and
so are the rows ipAddressType marks broadcast (net-snmp lists each subnet's broadcast
address, which every host of the subnet shares)."""

from __future__ import annotations

import ipaddress

from graphcmdb.discovery import oids
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Table

COLUMNS: tuple[Oid, ...] = (
    oids.IP_ADDRESS_IF_INDEX,
    oids.IP_ADDRESS_TYPE,
    oids.IP_AD_ENT_IF_INDEX,
)
IPV4, IPV6 = 1, 2  # InetAddressType
BROADCAST = 3  # IpAddressType: unicast(1), anycast(2), broadcast(3)


def _from_ip_address_index(index: Oid) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """ipAddressTable index: InetAddressType, length, address octets."""
    if len(index) < 2 or index[0] not in (IPV4, IPV6) or len(index) != index[1] + 2:
        return None
    raw = bytes(index[2:])
    return ipaddress.IPv4Address(raw) if index[0] == IPV4 else ipaddress.IPv6Address(raw)


def _from_ip_addr_index(index: Oid) -> ipaddress.IPv4Address | None:
    return ipaddress.IPv4Address(bytes(index)) if len(index) == 4 else None


def usable(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
    )


def parse(table: Table) -> tuple[str, ...]:
    kinds = table.get(oids.IP_ADDRESS_TYPE, {})
    found = [
        _from_ip_address_index(i)
        for i in table.get(oids.IP_ADDRESS_IF_INDEX, {})
        if kinds.get(i) is None or int(kinds[i]) != BROADCAST
    ]
    found += [_from_ip_addr_index(i) for i in table.get(oids.IP_AD_ENT_IF_INDEX, {})]
    unique = {a for a in found if a is not None and usable(a)}
    return tuple(str(a) for a in sorted(unique, key=lambda a: (a.version, a)))
