"""How each identifier is normalised before two of them are compared.

Every source spells identifiers its own way: finance types serials with dashes and
lower case, discovery reads ``sw-core-1.corp.example.`` with a trailing dot, a CSV has
``AA-BB-CC-00-11-22``. Identification compares only what these functions return, and a
value that identifies nothing (a serial of ``N/A``, ``localhost``, a VRRP MAC, a
loopback address) normalises to None.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

#: sysNames and host names every box may answer with
GENERIC_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "(none)", "none", "unknown", "default", "switch"}
)
#: Virtual-router MACs (VRRP v4/v6, HSRP v1/v2) are shared by redundant routers.
SHARED_MAC_PREFIXES = ("00:00:5e:00:01:", "00:00:5e:00:02:", "00:00:0c:07:ac:", "00:00:0c:9f:f")
#: placeholders firmware and spreadsheets put where a serial number is unknown
JUNK_SERIALS = frozenset(
    {
        "",
        "NA",
        "N/A",
        "NONE",
        "NULL",
        "UNKNOWN",
        "0",
        "00000000",
        "0123456789",
        "123456789",
        "TOBEFILLEDBYOEM",
        "DEFAULTSTRING",
        "SYSTEMSERIALNUMBER",
        "NOTSPECIFIED",
        "NOTAVAILABLE",
        "CHASSISSERIALNUMBER",
    }
)
MAC_PATTERN = re.compile(r"^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^[0-9a-f]{12}$")
#: normalised values remembered: a run compares each row's identifiers with its
#: candidates', which repeat the same strings (the functions are pure)
CACHED = 1 << 16
_SERIAL_NOISE = re.compile(r"[\s\-_.:/]+")
_WORD = re.compile(r"[a-z0-9]+")


def normalise_mac(value: str) -> str:
    raw = value.strip().lower()
    if not MAC_PATTERN.match(raw):
        raise ValueError(f"'{value}' is not a MAC address (expected aa:bb:cc:dd:ee:ff)")
    digits = raw.replace(":", "").replace("-", "")
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


def normalise_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError as exc:
        raise ValueError(f"'{value}' is not an IP address") from exc


@lru_cache(maxsize=CACHED)
def serial(value: str | None) -> str | None:
    """Upper case without spaces, dashes, dots, underscores, colons or slashes:
    ``cn-0x1234 ab`` and ``CN0X1234AB`` are one serial; placeholders are none."""
    if not value:
        return None
    cleaned = _SERIAL_NOISE.sub("", value).upper()
    if cleaned in JUNK_SERIALS or len(set(cleaned)) == 1:  # "N/A", "0000000", "XXXXXX"
        return None
    return cleaned


@lru_cache(maxsize=CACHED)
def asset_tag(value: str | None) -> str | None:
    """Asset tags compare without case and surrounding blanks."""
    cleaned = (value or "").strip().upper()
    return cleaned or None


@lru_cache(maxsize=CACHED)
def mac(value: str | None) -> str | None:
    """The normalised MAC of one box's interface, or None when it is malformed or not
    one box's own: multicast and broadcast, all-zero, and the virtual-router ranges
    several routers answer with at once."""
    if not value:
        return None
    try:
        normal = normalise_mac(value)
    except ValueError:
        return None
    if int(normal[:2], 16) & 1 or normal == "00:00:00:00:00:00":
        return None
    return None if normal.startswith(SHARED_MAC_PREFIXES) else normal


def identifying_mac(value: str) -> bool:
    """Whether a normalised MAC names one box: a locally administered one (virtual NICs,
    randomised and container MACs) is reused across hosts, so it is a fact, not an
    identity."""
    return not int(value[:2], 16) & 2


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().split("%")[0])
    except ValueError:
        return None


_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
#: an IPv4 address already written canonically (no leading zeros): most addresses are,
#: and reading one needs no ``ipaddress`` object (a bulk import normalises 100,000s)
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}\.({_OCTET})\.{_OCTET}\.{_OCTET}")


def _canonical_ipv4(value: str) -> tuple[int, int] | None:
    """The first two octets of a canonical dotted quad, or None for anything else."""
    found = _CANONICAL_IPV4.fullmatch(value)
    return (int(value[: value.index(".")]), int(found.group(1))) if found else None


@lru_cache(maxsize=CACHED)
def ip(value: str | None) -> str | None:
    """The normalised address, or None for addresses every host has (loopback, ...)."""
    text = (value or "").strip()
    quad = _canonical_ipv4(text)
    if quad is not None:  # loopback, link-local, multicast and unspecified, as below
        first = quad[0]
        shared = first == 127 or quad == (169, 254) or 224 <= first <= 239
        return None if shared or text == "0.0.0.0" else text
    addr = _ip(text)
    if addr is None or addr.is_loopback or addr.is_link_local or addr.is_multicast:
        return None
    return None if addr.is_unspecified else str(addr)


@lru_cache(maxsize=CACHED)
def answering_ip(value: str | None) -> str | None:
    """The address that answered a scan: it names the target even on loopback (a lab, a
    local agent), whereas loopback in a device's own address table is on every host."""
    text = (value or "").strip()
    quad = _canonical_ipv4(text)
    if quad is not None:  # unspecified and multicast, as below
        return None if text == "0.0.0.0" or 224 <= quad[0] <= 239 else text
    addr = _ip(text)
    return None if addr is None or addr.is_unspecified or addr.is_multicast else str(addr)


@lru_cache(maxsize=CACHED)
def host_name(value: str | None) -> str | None:
    """Lower case, no surrounding blanks, no trailing dot; generic names are none."""
    name = (value or "").strip().rstrip(".").lower()
    if not name or name in GENERIC_NAMES or name.split(".")[0] in GENERIC_NAMES:
        return None
    return name


@lru_cache(maxsize=CACHED)
def host_names(value: str | None) -> tuple[str | None, tuple[str, ...]]:
    """(fqdn, names to compare with a CI's hostname and name) of one host name: the FQDN
    when it has a domain, and the name with its short form (first label)."""
    name = host_name(value)
    if name is None:
        return None, ()
    if _ip(name) is not None:  # an address typed where a name belongs names nothing
        return None, ()
    short = name.split(".")[0]
    fqdn = name if "." in name else None
    return fqdn, tuple(dict.fromkeys((name, short)))


def manufacturer_word(manufacturer: str | None) -> str | None:
    """The first word of a maker's name: "Dell Inc." and "DELL" are one maker."""
    words = _WORD.findall((manufacturer or "").lower())
    return words[0] if words else None


def same_maker(a: str | None, b: str | None) -> bool:
    """Manufacturers agree unless both are known and differ (by their first word)."""
    wa, wb = manufacturer_word(a), manufacturer_word(b)
    return wa is None or wb is None or wa == wb


def name_fold(value: str | None) -> str | None:
    """A logical CI's name without case, blanks or punctuation ("CRM-Suite" = "crm suite"):
    what the duplicate report compares names the NAME rule keeps apart by."""
    folded = "".join(ch for ch in (value or "").casefold() if ch.isalnum())
    return folded or None


def same_serial(a: object, b: object) -> bool:
    """Two spellings of one serial number (an update that only respells it changes nothing)."""
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    return serial(a) is not None and serial(a) == serial(b)
