"""Devices of the simulated network: members of the topology's groups, with ports, MACs,
serials and the links between them (both ends of a link know each other)."""

from __future__ import annotations

import hashlib
import ipaddress
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphcmdb.demo.network.topology import Hardware, LinkRule, Profile, Topology
from graphcmdb.graph.enums import CIClass

IF_ETHERNET = 6
IF_LOOPBACK = 24
IF_VIRTUAL = 53


@dataclass(frozen=True)
class Peer:
    device: str  # the other end's name
    port: str  # the other end's port name


@dataclass
class Port:
    if_index: int
    name: str
    speed_mbps: int
    if_type: int
    mac: str | None
    pool: str | None = None  # "up" / "down" for physical ports
    peer: Peer | None = None


@dataclass
class SimDevice:
    """One simulated device, built from a group member."""

    index: int  # 1-based, network-wide (also the MAC's device byte)
    name: str
    role: str
    hardware: Hardware
    profile: Profile
    ip: str
    fqdn: str
    serial: str
    expect: CIClass  # the class the scanner should find
    ports: list[Port] = field(default_factory=list)

    @property
    def chassis_mac(self) -> str:
        """The LLDP chassis ID: the management interface's MAC, as most agents use."""
        return str(self.mgmt_port.mac)

    @property
    def mgmt_port(self) -> Port:
        """The interface that carries the management address."""
        if self.hardware.mgmt:
            return next(p for p in self.ports if p.name == self.hardware.mgmt)
        return next(p for p in self.ports if p.if_type == IF_ETHERNET)

    @property
    def lldp(self) -> bool:
        """Devices with links run LLDP (both ends of every link then see each other)."""
        return any(p.peer for p in self.ports)

    def take(self, pool: str) -> Port:
        """The next free port of a pool."""
        for port in self.ports:
            if port.pool == pool and port.peer is None:
                return port
        raise ValueError(f"{self.name}: no free {pool!r} port left")


def _digest(seed: str) -> Iterator[int]:
    counter = 0
    while True:
        yield from hashlib.sha256(f"{seed}/{counter}".encode()).digest()
        counter += 1


def serial_from(pattern: str, seed: str) -> str:
    """Fill '#' with digits and '?' with letters or digits, the same for the same seed."""
    alnum = string.ascii_uppercase + string.digits
    stream = _digest(seed)
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(string.digits[next(stream) % 10])
        elif ch == "?":
            out.append(alnum[next(stream) % len(alnum)])
        else:
            out.append(ch)
    return "".join(out)


MAC_BASE = 0x0A  # the fourth octet of device 1-255; later devices count up from it


def mac_of(oui: str, device_index: int, if_index: int) -> str:
    """``oui:0a:<device>:<port>`` for devices 1-255; beyond, the fourth octet carries the
    device index's high byte (a scaled network keeps every MAC distinct)."""
    high, low = divmod(device_index, 256)
    if not (device_index > 0 and MAC_BASE + high < 256 and 0 <= if_index < 256):
        raise ValueError("the MAC scheme holds 62,000 devices of 255 ports per OUI")
    return f"{oui}:{MAC_BASE + high:02x}:{low:02x}:{if_index:02x}"


def _ports(hardware: Hardware, profile: Profile, device_index: int) -> list[Port]:
    ports: list[Port] = []

    def add(name: str, speed: int, if_type: int, pool: str | None, mac: bool = True) -> None:
        if_index = len(ports) + 1
        address = mac_of(hardware.oui, device_index, if_index) if mac else None
        ports.append(Port(if_index, name, speed, if_type, address, pool))

    if profile.loopback:
        add("lo", 10, IF_LOOPBACK, None, mac=False)
    for spec in hardware.ports:
        for n in range(spec.first, spec.first + spec.count):
            add(spec.name.format(n=n), spec.speed_mbps, IF_ETHERNET, spec.pool)
    if hardware.mgmt:
        add(hardware.mgmt, 1000, IF_VIRTUAL, None)
    return ports


def _members(topology: Topology) -> Iterator[SimDevice]:
    index = 0
    for group in topology.groups:
        hardware = topology.hardware[group.hardware]
        profile = topology.profiles[group.profile]
        first_ip = ipaddress.IPv4Address(group.ip)
        for n in range(1, group.count + 1):
            index += 1
            name = group.name.format(n=n)
            yield SimDevice(
                index=index,
                name=name,
                role=group.role,
                hardware=hardware,
                profile=profile,
                ip=str(first_ip + (n - 1)),
                fqdn=f"{name}.{topology.site.domain}",
                serial=serial_from(hardware.serial, name),
                expect=group.expect or profile.expect,
                ports=_ports(hardware, profile, index),
            )


def _connect(a: SimDevice, pool_a: str, b: SimDevice, pool_b: str) -> None:
    port_a, port_b = a.take(pool_a), b.take(pool_b)
    port_a.peer = Peer(b.name, port_b.name)
    port_b.peer = Peer(a.name, port_a.name)


def _apply(rule: LinkRule, by_role: dict[str, list[SimDevice]]) -> None:
    sources, targets = by_role.get(rule.source, []), by_role.get(rule.target, [])
    if rule.mode == "pairs":
        for a, b in zip(sources[0::2], sources[1::2], strict=False):
            _connect(a, "up", b, "up")
        return
    blocks = max(1, len(targets) // rule.uplinks)
    for i, device in enumerate(sources):
        block = i * blocks // len(sources)
        for target in targets[block * rule.uplinks : (block + 1) * rule.uplinks]:
            _connect(device, "up", target, "down")


def build_devices(topology: Topology) -> list[SimDevice]:
    """Every group member, linked by the topology's rules."""
    devices = list(_members(topology))
    by_role: dict[str, list[SimDevice]] = {}
    for device in devices:
        by_role.setdefault(device.role, []).append(device)
    for rule in topology.links:
        _apply(rule, by_role)
    return devices
