"""A synthetic enterprise CMDB of any size, for scale tests and impact benchmarks.

:func:`plan_synthetic` fixes the shape for a CI count and a seed (sites, CI budget
per site, the business services); :func:`generate` then streams the CIs and
relationships pod by pod, so a million CIs are never all in memory: a loader
writes each batch and keeps only the ids. The result is exactly ``cis`` CIs with
roughly 60 % VMs, 22 % applications and databases, 5 % clusters, and servers,
network, storage and load balancers for the rest (see :mod:`synthetic_site` and
:mod:`synthetic_apps` for the shapes). The same plan always gives the same
stream, so loading twice is idempotent and benchmarks are reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from graphcmdb.demo.model import DemoService
from graphcmdb.demo.synthetic_apps import PodApps
from graphcmdb.demo.synthetic_model import (
    HARD,
    MAX_SITES,
    SERVICE,
    SOFT,
    THEMES,
    Chunk,
    Emitter,
    Key,
    service_name,
)
from graphcmdb.demo.synthetic_site import SITE_FIXED, PodInfra, build_site
from graphcmdb.graph.enums import CIClass

SITE_CIS = 50_000
POD_CIS = 500
CIS_PER_SERVICE = 500
MIN_SERVICES = 3
MIN_CIS = 200
MAX_CIS = 3_000_000
POOL_SIZE = 1000
SLA_BY_CRITICALITY = {1: 98.0, 2: 99.0, 3: 99.5, 4: 99.9, 5: 99.95}


@dataclass(frozen=True)
class SyntheticPlan:
    cis: int
    seed: int
    #: CIs per site, in site order (they add up to ``cis``)
    site_budgets: tuple[int, ...]
    services: tuple[DemoService, ...]

    @property
    def site_codes(self) -> list[str]:
        return [f"s{i + 1:02d}" for i in range(len(self.site_budgets))]

    def hotspot_keys(self) -> dict[str, list[Key]]:
        """Per site: its first hypervisor, its SAN and its border router.

        The border router is the "core switch" with the largest blast radius: every
        ToR switch of the site hard-depends on it (besides the redundant core pair).
        """
        codes = self.site_codes
        return {
            "hypervisor": [(CIClass.SERVER.value, f"esx-{c}-r001-h01") for c in codes],
            "san": [(CIClass.STORAGE_DEVICE.value, f"san-{c}") for c in codes],
            "core_switch": [(CIClass.NETWORK_DEVICE.value, f"border-{c}") for c in codes],
        }


def split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` near-equal integers (the first ones one larger)."""
    size, extra = divmod(total, parts)
    return [size + (1 if i < extra else 0) for i in range(parts)]


def plan_synthetic(cis: int, seed: int = 42) -> SyntheticPlan:
    """Sites (one per ~50k CIs) and services (one per ~500 CIs, at least 3) for ``cis``."""
    if not MIN_CIS <= cis <= MAX_CIS:
        raise ValueError(f"cis must be between {MIN_CIS} and {MAX_CIS}, not {cis}")
    sites = min(MAX_SITES, max(1, round(cis / SITE_CIS)))
    services = max(MIN_SERVICES, cis // CIS_PER_SERVICE)
    return SyntheticPlan(cis, seed, tuple(split(cis, sites)), build_services(services, seed))


def build_services(count: int, seed: int) -> tuple[DemoService, ...]:
    """The business services, drawn from their own generator so the CI stream cannot shift them."""
    rng = random.Random(seed * 7919 + 1)
    services = []
    for index in range(count):
        theme = THEMES[index % len(THEMES)]
        criticality = rng.choice((2, 3, 3, 4, 4, 5))
        services.append(
            DemoService(
                name=service_name(index),
                criticality=criticality,
                users=rng.randint(20, 2_000) * criticality**2,
                slaTarget=SLA_BY_CRITICALITY[criticality],
                owner=f"team-{theme}",
                description=f"Synthetic business service {index + 1} ({theme})",
            )
        )
    return tuple(services)


def generate(plan: SyntheticPlan) -> Iterator[Chunk]:
    """The CMDB as chunks (one per site core, one per pod, then service links).

    A relationship only names services and CIs of its own or earlier chunks.
    """
    em = Emitter(plan.seed, plan.cis, len(plan.services))
    for index, budget in enumerate(plan.site_budgets):
        site = build_site(em, index)
        yield em.take()
        rest = budget - SITE_FIXED
        for pod_budget in split(rest, max(1, round(rest / POD_CIS))):
            site.pods += 1
            infra = PodInfra(em, site, site.pods, pod_budget, em.count)
            infra.build()
            PodApps(infra, site.pods).build()
            if em.count - infra.start != pod_budget:
                raise AssertionError(f"pod built {em.count - infra.start} CIs, not {pod_budget}")
            yield em.take()
    _link_services(em)
    yield em.take()


def _link_services(em: Emitter) -> None:
    """A few services need other services; a service that got no CI gets a fallback one."""
    fallback = em.last_entry or (CIClass.APPLICATION.value, "mon-s01")
    for index in range(em.services):
        service = (SERVICE, service_name(index))
        if index not in em.served:
            em.needs(service, fallback)
        if index % 10 == 1:
            em.needs(service, (SERVICE, service_name(0)), HARD)
        elif index % 10 == 5:
            em.needs(service, (SERVICE, service_name(index - 1)), SOFT)


class RandomPool:
    """A seeded reservoir sample of the keys offered: the same CIs for the same plan,
    without holding the whole stream (benchmarks pick "random CIs" from it)."""

    def __init__(self, seed: int, size: int = POOL_SIZE) -> None:
        self.rng = random.Random(seed * 7919 + 2)
        self.size = size
        self.seen = 0
        self.keys: list[Key] = []

    def offer(self, key: Key) -> None:
        self.seen += 1
        if len(self.keys) < self.size:
            self.keys.append(key)
            return
        slot = self.rng.randrange(self.seen)
        if slot < self.size:
            self.keys[slot] = key
