"""Business services, what they need, and DESIGN's worked impact example."""

from __future__ import annotations

from graphcmdb.demo import hardware as hw
from graphcmdb.demo.builder import DOMAIN, DatasetBuilder, app, balancer, cluster, database, service
from graphcmdb.demo.datacentre import Datacentre
from graphcmdb.demo.model import CIRef, DemoService, NodeRef
from graphcmdb.graph.enums import CIClass, RelType

SHOP = "Online Shop"
PAYMENTS = "Payments"
PORTAL = "Customer Portal"
MOBILE = "Mobile API"
SEARCH = "Search"
EMAIL = "Email"
ERP = "ERP/Finance"
HR = "HR Portal"
BI = "Data Warehouse/BI"
SSO = "Identity/SSO"
LOGISTICS = "Logistics"
WIKI = "Internal Wiki"

#: name, criticality, users, SLA target %, owner, description
SERVICES: tuple[tuple[str, int, int, float, str, str], ...] = (
    (SHOP, 5, 250_000, 99.95, "E-Commerce Platform Team", "www.example.com storefront"),
    (PAYMENTS, 5, 180_000, 99.99, "Payments Team", "Card, wallet and invoice payments"),
    (PORTAL, 4, 120_000, 99.9, "Customer Experience Team", "Orders, returns, account"),
    (MOBILE, 4, 90_000, 99.9, "Mobile Team", "API behind the iOS and Android apps"),
    (SEARCH, 3, 250_000, 99.5, "Search Team", "Product search and autocomplete"),
    (EMAIL, 4, 2_400, 99.9, "Workplace IT", "Corporate mail and calendars"),
    (ERP, 5, 420, 99.9, "Finance Systems Team", "SAP S/4HANA finance, purchasing, sales"),
    (HR, 2, 2_400, 99.5, "HR Systems Team", "Employee self-service"),
    (BI, 2, 160, 99.0, "Data Team", "Warehouse, nightly loads and management reports"),
    (SSO, 5, 2_400, 99.95, "Identity & Access Team", "Staff and customer single sign-on"),
    (LOGISTICS, 4, 310, 99.9, "Supply Chain IT", "Warehouses and carrier integration"),
    (WIKI, 1, 2_400, 99.0, "Workplace IT", "Confluence knowledge base"),
)

#: service -> [(what it needs, soft?)]
NEEDS: dict[str, list[tuple[NodeRef, bool]]] = {
    SHOP: [
        (balancer("vip-shop-www"), False),
        (app("shop-frontend"), False),
        (service(PAYMENTS), False),
        (service(SEARCH), True),
        (service(SSO), True),
    ],
    PAYMENTS: [
        (balancer("vip-payments-api"), False),
        (app("payments-gateway"), False),
        (cluster("pg-payments-cluster"), False),
    ],
    PORTAL: [
        (balancer("vip-portal"), False),
        (app("customer-portal"), False),
        (service(SSO), False),
        (service(EMAIL), True),
    ],
    MOBILE: [
        (balancer("vip-mobile-api"), False),
        (app("mobile-api"), False),
        (service(SSO), False),
        (service(PAYMENTS), False),
        (service(SEARCH), True),
    ],
    SEARCH: [
        (app("search-api"), False),
        (cluster("es-cluster"), False),
        (app("search-indexer"), True),
    ],
    EMAIL: [(balancer("vip-mail"), False), (app("exchange"), False), (app("smtp-relay"), False)],
    ERP: [(app("sap-s4hana"), False), (database("sap-hana-db"), False), (service(SSO), True)],
    HR: [(app("hr-portal"), False), (service(SSO), False), (service(EMAIL), True)],
    BI: [(app("bi-reports"), False), (database("dwh"), False), (app("airflow"), True)],
    SSO: [(app("keycloak"), False), (app("active-directory"), False), (app("dns"), False)],
    LOGISTICS: [(app("wms"), False), (service(ERP), True), (app("edi-gateway"), True)],
    WIKI: [(app("confluence"), False), (service(SSO), False)],
}


def build_services(b: DatasetBuilder) -> None:
    for name, crit, users, sla, owner, description in SERVICES:
        b.add_service(DemoService(name, crit, users, sla, owner, description))
    for name, needs in NEEDS.items():
        for target, soft in needs:
            b.depends(service(name), target, soft=soft)


#: DESIGN's worked example, by its own names so impact tests can find it
EXAMPLE_SERVICE = "Web Shop Demo"
EXAMPLE_CLUSTER = "web-cluster"
EXAMPLE_VMS = ("web1", "web2", "web3")
EXAMPLE_HOSTS = ("h1", "h2")


def build_worked_example(b: DatasetBuilder, dc: Datacentre) -> None:
    """DESIGN's impact example, kept isolated so its outcome is exactly as written.

    ``h1`` down -> web1, web2 down -> web-cluster has 1 of 3 (needs 2) -> down ->
    Web Shop Demo down; only web3 down -> cluster and service degraded. The hosts
    are cabled to a ToR (CONNECTED_TO does not propagate) but depend on nothing, so
    no other failure reaches the example.
    """
    site = dc.sites["dc1"]
    hosts: list[CIRef] = []
    for name in EXAMPLE_HOSTS:
        host = b.physical(
            CIClass.SERVER,
            name,
            hw.DELL_R650,
            "dc1",
            zone="hosts",
            criticality=3,
            description="Hypervisor of the worked impact example",
        )
        b.connect(host, "vmnic0", site.tors[-1], site.spec.port(40 + len(hosts)))
        hosts.append(host)
    vms = [
        b.virtual_machine(
            name,
            "dc1",
            os=hw.UBUNTU,
            cores=2,
            zone="web",
            criticality=3,
            description="Web server of the worked impact example",
        )
        for name in EXAMPLE_VMS
    ]
    for machine, host in zip(vms, (hosts[0], hosts[0], hosts[1]), strict=True):
        b.relate(machine, RelType.HOSTED_ON, host)
    web = b.cluster(
        EXAMPLE_CLUSTER, vms, 2, criticality=3, description="Worked example: 3 web VMs, needs 2"
    )
    b.add_service(
        DemoService(
            EXAMPLE_SERVICE,
            3,
            1_000,
            99.9,
            "Demo Team",
            f"DESIGN's worked impact example (shop.demo.{DOMAIN})",
        )
    )
    b.depends(service(EXAMPLE_SERVICE), web)
