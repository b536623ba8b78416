"""Which existing CI an observation is: DESIGN's identification rules, strongest first.

1. ``SERIAL``: the same serial number (case-insensitive) from a compatible manufacturer
   (compared when both sides know it, by the first word: "Dell" = "Dell Inc.");
2. ``MAC``: any shared MAC address (the CI sharing most of them wins);
3. ``FQDN``: the same fully qualified name, then ``SYSNAME``: the sysName (or its first
   label) equal to the CI's hostname or name;
4. ``IP``: an address held by exactly one CI (an address several CIs hold identifies none),
   and only when all such unique addresses point at the same CI.

A candidate found by a weaker rule is passed over when both it and the observation know
a serial number and the two differ: new hardware that took an old name or address is a
new CI. Only device classes take part (an application listing its host's address is not
that host), plus the observation's own class. Several CIs matching one rule are
duplicates: the oldest is chosen and ``duplicateCIs`` reports the rest.

Identifiers that are not identities are ignored: generic sysNames ("localhost"),
loopback / link-local / multicast addresses, and shared virtual MACs (VRRP, HSRP,
multicast, all-zero), which several routers answer with at once.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.records import CandidateCI
from graphcmdb.domain.models import normalise_mac
from graphcmdb.graph.enums import CIClass

#: Physical or virtual machines: what a network scan can see and identify.
DEVICE_CLASSES: frozenset[CIClass] = frozenset(
    {
        CIClass.SERVER,
        CIClass.VIRTUAL_MACHINE,
        CIClass.NETWORK_DEVICE,
        CIClass.STORAGE_DEVICE,
        CIClass.LOAD_BALANCER,
    }
)
GENERIC_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "(none)", "none", "unknown", "default", "switch"}
)
#: Virtual-router MACs (VRRP v4/v6, HSRP v1/v2) are shared by redundant routers.
SHARED_MAC_PREFIXES = ("00:00:5e:00:01:", "00:00:5e:00:02:", "00:00:0c:07:ac:", "00:00:0c:9f:f")
_WORD = re.compile(r"[a-z0-9]+")


class Rule(StrEnum):
    SERIAL = "SERIAL"
    MAC = "MAC"
    FQDN = "FQDN"
    SYSNAME = "SYSNAME"
    IP = "IP"


def identifying_mac(value: str | None) -> str | None:
    """The normalised MAC, or None when it is malformed or shared by design."""
    if not value:
        return None
    try:
        mac = normalise_mac(value)
    except ValueError:
        return None
    if int(mac[:2], 16) & 1 or mac == "00:00:00:00:00:00":  # multicast/broadcast, unset
        return None
    return None if mac.startswith(SHARED_MAC_PREFIXES) else mac


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().split("%")[0])
    except ValueError:
        return None


def identifying_ip(value: str) -> str | None:
    """The normalised address, or None for addresses every host has (loopback, ...)."""
    ip = _ip(value)
    if ip is None or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        return None
    return str(ip)


def answering_ip(value: str) -> str | None:
    """The address that answered: it names the target even on loopback (a lab, a local
    agent), whereas loopback in a device's own address table is on every host."""
    ip = _ip(value)
    return None if ip is None or ip.is_unspecified or ip.is_multicast else str(ip)


def host_names(sys_name: str | None) -> tuple[str | None, tuple[str, ...]]:
    """(fqdn, names to compare with hostname/name) of a sysName; generic names give none."""
    name = (sys_name or "").strip().rstrip(".").lower()
    if not name or name in GENERIC_NAMES:
        return None, ()
    short = name.split(".")[0]
    fqdn = name if "." in name and short not in GENERIC_NAMES else None
    return fqdn, tuple(dict.fromkeys((name, short)))


def manufacturer_word(manufacturer: str | None) -> str | None:
    words = _WORD.findall((manufacturer or "").lower())
    return words[0] if words else None


def same_maker(a: str | None, b: str | None) -> bool:
    """Manufacturers agree unless both are known and differ (by their first word)."""
    wa, wb = manufacturer_word(a), manufacturer_word(b)
    return wa is None or wb is None or wa == wb


def _spellings(sys_name: str | None) -> tuple[str, ...]:
    name = (sys_name or "").strip().rstrip(".")
    return tuple(dict.fromkeys((name, name.split(".")[0])))


def _serial(value: str | None) -> str | None:
    return value.strip().upper() if value and value.strip() else None


@dataclass(frozen=True)
class Identity:
    """The identifiers of one observation, normalised as the graph stores them."""

    ci_class: CIClass
    serial: str | None
    manufacturer: str | None
    macs: tuple[str, ...]
    fqdn: str | None
    names: tuple[str, ...]
    ips: tuple[str, ...]
    #: the sysName and its first label as reported, for names stored with capitals
    spelled: tuple[str, ...] = ()

    @classmethod
    def of(cls, obs: Observation) -> Identity:
        fqdn, names = host_names(obs.sys_name)
        macs = {identifying_mac(m) for m in obs.macs}
        ips = {identifying_ip(ip) for ip in obs.ip_addresses} | {answering_ip(obs.address)}
        return cls(
            ci_class=obs.ci_class,
            serial=(obs.serial_number or "").strip() or None,
            manufacturer=(obs.manufacturer or "").strip() or None,
            macs=tuple(sorted(m for m in macs if m)),
            fqdn=fqdn,
            names=names,
            ips=tuple(sorted(ip for ip in ips if ip)),
            spelled=_spellings(obs.sys_name) if names else (),
        )

    def lookup_params(self) -> dict[str, Sequence[str]]:
        """Parameters of ``discovery/candidates``: every value a rule compares."""
        serial = self.serial
        serials = [] if serial is None else sorted({serial, serial.upper(), serial.lower()})
        return {
            "serials": serials,
            "fqdns": [self.fqdn] if self.fqdn else [],
            "names": list(dict.fromkeys((*self.names, *self.spelled))),
            "macs": list(self.macs),
            "ips": list(self.ips),
            "classes": sorted({*DEVICE_CLASSES, self.ci_class}),
        }


@dataclass(frozen=True)
class Match:
    ci: CandidateCI
    rule: Rule


def _contradicts(identity: Identity, ci: CandidateCI) -> bool:
    theirs = _serial(ci.serial_number)
    return identity.serial is not None and theirs is not None and theirs != _serial(identity.serial)


def _by_serial(identity: Identity, ci: CandidateCI) -> int:
    if identity.serial is None or _serial(ci.serial_number) != _serial(identity.serial):
        return 0
    return int(same_maker(identity.manufacturer, ci.manufacturer))


def _by_mac(identity: Identity, ci: CandidateCI) -> int:
    return len(set(identity.macs) & set(ci.mac_addresses))


def _by_fqdn(identity: Identity, ci: CandidateCI) -> int:
    return int(identity.fqdn is not None and ci.fqdn == identity.fqdn)


def _by_sysname(identity: Identity, ci: CandidateCI) -> int:
    theirs = {(ci.hostname or "").lower(), (ci.name or "").lower()}
    return int(bool(theirs & set(identity.names)))


RULES: tuple[tuple[Rule, Callable[[Identity, CandidateCI], int]], ...] = (
    (Rule.SERIAL, _by_serial),
    (Rule.MAC, _by_mac),
    (Rule.FQDN, _by_fqdn),
    (Rule.SYSNAME, _by_sysname),
)


def _oldest_first(ci: CandidateCI) -> tuple[str, str]:
    created = ci.created_at
    return (created.isoformat() if created is not None else "", ci.id)


def _by_unique_ip(identity: Identity, device_cis: list[CandidateCI]) -> CandidateCI | None:
    """The one CI all of the observation's unique addresses point at, if any."""
    owners = [[c for c in device_cis if ip in c.ip_addresses] for ip in identity.ips]
    unique = {o[0].id: o[0] for o in owners if len(o) == 1}
    return next(iter(unique.values())) if len(unique) == 1 else None


def identify(identity: Identity, candidates: Sequence[CandidateCI]) -> Match | None:
    """The CI the observation is, by the first rule that finds one, or None (a new CI)."""
    device_cis = [c for c in candidates if c.ci_class in {*DEVICE_CLASSES, identity.ci_class}]
    eligible = [c for c in device_cis if not _contradicts(identity, c)]
    for rule, score in RULES:
        hits = [(s, c) for c in eligible if (s := score(identity, c)) > 0]
        if hits:
            best = max(s for s, _ in hits)
            return Match(min((c for s, c in hits if s == best), key=_oldest_first), rule)
    by_ip = _by_unique_ip(identity, device_cis)  # shared with anyone: identifies none
    return Match(by_ip, Rule.IP) if by_ip is not None and by_ip in eligible else None
