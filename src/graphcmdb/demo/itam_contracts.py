"""The demo's support, maintenance, licence and subscription contracts.

End dates are counted from the load date, so what the demo shows as "expiring within
90 days" stays true whenever it is loaded: the Dell hypervisor support (hosts of
criticality-5 services; its notice period has already passed), Cisco Smart Net, the F5
support (its notice date is in the window) and the JetBrains subscription (a licence
contract). Everything else ends later. The assets each support contract covers are
listed with the fleet (``itam_fleet.FLEET``).
"""

from __future__ import annotations

from datetime import date, timedelta

from graphcmdb.demo.itam_history import add_months
from graphcmdb.demo.itam_model import CURRENCY, Row, money
from graphcmdb.graph.enums import ContractKind

DELL_PROSUPPORT = "SUP-DELL-2021-044"
DELL_DATA_PROTECTION = "SUP-DELL-2022-117"
HPE_TECH_CARE = "SUP-HPE-2020-310"
CISCO_SMARTNET = "SUP-CSCO-2020-870"
ARISTA_CARE = "SUP-ARIS-2021-022"
PALO_ALTO_SUPPORT = "SUP-PAN-2021-115"
JUNIPER_CARE = "SUP-JNPR-2020-403"
NETAPP_SUPPORT = "MNT-NTAP-2022-051"
PURE_EVERGREEN = "MNT-PURE-2023-009"
F5_SUPPORT = "SUP-F5-2021-260"
MICROSOFT_EA = "EA-MSFT-2023-001"
RED_HAT = "SUB-RHAT-2022-778"
VMWARE = "SUB-VMW-2024-015"
SUSE = "SUB-SUSE-2023-042"
VEEAM = "SUB-VEEAM-2023-330"
JETBRAINS = "SUB-JB-2024-118"

SUPPORT = ContractKind.SUPPORT
MAINTENANCE = ContractKind.MAINTENANCE
LICENSE = ContractKind.LICENSE
SUBSCRIPTION = ContractKind.SUBSCRIPTION

#: number -> what the contract is
NAMES: dict[str, str] = {
    DELL_PROSUPPORT: "Dell ProSupport Plus: hypervisors",
    DELL_DATA_PROTECTION: "Dell ProSupport: backup appliances",
    HPE_TECH_CARE: "HPE Tech Care Critical: dc2 hosts and HANA",
    CISCO_SMARTNET: "Cisco Smart Net Total Care",
    ARISTA_CARE: "Arista A-Care: dc2 fabric",
    PALO_ALTO_SUPPORT: "Palo Alto Networks Premium Support",
    JUNIPER_CARE: "Juniper Care Core: dc1 edge routers",
    NETAPP_SUPPORT: "NetApp SupportEdge Premium",
    PURE_EVERGREEN: "Pure Storage Evergreen//Gold",
    F5_SUPPORT: "F5 Premium Support",
    MICROSOFT_EA: "Microsoft Enterprise Agreement",
    RED_HAT: "Red Hat Enterprise Linux subscriptions",
    VMWARE: "VMware vSphere Foundation subscription",
    SUSE: "SUSE Linux Enterprise Server for SAP subscriptions",
    VEEAM: "Veeam Data Platform subscription",
    JETBRAINS: "JetBrains IntelliJ IDEA Ultimate (named users)",
}

#: number, vendor, kind, term in years, days from the load date to the end, annual cost,
#: renews automatically, notice days
CONTRACTS: tuple[tuple[str, str, ContractKind, int, int, str, bool, int], ...] = (
    (DELL_PROSUPPORT, "Dell", SUPPORT, 3, 62, "38400", False, 90),
    (DELL_DATA_PROTECTION, "Dell", SUPPORT, 3, 250, "14900", False, 60),
    (HPE_TECH_CARE, "HPE", SUPPORT, 5, 310, "41200", False, 90),
    (CISCO_SMARTNET, "Cisco", SUPPORT, 3, 75, "22600", False, 30),
    (ARISTA_CARE, "Arista", SUPPORT, 3, 165, "16800", False, 60),
    (PALO_ALTO_SUPPORT, "Palo Alto Networks", SUPPORT, 3, 210, "31000", False, 60),
    (JUNIPER_CARE, "Juniper Networks", SUPPORT, 5, 330, "9800", False, 60),
    (NETAPP_SUPPORT, "NetApp", MAINTENANCE, 5, 430, "26500", False, 90),
    (PURE_EVERGREEN, "Pure Storage", MAINTENANCE, 3, 455, "48000", True, 90),
    (F5_SUPPORT, "F5", SUPPORT, 3, 120, "18700", False, 60),
    (MICROSOFT_EA, "Microsoft", LICENSE, 3, 595, "186000", False, 90),
    (RED_HAT, "Red Hat", SUBSCRIPTION, 3, 200, "13960", False, 60),
    (VMWARE, "VMware by Broadcom", SUBSCRIPTION, 3, 280, "190080", False, 90),
    (SUSE, "SUSE", SUBSCRIPTION, 3, 380, "18900", True, 60),
    (VEEAM, "Veeam", SUBSCRIPTION, 3, 330, "2300", True, 30),
    (JETBRAINS, "JetBrains", SUBSCRIPTION, 1, 40, "8386", True, 30),
)


def contracts(today: date, covered: dict[str, list[str]]) -> list[Row]:
    """The contract import rows; ``covered``: the asset tags each contract covers."""
    rows: list[Row] = []
    for number, vendor, kind, years, ends_in, cost, renews, notice in CONTRACTS:
        end = today + timedelta(days=ends_in)
        rows.append(
            {
                "number": number,
                "name": NAMES[number],
                "kind": kind.value,
                "startDate": add_months(end, -12 * years) + timedelta(days=1),
                "endDate": end,
                "annualCost": money(cost),
                "currency": CURRENCY,
                "autoRenew": renews,
                "noticeDays": notice,
                "vendorName": vendor,
                "assetTags": covered.get(number, []),
            }
        )
    return rows
