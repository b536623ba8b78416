"""Corporate IT (identity, mail, ERP, HR, BI, logistics, wiki), IT tooling and the
staging, test and development estate."""

from __future__ import annotations

from graphcmdb.demo import hardware as hw
from graphcmdb.demo.applications import MONITORING, Landscape, Tier
from graphcmdb.demo.builder import app, database
from graphcmdb.demo.model import CIRef
from graphcmdb.graph.enums import CIClass, CIStatus, Environment

APP = CIClass.APPLICATION
DB = CIClass.DATABASE


def build_identity(ls: Landscape) -> None:
    b = ls.b
    ad = ls.clustered(
        Tier(
            "ad",
            3,
            hw.WIN2022,
            4,
            "Active Directory domain controller",
            "infra",
            sites=("dc1", "dc2"),
            criticality=5,
        ),
        "ad-cluster",
        1,
    )
    directory = b.software(
        APP,
        "active-directory",
        [ad],
        criticality=5,
        description="Active Directory forest corp.example.com",
    )
    dns = ls.clustered(
        Tier("dns", 2, hw.DEBIAN, 2, "DNS resolver", "infra", sites=("dc1", "dc2"), criticality=5),
        "dns-cluster",
        1,
    )
    b.software(APP, "dns", [dns], criticality=5, description="BIND 9.18 internal resolvers")
    pg = ls.clustered(
        Tier(
            "pg-shared",
            3,
            hw.RHEL9,
            8,
            "PostgreSQL node (Patroni)",
            "data",
            sites=("dc1", "dc2"),
            criticality=5,
        ),
        "pg-shared-cluster",
        2,
    )
    for name, what in (
        ("sso-db", "Keycloak realm store"),
        ("wiki-db", "Confluence database"),
        ("logistics-db", "Warehouse management database"),
    ):
        b.software(DB, name, [pg], criticality=4, description=f"PostgreSQL 16: {what}")
    sso = ls.clustered(
        Tier("sso", 3, hw.RHEL9, 4, "Keycloak node", criticality=5), "sso-cluster", 2
    )
    keycloak = b.software(
        APP, "keycloak", [sso], criticality=5, description="Keycloak 24 single sign-on (OIDC/SAML)"
    )
    ls.hard(keycloak, database("sso-db"), directory)
    ls.soft(keycloak, MONITORING)


def build_office(ls: Landscape) -> None:
    """Mail, wiki and HR."""
    b = ls.b
    exch = ls.clustered(
        Tier("exch", 2, hw.WIN2019, 8, "Exchange mailbox server", sites=("dc1", "dc2")),
        "exchange-dag",
        1,
    )
    exchange = b.software(
        APP,
        "exchange",
        [exch],
        criticality=4,
        description="Exchange Server 2019 database availability group",
    )
    relay = ls.clustered(
        Tier("smtp", 2, hw.DEBIAN, 2, "SMTP relay", "web", sites=("dc1", "dc2")),
        "smtp-relay-cluster",
        1,
    )
    smtp = b.software(
        APP,
        "smtp-relay",
        [relay],
        criticality=4,
        description="Postfix relays with spam and virus filtering",
    )
    ls.vip("vip-mail", "dc1", exch, "mail.example.com:443 -> Exchange pool")
    ls.hard(exchange, app("active-directory"), app("dns"))
    ls.soft(exchange, smtp)
    wiki_vm = ls.tier(Tier("wiki", 1, hw.UBUNTU, 4, "Wiki server", criticality=2))
    wiki = b.software(
        APP,
        "confluence",
        wiki_vm,
        criticality=2,
        description="Confluence Data Center (single node)",
    )
    ls.hard(wiki, database("wiki-db"), app("keycloak"))
    hr_web = ls.clustered(
        Tier("hr-web", 2, hw.WIN2022, 4, "HR portal web server", "web", criticality=3),
        "hr-web-cluster",
        1,
    )
    hr = b.software(
        APP,
        "hr-portal",
        [hr_web],
        criticality=3,
        description="Employee self-service (leave, payslips, reviews)",
    )
    sql_hr = ls.tier(Tier("sql-hr", 1, hw.WIN2022, 4, "SQL Server", "data", criticality=3))
    hr_db = b.software(DB, "hr-db", sql_hr, criticality=3, description="SQL Server 2019 HR data")
    ls.hard(hr, hr_db, app("keycloak"))
    ls.soft(hr, app("sap-s4hana"), smtp)


def build_erp_and_bi(ls: Landscape) -> None:
    b = ls.b
    sap_vms = ls.clustered(
        Tier("sap-app", 3, hw.SLES, 16, "SAP application server", criticality=5),
        "sap-app-cluster",
        2,
    )
    sap = b.software(
        APP,
        "sap-s4hana",
        [sap_vms],
        criticality=5,
        description="SAP S/4HANA 2023 finance, procurement, sales",
    )
    hana_hosts = [
        ls.dc.rack_server(
            ls.dc.sites[site],
            f"hana-{site}-01",
            hw.HPE_DL580,
            criticality=5,
            description="SAP HANA appliance",
            rack=1,
        )
        for site in ("dc1", "dc2")
    ]
    hana = b.cluster(
        "hana-cluster",
        hana_hosts,
        1,
        criticality=5,
        description="HANA system replication, primary dc1, secondary dc2",
    )
    hana_db = b.software(DB, "sap-hana-db", [hana], criticality=5, description="SAP HANA 2.0 SPS07")
    ls.hard(sap, hana_db)
    ls.soft(sap, app("smtp-relay"), app("event-bus"))
    dc1 = ls.dc.sites["dc1"]
    dwh_hosts = [
        ls.dc.rack_server(
            dc1,
            f"dwh-dc1-{n:02d}",
            hw.DELL_R760,
            criticality=3,
            description=f"ClickHouse node {n:02d}",
        )
        for n in range(1, 5)
    ]
    dwh = b.software(
        DB,
        "dwh",
        [
            b.cluster(
                "dwh-cluster",
                dwh_hosts,
                3,
                criticality=3,
                description="ClickHouse, 4 shards, needs 3",
            )
        ],
        criticality=3,
        description="ClickHouse 24.3 data warehouse",
    )
    etl = ls.clustered(
        Tier("etl", 2, hw.RHEL9, 8, "Airflow worker", criticality=2), "etl-cluster", 1
    )
    airflow = b.software(
        APP, "airflow", [etl], criticality=2, description="Apache Airflow 2.9 nightly loads"
    )
    bi = ls.clustered(Tier("bi", 2, hw.WIN2022, 8, "Report server", criticality=3), "bi-cluster", 1)
    reports = b.software(
        APP, "bi-reports", [bi], criticality=3, description="Power BI Report Server"
    )
    ls.hard(airflow, dwh)
    ls.soft(airflow, database("shop-db"), database("payments-db"), hana_db, app("event-bus"))
    ls.hard(reports, dwh, app("active-directory"))


def build_logistics(ls: Landscape) -> None:
    b = ls.b
    logi = ls.clustered(
        Tier("logi-app", 2, hw.RHEL9, 8, "Warehouse management server", sites=("dc2",)),
        "logistics-cluster",
        1,
    )
    wms = b.software(
        APP,
        "wms",
        [logi],
        criticality=4,
        description="Warehouse management: picking, packing, shipping",
    )
    edi_vm = ls.tier(Tier("edi", 1, hw.RHEL9, 4, "EDI gateway", "web", sites=("dc2",)))
    edi = b.software(
        APP, "edi-gateway", edi_vm, criticality=3, description="AS2/SFTP exchange with carriers"
    )
    ls.hard(wms, database("logistics-db"), app("event-bus"))
    ls.soft(wms, app("sap-s4hana"), edi, MONITORING)


#: IT tooling: (VM prefix, count, os, cores, application, what, min available or 0)
TOOLS: tuple[tuple[str, int, str, int, str, str, int], ...] = (
    ("vcenter", 1, "VMware Photon OS 3.0", 8, "vcenter", "vCenter Server 8.0", 0),
    ("veeam", 2, hw.WIN2022, 8, "veeam-backup", "Veeam Backup & Replication 12", 1),
    ("fs", 2, hw.WIN2022, 4, "file-shares", "DFS file shares", 1),
    ("proxy", 2, hw.DEBIAN, 2, "web-proxy", "Squid outbound proxy", 1),
    ("radius", 2, hw.WIN2022, 2, "radius", "NPS RADIUS for Wi-Fi and VPN", 1),
    ("pki", 1, hw.WIN2022, 2, "pki-ca", "Issuing certificate authority", 0),
    ("print", 1, hw.WIN2019, 2, "print-server", "Print server", 0),
    ("syslog", 1, hw.RHEL9, 4, "syslog-collector", "rsyslog collector", 0),
    ("gitlab", 1, hw.UBUNTU, 16, "gitlab", "GitLab EE", 0),
    ("artifactory", 1, hw.UBUNTU, 8, "artifactory", "JFrog Artifactory", 0),
    ("vdi-broker", 2, hw.WIN2022, 4, "vdi", "Citrix Virtual Apps delivery controller", 1),
    ("jump", 2, hw.WIN2022, 4, "jump-hosts", "Admin jump hosts (RDP/SSH bastion)", 1),
)


def build_tools(ls: Landscape) -> None:
    b = ls.b
    for prefix, count, os, cores, name, what, min_up in TOOLS:
        t = Tier(prefix, count, os, cores, what, "infra", sites=("dc1", "dc2"), criticality=2)
        hosts = [ls.clustered(t, f"{prefix}-cluster", min_up)] if min_up else ls.tier(t)
        tool = b.software(APP, name, hosts, criticality=2, description=what)
        ls.soft(tool, MONITORING)
    ls.hard(app("veeam-backup"), CIRef(CIClass.STORAGE_DEVICE, "dd-dc1"))
    ls.hard(app("vdi"), app("active-directory"))
    runners = ls.tier(Tier("ci-runner", 8, hw.UBUNTU, 8, "GitLab runner", criticality=1))
    b.update(runners[-1], status=CIStatus.MAINTENANCE)
    for runner in runners:
        ls.soft(runner, app("gitlab"))


#: (VM prefix, VMs, os, cores, application or database it hosts, class)
NONPROD: tuple[tuple[str, int, str, int, str, CIClass], ...] = (
    ("shop-web", 2, hw.UBUNTU, 2, "shop-frontend", APP),
    ("shop-app", 2, hw.RHEL9, 4, "shop-backend", APP),
    ("pg-shop", 1, hw.RHEL9, 4, "shop-db", DB),
    ("pay-app", 1, hw.RHEL9, 4, "payments-gateway", APP),
    ("pg-pay", 1, hw.RHEL9, 4, "payments-db", DB),
    ("portal-web", 1, hw.UBUNTU, 2, "customer-portal", APP),
    ("api-gw", 1, hw.UBUNTU, 2, "mobile-api", APP),
    ("sso", 1, hw.RHEL9, 2, "keycloak", APP),
    ("search-app", 1, hw.UBUNTU, 2, "search-api", APP),
    ("hr-web", 1, hw.WIN2022, 2, "hr-portal", APP),
    ("sap-app", 2, hw.SLES, 8, "sap-s4hana", APP),
)


def build_nonprod(ls: Landscape) -> None:
    """Staging and test copies of the main systems, plus developer boxes."""
    b = ls.b
    for env, suffix in ((Environment.STAGING, "stg"), (Environment.TEST, "tst")):
        for prefix, count, os, cores, name, ci_class in NONPROD:
            hosts = ls.tier(
                Tier(
                    f"{prefix}-{suffix}",
                    count,
                    os,
                    cores,
                    f"{env.value.title()} {prefix}",
                    sites=("dc2",),
                    environment=env,
                    criticality=2 if suffix == "stg" else 1,
                )
            )
            b.software(
                ci_class,
                f"{name}-{suffix}",
                hosts,
                environment=env,
                criticality=2 if suffix == "stg" else 1,
                description=f"{env.value.title()} instance of {name}",
            )
        ls.hard(app(f"shop-backend-{suffix}"), database(f"shop-db-{suffix}"))
        ls.hard(app(f"shop-frontend-{suffix}"), app(f"shop-backend-{suffix}"))
        ls.hard(app(f"payments-gateway-{suffix}"), database(f"payments-db-{suffix}"))
    es = ls.clustered(
        Tier(
            "es-stg",
            3,
            hw.UBUNTU,
            4,
            "Staging Elasticsearch node",
            "data",
            sites=("dc2",),
            environment=Environment.STAGING,
            criticality=2,
        ),
        "es-stg-cluster",
        2,
    )
    b.software(
        DB,
        "search-index-stg",
        [es],
        environment=Environment.STAGING,
        criticality=2,
        description="Staging search index",
    )
    ls.tier(
        Tier(
            "devbox",
            12,
            hw.UBUNTU,
            8,
            "Developer VM",
            sites=("dc2",),
            environment=Environment.DEVELOPMENT,
            criticality=1,
        )
    )


def build_corporate(ls: Landscape) -> None:
    build_identity(ls)
    build_office(ls)
    build_erp_and_bi(ls)
    build_logistics(ls)
    build_tools(ls)
    build_nonprod(ls)
