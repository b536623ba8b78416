"""The simulated network's description (``topology.toml``) as typed records."""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from graphcmdb.graph.enums import CIClass


@dataclass(frozen=True)
class Site:
    domain: str
    location: str
    contact: str
    uptime_ticks: int


@dataclass(frozen=True)
class PortSpec:
    name: str  # format string with {n}
    count: int
    speed_mbps: int
    pool: str  # "up" or "down"
    first: int = 1


@dataclass(frozen=True)
class Hardware:
    manufacturer: str
    model: str
    serial: str  # pattern: '#' digit, '?' letter or digit
    oui: str
    ports: tuple[PortSpec, ...]
    mgmt: str | None = None
    cores: int | None = None


@dataclass(frozen=True)
class InstalledSoftware:
    name: str
    installed: str  # ISO date
    sw_type: int  # hrSWInstalledType: 2 operatingSystem, 4 application


@dataclass(frozen=True)
class Profile:
    sys_descr: str  # may contain {name}
    sys_object_id: str
    services: int
    ip_table: str
    expect: CIClass
    lldp_port_id: str = "name"
    loopback: bool = False
    software: tuple[InstalledSoftware, ...] = ()


@dataclass(frozen=True)
class Group:
    name: str
    count: int
    hardware: str
    profile: str
    ip: str
    role: str
    expect: CIClass | None = None  # when not the profile's (virtual machines)


@dataclass(frozen=True)
class LinkRule:
    source: str  # role whose devices uplink
    target: str  # role they uplink to
    uplinks: int = 1
    mode: str = "spread"  # or "pairs"


@dataclass(frozen=True)
class Bundled:
    recording: str  # file stem under snmpsim's data/recorded/
    expect: CIClass


@dataclass(frozen=True)
class Topology:
    site: Site
    hardware: dict[str, Hardware]
    profiles: dict[str, Profile]
    groups: tuple[Group, ...]
    links: tuple[LinkRule, ...]
    bundled: tuple[Bundled, ...]


def _hardware(raw: dict[str, Any]) -> Hardware:
    ports = tuple(PortSpec(**p) for p in raw.pop("ports"))
    return Hardware(ports=ports, **raw)


def _profile(raw: dict[str, Any]) -> Profile:
    software = tuple(
        InstalledSoftware(name, installed, sw_type)
        for name, installed, sw_type in raw.pop("software", ())
    )
    return Profile(software=software, expect=CIClass(raw.pop("expect")), **raw)


def _group(raw: dict[str, Any]) -> Group:
    expect = raw.pop("expect", None)
    return Group(expect=CIClass(expect) if expect else None, **raw)


def _link(raw: dict[str, Any]) -> LinkRule:
    return LinkRule(
        source=raw["from"],
        target=raw["to"],
        uplinks=raw.get("uplinks", 1),
        mode=raw.get("mode", "spread"),
    )


def parse_topology(data: dict[str, Any]) -> Topology:
    return Topology(
        site=Site(**data["site"]),
        hardware={k: _hardware(dict(v)) for k, v in data["hardware"].items()},
        profiles={k: _profile(dict(v)) for k, v in data["profiles"].items()},
        groups=tuple(_group(dict(g)) for g in data["groups"]),
        links=tuple(_link(raw) for raw in data["links"]),
        bundled=tuple(Bundled(b["recording"], CIClass(b["expect"])) for b in data["bundled"]),
    )


def load_topology(path: Path | None = None) -> Topology:
    """The packaged ``topology.toml``, or another description in the same format."""
    if path is None:
        text = (
            resources.files("graphcmdb.demo.network").joinpath("topology.toml").read_text("utf-8")
        )
    else:
        text = path.read_text("utf-8")
    return parse_topology(tomllib.loads(text))


SCALED_FIRST_OCTET = 100  # a scaled network's group n manages from 10.(100+n).0.1


def scaled(topology: Topology, factor: int) -> Topology:
    """The same network ``factor`` times over: every group's count multiplied (names,
    serials and MACs follow the member numbers, so every device stays distinct), each
    group's management addresses moved to a /16 of its own so that grown groups do not
    overlap, the link rules unchanged (they spread over the grown roles alike). The
    bundled recordings are not repeated: their identities are fixed."""
    if factor == 1:
        return topology
    if not 1 < factor < 256:
        raise ValueError("scale a network by 1 to 255")
    groups = tuple(
        replace(
            g,
            count=g.count * factor,
            ip=str(ipaddress.IPv4Address(f"10.{SCALED_FIRST_OCTET + n}.0.1")),
        )
        for n, g in enumerate(topology.groups)
    )
    return replace(topology, groups=groups)
