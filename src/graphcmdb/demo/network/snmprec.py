"""snmpsim's ``.snmprec`` format: one ``OID|TAG|VALUE`` line per object, in OID order.

Tags are BER type numbers (2 INTEGER, 4 OCTET STRING, 6 OBJECT IDENTIFIER, 64 IpAddress,
66 Gauge32, 67 TimeTicks); an ``x`` after the tag means the value is hex.
"""

from __future__ import annotations

import ipaddress
import string
from dataclasses import dataclass, field
from datetime import date

from graphcmdb.discovery.oids import Oid

_PLAIN = set(string.ascii_letters + string.digits + string.punctuation + " ") - {"|"}


def date_and_time(day: date) -> bytes:
    """SNMPv2-TC DateAndTime, 8 octets (local midnight of ``day``)."""
    return day.year.to_bytes(2, "big") + bytes([day.month, day.day, 0, 0, 0, 0])


def mac_octets(mac: str) -> bytes:
    return bytes(int(part, 16) for part in mac.split(":"))


@dataclass
class RecordSet:
    """The objects of one device, written out in OID order."""

    records: dict[Oid, tuple[str, str]] = field(default_factory=dict)

    def add(self, name: Oid, tag: str, value: str) -> None:
        self.records[name] = (tag, value)

    def integer(self, name: Oid, value: int) -> None:
        self.add(name, "2", str(value))

    def gauge(self, name: Oid, value: int) -> None:
        self.add(name, "66", str(min(value, 2**32 - 1)))

    def ticks(self, name: Oid, value: int) -> None:
        self.add(name, "67", str(value))

    def object_id(self, name: Oid, value: str) -> None:
        self.add(name, "6", value)

    def ip(self, name: Oid, value: str) -> None:
        self.add(name, "64", str(ipaddress.IPv4Address(value)))

    def octets(self, name: Oid, value: str | bytes) -> None:
        if isinstance(value, str) and set(value) <= _PLAIN:
            self.add(name, "4", value)
        else:
            raw = value.encode() if isinstance(value, str) else value
            self.add(name, "4x", raw.hex())

    def render(self) -> str:
        return "".join(
            f"{'.'.join(map(str, name))}|{tag}|{value}\n"
            for name, (tag, value) in sorted(self.records.items())
        )
