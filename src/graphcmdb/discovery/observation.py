"""What a scan saw of one device: the contract between the scanner and reconciliation.

The scanner (``discovery.scanner``) fills these from SNMP; reconciliation
(``discovery.reconcile``) decides which CI each observation is and writes it. Both sides
depend on this module only, so either can be tested without the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from graphcmdb.graph.enums import CIClass


@dataclass(frozen=True)
class Interface:
    """IF-MIB ifTable/ifXTable row."""

    index: int
    name: str
    mac: str | None = None  # lower-case, colon separated: "00:1a:2b:3c:4d:5e"
    speed_bps: int | None = None
    oper_status: str | None = None  # "up", "down", "testing", ...


@dataclass(frozen=True)
class Neighbour:
    """LLDP-MIB remote table row, seen from this device's ``local_port``."""

    local_port: str
    remote_chassis_id: str | None = None  # usually a MAC, same format as Interface.mac
    remote_sys_name: str | None = None
    remote_port: str | None = None


@dataclass(frozen=True)
class Software:
    """HOST-RESOURCES-MIB hrSWInstalledTable row, normalised to publisher/product/version."""

    raw_name: str
    publisher: str
    product: str
    version: str | None = None
    installed_on: date | None = None
    build: str | None = None  # the exact version installed ("16.0.4135.4"), when known


@dataclass(frozen=True)
class Observation:
    """One device as one scan saw it."""

    target: str  # what was scanned, "host:port"
    address: str  # the IP address that answered
    observed_at: datetime
    ci_class: CIClass
    sys_name: str | None = None
    sys_descr: str | None = None
    sys_object_id: str | None = None
    sys_uptime_ticks: int | None = None
    sys_contact: str | None = None
    sys_location: str | None = None
    sys_services: int | None = None
    serial_number: str | None = None  # ENTITY-MIB chassis
    manufacturer: str | None = None
    model: str | None = None
    cores: int | None = None  # HOST-RESOURCES hrProcessorTable rows
    interfaces: tuple[Interface, ...] = ()
    ip_addresses: tuple[str, ...] = ()
    neighbours: tuple[Neighbour, ...] = ()
    software: tuple[Software, ...] = ()
    lldp_chassis_id: str | None = None  # LLDP-MIB lldpLocChassisId (neighbours name this)

    @property
    def macs(self) -> tuple[str, ...]:
        return tuple(sorted({i.mac for i in self.interfaces if i.mac}))


@dataclass(frozen=True)
class TargetFailure:
    """A target that gave no observation, and why (timeout, auth failure, ...)."""

    target: str
    kind: str  # UNREACHABLE, AUTH_FAILED, ERROR
    reason: str


@dataclass
class ScanResult:
    observations: list[Observation] = field(default_factory=list)
    failures: list[TargetFailure] = field(default_factory=list)
