"""pysnmp values as plain Python: text, numbers, MACs, dates (DateAndTime)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pyasn1.type.univ import ObjectIdentifier
from pysnmp.proto import rfc1905

_MISSING = (rfc1905.NoSuchObject, rfc1905.NoSuchInstance, rfc1905.EndOfMibView)


def is_missing(value: Any) -> bool:
    """noSuchObject, noSuchInstance, endOfMibView or no value at all."""
    return value is None or isinstance(value, _MISSING)


def octets(value: Any) -> bytes | None:
    if is_missing(value) or not hasattr(value, "asOctets"):
        return None
    return bytes(value.asOctets())


def text(value: Any) -> str | None:
    """A DisplayString (UTF-8 tolerated), stripped; None when empty."""
    raw = octets(value)
    if raw is None:
        return None
    cleaned = raw.rstrip(b"\x00").decode("utf-8", errors="replace").strip()
    return cleaned or None


def integer(value: Any) -> int | None:
    if is_missing(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def object_id(value: Any) -> str | None:
    if is_missing(value) or not isinstance(value, ObjectIdentifier):
        return None
    return ".".join(str(part) for part in value.asTuple())


def mac(value: Any) -> str | None:
    """A 6-octet PhysAddress / MacAddress as ``aa:bb:cc:dd:ee:ff``; None when absent."""
    raw = octets(value)
    if raw is None or len(raw) != 6 or not any(raw):
        return None
    return ":".join(f"{b:02x}" for b in raw)


def date_and_time(value: Any) -> date | None:
    """SNMPv2-TC DateAndTime (8 or 11 octets) as a date; None when absent or invalid."""
    raw = octets(value)
    if raw is None or len(raw) not in (8, 11):
        return None
    try:
        return date(int.from_bytes(raw[:2], "big"), raw[2], raw[3])
    except ValueError:
        return None
