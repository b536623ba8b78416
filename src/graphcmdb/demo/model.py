"""The demo dataset as plain, immutable data: no database access here.

CIs are referred to by their natural key (ciClass, name) and services by name, so
the dataset can be checked and printed without a graph, and the loader resolves the
references to ids only after it has written the nodes. Later kinds (assets,
contracts, licenses, incidents) become further tuples on :class:`DemoDataset`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import Any

from graphcmdb.domain.models import ServiceCreate, ServiceUpdate
from graphcmdb.domain.records import ServiceRecord
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, Label, RelType


@dataclass(frozen=True, order=True)
class CIRef:
    """A CI by its natural key."""

    ciClass: CIClass
    name: str

    @property
    def labels(self) -> list[str]:
        """The labels the CI carries in the graph (for the relationship specs)."""
        return [Label.CI.value, self.ciClass.value]

    def __str__(self) -> str:
        return f"{self.ciClass.value}:{self.name}"


@dataclass(frozen=True, order=True)
class ServiceRef:
    """A business service by its (unique) name."""

    name: str

    @property
    def labels(self) -> list[str]:
        return [Label.SERVICE.value]

    def __str__(self) -> str:
        return f"Service:{self.name}"


NodeRef = CIRef | ServiceRef


@dataclass(frozen=True)
class DemoCI:
    """One CI; field names are the graph property names (camelCase on purpose)."""

    ciClass: CIClass
    name: str
    environment: Environment = Environment.PRODUCTION
    criticality: int = 3
    status: CIStatus = CIStatus.OPERATIONAL
    hostname: str | None = None
    fqdn: str | None = None
    ipAddresses: tuple[str, ...] = ()
    macAddresses: tuple[str, ...] = ()
    serialNumber: str | None = None
    manufacturer: str | None = None
    model: str | None = None
    os: str | None = None
    cores: int | None = None
    minAvailable: int | None = None
    description: str | None = None
    #: data-centre site ("dc1", "dc2"); not a CI property, kept for assets/locations later
    site: str | None = None

    NOT_WRITTEN = frozenset({"site"})

    @property
    def ref(self) -> CIRef:
        return CIRef(self.ciClass, self.name)

    def row(self) -> dict[str, Any]:
        """The ``upsert_cis`` row: enum values, lists, and no empty fields."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in self.NOT_WRITTEN or value is None or value == ():
                continue
            if isinstance(value, tuple):
                value = list(value)
            out[f.name] = value.value if hasattr(value, "value") else value
        return out


@dataclass(frozen=True)
class DemoService:
    name: str
    criticality: int
    users: int
    slaTarget: float
    owner: str
    description: str

    @property
    def ref(self) -> ServiceRef:
        return ServiceRef(self.name)

    def create_input(self) -> ServiceCreate:
        return ServiceCreate(**asdict(self))

    def update_input(self) -> ServiceUpdate:
        """Every field but the name, which finds the service."""
        return ServiceUpdate(**{k: v for k, v in asdict(self).items() if k != "name"})

    def differs_from(self, stored: ServiceRecord) -> bool:
        """True when the graph's copy of this service has other field values."""
        wanted = self.update_input().graph_props()
        return any(getattr(stored, k, None) != v for k, v in wanted.items())


@dataclass(frozen=True)
class DemoRelation:
    source: NodeRef
    type: RelType
    target: NodeRef
    kind: DependencyKind | None = None
    localPort: str | None = None
    remotePort: str | None = None

    @property
    def key(self) -> tuple[NodeRef, RelType, NodeRef]:
        """The graph keeps one relationship of a type between two nodes."""
        return (self.source, self.type, self.target)


@dataclass(frozen=True)
class DemoDataset:
    seed: int
    cis: tuple[DemoCI, ...]
    services: tuple[DemoService, ...]
    relationships: tuple[DemoRelation, ...]

    def ci(self, ci_class: CIClass, name: str) -> DemoCI:
        """The CI with this natural key (``KeyError`` if absent)."""
        for ci in self.cis:
            if ci.ciClass is ci_class and ci.name == name:
                return ci
        raise KeyError(f"{ci_class.value}:{name}")

    def service(self, name: str) -> DemoService:
        for service in self.services:
            if service.name == name:
                return service
        raise KeyError(name)

    def counts_by_class(self) -> dict[str, int]:
        return dict(Counter(ci.ciClass.value for ci in self.cis))

    def counts_by_type(self) -> dict[str, int]:
        return dict(Counter(r.type.value for r in self.relationships))
