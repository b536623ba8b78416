"""A mutable accumulator that the landscape reader adds CIs, services and edges to.

It refuses duplicates as they are added (a duplicate natural key would silently
merge in the graph), and :meth:`DatasetBuilder.build` refuses a relationship whose
endpoint was never added, so a typo in a name fails at build time, not at load.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from graphcmdb.demo.hardware import VMWARE_OUI, HardwareModel, Identifiers
from graphcmdb.demo.model import (
    CIRef,
    DemoCI,
    DemoDataset,
    DemoRelation,
    DemoService,
    NodeRef,
    ServiceRef,
)
from graphcmdb.graph.enums import CIClass, DependencyKind, Environment, RelType

DOMAIN = "example.com"
SITE_OCTET = {"dc1": 10, "dc2": 20}
#: third octet of each network zone; non-production environments have their own
ZONE_OCTET = {"mgmt": 0, "hosts": 10, "web": 50, "vip": 60, "app": 100, "data": 110, "infra": 120}
ENV_OCTET = {
    Environment.STAGING: 130,
    Environment.TEST: 140,
    Environment.DEVELOPMENT: 150,
    Environment.DR: 160,
}


def subnet(site: str, zone: str, environment: Environment = Environment.PRODUCTION) -> str:
    """The /24 (as ``"10.10.100"``) for a zone of a site; non-production by environment."""
    third = ENV_OCTET.get(environment, ZONE_OCTET[zone])
    return f"10.{SITE_OCTET[site]}.{third}"


class DatasetBuilder:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.ids = Identifiers(self.rng)
        self._cis: dict[CIRef, DemoCI] = {}
        self._services: dict[str, DemoService] = {}
        self._rels: dict[tuple[NodeRef, RelType, NodeRef], DemoRelation] = {}

    # --- nodes ---------------------------------------------------------------

    def add(self, ci: DemoCI) -> CIRef:
        if ci.ref in self._cis:
            raise ValueError(f"duplicate CI {ci.ref}")
        self._cis[ci.ref] = ci
        return ci.ref

    def get(self, key: CIRef) -> DemoCI:
        return self._cis[key]

    def update(self, key: CIRef, **changes: Any) -> None:
        """Replace fields of an added CI (e.g. a status set after the fact)."""
        self._cis[key] = replace(self._cis[key], **changes)

    def add_service(self, svc: DemoService) -> ServiceRef:
        if svc.name in self._services:
            raise ValueError(f"duplicate service {svc.name}")
        self._services[svc.name] = svc
        return svc.ref

    def physical(
        self,
        ci_class: CIClass,
        name: str,
        hw: HardwareModel,
        site: str,
        *,
        zone: str = "mgmt",
        criticality: int = 4,
        description: str | None = None,
        nics: int = 2,
    ) -> CIRef:
        """A piece of racked hardware with serial number, vendor MACs and a management IP."""
        return self.add(
            DemoCI(
                ciClass=ci_class,
                name=name,
                site=site,
                criticality=criticality,
                hostname=name,
                fqdn=f"{name}.{site}.{DOMAIN}",
                ipAddresses=(self.ids.ip(subnet(site, zone)),),
                macAddresses=tuple(self.ids.mac(hw.oui) for _ in range(nics)),
                serialNumber=self.ids.serial(hw),
                manufacturer=hw.manufacturer,
                model=hw.model,
                os=hw.os,
                cores=hw.cores,
                description=description,
            )
        )

    def virtual_machine(
        self,
        name: str,
        site: str,
        *,
        os: str,
        cores: int,
        zone: str = "app",
        environment: Environment = Environment.PRODUCTION,
        criticality: int = 3,
        description: str | None = None,
    ) -> CIRef:
        return self.add(
            DemoCI(
                ciClass=CIClass.VIRTUAL_MACHINE,
                name=name,
                site=site,
                environment=environment,
                criticality=criticality,
                hostname=name,
                fqdn=f"{name}.{site}.{DOMAIN}",
                ipAddresses=(self.ids.ip(subnet(site, zone, environment)),),
                macAddresses=(self.ids.mac(VMWARE_OUI),),
                manufacturer="VMware, Inc.",
                model="VMware Virtual Platform",
                os=os,
                cores=cores,
                description=description,
            )
        )

    # --- relationships -------------------------------------------------------

    def relate(
        self,
        source: NodeRef,
        rel_type: RelType,
        target: NodeRef,
        *,
        kind: DependencyKind | None = None,
        local_port: str | None = None,
        remote_port: str | None = None,
    ) -> None:
        rel = DemoRelation(source, rel_type, target, kind, local_port, remote_port)
        if rel.key in self._rels:
            raise ValueError(f"duplicate relationship {source} {rel_type.value} {target}")
        self._rels[rel.key] = rel

    # --- result --------------------------------------------------------------

    def build(self) -> DemoDataset:
        known: set[NodeRef] = set(self._cis) | {s.ref for s in self._services.values()}
        dangling = sorted(
            str(end)
            for r in self._rels.values()
            for end in (r.source, r.target)
            if end not in known
        )
        if dangling:
            raise ValueError(f"relationships refer to unknown nodes: {', '.join(dangling)}")
        return DemoDataset(
            seed=self.seed,
            cis=tuple(self._cis.values()),
            services=tuple(self._services.values()),
            relationships=tuple(self._rels.values()),
        )
