"""Customer-facing applications and the shared platform under them.

A :class:`Tier` is a group of identical VMs (``shop-web-01`` ...); most tiers form a
cluster with ``minAvailable`` so the impact rule for redundancy has real examples.
Applications and databases RUNS_ON a cluster (or a VM), and F5 virtual servers
(LoadBalancer CIs ``vip-*``) run on a site's F5 pair and hard-depend on their pool.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graphcmdb.demo import hardware as hw
from graphcmdb.demo.builder import DatasetBuilder, app, database, subnet
from graphcmdb.demo.datacentre import Datacentre
from graphcmdb.demo.model import CIRef
from graphcmdb.graph.enums import CIClass, Environment

PROD = Environment.PRODUCTION
MONITORING = app("prometheus")


@dataclass(frozen=True)
class Tier:
    prefix: str
    count: int
    os: str
    cores: int
    role: str
    zone: str = "app"
    #: sites the VMs are spread over, round-robin (``-01`` in the first site)
    sites: tuple[str, ...] = ("dc1",)
    environment: Environment = PROD
    criticality: int = 4


class Landscape:
    """Adds tiers of VMs, clusters and software on top of the data centres."""

    def __init__(self, b: DatasetBuilder, dc: Datacentre) -> None:
        self.b = b
        self.dc = dc

    def tier(self, t: Tier) -> list[CIRef]:
        members: list[CIRef] = []
        by_site: dict[str, list[CIRef]] = defaultdict(list)
        for i in range(1, t.count + 1):
            site = t.sites[(i - 1) % len(t.sites)]
            key = self.b.virtual_machine(
                f"{t.prefix}-{i:02d}",
                site,
                os=t.os,
                cores=t.cores,
                zone=t.zone,
                environment=t.environment,
                criticality=t.criticality,
                description=f"{t.role} {i:02d}",
            )
            by_site[site].append(key)
            members.append(key)
        for site, group in by_site.items():
            self.dc.place(group, site)
        return members

    def clustered(self, t: Tier, name: str, min_available: int) -> CIRef:
        """A tier whose VMs form one cluster."""
        return self.b.cluster(
            name,
            self.tier(t),
            min_available,
            criticality=t.criticality,
            environment=t.environment,
            description=f"{t.count} x {t.role}, needs {min_available} up",
        )

    def soft(self, source: CIRef, *targets: CIRef) -> None:
        for target in targets:
            self.b.depends(source, target, soft=True)

    def hard(self, source: CIRef, *targets: CIRef) -> None:
        for target in targets:
            self.b.depends(source, target)

    def vip(self, name: str, site: str, pool: CIRef, description: str) -> CIRef:
        """An F5 virtual server: runs on the site's F5 pair, needs its pool."""
        key = self.b.software(
            CIClass.LOAD_BALANCER,
            name,
            [self.dc.sites[site].f5],
            criticality=5,
            description=description,
        )
        self.b.update(key, ipAddresses=(self.b.ids.ip(subnet(site, "vip")),))
        self.hard(key, pool)
        return key


def build_platform(ls: Landscape) -> None:
    """Messaging, cache, search and monitoring that the applications share."""
    b = ls.b
    kafka = ls.clustered(
        Tier("kafka", 3, hw.RHEL9, 8, "Apache Kafka broker", "data", criticality=5),
        "kafka-cluster",
        2,
    )
    b.software(
        CIClass.APPLICATION,
        "event-bus",
        [kafka],
        criticality=5,
        description="Apache Kafka 3.7 event streaming (orders, stock, shipments)",
    )
    redis = ls.clustered(Tier("redis", 3, hw.DEBIAN, 4, "Redis node", "data"), "redis-cluster", 2)
    b.software(
        CIClass.DATABASE,
        "session-cache",
        [redis],
        criticality=4,
        description="Redis 7.2 sessions and carts",
    )
    es = ls.clustered(
        Tier("es", 5, hw.UBUNTU, 16, "Elasticsearch data node", "data", sites=("dc1", "dc2")),
        "es-cluster",
        3,
    )
    b.software(
        CIClass.DATABASE,
        "search-index",
        [es],
        criticality=4,
        description="Elasticsearch 8.13 product and content index",
    )
    mon = ls.tier(Tier("mon", 3, hw.RHEL9, 8, "Monitoring server", "infra", criticality=3))
    for name, host, what in (
        ("prometheus", mon[0], "Prometheus metrics"),
        ("alertmanager", mon[1], "Prometheus Alertmanager (paging)"),
        ("grafana", mon[2], "Grafana dashboards"),
    ):
        b.software(CIClass.APPLICATION, name, [host], criticality=3, description=what)
    ls.hard(app("grafana"), MONITORING)
    ls.hard(app("alertmanager"), MONITORING)
    logs = ls.clustered(
        Tier("log", 3, hw.RHEL9, 8, "OpenSearch logging node", "infra", criticality=3),
        "logging-cluster",
        2,
    )
    b.software(
        CIClass.APPLICATION,
        "central-logging",
        [logs],
        criticality=3,
        description="Graylog 5 on OpenSearch, all syslog and application logs",
    )


def build_shop(ls: Landscape) -> None:
    b = ls.b
    web = ls.clustered(
        Tier("shop-web", 4, hw.UBUNTU, 4, "Storefront web server", "web", criticality=5),
        "shop-web-cluster",
        2,
    )
    front = b.software(
        CIClass.APPLICATION, "shop-frontend", [web], criticality=5, description="Next.js storefront"
    )
    api = ls.clustered(
        Tier("shop-app", 3, hw.RHEL9, 8, "Shop application server", criticality=5),
        "shop-app-cluster",
        2,
    )
    back = b.software(
        CIClass.APPLICATION,
        "shop-backend",
        [api],
        criticality=5,
        description="Java 21 catalogue, cart and order services",
    )
    pg = ls.clustered(
        Tier(
            "pg-shop",
            3,
            hw.RHEL9,
            16,
            "PostgreSQL node (Patroni)",
            "data",
            sites=("dc1", "dc2"),
            criticality=5,
        ),
        "pg-shop-cluster",
        2,
    )
    shop_db = b.software(
        CIClass.DATABASE,
        "shop-db",
        [pg],
        criticality=5,
        description="PostgreSQL 16 orders and catalogue",
    )
    ls.vip("vip-shop-www", "dc1", web, "www.example.com:443 -> shop-web pool")
    ls.hard(front, back)
    ls.hard(back, shop_db)
    ls.soft(back, database("session-cache"), app("event-bus"), app("search-api"))
    ls.soft(front, MONITORING)
    ls.soft(back, MONITORING)


def build_payments(ls: Landscape) -> None:
    b = ls.b
    pay = ls.clustered(
        Tier("pay-app", 3, hw.RHEL9, 8, "Payments application server", criticality=5),
        "payments-cluster",
        2,
    )
    gateway = b.software(
        CIClass.APPLICATION,
        "payments-gateway",
        [pay],
        criticality=5,
        description="PCI-DSS scoped card and wallet payments",
    )
    pg = ls.clustered(
        Tier(
            "pg-pay",
            3,
            hw.RHEL9,
            8,
            "PostgreSQL node (Patroni)",
            "data",
            sites=("dc1", "dc2"),
            criticality=5,
        ),
        "pg-payments-cluster",
        2,
    )
    pay_db = b.software(
        CIClass.DATABASE,
        "payments-db",
        [pg],
        criticality=5,
        description="PostgreSQL 16 payments ledger",
    )
    fraud = ls.clustered(Tier("fraud", 2, hw.UBUNTU, 8, "Fraud scoring node"), "fraud-cluster", 1)
    scoring = b.software(
        CIClass.APPLICATION,
        "fraud-scoring",
        [fraud],
        criticality=4,
        description="Python fraud scoring model server",
    )
    ls.vip("vip-payments-api", "dc1", pay, "pay.example.com:443 -> payments pool")
    ls.hard(gateway, pay_db)
    ls.soft(gateway, scoring, app("event-bus"), MONITORING)


def build_portal(ls: Landscape) -> None:
    b = ls.b
    web = ls.clustered(
        Tier("portal-web", 3, hw.UBUNTU, 4, "Customer portal web server", "web", sites=("dc2",)),
        "portal-web-cluster",
        2,
    )
    portal = b.software(
        CIClass.APPLICATION,
        "customer-portal",
        [web],
        criticality=4,
        description="Angular customer self-service portal",
    )
    crm_hosts = ls.clustered(
        Tier("crm-app", 2, hw.WIN2022, 8, "CRM application server", sites=("dc2",)),
        "crm-app-cluster",
        1,
    )
    crm = b.software(
        CIClass.APPLICATION,
        "crm",
        [crm_hosts],
        criticality=4,
        description="Microsoft Dynamics 365 Customer Engagement (on-premises)",
    )
    sql = ls.clustered(
        Tier(
            "sql-crm",
            2,
            hw.WIN2022,
            8,
            "SQL Server Always On replica",
            "data",
            sites=("dc2", "dc1"),
        ),
        "sql-crm-ag",
        1,
    )
    crm_db = b.software(
        CIClass.DATABASE,
        "crm-db",
        [sql],
        criticality=4,
        description="SQL Server 2022 availability group",
    )
    ls.vip("vip-portal", "dc2", web, "my.example.com:443 -> portal pool")
    ls.hard(portal, crm, app("keycloak"))
    ls.soft(portal, database("shop-db"), MONITORING)
    ls.hard(crm, crm_db)


def build_mobile_and_search(ls: Landscape) -> None:
    b = ls.b
    gw = ls.clustered(
        Tier("api-gw", 4, hw.UBUNTU, 4, "API gateway node", "web", sites=("dc1", "dc2")),
        "api-gateway-cluster",
        2,
    )
    mobile = b.software(
        CIClass.APPLICATION,
        "mobile-api",
        [gw],
        criticality=4,
        description="Kong gateway and backend-for-frontend of the mobile apps",
    )
    ls.vip("vip-mobile-api", "dc1", gw, "api.example.com:443 -> api-gw pool")
    ls.hard(mobile, app("shop-backend"), app("payments-gateway"), app("keycloak"))
    ls.soft(mobile, app("search-api"), MONITORING)
    search = ls.clustered(
        Tier("search-app", 2, hw.UBUNTU, 4, "Search API server"), "search-api-cluster", 1
    )
    api = b.software(
        CIClass.APPLICATION,
        "search-api",
        [search],
        criticality=3,
        description="Search and autocomplete API",
    )
    idx_vm = ls.tier(Tier("search-idx", 1, hw.UBUNTU, 4, "Search indexer", criticality=3))
    indexer = b.software(
        CIClass.APPLICATION,
        "search-indexer",
        idx_vm,
        criticality=3,
        description="Consumes catalogue events and updates the index",
    )
    ls.hard(api, database("search-index"))
    ls.hard(indexer, database("search-index"), app("event-bus"))


def build_customer_facing(ls: Landscape) -> None:
    build_platform(ls)
    build_shop(ls)
    build_payments(ls)
    build_portal(ls)
    build_mobile_and_search(ls)
