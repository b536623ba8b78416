"""One simulated device as an snmpsim recording: the MIB areas the scanner reads."""

from __future__ import annotations

from datetime import date

from graphcmdb.demo.network.build import IF_ETHERNET, IF_LOOPBACK, Port, SimDevice
from graphcmdb.demo.network.snmprec import RecordSet, date_and_time, mac_octets
from graphcmdb.demo.network.topology import Site
from graphcmdb.discovery import oids

LOOPBACK_IP = "127.0.0.1"
PROCESSOR_BASE_INDEX = 196608  # where net-snmp starts hrDeviceIndex for processors


def sys_descr(device: SimDevice) -> str:
    return device.profile.sys_descr.format(name=device.name)


def _system(rs: RecordSet, device: SimDevice, site: Site) -> None:
    rs.octets((*oids.SYS_DESCR, 0), sys_descr(device))
    rs.object_id((*oids.SYS_OBJECT_ID, 0), device.profile.sys_object_id)
    rs.ticks((*oids.SYS_UPTIME, 0), site.uptime_ticks + device.index * 100_000)
    rs.octets((*oids.SYS_CONTACT, 0), site.contact)
    rs.octets((*oids.SYS_NAME, 0), device.fqdn)
    rs.octets((*oids.SYS_LOCATION, 0), site.location)
    rs.integer((*oids.SYS_SERVICES, 0), device.profile.services)


def _is_up(port: Port) -> bool:
    return port.peer is not None or port.if_type != IF_ETHERNET


def _interfaces(rs: RecordSet, device: SimDevice) -> None:
    rs.integer((*oids.IF_NUMBER, 0), len(device.ports))
    for port in device.ports:
        i = (port.if_index,)
        rs.integer(oids.IF_INDEX + i, port.if_index)
        rs.octets(oids.IF_DESCR + i, port.name)
        rs.integer(oids.IF_TYPE + i, port.if_type)
        rs.integer(oids.IF_MTU + i, 65536 if port.if_type == IF_LOOPBACK else 1500)
        rs.gauge(oids.IF_SPEED + i, port.speed_mbps * 1_000_000)
        rs.octets(oids.IF_PHYS_ADDRESS + i, mac_octets(port.mac) if port.mac else b"")
        rs.integer(oids.IF_ADMIN_STATUS + i, 1)
        rs.integer(oids.IF_OPER_STATUS + i, 1 if _is_up(port) else 2)
        rs.octets(oids.IF_NAME + i, port.name)
        rs.gauge(oids.IF_HIGH_SPEED + i, port.speed_mbps)
        alias = f"to {port.peer.device} {port.peer.port}" if port.peer else ""
        rs.octets(oids.IF_ALIAS + i, alias)


def _addresses(device: SimDevice) -> list[tuple[str, int, str]]:
    """(address, ifIndex, netmask) of the device."""
    rows = [(device.ip, device.mgmt_port.if_index, "255.255.255.0")]
    rows += [(LOOPBACK_IP, p.if_index, "255.0.0.0") for p in device.ports if p.name == "lo"]
    return rows


def _ip(rs: RecordSet, device: SimDevice) -> None:
    for address, if_index, mask in _addresses(device):
        octets = tuple(int(part) for part in address.split("."))
        if device.profile.ip_table == "ipAddrTable":
            rs.ip(oids.IP_AD_ENT_ADDR + octets, address)
            rs.integer(oids.IP_AD_ENT_IF_INDEX + octets, if_index)
            rs.ip(oids.IP_AD_ENT_NET_MASK + octets, mask)
        else:
            index = (1, 4, *octets)
            rs.integer(oids.IP_ADDRESS_IF_INDEX + index, if_index)
            rs.integer(oids.IP_ADDRESS_TYPE + index, 1)


def _entity(rs: RecordSet, device: SimDevice) -> None:
    hw = device.hardware
    rows = [
        (1, oids.ENT_CLASS_CHASSIS, f"{hw.model} chassis", "Chassis", device.serial, hw.model),
        (10, oids.ENT_CLASS_POWER_SUPPLY, "Power supply 1", "PSU 1", f"PS{device.serial}", "PSU"),
    ]
    for index, cls, descr, name, serial, model in rows:
        i = (index,)
        rs.octets(oids.ENT_PHYSICAL_DESCR + i, descr)
        rs.integer(oids.ENT_PHYSICAL_CLASS + i, cls)
        rs.octets(oids.ENT_PHYSICAL_NAME + i, name)
        rs.octets(oids.ENT_PHYSICAL_SERIAL + i, serial)
        rs.octets(oids.ENT_PHYSICAL_MFG_NAME + i, hw.manufacturer)
        rs.octets(oids.ENT_PHYSICAL_MODEL_NAME + i, model)


def _port_id(device: SimDevice, port: Port) -> tuple[int, str]:
    """The LLDP port ID subtype and value this device advertises for a port."""
    if device.profile.lldp_port_id == "local":
        return oids.LLDP_PORT_SUBTYPE_LOCAL, str(port.if_index)
    return oids.LLDP_PORT_SUBTYPE_NAME, port.name


def _lldp(rs: RecordSet, device: SimDevice, by_name: dict[str, SimDevice]) -> None:
    rs.integer((*oids.LLDP_LOC_CHASSIS_ID_SUBTYPE, 0), oids.LLDP_CHASSIS_SUBTYPE_MAC)
    rs.octets((*oids.LLDP_LOC_CHASSIS_ID, 0), mac_octets(device.chassis_mac))
    rs.octets((*oids.LLDP_LOC_SYS_NAME, 0), device.fqdn)
    for port in device.ports:
        if port.if_type != IF_ETHERNET:
            continue
        i = (port.if_index,)
        subtype, port_id = _port_id(device, port)
        rs.integer(oids.LLDP_LOC_PORT_ID_SUBTYPE + i, subtype)
        rs.octets(oids.LLDP_LOC_PORT_ID + i, port_id)
        rs.octets(oids.LLDP_LOC_PORT_DESC + i, port.name)
        if port.peer is None:
            continue
        peer = by_name[port.peer.device]
        peer_port = next(p for p in peer.ports if p.name == port.peer.port)
        rem = (0, port.if_index, 1)
        subtype, port_id = _port_id(peer, peer_port)
        rs.integer(oids.LLDP_REM_CHASSIS_ID_SUBTYPE + rem, oids.LLDP_CHASSIS_SUBTYPE_MAC)
        rs.octets(oids.LLDP_REM_CHASSIS_ID + rem, mac_octets(peer.chassis_mac))
        rs.integer(oids.LLDP_REM_PORT_ID_SUBTYPE + rem, subtype)
        rs.octets(oids.LLDP_REM_PORT_ID + rem, port_id)
        rs.octets(oids.LLDP_REM_PORT_DESC + rem, peer_port.name)
        rs.octets(oids.LLDP_REM_SYS_NAME + rem, peer.fqdn)
        rs.octets(oids.LLDP_REM_SYS_DESC + rem, sys_descr(peer))


def _host_resources(rs: RecordSet, device: SimDevice) -> None:
    for n, sw in enumerate(device.profile.software, start=1):
        i = (n,)
        rs.integer(oids.HR_SW_INSTALLED_INDEX + i, n)
        rs.octets(oids.HR_SW_INSTALLED_NAME + i, sw.name)
        rs.object_id(oids.HR_SW_INSTALLED_ID + i, "0.0")
        rs.integer(oids.HR_SW_INSTALLED_TYPE + i, sw.sw_type)
        rs.octets(oids.HR_SW_INSTALLED_DATE + i, date_and_time(date.fromisoformat(sw.installed)))
    for n in range(device.hardware.cores or 0):
        i = (PROCESSOR_BASE_INDEX + n,)
        rs.object_id(oids.HR_PROCESSOR_FRW_ID + i, "0.0")
        rs.integer(oids.HR_PROCESSOR_LOAD + i, (n * 7 + device.index) % 100)


def recording(device: SimDevice, site: Site, by_name: dict[str, SimDevice]) -> str:
    """The device's ``.snmprec`` text."""
    rs = RecordSet()
    _system(rs, device, site)
    _interfaces(rs, device)
    _ip(rs, device)
    _entity(rs, device)
    if device.lldp:
        _lldp(rs, device, by_name)
    _host_resources(rs, device)
    return rs.render()
