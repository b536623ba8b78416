"""LLDP-MIB: the neighbours in lldpRemTable, each on a local port whose name comes from
lldpLocPortTable (how a port is identified depends on its ID subtype)."""

from __future__ import annotations

import ipaddress
from typing import Any

from graphcmdb.discovery import oids, values
from graphcmdb.discovery.observation import Interface, Neighbour
from graphcmdb.discovery.oids import Oid
from graphcmdb.discovery.session import Table

LOCAL_COLUMNS: tuple[Oid, ...] = (
    oids.LLDP_LOC_PORT_ID_SUBTYPE,
    oids.LLDP_LOC_PORT_ID,
    oids.LLDP_LOC_PORT_DESC,
)
REMOTE_COLUMNS: tuple[Oid, ...] = (
    oids.LLDP_REM_CHASSIS_ID_SUBTYPE,
    oids.LLDP_REM_CHASSIS_ID,
    oids.LLDP_REM_PORT_ID_SUBTYPE,
    oids.LLDP_REM_PORT_ID,
    oids.LLDP_REM_PORT_DESC,
    oids.LLDP_REM_SYS_NAME,
)
CHASSIS_NETWORK_ADDRESS = 5  # IANA address family octet, then the address


def chassis_id(subtype: int | None, value: Any) -> str | None:
    """A chassis ID as text: MACs like Interface.mac, addresses as IPs, names as given."""
    if subtype == oids.LLDP_CHASSIS_SUBTYPE_MAC:
        return values.mac(value)
    raw = values.octets(value)
    if subtype == CHASSIS_NETWORK_ADDRESS and raw and raw[0] == 1 and len(raw) == 5:
        return str(ipaddress.IPv4Address(raw[1:]))
    return values.text(value)


def _port(subtype: int | None, port_id: Any, description: Any) -> str | None:
    """A port's name: interfaceName IDs are names; MAC IDs are MACs; for other subtypes
    (local, interfaceAlias, ...) the description names the port, if there is one."""
    if subtype == oids.LLDP_PORT_SUBTYPE_NAME:
        return values.text(port_id)
    if subtype == oids.LLDP_PORT_SUBTYPE_MAC:
        return values.mac(port_id)
    return values.text(description) or values.text(port_id)


def _remote_rows(table: Table) -> list[Oid]:
    """lldpRemTable rows: (lldpRemTimeMark, lldpRemLocalPortNum, lldpRemIndex)."""
    rows = table.get(oids.LLDP_REM_CHASSIS_ID, {}) | table.get(oids.LLDP_REM_SYS_NAME, {})
    return sorted(index for index in rows if len(index) == 3)


def local_port_names(remote: Table) -> list[Oid]:
    """The lldpLocPortTable cells of the ports that have neighbours (read with one GET,
    rather than walking every port of a 48-port switch)."""
    ports = sorted({index[1] for index in _remote_rows(remote)})
    return [(*column, port) for port in ports for column in LOCAL_COLUMNS]


def local_ports(cells: dict[Oid, Any], interfaces: tuple[Interface, ...]) -> dict[int, str]:
    """lldpLocPortNum -> port name; ports without cells fall back to the ifIndex's name."""
    names = {i.index: i.name for i in interfaces}
    width = len(oids.LLDP_LOC_PORT_ID)
    for name, port_id in cells.items():
        if name[:width] != oids.LLDP_LOC_PORT_ID:
            continue
        port = name[width:]
        subtype = values.integer(cells.get(oids.LLDP_LOC_PORT_ID_SUBTYPE + port))
        label = _port(subtype, port_id, cells.get(oids.LLDP_LOC_PORT_DESC + port))
        if subtype == oids.LLDP_PORT_SUBTYPE_MAC:  # a MAC names the interface that has it
            label = next((i.name for i in interfaces if i.mac == label), label)
        if label:
            names[port[0]] = label
    return names


def _neighbour(remote: Table, row: Oid, ports: dict[int, str]) -> Neighbour:
    def cell(column: Oid) -> Any:
        return remote.get(column, {}).get(row)

    port_num = row[1]
    return Neighbour(
        local_port=ports.get(port_num, str(port_num)),
        remote_chassis_id=chassis_id(
            values.integer(cell(oids.LLDP_REM_CHASSIS_ID_SUBTYPE)), cell(oids.LLDP_REM_CHASSIS_ID)
        ),
        remote_sys_name=values.text(cell(oids.LLDP_REM_SYS_NAME)),
        remote_port=_port(
            values.integer(cell(oids.LLDP_REM_PORT_ID_SUBTYPE)),
            cell(oids.LLDP_REM_PORT_ID),
            cell(oids.LLDP_REM_PORT_DESC),
        ),
    )


def parse(
    remote: Table, local: dict[Oid, Any], interfaces: tuple[Interface, ...]
) -> tuple[Neighbour, ...]:
    """Neighbours from lldpRemTable ``remote``, local ports named by the ``local`` cells."""
    ports = local_ports(local, interfaces)
    return tuple(_neighbour(remote, row, ports) for row in _remote_rows(remote))
