"""Applications, databases, clusters and load balancers of one synthetic pod.

A pod holds "stacks" (an F5 virtual server in front of a web cluster, one or two
API applications on their own VMs, a database cluster on VMs or bare metal, and
sometimes a cache and a message-queue cluster) and then standalone applications
and databases until its CI budget is spent; whatever guest slots are still free
become utility VMs. Production stacks and some standalone applications are what
the business services depend on; every application soft-depends on its site's
monitoring, and API applications soft-depend on their stack's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.demo.synthetic_model import HARD, NON_PROD, PROD, SOFT, Emitter, Key
from graphcmdb.demo.synthetic_site import PodInfra
from graphcmdb.graph.enums import CIClass, RelType

CLUSTER_SHARE = 0.05
PROD_SHARE = 0.7
APP = CIClass.APPLICATION
DB = CIClass.DATABASE


@dataclass(frozen=True)
class StackShape:
    environment: str
    criticality: int
    web: int
    web_min: int
    apis: int
    db_on_metal: bool
    cache: bool
    mq: bool

    @property
    def clusters(self) -> int:
        return 2 + self.cache + self.mq

    @property
    def cost(self) -> int:
        """Non-VM CIs: web cluster + app + VIP, the APIs, then two per data cluster."""
        return 3 + self.apis + 2 * self.clusters - 2

    @property
    def guests(self) -> int:
        return self.web + 2 * self.apis + 3 * (1 - self.db_on_metal + self.cache + self.mq)


class PodApps:
    def __init__(self, infra: PodInfra, pod: int) -> None:
        self.infra = infra
        self.em: Emitter = infra.em
        self.site = infra.site
        self.prefix = f"{self.site.code}-p{pod:03d}"
        self.clusters = 0
        self.databases: list[Key] = []
        self.caches: list[Key] = []
        self._metal_used = 0

    def build(self) -> None:
        """Stacks while the cluster share allows, then standalone apps, then utility VMs."""
        if self.site.monitoring is None:
            self._monitoring()
        target = round(self.infra.budget * CLUSTER_SHARE)
        stacks = 0
        while True:
            shape = self._shape()
            if (
                self.clusters + shape.clusters > target
                or self.infra.left() < shape.cost
                or self.infra.free_total < shape.guests
            ):
                break
            stacks += 1
            self._stack(f"{self.prefix}-{stacks:02d}", shape)
        n = 0
        while self.infra.left() > 0:
            n += 1
            self._standalone(n)
        self.infra.fill()

    def _env(self) -> tuple[str, int]:
        rng = self.em.rng
        if rng.random() < PROD_SHARE:
            return PROD, rng.randint(3, 5)
        return rng.choice(NON_PROD), rng.randint(1, 2)

    def _shape(self) -> StackShape:
        rng = self.em.rng
        environment, criticality = self._env()
        web = rng.randint(3, 6)
        metal = len(self.infra.bare_metal) - self._metal_used >= 3
        return StackShape(
            environment,
            criticality,
            web=web,
            web_min=max(1, web - rng.randint(1, 2)),
            apis=rng.randint(1, 2),
            db_on_metal=metal and environment == PROD and rng.random() < 0.3,
            cache=rng.random() < 0.5,
            mq=rng.random() < 0.4,
        )

    # --- building blocks -----------------------------------------------------------

    def _cluster(
        self, name: str, members: list[Key], min_available: int, env: str, crit: int
    ) -> Key:
        key = self.em.ci(
            CIClass.CLUSTER, name, environment=env, criticality=crit, minAvailable=min_available
        )
        for m in members:
            self.em.rel(m, RelType.MEMBER_OF, key)
        self.clusters += 1
        return key

    def _software(self, ci_class: CIClass, name: str, hosts: list[Key], env: str, crit: int) -> Key:
        key = self.em.ci(ci_class, name, environment=env, criticality=crit)
        for h in hosts:
            self.em.rel(key, RelType.RUNS_ON, h)
        if self.site.monitoring is not None:
            self.em.needs(key, self.site.monitoring, SOFT)
        return key

    def _vip(self, name: str, pool: Key, env: str, crit: int) -> Key:
        """An F5 virtual server: runs on the site's F5 pair and needs its pool."""
        props: dict[str, Any] = {"ipAddresses": [self.em.ip(self.site.index)]}
        key = self.em.ci(CIClass.LOAD_BALANCER, name, environment=env, criticality=crit, **props)
        self.em.rel(key, RelType.RUNS_ON, self.site.f5)
        self.em.needs(key, pool)
        return key

    def _metal(self, count: int) -> list[Key]:
        start = self._metal_used
        self._metal_used += count
        return self.infra.bare_metal[start : self._metal_used]

    def _monitoring(self) -> None:
        """The site's monitoring (every application soft-depends on it: a fan-in hotspot)."""
        code = self.site.code
        members = self.infra.spread(3, PROD, 4)
        cluster = self._cluster(f"cl-mon-{code}", members, 2, PROD, 4)
        self.site.monitoring = self._software(APP, f"mon-{code}", [cluster], PROD, 4)

    # --- stacks and standalone applications -------------------------------------------

    def _stack(self, sid: str, shape: StackShape) -> None:
        env, crit, infra, em = shape.environment, shape.criticality, self.infra, self.em
        web_cluster = self._cluster(
            f"cl-web-{sid}", infra.spread(shape.web, env, crit), shape.web_min, env, crit
        )
        web = self._software(APP, f"web-{sid}", [web_cluster], env, crit)
        vip = self._vip(f"vip-{sid}", web_cluster, env, crit)
        apis = [
            self._software(APP, f"api-{sid}-{i}", infra.spread(2, env, crit), env, crit)
            for i in range(1, shape.apis + 1)
        ]
        members = self._metal(3) if shape.db_on_metal else infra.spread(3, env, crit)
        db_cluster = self._cluster(f"cl-db-{sid}", members, 2, env, crit)
        db = self._software(DB, f"db-{sid}", [db_cluster], env, crit)
        self.databases.append(db)
        needs: list[tuple[Key, Any]] = [(db, HARD)]
        if shape.cache:
            redis_min = em.rng.randint(1, 2)
            cache_cluster = self._cluster(
                f"cl-redis-{sid}", infra.spread(3, env, crit), redis_min, env, crit
            )
            cache = self._software(DB, f"redis-{sid}", [cache_cluster], env, crit)
            self.caches.append(cache)
            needs.append((cache, SOFT))
        mq_cluster = None
        if shape.mq:
            mq_cluster = self._cluster(f"cl-kafka-{sid}", infra.spread(3, env, crit), 2, env, crit)
            needs.append((self._software(APP, f"kafka-{sid}", [mq_cluster], env, crit), HARD))
        for api in apis:
            em.needs(web, api)
            for target, kind in needs:
                em.needs(api, target, kind)
        if env == PROD:
            self._serve(vip, apis[0], mq_cluster)

    def _serve(self, vip: Key, api: Key, mq_cluster: Key | None) -> None:
        """The owning business service needs the stack's VIP, maybe its API and queue."""
        em = self.em
        service = em.service_for_here()
        em.needs(service, vip)
        if em.rng.random() < 0.5:
            em.needs(service, api)
        if mq_cluster is not None and em.rng.random() < 0.5:
            em.needs(service, mq_cluster, SOFT)
        em.last_entry = vip

    def _hosts(self, env: str, crit: int) -> list[Key]:
        """Bare metal (some), new VMs while guest slots last, else VMs already there."""
        rng, infra = self.em.rng, self.infra
        if infra.bare_metal and rng.random() < 0.12:
            return [rng.choice(infra.bare_metal)]
        count = rng.choice((1, 1, 2, 2, 3))
        if infra.free_total >= count:
            return [infra.vm(infra.next_host(), env, crit) for _ in range(count)]
        return rng.sample(infra.vms, min(count, len(infra.vms)))

    def _standalone(self, n: int) -> None:
        rng, em = self.em.rng, self.em
        env, crit = self._env()
        is_db = rng.random() < 0.2
        name = f"{'sql' if is_db else 'app'}-{self.prefix}-{n:03d}"
        key = self._software(DB if is_db else APP, name, self._hosts(env, crit), env, crit)
        if is_db:
            self.databases.append(key)
        elif self.databases and rng.random() < 0.3:
            em.needs(key, rng.choice(self.databases))
        if self.caches and rng.random() < 0.2:
            em.needs(key, rng.choice(self.caches), SOFT)
        if rng.random() < 0.1:
            em.needs(key, self.infra.nas, SOFT)
        if env == PROD and rng.random() < 0.15:
            em.needs(em.service_for_here(), key, HARD if rng.random() < 0.67 else SOFT)
            em.last_entry = key
        if self.infra.left() > 0 and rng.random() < 0.2:
            self._vip(f"vip-{self.prefix}-a{n:03d}", key, env, crit)
