"""The demo's software: products, licences and where each product is installed.

Positions the demo shows (``licensePositions``):

* OVER_DEPLOYED: Red Hat Enterprise Linux 9 (PER_DEVICE), 40 subscriptions for every
  RHEL host and VM (49);
* UNDER_USED: Windows Server Datacenter 2022 (PER_CORE), 500 cores bought, 320 used by
  the five 64-core hosts of the Windows host group: 180 unused x 96.00 = 17,280.00 EUR
  a year to save;
* PER_USER: IntelliJ IDEA Ultimate, one unit per developer holding a devbox (12 of 14);
* everything else compliant; PostgreSQL has no licence, so it is not reported.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from graphcmdb.demo.itam_contracts import (
    JETBRAINS,
    MICROSOFT_EA,
    RED_HAT,
    SUSE,
    VEEAM,
    VMWARE,
)
from graphcmdb.demo.itam_model import CURRENCY, Row, money
from graphcmdb.demo.model import DemoDataset
from graphcmdb.graph.enums import CIClass, LicenseMetric

WINDOWS_DC = "windows-dc"
SQL_SERVER = "sql-server"
EXCHANGE = "exchange"
RHEL = "rhel"
VSPHERE = "vsphere"
SLES_SAP = "sles-sap"
VEEAM_BR = "veeam"
INTELLIJ = "intellij"
POSTGRES = "postgres"

CORE = LicenseMetric.PER_CORE
DEVICE = LicenseMetric.PER_DEVICE
USER = LicenseMetric.PER_USER

#: handle -> publisher, product, version
PRODUCTS: dict[str, tuple[str, str, str]] = {
    WINDOWS_DC: ("Microsoft", "Windows Server Datacenter", "2022"),
    SQL_SERVER: ("Microsoft", "SQL Server Enterprise", "2022"),
    EXCHANGE: ("Microsoft", "Exchange Server", "2019"),
    RHEL: ("Red Hat", "Red Hat Enterprise Linux", "9"),
    VSPHERE: ("VMware", "vSphere Foundation", "8"),
    SLES_SAP: ("SUSE", "SUSE Linux Enterprise Server for SAP Applications", "15"),
    VEEAM_BR: ("Veeam", "Veeam Backup & Replication", "12"),
    INTELLIJ: ("JetBrains", "IntelliJ IDEA Ultimate", "2024"),
    POSTGRES: ("PostgreSQL Global Development Group", "PostgreSQL", "16"),
}

#: name, product, metric, quantity, unit cost a year (EUR), contract
LICENCES: tuple[tuple[str, str, LicenseMetric, int, str, str], ...] = (
    ("Windows Server Datacenter 2022 cores (EA)", WINDOWS_DC, CORE, 500, "96", MICROSOFT_EA),
    ("SQL Server 2022 Enterprise cores (EA)", SQL_SERVER, CORE, 24, "1420", MICROSOFT_EA),
    ("Exchange Server 2019 (EA)", EXCHANGE, DEVICE, 2, "720", MICROSOFT_EA),
    ("RHEL 9 server subscriptions", RHEL, DEVICE, 40, "349", RED_HAT),
    ("vSphere Foundation 8 cores", VSPHERE, CORE, 1408, "135", VMWARE),
    ("SLES for SAP 15 subscriptions", SLES_SAP, DEVICE, 10, "1890", SUSE),
    ("Veeam Backup & Replication 12", VEEAM_BR, DEVICE, 2, "1150", VEEAM),
    ("IntelliJ IDEA Ultimate named users", INTELLIJ, USER, 14, "599", JETBRAINS),
)

#: product, CI attribute ("name" or "os"), pattern it must match, version reported,
#: days since the roll-out
INSTALLS: tuple[tuple[str, str, str, str, int], ...] = (
    (WINDOWS_DC, "name", r"esx-dc1-0[1-5]", "10.0.20348", 700),
    (SQL_SERVER, "name", r"sql-(crm|hr)-\d+", "16.0.4135.4", 520),
    (EXCHANGE, "name", r"exch-\d+", "15.2.1544.4", 610),
    (RHEL, "os", r"Red Hat Enterprise Linux 9\..*", "9.3", 300),
    (VSPHERE, "os", r"VMware ESXi 8\..*", "8.0.2", 330),
    (SLES_SAP, "os", r"SUSE Linux Enterprise Server 15.*", "15.5", 420),
    (VEEAM_BR, "name", r"veeam-\d+", "12.1.2.172", 280),
    (INTELLIJ, "name", r"devbox-\d+", "2024.1.4", 150),
    (POSTGRES, "name", r"pg-[a-z]+(-(stg|tst))?-\d+", "16.2", 360),
)

HOSTS = (CIClass.SERVER, CIClass.VIRTUAL_MACHINE)


def product_columns(handle: str) -> dict[str, str]:
    """A product as the imports name it: publisher, product, version."""
    publisher, product, version = PRODUCTS[handle]
    return {"publisher": publisher, "product": product, "version": version}


def licences() -> list[Row]:
    """The licence import rows; a licence's reference is its contract and product."""
    return [
        {
            "reference": f"{contract}-{handle.upper()}",
            "name": name,
            **product_columns(handle),
            "metric": metric.value,
            "quantity": quantity,
            "unitCost": money(unit_cost),
            "currency": CURRENCY,
            "contractNumber": contract,
        }
        for name, handle, metric, quantity, unit_cost, contract in LICENCES
    ]


def installs(data: DemoDataset, today: date) -> list[Row]:
    """The installation import rows: each product on the hosts its pattern matches."""
    found: list[Row] = []
    for handle, attribute, pattern, version, days_ago in INSTALLS:
        when = datetime.combine(today - timedelta(days=days_ago), time(14, 0), UTC)
        wanted = re.compile(pattern)
        found.extend(
            {
                "ciClass": ci.ciClass.value,
                "ciName": ci.name,
                **product_columns(handle),
                "installedVersion": version,
                "installedAt": when,
            }
            for ci in data.cis
            if ci.ciClass in HOSTS and wanted.fullmatch(getattr(ci, attribute) or "")
        )
    return found
