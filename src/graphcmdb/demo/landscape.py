"""The demo landscape is data: ``data/landscape/*.toml``, read in file-name order.

Each file may hold ``cis`` (one inline table per CI, in build order), ``relationships``
(``[source, type, target]`` plus a dependency kind, or the two ports of a cable) and
``[[services]]``. Names are unique across CIs and services, so a relationship names its
ends only. What stays code is what is drawn from the seed: the identifiers of hardware
and VMs (serial numbers, MAC and IP addresses, :class:`~graphcmdb.demo.builder.DatasetBuilder`)
and the placement of VMs on the least-loaded hypervisors of a site (``place`` on the
last CI of a group, :class:`Placement`). Reading the same files with the same seed gives
the same dataset.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from typing import Any

from graphcmdb.demo import hardware
from graphcmdb.demo.builder import DatasetBuilder
from graphcmdb.demo.model import CIRef, DemoCI, DemoDataset, DemoService, NodeRef
from graphcmdb.demo.tables import DATA, toml_texts
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType

#: the landscape shipped with the package
LANDSCAPE: Traversable = DATA.joinpath("landscape")

CI_KEYS = frozenset(
    {"class", "name", "hardware", "site", "zone", "nics", "os", "cores", "environment"}
    | {"criticality", "status", "minAvailable", "description", "hypervisor", "place"}
    | {"hostname", "fqdn", "serialNumber", "manufacturer", "model"}
    | {"ipAddresses", "macAddresses"}
)


def landscape_files(folder: Traversable = LANDSCAPE) -> list[str]:
    """The texts of a landscape folder's ``*.toml`` files, in file-name order."""
    return toml_texts(folder)


class Placement:
    """HOSTED_ON the least-loaded hypervisors of a site, ties broken by the seed's RNG;
    VMs placed together (a cluster's members) go to distinct hosts while there are
    enough (anti-affinity), so one host failure takes at most one member."""

    def __init__(self, b: DatasetBuilder) -> None:
        self.b = b
        self.hosts: dict[str, list[CIRef]] = {}
        self.load: dict[CIRef, int] = {}

    def add_host(self, site: str, host: CIRef) -> None:
        self.hosts.setdefault(site, []).append(host)
        self.load[host] = 0

    def place(self, vms: list[CIRef], site: str) -> None:
        hosts = self.hosts[site]
        used: set[CIRef] = set()
        for machine in vms:
            if len(used) == len(hosts):
                used.clear()
            free = [h for h in hosts if h not in used]
            host = min(free, key=lambda h: (self.load[h], self.b.rng.random()))
            self.b.relate(machine, RelType.HOSTED_ON, host)
            self.load[host] += 1
            used.add(host)


def _add_ci(b: DatasetBuilder, e: Mapping[str, Any]) -> CIRef:
    unknown = set(e) - CI_KEYS
    if unknown:
        raise ValueError(f"CI {e.get('name')}: unknown fields {sorted(unknown)}")
    ci_class, name = CIClass(e["class"]), str(e["name"])
    env = Environment(e.get("environment", Environment.PRODUCTION.value))
    if "hardware" in e:
        model = getattr(hardware, e["hardware"], None)
        if not isinstance(model, hardware.HardwareModel):
            raise ValueError(f"CI {name}: unknown hardware {e['hardware']!r}")
        key = b.physical(
            ci_class,
            name,
            model,
            e["site"],
            zone=e.get("zone", "mgmt"),
            criticality=e["criticality"],
            description=e.get("description"),
            nics=e.get("nics", 2),
        )
    elif ci_class is CIClass.VIRTUAL_MACHINE:
        key = b.virtual_machine(
            name,
            e["site"],
            os=e["os"],
            cores=e["cores"],
            zone=e.get("zone", "app"),
            environment=env,
            criticality=e["criticality"],
            description=e.get("description"),
        )
    else:
        plain = {k: e[k] for k in ("hostname", "fqdn", "serialNumber", "manufacturer") if k in e}
        plain |= {k: e[k] for k in ("model", "os", "cores", "site", "minAvailable") if k in e}
        plain |= {k: tuple(e[k]) for k in ("ipAddresses", "macAddresses") if k in e}
        key = b.add(
            DemoCI(
                ciClass=ci_class,
                name=name,
                environment=env,
                criticality=e["criticality"],
                description=e.get("description"),
                **plain,
            )
        )
    if "status" in e:
        b.update(key, status=CIStatus(e["status"]))
    return key


def _relate(b: DatasetBuilder, refs: Mapping[str, NodeRef], row: list[str]) -> None:
    source, rel_type, target, *rest = row
    missing = [n for n in (source, target) if n not in refs]
    if missing:
        raise ValueError(f"relationship {row}: unknown {', '.join(missing)}")
    kind = DependencyKind(rest[0]) if len(rest) == 1 else None
    if rel_type == RelType.DEPENDS_ON.value and kind is None:
        kind = DependencyKind.HARD
    ports = rest if len(rest) == 2 else [None, None]
    b.relate(
        refs[source],
        RelType(rel_type),
        refs[target],
        kind=kind,
        local_port=ports[0],
        remote_port=ports[1],
    )


def build_landscape(seed: int, texts: Iterable[str] | None = None) -> DemoDataset:
    """The dataset the landscape files (default: the shipped ones) describe."""
    b = DatasetBuilder(seed)
    placement = Placement(b)
    refs: dict[str, NodeRef] = {}
    cis: dict[str, CIRef] = {}
    rows: list[list[str]] = []
    for text in landscape_files() if texts is None else texts:
        doc = tomllib.loads(text)
        for entry in doc.get("cis", []):
            key = _add_ci(b, entry)
            if key.name in refs:
                raise ValueError(f"duplicate name {key.name}")
            refs[key.name] = cis[key.name] = key
            if entry.get("hypervisor"):
                placement.add_host(entry["site"], key)
            for site, names in entry.get("place", []):
                placement.place([cis[n] for n in names], site)
        for svc in doc.get("services", []):
            refs[svc["name"]] = b.add_service(DemoService(**svc))
        rows += doc.get("relationships", [])
    for row in rows:
        _relate(b, refs, row)
    return b.build()
