"""The identity of one thing as its normalised identifiers, and the keys they claim.

An :class:`Identity` is built the same way from every source — a discovery observation,
an import row, an API call, a CI already stored — so two sources compare equal exactly
when their normalised identifiers do. Each identifier is also a key (``SERIAL:CN0X12``,
``HOST:web01``) of an ``IdentityKey`` node: the graph's index of identities, and the lock
two concurrent writers of the same thing meet on (see ``services/identity_keys.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from graphcmdb.graph.enums import CIClass
from graphcmdb.identity import normalise

#: Physical or virtual machines: what a scan can see and a serial or MAC identifies.
DEVICE_CLASSES: frozenset[CIClass] = frozenset(
    {
        CIClass.SERVER,
        CIClass.VIRTUAL_MACHINE,
        CIClass.NETWORK_DEVICE,
        CIClass.STORAGE_DEVICE,
        CIClass.LOAD_BALANCER,
    }
)


class KeyKind(StrEnum):
    SERIAL = "SERIAL"
    MAC = "MAC"
    FQDN = "FQDN"
    HOST = "HOST"  # a host name or its first label
    IP = "IP"
    NAME = "NAME"  # a logical CI's class and name


#: the CI fields an identity is made of: a change to none of them keeps the CI's identity
IDENTITY_FIELDS = frozenset(
    {
        "ciClass",
        "name",
        "hostname",
        "fqdn",
        "serialNumber",
        "manufacturer",
        "macAddresses",
        "ipAddresses",
        "environment",
    }
)


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _sorted(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}))


@dataclass(frozen=True)
class Identity:
    """The normalised identifiers of one thing (see ``identity/normalise.py``)."""

    ci_class: CIClass
    #: the name as given (what a new CI is called); compared through ``hosts``
    name: str | None = None
    serial: str | None = None
    manufacturer: str | None = None
    asset_tags: tuple[str, ...] = ()
    macs: tuple[str, ...] = ()
    fqdn: str | None = None
    #: host names and their first labels, lower case
    hosts: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    environment: str | None = None

    @cached_property
    def identifying_macs(self) -> tuple[str, ...]:
        """The MACs that name this box (see ``normalise.identifying_mac``)."""
        return tuple(m for m in self.macs if normalise.identifying_mac(m))

    @property
    def is_device(self) -> bool:
        return self.ci_class in DEVICE_CLASSES

    @classmethod
    def of(
        cls,
        ci_class: CIClass,
        name: str | None,
        *,
        host_names: Iterable[str | None] = (),
        serial: str | None = None,
        manufacturer: str | None = None,
        asset_tags: Iterable[str | None] = (),
        macs: Iterable[str | None] = (),
        ips: Iterable[str | None] = (),
        environment: str | None = None,
        stored: bool = False,
    ) -> Identity:
        """Normalise raw identifiers. A device's name counts as a host name; a logical
        CI (an application, a cluster) is known by its class and name only. ``stored``:
        the addresses are a stored CI's (see :meth:`of_ci`)."""
        device = ci_class in DEVICE_CLASSES
        fqdn: str | None = None
        hosts: list[str] = []
        for raw in (*host_names, name) if device else ():
            full, names = normalise.host_names(raw)
            fqdn = fqdn or full
            hosts.extend(names)
        return cls(
            ci_class=ci_class,
            name=(name or "").strip() or None,
            serial=normalise.serial(serial) if device else None,
            manufacturer=(manufacturer or "").strip() or None,
            asset_tags=_sorted(normalise.asset_tag(t) for t in asset_tags),
            macs=_sorted(normalise.mac(m) for m in macs) if device else (),
            fqdn=fqdn,
            hosts=tuple(dict.fromkeys(hosts)),
            ips=_sorted(map(normalise.answering_ip if stored else normalise.ip, ips))
            if device
            else (),
            environment=environment,
        )

    @classmethod
    def of_ci(cls, props: Mapping[str, object], asset_tags: Iterable[str] = ()) -> Identity:
        """The identity of a stored CI, from its properties. Stored addresses count as
        they are, loopback included: discovery keeps one only as the address a lab
        device answered on, its only address."""
        return cls.of(
            CIClass(str(props.get("ciClass"))),
            _text(props.get("name")),
            host_names=(_text(props.get("fqdn")), _text(props.get("hostname"))),
            serial=_text(props.get("serialNumber")),
            manufacturer=_text(props.get("manufacturer")),
            asset_tags=asset_tags,
            macs=_texts(props.get("macAddresses")),
            ips=_texts(props.get("ipAddresses")),
            environment=_text(props.get("environment")),
            stored=True,
        )

    def key_texts(self) -> tuple[str, ...]:
        """Every key this identity claims, sorted (the order locks are taken in)."""
        return self._keys

    @cached_property
    def _keys(self) -> tuple[str, ...]:
        if not self.is_device:
            name = (self.name or "").strip().lower()
            return (f"{KeyKind.NAME}:{self.ci_class.value}:{name}",) if name else ()
        out = [f"{KeyKind.SERIAL}:{self.serial}"] if self.serial else []
        out += [f"{KeyKind.MAC}:{m}" for m in self.identifying_macs]
        out += [f"{KeyKind.FQDN}:{self.fqdn}"] if self.fqdn else []
        out += [f"{KeyKind.HOST}:{h}" for h in self.hosts]
        out += [f"{KeyKind.IP}:{i}" for i in self.ips]
        return tuple(sorted(set(out)))
