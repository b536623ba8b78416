"""The pieces the synthetic generator streams: keys, relationships, chunks, identifiers.

Rows are plain ``upsert_cis`` dicts and keys plain tuples, not the demo's
dataclasses: at a million CIs, per-object overhead is what decides whether the
id map and a batch of rows fit comfortably in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graphcmdb.demo.hardware import HardwareModel
from graphcmdb.graph.enums import CIClass, DependencyKind, Environment, Label, RelType

#: a node by natural key: (ciClass value, name) for a CI, ("Service", name) for a service
Key = tuple[str, str]

SERVICE = Label.SERVICE.value
DOMAIN = "corp.example.com"
#: sites get a /14 each (10.<4*site .. 4*site+3>.x.y), so at most 64 sites
MAX_SITES = 64
IPS_PER_SITE = 4 * 256 * 254
HARD = DependencyKind.HARD
SOFT = DependencyKind.SOFT


class Rel(NamedTuple):
    """One relationship between two keys (``kind`` only on DEPENDS_ON)."""

    source: Key
    type: RelType
    target: Key
    kind: DependencyKind | None = None


@dataclass
class Chunk:
    """CIs and relationships in stream order: every endpoint of ``rels`` is a service,
    a CI of this chunk or a CI of an earlier chunk, so a loader that writes CIs before
    relationships never meets an unknown endpoint."""

    cis: list[dict[str, Any]] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)


def labels_of(key: Key) -> list[str]:
    """Graph labels of a key's node, as the relationship specs expect them."""
    return [SERVICE] if key[0] == SERVICE else [Label.CI.value, key[0]]


class Emitter:
    """Collects the current chunk and hands out unique identifiers.

    One seeded ``random.Random`` drives every choice in stream order, so a seed
    gives the same CMDB byte for byte; identifiers come from counters, so they
    are unique without remembering the ones already given.
    """

    def __init__(self, seed: int, cis: int, services: int) -> None:
        self.rng = random.Random(seed)
        self.total = cis
        self.services = services
        self.count = 0
        self.chunk = Chunk()
        self._macs = 0
        self._serials = 0
        self._ips: dict[int, int] = {}
        #: services that got at least one CI dependency (the rest get a fallback)
        self.served: set[int] = set()
        #: the latest CI a service needed, for services whose slice had no production stack
        self.last_entry: Key | None = None

    def take(self) -> Chunk:
        """The chunk so far; a new one starts."""
        chunk, self.chunk = self.chunk, Chunk()
        return chunk

    def ci(self, ci_class: CIClass, name: str, **props: Any) -> Key:
        self.chunk.cis.append({"ciClass": ci_class.value, "name": name, **props})
        self.count += 1
        return (ci_class.value, name)

    def rel(self, source: Key, rel_type: RelType, target: Key) -> None:
        self.chunk.rels.append(Rel(source, rel_type, target))

    def needs(self, source: Key, target: Key, kind: DependencyKind = HARD) -> None:
        self.chunk.rels.append(Rel(source, RelType.DEPENDS_ON, target, kind))

    def service_for_here(self) -> Key:
        """The business service that owns CIs emitted at this point of the stream.

        Services own consecutive slices of the stream (about 500 CIs each), so a
        service needs things in one or two neighbouring pods, as a real one would.
        """
        index = min(self.services - 1, self.count * self.services // self.total)
        self.served.add(index)
        return (SERVICE, service_name(index))

    def ip(self, site: int) -> str:
        n = self._ips.get(site, 0)
        if n >= IPS_PER_SITE:
            raise ValueError(f"site {site + 1} ran out of addresses")
        self._ips[site] = n + 1
        block, host = divmod(n, 254)
        return f"10.{4 * site + block // 256}.{block % 256}.{host + 1}"

    def mac(self, oui: str) -> str:
        n = self._macs
        self._macs += 1
        return f"{oui}:{n >> 16 & 255:02x}:{n >> 8 & 255:02x}:{n & 255:02x}"

    def hardware(self, hw: HardwareModel, site: int) -> dict[str, Any]:
        """Vendor fields of a physical box, with a serial unique in the whole CMDB."""
        self._serials += 1
        initials = "".join(w[0] for w in hw.manufacturer.split()).upper()
        props: dict[str, Any] = {
            "serialNumber": f"{initials}{site + 1:02d}{self._serials:08d}",
            "manufacturer": hw.manufacturer,
            "model": hw.model,
            "macAddresses": [self.mac(hw.oui)],
        }
        if hw.os:
            props["os"] = hw.os
        if hw.cores:
            props["cores"] = hw.cores
        return props


def host_props(hostname: str, site_code: str, ip: str) -> dict[str, Any]:
    return {"hostname": hostname, "fqdn": f"{hostname}.{site_code}.{DOMAIN}", "ipAddresses": [ip]}


#: what the business services are about; a service's name is its number plus a theme
THEMES = (
    "online-shop",
    "payments",
    "customer-portal",
    "mobile-api",
    "order-management",
    "warehouse",
    "billing",
    "crm",
    "hr-self-service",
    "payroll",
    "email",
    "collaboration",
    "reporting",
    "data-platform",
    "identity",
    "partner-edi",
    "claims",
    "pricing",
    "search",
    "support-desk",
)


def service_name(index: int) -> str:
    """The name of the ``index``-th service (0-based); stable for a given index."""
    return f"svc-{index + 1:04d}-{THEMES[index % len(THEMES)]}"


PROD = Environment.PRODUCTION.value
NON_PROD = (Environment.STAGING.value, Environment.TEST.value, Environment.DEVELOPMENT.value)
